"""Lint speed: cold start of `scriptlint lint` on one short email vs a bare `import spacy`, and
throughput (words/s) on a large input with and without the classifier.

    python bench/lint_bench.py [--runs 7] [--mb 2]

Figures are medians of several runs; compare ratios within one run (these machines are noisy).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EMAIL = REPO / "examples" / "checking-in.txt"


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def cold(runs: int) -> None:
    commands = {
        "python -c 'import spacy'": [sys.executable, "-c", "import spacy"],
        "scriptlint lint <one email>": [sys.executable, "-m", "scriptlint", "lint", str(EMAIL)],
        "scriptlint lint --format json": [sys.executable, "-m", "scriptlint", "lint", "--format", "json", str(EMAIL)],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    wall(commands["scriptlint lint <one email>"])  # warm the file cache once
    for _ in range(runs):
        for name, cmd in commands.items():  # interleaved, so drift hits all equally
            times[name].append(wall(cmd))
    base = statistics.median(times["python -c 'import spacy'"])
    print(f"cold start, median of {runs} runs:")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"  {name:<32} {med:6.3f} s   {med / base:4.2f}x import spacy")


def corpus_text(target_bytes: int) -> str:
    from scriptlint.training import corpus

    texts = [ex.text for ex in corpus.load_examples(splits=["train", "dev"])]
    out, size, i = [], 0, 0
    while size < target_bytes:
        t = texts[i % len(texts)]
        out.append(t)
        size += len(t) + 2
        i += 1
    return "\n\n".join(out)


def throughput(mb: float, runs: int) -> None:
    from scriptlint.detect.classifier import load_model
    from scriptlint.engine import lint

    text = corpus_text(int(mb * 1_000_000))
    words = len(text.split())
    lint(text[:5000])
    lint(text[:5000], classifier=False)
    results = {}
    for label, classifier in (("phrase rules only", False), ("with classifier (hybrid)", True)):
        values = []
        for _ in range(runs):
            load_model()._vector.cache_clear()  # no run profits from the previous one's cache
            start = time.perf_counter()
            lint(text, classifier=classifier)
            values.append(time.perf_counter() - start)
        results[label] = words / statistics.median(values)
    print(
        f"throughput on {len(text) / 1e6:.1f} MB ({words:,} words) of corpus messages, each repeated ~{len(text) / 420_000:.1f}x "
        f"(as greetings and templates repeat in a mailbox), median of {runs} runs:"
    )
    for label, wps in results.items():
        print(f"  {label:<28} {wps:10,.0f} words/s")
    slow = results["phrase rules only"] / results["with classifier (hybrid)"] - 1
    print(f"  classifier adds {slow:.0%} to lint time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    cold(args.runs)
    throughput(args.mb, max(3, args.runs // 2))


if __name__ == "__main__":
    main()
