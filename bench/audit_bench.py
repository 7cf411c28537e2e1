"""Audit throughput and memory: `python bench/audit_bench.py [--messages 20000] [--repeat 1]`.

Generates a seeded mbox of varied sales emails (senders, months of dates, purposeless and purposeful
bodies, quoted replies, signatures, some HTML-only), then runs `scriptlint audit` as a subprocess and
reports messages/s at --jobs 1 and --jobs 2, and the peak memory of the whole process tree (parent
plus workers, sampled with psutil; without psutil, the largest single process from getrusage). Peak
memory is measured at a quarter of the messages and at all of them: it must not grow with the mbox.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

SENDERS = [
    "sam.ortiz",
    "ana.lima",
    "bo.chen",
    "cy.okafor",
    "dee.patel",
    "eli.novak",
    "fay.moreau",
    "gus.berg",
    "hana.sato",
    "ivo.kral",
    "jo.reyes",
    "kai.lund",
]
NAMES = ["Dana", "Lee", "Kim", "Max", "Jo", "Priya", "Tom", "Sara", "Ravi", "Lena"]
COMPANIES = ["Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark Freight"]
OPENERS_BAD = [
    "Just checking in to see if you had any thoughts on the proposal.",
    "I wanted to touch base since I hadn't heard back.",
    "Just following up on my last email.",
    "Bumping this to the top of your inbox in case it got buried.",
    "Circling back on the below.",
    "Any update on your end?",
    "Did you get a chance to look at the pricing sheet?",
    "Just wanted to reach out and see where things stand.",
    "Hope you're well! Just a gentle nudge on this.",
    "Reaching out again to reconnect.",
]
OPENERS_GOOD = [
    "Your Q{q} report shows freight at {pct}% of revenue; two customers your size cut that to {pct2}% by consolidating carriers.",
    "The pilot ends {day}: {n} of your {m} reps closed deals with the new sequence.",
    "You asked whether the per-seat price drops above 50 seats: it does, to ${p} from ${p2}.",
    "Your security team asked for our SOC 2 report; it is attached, with the pen-test summary.",
    "I read {company}'s announcement about the new {region} warehouse and mapped what it means for your routing.",
    "Attached is the onboarding plan your IT lead asked for: SSO goes live on {date}.",
]
ASKS_GOOD = [
    "Can we take 20 minutes on {day} at {hour}pm to see if it applies to you?",
    "Could you confirm the seat count by {day} so I can hold the price?",
    "If it helps, I can walk your team through it on {day} at {hour}am.",
]
CLOSERS = ["Let me know!", "Thanks,", "Best,", "Cheers,", "Talk soon,"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def body(rng: random.Random, me: str) -> tuple[str, str]:
    """A (subject, body) pair: about 40% purposeless, 45% purposeful, 15% mixed."""
    name, company = rng.choice(NAMES), rng.choice(COMPANIES)
    fill = dict(
        q=rng.randint(1, 4),
        pct=rng.randint(11, 19),
        pct2=rng.randint(5, 10),
        day=rng.choice(DAYS),
        n=rng.randint(2, 5),
        m=rng.randint(5, 9),
        p=rng.randint(30, 40),
        p2=rng.randint(41, 55),
        company=company,
        region=rng.choice(["northern", "coastal", "EU"]),
        hour=rng.randint(1, 4),
        date=f"March {rng.randint(2, 28)}",
    )
    kind = rng.random()
    lines = [f"Hi {name},", ""]
    if kind < 0.40:
        lines += rng.sample(OPENERS_BAD, rng.randint(1, 3))
        subject = rng.choice(["Following up", "Checking in", "Re: proposal", "Quick question", f"{company} x Acme"])
    elif kind < 0.85:
        lines += [rng.choice(OPENERS_GOOD).format(**fill), rng.choice(ASKS_GOOD).format(**fill)]
        subject = rng.choice(
            [f"{company}: freight numbers", "Pilot results", "Your pricing question", "SOC 2 report", "Onboarding plan"]
        )
    else:
        lines += [
            rng.choice(OPENERS_BAD),
            rng.choice(OPENERS_GOOD).format(**fill),
            rng.choice(ASKS_GOOD).format(**fill),
        ]
        subject = rng.choice(["Next steps", "Re: demo", "Update"])
    lines += ["", rng.choice(CLOSERS), me.split(".")[0].title()]
    if rng.random() < 0.5:
        lines += [
            "",
            "-- ",
            f"{me.replace('.', ' ').title()} | Account Executive | Acme",
            f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        ]
    if rng.random() < 0.3:
        lines += [
            "",
            f"On Mon, Jan 5, 2026 at 9:00 AM {name} <{name.lower()}@{company.lower().replace(' ', '')}.example> wrote:",
            "> Thanks, we are reviewing internally.",
            "> Any update from your side on the timeline?",
        ]
    return subject, "\n".join(lines) + "\n"


def generate(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = datetime(2025, 9, 1, 8, tzinfo=timezone.utc)
    span = timedelta(days=180).total_seconds()
    with open(path, "wb") as stream:
        for i in range(count):
            me = rng.choice(SENDERS)
            subject, text = body(rng, me)
            msg = EmailMessage()
            msg["From"] = f"{me.replace('.', ' ').title()} <{me}@acme.example>"
            msg["To"] = "buyer@client.example"
            msg["Subject"] = subject
            when = start + timedelta(seconds=rng.random() * span)
            msg["Date"] = format_datetime(when)
            msg["Message-ID"] = make_msgid(idstring=str(i), domain="acme.example")
            if rng.random() < 0.1:  # HTML-only, as some clients send
                msg.set_content(
                    "<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n\n")) + "</body></html>",
                    subtype="html",
                )
            else:
                msg.set_content(text)
            envelope = f"From {me}@acme.example {when.strftime('%a %b %d %H:%M:%S %Y')}\n".encode()
            raw = msg.as_bytes().replace(b"\nFrom ", b"\n>From ")
            stream.write(envelope + raw + b"\n")


def run_audit(mbox: Path, jobs: int, workdir: Path) -> tuple[float, float, str, int, float]:
    """(seconds, peak MiB of the process tree, how memory was measured, result lines, steady msg/s).

    Steady msg/s counts from the first result on, so it leaves out start-up (imports, spawning workers,
    loading the pipeline in each): the figure that matters for a large mailbox.
    """
    out = workdir / f"results-{jobs}.jsonl"
    cmd = [sys.executable, "-m", "scriptlint", "audit", str(mbox), "--out", str(out), "--force", "--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, how = 0.0, "getrusage (largest single process)"
    first: tuple[float, int] | None = None  # (time, bytes) when the first results appeared
    try:
        import psutil

        root = psutil.Process(proc.pid)
    except ImportError:
        psutil = root = None
    while proc.poll() is None:
        if root is not None:
            how = "psutil (sum of RSS over the process tree, sampled every 0.1 s)"
            try:
                tree = [root] + root.children(recursive=True)
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()) / 2**20)
            except psutil.Error:
                pass
        if first is None and out.exists() and out.stat().st_size:
            first = (time.perf_counter(), out.stat().st_size)
        time.sleep(0.1)
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}): {err.decode()[-500:]}")
    rusage_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = sum(1 for _ in open(out, "rb"))
    steady = 0.0
    if first is not None:
        done_after = lines * (1 - first[1] / out.stat().st_size)
        steady = done_after / max(started + seconds - first[0], 1e-9)
    out.unlink()
    return seconds, peak or rusage_peak, how if peak else "getrusage (largest single process)", lines, steady


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; the median is reported")
    args = parser.parse_args()
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="scriptlint-bench-") as tmp:
        workdir = Path(tmp)
        small, big = workdir / "small.mbox", workdir / "big.mbox"
        t = time.perf_counter()
        generate(big, args.messages)
        generate(small, max(args.messages // 4, 1))
        print(
            f"generated {args.messages} messages ({big.stat().st_size / 2**20:.1f} MiB) and {max(args.messages // 4, 1)} "
            f"in {time.perf_counter() - t:.1f}s; {cores} cores",
            flush=True,
        )
        load = os.getloadavg()[0]
        if load > 0.5:
            print(f"note: load average {load:.1f} before starting; other work on this machine skews the figures")
        rates: dict[int, float] = {}
        steady: dict[int, float] = {}
        peaks: dict[tuple[int, int], float] = {}
        for jobs in (1, 2):
            runs = []
            for _ in range(args.repeat):
                seconds, peak, how, lines, rate = run_audit(big, jobs, workdir)
                assert lines == args.messages, f"{lines} result lines for {args.messages} messages"
                runs.append((seconds, peak, rate))
            seconds = statistics.median(r[0] for r in runs)
            rates[jobs] = args.messages / seconds
            steady[jobs] = statistics.median(r[2] for r in runs)
            peaks[(jobs, args.messages)] = statistics.median(r[1] for r in runs)
            print(
                f"--jobs {jobs}: {args.messages} messages in {seconds:.1f}s = {rates[jobs]:.0f} msg/s wall clock, "
                f"{steady[jobs]:.0f} msg/s after start-up; peak {peaks[(jobs, args.messages)]:.0f} MiB",
                flush=True,
            )
        for label, table in (("wall clock", rates), ("after start-up", steady)):
            speedup = table[2] / table[1]
            print(
                f"speed-up with 2 jobs ({label}): {speedup:.2f}x (target >= 1.7x): {'ok' if speedup >= 1.7 else 'BELOW TARGET'}"
            )
        n_small = max(args.messages // 4, 1)
        seconds, peak_small, how, _, _ = run_audit(small, 2, workdir)
        print(f"--jobs 2: {n_small} messages in {seconds:.1f}s; peak {peak_small:.0f} MiB")
        growth = peaks[(2, args.messages)] / peak_small
        print(
            f"peak memory {n_small} -> {args.messages} messages: {peak_small:.0f} -> {peaks[(2, args.messages)]:.0f} MiB "
            f"({growth:.2f}x; flat if close to 1) [{how}]"
        )


if __name__ == "__main__":
    main()
