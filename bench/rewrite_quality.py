"""Rewrite quality on drafts written for it (`bench/rewrite_drafts.jsonl`, not from corpus/).

    python bench/rewrite_quality.py [--drafts bench/rewrite_drafts.jsonl] [--show ID ...] [--json]

Each draft is linted and rewritten as `scriptlint rewrite` would, with the draft's own `date`
given as the message's Date header (so "Friday" resolves against the day it was written). Printed:

- facts kept: the share of annotated facts (exact substrings) still in the rewrite;
- placeholders per flawed draft (mean, max): bracketed `[...]` the rewrite adds;
- length ratio (median over flawed drafts): words after / words before;
- questions added: `?` the rewrite adds (total, and drafts with more than one);
- misfits: drafts where a tactic the rewrite applies is one the annotator said must not lead;
- layout breaks: a `Subject:` first line that is no longer first, text after the sign-off
  (the sign-off and everything below it must stay the draft's tail), speaker labels lost, a
  callback number said fewer times;
- good drafts changed: any change to one of the drafts annotated as already good.

Targets (issue 11): facts kept >= 97%, placeholders mean <= 1.5 and max <= 3, median length
ratio <= 1.15, no misfit, no layout break, good drafts unchanged.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

from scriptlint import engine
from scriptlint.suggest.rewrite import rewrite

try:
    from scriptlint.suggest.rewrite import rewrite_plan
except ImportError:  # older versions: the top suggestion of each finding is what the rewrite applies

    def rewrite_plan(result) -> list[str]:
        return [f.suggestions[0].tactic for f in result.findings if f.suggestions]


from scriptlint.text.message import message_from_text

REPO = Path(__file__).resolve().parents[1]
DRAFTS = REPO / "bench" / "rewrite_drafts.jsonl"

PLACEHOLDER = re.compile(r"\[[^\]\n]{1,80}\]")
SPEAKER = re.compile(r"^\s*([A-Z][\w ]{0,20}):", re.M)
PHONE = re.compile(r"\b\d{3}-\d{4}\b")
# The bench's own, deliberately independent, idea of a sign-off line (the library has its own).
SIGN_OFF = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|with best|many)?\s*regards|best|cheers|thanks!?|thank you|thx|"
    r"all the best|sincerely|talk soon|warmly|-- ?\w+|– ?\w+|greetings from .*)\b[^\n]{0,40}$",
    re.I | re.M,
)


def words(text: str) -> int:
    return len(re.findall(r"[\w’'$€%.,:/-]+", text))


# A closing inside the last line of a short message: "... Thx", "... – Marco", "Thanks, bye.", "Have a great day."
INLINE_CLOSING = re.compile(
    r"(?<=[.!?)] )(?:thanks|thank you|thx|cheers|have a (?:great|nice|good)|bye|take care|greetings from|–|--)[^\n]*$",
    re.I,
)


def signoff_tail(text: str) -> str | None:
    """The draft from its last sign-off line on (own text only: the quote below is part of it), or
    from a closing inside the last line of a message without a sign-off line."""
    quote = re.search(r"^On .{5,80}wrote:\s*$", text, re.M)
    head = text[: quote.start()] if quote else text
    hits = [m for m in SIGN_OFF.finditer(head) if m.start() > 0]
    if hits:
        return text[hits[-1].start() :]
    inline = INLINE_CLOSING.search(head.rstrip())
    return text[inline.start() :] if inline else None


def layout_breaks(before: str, after: str) -> list[str]:
    out = []
    if before.startswith("Subject:") and not after.startswith("Subject:"):
        out.append("text above the Subject: line")
    tail = signoff_tail(before)
    if tail is not None and not after.endswith(tail):
        out.append("text after the sign-off")
    if SPEAKER.findall(before) != SPEAKER.findall(after) and SPEAKER.findall(before)[:1] in (["Rep"], ["Prospect"]):
        out.append("speaker labels changed")
    for number in set(PHONE.findall(before)):
        if after.count(number) < before.count(number):
            out.append(f"callback number {number} said fewer times")
    return out


def run_one(draft: dict) -> dict:
    message = message_from_text(draft["text"])
    message.headers = {"Date": draft["date"]}
    message.meta["headers"] = dict(message.headers)
    result = engine.lint_message(message, source=draft["id"])
    after = rewrite(result)
    plan = rewrite_plan(result)
    before = draft["text"]
    kept = [f for f in draft["facts"] if f in after]
    flagged = [h for h in draft["hollow"] if _flagged(before, h, result)]
    applied = list(dict.fromkeys(plan))
    return {
        "id": draft["id"],
        "channel": draft["channel"],
        "situation": draft["situation"],
        "good": draft["situation"] == "good",
        "before": before,
        "after": after,
        "facts": len(draft["facts"]),
        "facts_kept": len(kept),
        "facts_lost": [f for f in draft["facts"] if f not in after],
        "placeholders": len(PLACEHOLDER.findall(after)) - len(PLACEHOLDER.findall(before)),
        "ratio": words(after) / max(1, words(before)),
        "questions": after.count("?") - before.count("?"),
        "applied": applied,
        # "must not lead": the tactic the rewrite leads with (a cut that comes with an added ask does not lead).
        "misfits": [t for t in applied[:1] if t in draft["misfit"]],
        "good_tactic": bool(set(applied) & set(draft["good_tactics"])),
        "layout": layout_breaks(before, after),
        "hollow": len(draft["hollow"]),
        "hollow_flagged": len(flagged),
        "false_flags": sum(1 for f in result.findings if f.scope == "span") if draft["situation"] == "good" else 0,
    }


def _flagged(text: str, phrase: str, result) -> bool:
    at = text.find(phrase)
    if at == -1:
        return False
    end = at + len(phrase)
    return any(f.scope == "span" and f.start < end and at < f.end for f in result.findings)


def summary(rows: list[dict]) -> dict:
    flawed = [r for r in rows if not r["good"]]
    good = [r for r in rows if r["good"]]
    placeholders = [r["placeholders"] for r in flawed]
    return {
        "drafts": len(rows),
        "facts kept (%)": round(100 * sum(r["facts_kept"] for r in rows) / max(1, sum(r["facts"] for r in rows)), 1),
        "placeholders per flawed draft (mean)": round(statistics.mean(placeholders), 2),
        "placeholders per flawed draft (max)": max(placeholders),
        "length ratio (median, flawed)": round(statistics.median(r["ratio"] for r in flawed), 2),
        "length ratio (max, flawed)": round(max(r["ratio"] for r in flawed), 2),
        "questions added (total)": sum(max(0, r["questions"]) for r in flawed),
        "drafts with >1 question added": sum(1 for r in flawed if r["questions"] > 1),
        "drafts with a misfit tactic": sum(1 for r in rows if r["misfits"]),
        "drafts using an annotated good tactic": sum(1 for r in flawed if r["good_tactic"]),
        "layout breaks": sum(len(r["layout"]) for r in rows),
        "good drafts changed": sum(1 for r in good if r["after"] != r["before"]),
        "hollow lines flagged (%)": round(
            100 * sum(r["hollow_flagged"] for r in flawed) / max(1, sum(r["hollow"] for r in flawed)), 1
        ),
        "false flags on good drafts": sum(r["false_flags"] for r in good),
    }


TARGETS = {
    "facts kept (%)": (">=", 97),
    "placeholders per flawed draft (mean)": ("<=", 1.5),
    "placeholders per flawed draft (max)": ("<=", 3),
    "length ratio (median, flawed)": ("<=", 1.15),
    "drafts with a misfit tactic": ("<=", 0),
    "layout breaks": ("<=", 0),
    "good drafts changed": ("<=", 0),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drafts", type=Path, default=DRAFTS)
    parser.add_argument(
        "--show", nargs="*", default=None, help="print before/after for these ids ('all' for every one)"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    drafts = [json.loads(line) for line in args.drafts.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = time.perf_counter()
    rows = [run_one(d) for d in drafts]
    elapsed = time.perf_counter() - start
    figures = summary(rows)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    if args.show is not None:
        for r in rows:
            if "all" in args.show or r["id"] in args.show:
                print(f"===== {r['id']} {r['channel']} {r['situation']} applied={r['applied']}")
                print(r["before"], "\n-----")
                print(r["after"])
                for key in ("facts_lost", "misfits", "layout"):
                    if r[key]:
                        print(f"!! {key}: {r[key]}")
                print()
    print(f"{'figure':<42} {'value':>8}  target")
    for name, value in figures.items():
        target = TARGETS.get(name)
        mark = ""
        if target:
            op, bound = target
            ok = value >= bound if op == ">=" else value <= bound
            mark = f"{op} {bound}  {'ok' if ok else 'MISSED'}"
        print(f"{name:<42} {value:>8}  {mark}")
    print(f"({len(rows)} drafts in {elapsed:.1f} s)")
    problems = [
        r for r in rows if r["misfits"] or r["layout"] or r["facts_lost"] or (r["good"] and r["after"] != r["before"])
    ]
    for r in problems:
        parts = []
        if r["facts_lost"]:
            parts.append(f"lost {r['facts_lost']}")
        if r["misfits"]:
            parts.append(f"misfit {r['misfits']}")
        if r["layout"]:
            parts.append(f"layout {r['layout']}")
        if r["good"] and r["after"] != r["before"]:
            parts.append("good draft changed")
        print(f"  {r['id']} ({r['channel']}, {r['situation']}): " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
