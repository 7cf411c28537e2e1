"""Score scriptlint on labelled text written by other people (kept outside the repository).

    python bench/outside_eval.py [SENTENCES.jsonl] [MESSAGES.jsonl] [--errors] [--json]

SENTENCES.jsonl: one {"id", "text", "label"} per line (label purposeless|purposeful|neutral).
MESSAGES.jsonl: one {"id", "text", "label", "channel"?, "sentences": [{"text", "label"}]} per line
(message label purposeless|purposeful; each sentence's text must occur in the message text, in order).
Defaults: /work/outside/sentences.jsonl and /work/outside/messages.jsonl. The text is never copied
into the repository; only this script is.

For keyword rules alone (`--no-classifier`) and the hybrid (`lint`) it prints:
- sentence P/R/F1 for `purposeless` (standalone sentences and the sentences of the messages; a
  sentence counts as flagged when a purposeless span finding overlaps it);
- message P/R/F1 on the verdict (`message.purposeless`);
- the share of neutral and purposeful sentences that are flagged;
- with --errors, every false flag and miss of the hybrid, grouped by gold label and channel.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scriptlint.engine import lint

DEFAULT_SENTENCES = Path("/work/outside/sentences.jsonl")
DEFAULT_MESSAGES = Path("/work/outside/messages.jsonl")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    other: int = 0
    other_flagged: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, gold: str, flagged: bool, where: str, text: str) -> None:
        positive = gold == "purposeless"
        if positive and flagged:
            self.tp += 1
        elif positive:
            self.fn += 1
            self.errors.append(("miss", gold, where, text))
        else:
            self.other += 1
            if flagged:
                self.fp += 1
                self.other_flagged += 1
                self.errors.append(("false flag", gold, where, text))

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _read(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        sys.exit(f"{path}: cannot read ({exc.strerror})")
    return [json.loads(line) for line in lines if line.strip()]


def _flagged_regions(result) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in result.findings if f.category == "purposeless" and f.scope == "span"]


def _overlaps(a: int, b: int, regions: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in regions)


def locate(text: str, sentences: list[dict]) -> list[tuple[int, int] | None]:
    """Each labelled sentence's offsets in the message text, searched in order (None if absent)."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for s in sentences:
        at = text.find(s["text"], pos)
        if at < 0:
            at = text.find(s["text"])
        if at < 0:
            out.append(None)
            continue
        out.append((at, at + len(s["text"])))
        pos = at + len(s["text"])
    return out


def score(sentences: list[dict], messages: list[dict], classifier: bool) -> dict:
    sent, in_msg, msg = Tally(), Tally(), Tally()
    unplaced = 0
    for row in sentences:
        result = lint(row["text"], source=row["id"], classifier=classifier)
        flagged = bool(_flagged_regions(result))
        sent.add(row["label"], flagged, row["id"], row["text"])
    for row in messages:
        result = lint(row["text"], source=row["id"], classifier=classifier)
        regions = _flagged_regions(result)
        where = f"{row['id']} ({row.get('channel', 'email')})"
        for s, bounds in zip(row["sentences"], locate(row["text"], row["sentences"])):
            if bounds is None:
                unplaced += 1
                continue
            in_msg.add(s["label"], _overlaps(*bounds, regions), where, s["text"])
        msg.add(row["label"], bool(result.purposeless), where, f"score {result.score}: " + row["text"][:160])
    both = Tally(
        sent.tp + in_msg.tp,
        sent.fp + in_msg.fp,
        sent.fn + in_msg.fn,
        sent.other + in_msg.other,
        sent.other_flagged + in_msg.other_flagged,
        sent.errors + in_msg.errors,
    )
    return {
        "sentence": {**both.prf(), "n": both.tp + both.fn + both.other},
        "standalone_sentence": sent.prf(),
        "message_sentence": in_msg.prf(),
        "message": {**msg.prf(), "n": len(messages)},
        "non_purposeless_flagged": round(both.other_flagged / both.other, 3) if both.other else 0.0,
        "unplaced_sentences": unplaced,
        "_errors": both.errors,
        "_message_errors": msg.errors,
    }


def _print_errors(res: dict) -> None:
    groups: dict[tuple[str, str], list[str]] = {}
    for kind, gold, where, text in res["_errors"]:
        groups.setdefault((kind, gold), []).append(f"{where}: {text}")
    for (kind, gold), rows in sorted(groups.items()):
        print(f"\n## {kind} (gold {gold}): {len(rows)}")
        for r in rows:
            print(f"  - {r}")
    print(f"\n## message verdict errors: {len(res['_message_errors'])}")
    for kind, gold, where, text in res["_message_errors"]:
        print(f"  - {kind} (gold {gold}) {where}: {text!r}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sentences", nargs="?", type=Path, default=DEFAULT_SENTENCES)
    ap.add_argument("messages", nargs="?", type=Path, default=DEFAULT_MESSAGES)
    ap.add_argument("--errors", action="store_true", help="list the hybrid's false flags and misses")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    sentences, messages = _read(args.sentences), _read(args.messages)
    results = {"keyword": score(sentences, messages, False), "hybrid": score(sentences, messages, True)}
    if args.json:
        print(json.dumps({k: {m: v for m, v in r.items() if not m.startswith("_")} for k, r in results.items()}))
    else:
        print(f"{len(sentences)} sentences, {len(messages)} messages")
        print(f"{'system':<9} {'sentence P/R/F1':<20} {'message P/R/F1':<20} non-purposeless flagged")
        for name, r in results.items():
            s, m = r["sentence"], r["message"]
            print(
                f"{name:<9} {s['precision']:.2f}/{s['recall']:.2f}/{s['f1']:.3f}{'':<6} "
                f"{m['precision']:.2f}/{m['recall']:.2f}/{m['f1']:.3f}{'':<6} {r['non_purposeless_flagged']:.1%}"
            )
            if r["unplaced_sentences"]:
                print(f"  ({r['unplaced_sentences']} labelled sentences not found in their message text)")
    if args.errors:
        _print_errors(results["hybrid"])


if __name__ == "__main__":
    main()
