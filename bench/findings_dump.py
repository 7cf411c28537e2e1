"""Findings of every corpus text as JSON lines, to compare two versions byte for byte.

    python bench/findings_dump.py before.jsonl            # on one checkout
    python bench/findings_dump.py after.jsonl             # on the other, then: cmp before.jsonl after.jsonl
    python bench/findings_dump.py out.jsonl --big --no-classifier

Besides each message and sentence of corpus/raw, it lints all messages joined into one long text
(with blank lines and with single line breaks), which goes through the chunked path; --big adds
the join three and six times (1.1 and 2.2 million characters).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scriptlint.engine import lint
from scriptlint.training.corpus import read_raw

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--big", action="store_true", help="also the corpus joined 3 and 6 times")
    parser.add_argument("--no-classifier", action="store_true")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    args = parser.parse_args()
    examples = list(read_raw(args.corpus))
    texts = [(ex.id, ex.text) for ex in examples]
    messages = [ex.text for ex in examples if ex.kind == "message"]
    joined = "\n\n".join(messages)
    texts += [
        ("ALL-messages", joined),
        ("ALL-messages-single-newline", "\n".join(m.replace("\n\n", "\n") for m in messages)),
    ]
    if args.big:
        texts += [(f"ALL-messages-x{n}", "\n\n".join([joined] * n)) for n in (3, 6)]
    with args.out.open("w", encoding="utf-8") as out:
        for name, text in texts:
            result = lint(text, source=name, classifier=not args.no_classifier)
            out.write(json.dumps({"id": name, **result.to_dict(show_suppressed=True)}, sort_keys=True) + "\n")
    print(f"{len(texts)} texts -> {args.out}")


if __name__ == "__main__":
    main()
