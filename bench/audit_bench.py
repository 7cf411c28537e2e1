"""Audit throughput and memory: `python bench/audit_bench.py [--messages 20000] [--small 3000] [--repeat 3]`.

Generates seeded mboxes of varied sales emails (senders, months of dates, purposeless and purposeful
bodies, quoted replies, signatures, some HTML-only), then runs `scriptlint audit` as a subprocess and
reports, for a 3,000-message mbox and the large bench, messages/s at --jobs 1 and --jobs 2 (wall
clock, start-up included: the issue's figure; and after start-up), the --jobs 2 / --jobs 1 ratio
within one run, CPU seconds of the process tree, and the peak memory of the tree (parent plus
workers, sampled with psutil; without psutil, the largest single process from getrusage). Peak
memory is measured at a quarter of the messages and at all of them: it must not grow with the mbox.
Medians of --repeat runs; --jobs 1 and 2 runs interleave.
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


def run_audit(mbox: Path, jobs: int, workdir: Path) -> tuple[float, float, str, int, float, float]:
    """(seconds, peak MiB of the process tree, how memory was measured, result lines, steady msg/s, CPU seconds).

    Steady msg/s counts from the first result on, so it leaves out start-up (imports, spawning workers,
    loading the pipeline in each). CPU seconds are those of the whole process tree (getrusage of the
    finished children): unlike wall-clock time they hardly change when other work shares the machine.
    """
    out = workdir / f"results-{jobs}.jsonl"
    cmd = [sys.executable, "-m", "scriptlint", "audit", str(mbox), "--out", str(out), "--force", "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
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
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}): {err.decode()[-500:]}")
    rusage_peak = after.ru_maxrss / 1024
    lines = sum(1 for _ in open(out, "rb"))
    steady = 0.0
    if first is not None:
        done_after = lines * (1 - first[1] / out.stat().st_size)
        steady = done_after / max(started + seconds - first[0], 1e-9)
    out.unlink()
    return seconds, peak or rusage_peak, how if peak else "getrusage (largest single process)", lines, steady, cpu


def measure(mbox: Path, count: int, repeat: int, workdir: Path) -> dict[int, dict[str, float]]:
    """Median figures per --jobs setting; runs of --jobs 1 and 2 are interleaved so drift hits both."""
    runs: dict[int, list[tuple]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            run = run_audit(mbox, jobs, workdir)
            assert run[3] == count, f"{run[3]} result lines for {count} messages"
            runs[jobs].append(run)
    figures = {}
    for jobs, values in runs.items():
        seconds = statistics.median(r[0] for r in values)
        figures[jobs] = {
            "seconds": seconds,
            "rate": count / seconds,
            "steady": statistics.median(r[4] for r in values),
            "peak": statistics.median(r[1] for r in values),
            "cpu": statistics.median(r[5] for r in values),
        }
    return figures


def report(label: str, count: int, figures: dict[int, dict[str, float]], repeat: int) -> None:
    print(f"{label}: {count} messages, median of {repeat} run(s) per setting")
    for jobs, f in figures.items():
        print(
            f"  --jobs {jobs}: {f['seconds']:6.1f} s = {f['rate']:5.0f} msg/s wall clock (start-up included), "
            f"{f['steady']:5.0f} msg/s after start-up; CPU {f['cpu']:.1f} s ({1000 * f['cpu'] / count:.2f} ms/msg); "
            f"peak {f['peak']:.0f} MiB"
        )
    rate = figures[2]["rate"]
    speedup = figures[2]["rate"] / figures[1]["rate"]
    print(f"  --jobs 2: {rate:.0f} msg/s (target >= 1000): {'ok' if rate >= 1000 else 'BELOW TARGET'}")
    print(f"  --jobs 2 / --jobs 1: {speedup:.2f}x (target >= 1.8x): {'ok' if speedup >= 1.8 else 'BELOW TARGET'}")
    steady = figures[2]["steady"] / max(figures[1]["steady"], 1e-9)
    print(f"  after start-up: {steady:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000, help="the large bench")
    parser.add_argument("--small", type=int, default=3_000, help="the small mbox (0: skip it)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; the median is reported")
    args = parser.parse_args()
    cores = os.cpu_count()
    load = os.getloadavg()[0]
    print(f"machine: {cores} cores, load average {load:.1f} before starting, Python {sys.version.split()[0]}")
    if load > 0.5:
        print("note: other work on this machine skews wall-clock figures; CPU seconds are steadier")
    with tempfile.TemporaryDirectory(prefix="scriptlint-bench-") as tmp:
        workdir = Path(tmp)
        sizes = [n for n in (args.small, args.messages) if n]
        for count in sizes:
            mbox = workdir / f"{count}.mbox"
            generate(mbox, count)
            report(
                f"mbox of {mbox.stat().st_size / 2**20:.1f} MiB",
                count,
                measure(mbox, count, args.repeat, workdir),
                args.repeat,
            )
        quarter = max(args.messages // 4, 1)
        small, big = workdir / "quarter.mbox", workdir / f"{args.messages}.mbox"
        generate(small, quarter)
        _, peak_small, how, _, _, _ = run_audit(small, 2, workdir)
        _, peak_big, _, _, _, _ = run_audit(big, 2, workdir)
        print(
            f"peak memory at --jobs 2, {quarter} -> {args.messages} messages: {peak_small:.0f} -> {peak_big:.0f} MiB "
            f"({peak_big / peak_small:.2f}x; flat if close to 1) [{how}]"
        )


if __name__ == "__main__":
    main()
