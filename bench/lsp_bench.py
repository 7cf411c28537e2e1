"""Language server latency: the time from `didChange` to `publishDiagnostics` on a warm server.

    python bench/lsp_bench.py [--edits 50] [--words 300]

Starts `scriptlint server` over stdio with `debounceMs: 0`, opens a draft of about 300 words, makes
a few edits to warm it up, then times each of `--edits` edits (each a full-text change that adds,
moves or removes a hollow phrase, so the findings really change) until the diagnostics for that
version arrive. Prints the median and p95 (target: p95 <= 50 ms) and the server's resident memory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "server"))

from lsp_client import LspClient  # noqa: E402  (the tests' JSON-RPC client, found on the path set above)

PARAGRAPHS = [
    "Thanks again for walking us through the warehouse on Tuesday. The pick rates you shared for the "
    "night shift were a useful baseline, and the team has been comparing them with the two sites we "
    "moved to ring scanners last spring.",
    "Those sites cut mis-picks by 18% within ten weeks, mostly because pickers stopped putting the "
    "handheld down between scans. The gain held through the peak season, when temporary staff joined.",
    "For your Leeds site I would expect a smaller effect at first, since the aisles are shorter and the "
    "current scanners are newer, but the training time for seasonal staff should drop by about half.",
    "I have attached the comparison sheet with both sites and a rough estimate for Leeds, including the "
    "cost of the chargers and the docking shelves your facilities lead asked about.",
    "If it helps, our operations lead can join a thirty minute call with your shift managers to go "
    "through the numbers line by line and answer questions about the rollout order.",
    "Would Thursday at 10:00 work for that call, or is the following Monday better for your team?",
]
HOLLOW = ["Just checking in on this.", "Any update?", "Touching base again.", "Circling back here."]


def draft(words: int, edit: int) -> str:
    """About `words` words; edit number `edit` changes which hollow line sits where."""
    body, count, i = [], 0, 0
    while count < words:
        paragraph = PARAGRAPHS[i % len(PARAGRAPHS)]
        if i == edit % 4:
            paragraph = HOLLOW[edit % len(HOLLOW)] + " " + paragraph
        body.append(paragraph)
        count += len(paragraph.split())
        i += 1
    return "Hi Dana,\n\n" + "\n\n".join(body) + f"\n\nBest,\nSam ({edit})\n"


def rss_kib(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            out[name] = int(value.split()[0])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--words", type=int, default=300)
    args = parser.parse_args()

    client = LspClient(cwd=REPO)
    try:
        start = time.perf_counter()
        client.initialize(REPO, {"debounceMs": 0})
        uri = (REPO / "bench" / "lsp-bench-draft.txt").as_uri()  # never written: the text lives in the editor
        client.open(uri, draft(args.words, 0))
        client.diagnostics(uri, 1)
        print(f"start-up to first diagnostics: {time.perf_counter() - start:.2f} s")
        version = 1
        for edit in range(5):  # warm-up edits, not timed
            version += 1
            client.change(uri, version, draft(args.words, edit + 1))
            client.diagnostics(uri, version)
        times, found = [], 0
        for edit in range(args.edits):
            version += 1
            text = draft(args.words, edit + 10)
            began = time.perf_counter()
            client.change(uri, version, text)
            diagnostics = client.diagnostics(uri, version)
            times.append((time.perf_counter() - began) * 1000)
            found += len(diagnostics)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        memory = rss_kib(client.proc.pid)
        print(
            f"draft: {len(draft(args.words, 0).split())} words; {args.edits} edits, {found / args.edits:.1f} diagnostics each"
        )
        print(
            f"didChange -> publishDiagnostics: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
        )
        print(f"target p95 <= 50 ms: {'met' if p95 <= 50 else 'NOT met'}")
        print(f"server memory: resident {memory['VmRSS'] / 1024:.0f} MiB, peak {memory['VmHWM'] / 1024:.0f} MiB")
        client.shutdown()
    finally:
        client.kill()


if __name__ == "__main__":
    main()
