"""Findings-identity guard for speed work: lint every corpus text, a long input and a seeded set of emails, dump the results.

    python bench/findings_snapshot.py OUT.jsonl [--compare BEFORE.jsonl] [--no-classifier] [--big]

Every text of corpus/raw/*.jsonl (messages and standalone sentences) and one 300 kB input made of
them (analysed in chunks) go through `engine.lint`, and
400 generated emails (bench/audit_bench.py's generator: headers, quoted replies, signatures, HTML)
through `engine.lint_message`, suggestions included. One JSON line per text, in a fixed order, so
two dumps compare byte for byte; `--compare` names the first differing line. Take a dump before a
change and after it: a speed change must not alter a single byte. `--big` adds every corpus message
joined with single line breaks, and the joins three and six times over (1.1 and 2.2 million
characters): the hostile-input path (issue 16).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))


def texts(big: bool = False) -> list[tuple[str, str, bytes | None]]:
    """(id, text, raw email bytes or None) for every text checked, in a fixed order."""
    from audit_bench import generate
    from scriptlint.training.corpus import read_raw

    rows: list[tuple[str, str, bytes | None]] = [(ex.id, ex.text, None) for ex in read_raw(REPO / "corpus")]
    # One long input (about 300 kB, analysed in chunks) made of the corpus messages.
    rows.append(("long-input", "\n\n".join(text for _, text, _ in rows if len(text) > 200)[:300_000], None))
    if big:
        messages = [ex.text for ex in read_raw(REPO / "corpus") if ex.kind == "message"]
        joined = "\n\n".join(messages)
        rows.append(("ALL-messages-single-newline", "\n".join(m.replace("\n\n", "\n") for m in messages), None))
        rows += [(f"ALL-messages-x{n}", "\n\n".join([joined] * n), None) for n in (3, 6)]
    with tempfile.TemporaryDirectory() as tmp:
        mbox = Path(tmp) / "seeded.mbox"
        generate(mbox, 400, seed=13)
        raw = mbox.read_bytes()
    for n, chunk in enumerate(raw.split(b"\nFrom ")):
        body = chunk.split(b"\n", 1)[1]  # drop the mbox envelope line
        rows.append((f"mail-{n:04d}", "", body.replace(b"\n>From ", b"\nFrom ")))
    return rows


def dump(out: Path, classifier: bool, big: bool = False) -> str:
    from scriptlint.engine import lint, lint_message
    from scriptlint.text.inputs import message_from_bytes

    digest = hashlib.sha256()
    started = time.perf_counter()
    rows = texts(big)
    with open(out, "w", encoding="utf-8") as stream:
        for ident, text, raw in rows:
            if raw is None:
                result = lint(text, source=ident, classifier=classifier)
            else:
                result = lint_message(message_from_bytes(raw, ident, email=True), source=ident, classifier=classifier)
            line = json.dumps({"id": ident, **result.to_dict()}, ensure_ascii=False, sort_keys=True) + "\n"
            digest.update(line.encode())
            stream.write(line)
    print(f"{len(rows)} texts linted in {time.perf_counter() - started:.1f}s -> {out} sha256 {digest.hexdigest()[:16]}")
    return digest.hexdigest()


def compare(after: Path, before: Path) -> int:
    a, b = after.read_text(encoding="utf-8").splitlines(), before.read_text(encoding="utf-8").splitlines()
    for n, (x, y) in enumerate(zip(a, b), start=1):
        if x != y:
            print(f"DIFFERENT at line {n}: {json.loads(y)['id']}\n  before: {y[:400]}\n  after:  {x[:400]}")
            return 1
    if len(a) != len(b):
        print(f"DIFFERENT: {len(b)} lines before, {len(a)} after")
        return 1
    print(f"identical: {len(a)} results byte for byte")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier dump to compare with")
    parser.add_argument("--no-classifier", action="store_true")
    parser.add_argument("--big", action="store_true", help="also the corpus joined into 1-2 MB inputs")
    args = parser.parse_args()
    dump(args.out, classifier=not args.no_classifier, big=args.big)
    if args.compare:
        raise SystemExit(compare(args.out, args.compare))


if __name__ == "__main__":
    main()
