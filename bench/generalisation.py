"""How well does scriptlint do on text by a writer it never saw? Leave-one-writer-out.

Each corpus part was written by a different writer. For every part P: train on the train+dev
splits of the other parts (same recipe as `scriptlint train`), then score keyword rules,
classifier and hybrid on all of P. This is closer to "messages written by people outside the
team" than the in-distribution test split. It never touches the shipped model.

    python bench/generalisation.py [--corpus DIR] [--parts e,f,...]

--corpus scores a snapshot (copy corpus/ first when you keep editing it while this runs: each
part's run reads the files when it starts); --parts holds out only the parts named.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from scriptlint.detect.pipeline import build
from scriptlint.training import corpus
from scriptlint.training import train as training
from scriptlint.training.evaluate import evaluate

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description="leave-one-writer-out scores of the hybrid")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus", help="corpus folder (raw/ and split.tsv)")
    ap.add_argument("--parts", default="", help="comma-separated parts to hold out (default: all)")
    args = ap.parse_args()
    source = args.corpus
    if not (source / "raw").is_dir():
        sys.exit(f"{source}: no raw/ folder; not a corpus")
    parts = sorted({p.name.split("_")[0] for p in (source / "raw").glob("*.jsonl")})
    if args.parts:
        parts = [p for p in parts if p in args.parts.split(",")]
    split = corpus.read_split(source)
    print(f"{'held-out part':<14} {'system':<11} {'sent F1':>8} {'span F1':>8} {'msg F1':>8}")
    for held in parts:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            (tmp / "raw").mkdir()
            for p in (source / "raw").glob("*.jsonl"):
                if p.name.split("_")[0] != held:
                    shutil.copy(p, tmp / "raw" / p.name)
            # Everything of the other parts trains (train+dev as "train"); dev for choices = their dev.
            lines = [f"{k}\t{'train' if v == 'test' else v}" for k, v in split.items() if k.split("-")[0] != held]
            (tmp / corpus.SPLIT_FILE).write_text("\n".join(lines) + "\n")
            corpus.update_split(tmp)  # a part not yet in split.tsv (new data) gets its split here
            training.train(tmp, tmp / "model", log=lambda _: None)
            nlp = build(model_dir=str(tmp / "model"))
            held_out = [ex for ex in corpus.read_raw(source) if ex.id.split("-")[0] == held]
            result = evaluate(nlp, held_out).to_dict()
        for system in ("keyword", "classifier", "hybrid"):
            r = result[system]
            print(
                f"{held:<14} {system:<11} {r['sentence']['f1']:>8.3f} {r['span']['f1']:>8.3f} {r['message']['f1']:>8.3f}"
            )
        t = result["purposeful_with_trigger"]
        print(f"{held:<14} trigger-word purposeful sentences flagged: {t['flagged_by_hybrid']}/{t['sentences']}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
