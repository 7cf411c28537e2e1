"""A generated mailbox with known truth, for the audit's threads, replies and chases.

`python bench/thread_mailbox.py [--threads 2000] [--out DIR]` writes the same conversations as an
"All mail" mbox (sent and received mixed, full threading headers), a Maildir with separate `Sent`
and `INBOX` folders, and a CRM-style CSV without any threading headers (from, to, date, subject,
body), then audits one of them and compares with the truth. The test suite imports `generate` and
the writers with a few dozen threads.

The truth is kept while simulating, not recomputed from the files: each thread has one rep (team)
and one client. The rep sends purposeful or purposeless touches (by a per-rep style); after each
touch the client replies with a probability that depends on whether the touch was purposeless; an
unanswered rep keeps following up (chasers up to six times), and some end a chase with a push (a
respectful closing note that asks who they chose, purposeful by the labelling rules). The
generator records, per touch, whether it was answered, and per thread which reps chased it.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

TEAM = "acme.example"
REPS = {
    # name: (share of purposeless touches, follow-ups after silence, chance to end a chase with a push)
    "ana": (0.85, 5, 0.0),
    "bo": (0.15, 2, 0.0),
    "cy": (0.5, 3, 0.3),
    "dee": (0.7, 4, 0.8),
}
REPLY_RATE = {"purposeless": 0.12, "purposeful": 0.5}
TOPICS = ["Pricing for Q3", "Pilot results", "Security review", "Onboarding plan", "Renewal", "Freight audit"]
CLIENTS = ["dana", "lee", "kim", "max", "jo", "priya", "tom", "sara", "ravi", "lena", "omar", "ines"]
COMPANIES = ["northwind", "contoso", "globex", "initech", "hooli", "vandelay", "umbrella"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

PURPOSELESS = [
    "Just checking in to see if you had any thoughts. Any update?",
    "I wanted to touch base since I hadn't heard back. Any update on your end?",
    "Just following up on my last email. Did you get a chance to look at it?",
    "Bumping this to the top of your inbox in case it got buried.",
    "Circling back on the below. Any thoughts?",
    "Just wanted to reach out and see where things stand.",
]
PURPOSEFUL = [
    "Your Q{q} report puts freight at {p}% of revenue; two customers your size cut that to {p2}% by "
    "consolidating carriers. Can we take 20 minutes on {day} at {h}pm to see if it applies to you?",
    "The pilot ends {day}: {n} of your {m} reps closed deals with the new sequence. Could you confirm "
    "the seat count by {day} so I can hold the price?",
    "You asked whether the per-seat price drops above 50 seats: it does, to ${a} from ${b}. I can walk "
    "your finance lead through the numbers on {day} at {h}am.",
    "Your security team asked for our SOC 2 report; it is attached, with the pen-test summary. The review "
    "call is booked for {day} at {h}pm.",
]
PUSH = [
    "I haven't heard back, so I'll assume you went another way and close this on my side. If you have "
    "a minute, I'd appreciate knowing who you chose and what tipped it.",
    "This is my last note on this. If it's a no, could you tell me which option you picked instead, so "
    "I can learn from it?",
]
CLIENT_REPLIES = [
    "Thanks, we are looking at it this week and will come back to you.",
    "Good timing, can you send the contract draft?",
    "We went with another vendor, thanks for your time.",
    "Let me check with finance and get back to you.",
]


@dataclass
class Message:
    id: str
    sender: str
    to: str
    when: datetime
    subject: str
    body: str
    team: bool
    purposeless: bool | None = None  # the intended verdict of a team message
    push: bool = False
    replied: bool = False
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    threaded: bool = True  # False: a fresh email typed by hand (no In-Reply-To/References)
    first_touch: bool = False


@dataclass
class Truth:
    """What the audit should find: per touch whether it was answered, and the chased threads."""

    messages: list[Message] = field(default_factory=list)
    threads: int = 0
    chased: int = 0
    chased_by: dict[str, int] = field(default_factory=dict)  # sender -> chased threads
    endings: dict[str, dict[str, int]] = field(default_factory=dict)  # sender -> push/replied/stopped -> chases

    def rates(self, sender: str | None = None, touch: str | None = None) -> dict[str, tuple[int, int]]:
        """verdict -> (messages, replied) for the team (or one sender, one kind of touch)."""
        out: dict[str, tuple[int, int]] = {}
        for verdict in ("purposeless", "purposeful"):
            group = [
                m
                for m in self.messages
                if m.team
                and (sender is None or m.sender == sender)
                and (touch is None or m.first_touch == (touch == "first_touch"))
                and m.purposeless == (verdict == "purposeless")
            ]
            out[verdict] = (len(group), sum(m.replied for m in group))
        return out


def _fill(rng: random.Random, text: str) -> str:
    return text.format(
        q=rng.randint(1, 4),
        p=rng.randint(11, 19),
        p2=rng.randint(5, 10),
        day=rng.choice(DAYS),
        h=rng.randint(1, 4),
        n=rng.randint(2, 5),
        m=rng.randint(6, 9),
        a=rng.randint(30, 40),
        b=rng.randint(41, 55),
    )


def _body(rng: random.Random, client: str, rep: str, kind: str) -> str:
    pool = {"purposeless": PURPOSELESS, "purposeful": PURPOSEFUL, "push": PUSH}[kind]
    return f"Hi {client.title()},\n\n{_fill(rng, rng.choice(pool))}\n\nBest,\n{rep.title()}\n"


def _quote(body: str, who: str, when: datetime) -> str:
    quoted = "\n".join("> " + line if line else ">" for line in body.splitlines())
    return f"\nOn {when.strftime('%a, %b %d, %Y at %H:%M')}, {who} wrote:\n{quoted}\n"


class _Thread:
    """One conversation between a rep and a client, simulated touch by touch."""

    def __init__(self, rng: random.Random, number: int, rep: str, client: str, subject: str, start: datetime):
        self.rng, self.number, self.rep, self.client, self.subject = rng, number, rep, client, subject
        self.when = start
        self.messages: list[Message] = []
        self.run: list[Message] = []  # the rep's current touches with no reply between them
        self.chased = False
        self.endings: list[str] = []  # how each chase in this thread ended

    def _add(self, message: Message) -> Message:
        if self.messages:
            parent = self.messages[-1]
            message.in_reply_to = parent.id
            message.references = [*parent.references, parent.id][-10:]
        self.messages.append(message)
        return message

    def rep_touch(self, kind: str) -> Message:
        rng = self.rng
        self.when += timedelta(days=rng.uniform(2, 6), hours=rng.uniform(0, 6))
        first = not self.messages
        subject = self.subject if first or rng.random() < 0.3 else f"Re: {self.subject}"
        message = self._add(
            Message(
                id=f"t{self.number}.{len(self.messages)}@{TEAM}",
                sender=f"{self.rep}@{TEAM}",
                to=self.client,
                when=self.when,
                subject=subject,
                body=_body(rng, self.client.split("@")[0].split(".")[0], self.rep, kind),
                team=True,
                purposeless=kind == "purposeless",
                push=kind == "push",
                first_touch=first,
            )
        )
        message.threaded = not first and rng.random() < 0.75  # a quarter of follow-ups are fresh emails
        self.run.append(message)
        return message

    def client_reply(self) -> Message:
        rng = self.rng
        last = self.messages[-1]
        last.replied = True
        self._end_run()
        self.when += timedelta(hours=rng.uniform(1, 40))
        prefix = rng.choice(["Re: ", "RE: ", "AW: ", "Re: Re: "])
        body = f"{rng.choice(CLIENT_REPLIES)}\n\n{self.client.split('@')[0].title()}\n" + _quote(
            last.body, last.sender, last.when
        )
        return self._add(
            Message(
                id=f"c{self.number}.{len(self.messages)}@{self.client.split('@')[1]}",
                sender=self.client,
                to=last.sender,
                when=self.when,
                subject=prefix + self.subject,
                body=body,
                team=False,
            )
        )

    def _end_run(self) -> None:
        if len(self.run) >= 3 and sum(bool(m.purposeless) for m in self.run) >= 2:
            self.chased = True
            last = self.run[-1]
            self.endings.append("push" if last.push else "replied" if last.replied else "stopped")
        self.run = []


def _simulate(thread: _Thread, style: tuple[float, int, float]) -> None:
    """Touches until the rep gives up or the conversation ends after a reply."""
    rng = thread.rng
    share, patience, push_chance = style
    kind = "purposeful" if rng.random() >= share else "purposeless"
    unanswered = 0
    while True:
        touch = thread.rep_touch(kind)
        verdict = "purposeless" if touch.purposeless else "purposeful"
        if rng.random() < REPLY_RATE[verdict]:
            thread.client_reply()
            unanswered = 0
            if rng.random() < 0.5:
                return
            kind = "purposeful" if rng.random() >= share / 2 else "purposeless"
            continue
        unanswered += 1
        if touch.push or unanswered > patience:
            thread._end_run()
            return
        ending = unanswered == patience and unanswered >= 2 and rng.random() < push_chance
        kind = "push" if ending else ("purposeful" if rng.random() >= share else "purposeless")


def generate(threads: int = 60, seed: int = 3) -> Truth:
    """`threads` conversations over about four months; every (subject, client) pair is distinct."""
    rng = random.Random(seed)
    truth = Truth()
    start = datetime(2026, 1, 5, 8, tzinfo=timezone.utc)
    pairs: set[tuple[str, str]] = set()
    reps = sorted(REPS)
    for number in range(threads):
        while True:
            client = f"{rng.choice(CLIENTS)}.{rng.randint(1, 99)}@{rng.choice(COMPANIES)}.example"
            subject = rng.choice(TOPICS)
            if (subject, client) not in pairs:
                pairs.add((subject, client))
                break
        rep = reps[number % len(reps)]
        begin = start + timedelta(days=rng.uniform(0, 90), hours=rng.uniform(0, 9))
        thread = _Thread(rng, number, rep, client, subject, begin)
        _simulate(thread, REPS[rep])
        truth.messages.extend(thread.messages)
        truth.threads += 1
        if thread.chased:
            truth.chased += 1
            truth.chased_by[f"{rep}@{TEAM}"] = truth.chased_by.get(f"{rep}@{TEAM}", 0) + 1
        for ending in thread.endings:
            counts = truth.endings.setdefault(f"{rep}@{TEAM}", {"push": 0, "replied": 0, "stopped": 0})
            counts[ending] += 1
    truth.messages.sort(key=lambda m: m.when)
    return truth


# --- writers ------------------------------------------------------------------------------------


def to_email(message: Message) -> bytes:
    msg = EmailMessage()
    msg["From"] = message.sender
    msg["To"] = message.to
    msg["Subject"] = message.subject
    msg["Date"] = format_datetime(message.when)
    msg["Message-ID"] = f"<{message.id}>"
    if message.in_reply_to and (message.threaded or not message.team):
        msg["In-Reply-To"] = f"<{message.in_reply_to}>"
        msg["References"] = " ".join(f"<{r}>" for r in message.references)
    msg.set_content(message.body)
    return msg.as_bytes()


def write_mbox(truth: Truth, path: Path) -> Path:
    """Gmail Takeout's "All mail": sent and received in one file, by date."""
    with open(path, "wb") as stream:
        for message in truth.messages:
            envelope = f"From {message.sender} {message.when.strftime('%a %b %d %H:%M:%S %Y')}\n".encode()
            stream.write(envelope + to_email(message).replace(b"\nFrom ", b"\n>From ") + b"\n")
    return path


def write_maildir(truth: Truth, root: Path) -> tuple[Path, Path]:
    """A Maildir per folder: the team's mail in `Sent`, the clients' in `INBOX`."""
    sent, inbox = root / "Sent", root / "INBOX"
    for box in (sent, inbox):
        for sub in ("cur", "new", "tmp"):
            (box / sub).mkdir(parents=True, exist_ok=True)
    for number, message in enumerate(truth.messages):
        box = sent if message.team else inbox
        name = f"{int(message.when.timestamp())}.M{number}P1.bench:2,S"
        (box / "cur" / name).write_bytes(to_email(message))
    return sent, inbox


def write_csv(truth: Truth, path: Path) -> Path:
    """A CRM export: one row per email, no Message-ID, no threading headers."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["From", "To", "Date", "Subject", "Body"])
        for message in truth.messages:
            writer.writerow([message.sender, message.to, message.when.isoformat(), message.subject, message.body])
    return path


# --- the command --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, help="where to write the mailboxes (default: a temporary folder)")
    parser.add_argument("--audit", choices=("mbox", "maildir", "csv", "none"), default="mbox")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    truth = generate(args.threads, args.seed)
    folder = args.out or Path(tempfile.mkdtemp(prefix="scriptlint-threads-"))
    folder.mkdir(parents=True, exist_ok=True)
    sources = {
        "mbox": [write_mbox(truth, folder / "all-mail.mbox")],
        "maildir": list(write_maildir(truth, folder / "mail")),
        "csv": [write_csv(truth, folder / "crm.csv")],
    }
    team = sum(m.team for m in truth.messages)
    print(f"{len(truth.messages)} messages ({team} sent by the team) in {truth.threads} threads -> {folder}")
    print(f"truth: {truth.chased} chased threads {truth.chased_by}")
    for verdict, (n, k) in truth.rates().items():
        print(f"truth: {verdict}: {k}/{n} replied ({k / max(n, 1):.3f})")
    if args.audit != "none":
        _audit(sources[args.audit], folder, args.jobs, truth)


def _audit(sources: list[Path], folder: Path, jobs: int, truth: Truth) -> None:
    import json
    import subprocess
    import time

    summary = folder / "summary.json"
    cmd = [sys.executable, "-m", "scriptlint", "audit", *map(str, sources), "--only-from", TEAM]
    cmd += ["--out", str(folder / "results.jsonl"), "--force", "--jobs", str(jobs), "--summary", str(summary)]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    print(f"audit: {time.perf_counter() - started:.1f} s")
    data = json.loads(summary.read_text())
    for verdict in ("purposeless", "purposeful"):
        got = data["replies"]["team"][verdict]
        n, k = truth.rates()[verdict]
        print(f"audit: {verdict}: {got['replied']}/{got['messages']} ({got['rate']:.3f}) vs truth {k / max(n, 1):.3f}")
    print(f"audit: {data['threads']['chased']} chased threads vs truth {truth.chased}")


if __name__ == "__main__":
    main()
