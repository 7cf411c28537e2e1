"""The labelled corpus: raw JSONL parts, the committed split, and rendered examples.

Messages are stored as blocks of labelled sentences (see corpus/README.md); rendering gives the
message text plus each sentence's character offsets, so the same data serves sentence, span and
message evaluation.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from scriptlint.detect.classifier import LABELS
from scriptlint.errors import CorpusError
from scriptlint.text.sentences import list_blocks

SPLITS = ("train", "dev", "test")
SPLIT_FILE = "split.tsv"


@dataclass
class Sentence:
    text: str
    label: str
    start: int = 0
    end: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)
    hard: bool = False


@dataclass
class Example:
    """One unit of the corpus: a whole message, or a standalone sentence (a one-sentence text)."""

    id: str
    kind: str  # "message" | "sentence"
    text: str
    sentences: list[Sentence]
    label: str  # message label (purposeless|purposeful) or the sentence label
    channel: str = "email"
    situation: str = ""
    group: str = ""


def default_dir() -> Path:
    """The checkout's corpus/ (editable install), else ./corpus (an installed package ships none)."""
    checkout = Path(__file__).resolve().parents[3] / "corpus"  # src/scriptlint/training/corpus.py
    return checkout if (checkout / "raw").is_dir() else Path.cwd() / "corpus"


def _sentence(obj: dict, where: str) -> Sentence:
    text, label = obj.get("text"), obj.get("label")
    if not isinstance(text, str) or label not in LABELS:
        raise CorpusError(f"{where}: sentence needs 'text' and a 'label' in {LABELS}")
    spans = []
    for s in obj.get("spans", []) or []:
        at = text.find(s)
        if at < 0:
            raise CorpusError(f"{where}: span {s!r} is not in {text!r}")
        spans.append((at, at + len(s)))
    if label == "purposeless" and not spans:
        raise CorpusError(f"{where}: purposeless sentence without spans: {text!r}")
    return Sentence(text=text, label=label, spans=spans, hard=bool(obj.get("hard")))


def render(blocks: list[list[dict]], where: str) -> tuple[str, list[Sentence]]:
    """Blocks -> text: sentences in a block joined by a space, blocks by a newline."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    pos = 0
    for b, block in enumerate(blocks):
        if b:
            parts.append("\n")
            pos += 1
        for i, obj in enumerate(block):
            if i:
                parts.append(" ")
                pos += 1
            sent = _sentence(obj, f"{where} block {b}")
            sent.start, sent.end = pos, pos + len(sent.text)
            sent.spans = [(pos + s, pos + e) for s, e in sent.spans]
            parts.append(sent.text)
            pos += len(sent.text)
            sentences.append(sent)
    return "".join(parts), sentences


def _group(obj: dict) -> str:
    """Paired messages (a nudge and its purposeful twin) share a greeting: keep them in one split."""
    part = obj["id"].split("-")[0]
    blocks = obj.get("blocks") or [[]]
    first = blocks[0][0]["text"] if blocks and blocks[0] else obj["id"]
    return f"{part}:{re.sub(r'[^a-z]+', ' ', first.lower()).strip()}"


def read_raw(folder: Path) -> Iterator[Example]:
    raw = folder / "raw"
    for path in sorted(raw.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise CorpusError(f"{where}: invalid JSON ({exc})") from None
            if "blocks" in obj:
                text, sentences = render(obj["blocks"], where)
                label = obj.get("label")
                if label not in ("purposeless", "purposeful"):
                    raise CorpusError(f"{where}: message label must be purposeless or purposeful")
                yield Example(
                    obj["id"],
                    "message",
                    text,
                    sentences,
                    label,
                    obj.get("channel", "email"),
                    obj.get("situation", ""),
                    _group(obj),
                )
            else:
                sent = _sentence(obj, where)
                sent.start, sent.end = 0, len(sent.text)
                yield Example(
                    obj["id"], "sentence", sent.text, [sent], sent.label, obj.get("channel", "email"), "", obj["id"]
                )


def read_split(folder: Path) -> dict[str, str]:
    path = folder / SPLIT_FILE
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ident, split = line.split("\t")
            out[ident] = split
    return out


def assign_split(group: str) -> str:
    """70/15/15 by a hash of the group: stable, and independent of file order."""
    h = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "train" if h < 0.70 else "dev" if h < 0.85 else "test"


def update_split(folder: Path) -> int:
    """Give new ids a split (existing ones never move); returns how many were added."""
    split = read_split(folder)
    added = 0
    for ex in read_raw(folder):
        if ex.id not in split:
            split[ex.id] = assign_split(ex.group)
            added += 1
    lines = ["# id\tsplit (fixed: never move an id; the test split is read only by `scriptlint eval`)"]
    lines += [f"{k}\t{v}" for k, v in sorted(split.items())]
    (folder / SPLIT_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return added


def load_examples(folder: Path | None = None, splits: Iterable[str] = ("train",)) -> list[Example]:
    """Examples of the given splits only (training never asks for "test")."""
    folder = folder or default_dir()
    wanted = set(splits)
    split = read_split(folder)
    out = []
    for ex in read_raw(folder):
        if ex.id not in split:
            raise CorpusError(f"{ex.id}: not in {SPLIT_FILE}; run `scriptlint train --update-split`")
        if split[ex.id] in wanted:
            out.append(ex)
    return out


def corpus_hash(folder: Path | None = None) -> str:
    folder = folder or default_dir()
    digest = hashlib.sha256()
    for path in sorted((folder / "raw").glob("*.jsonl")) + [folder / SPLIT_FILE]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def sentence_rows(examples: Iterable[Example]) -> tuple[list[str], list[str]]:
    """(text, label) per unit the detector judges: a sentence, or a list header with its bullets
    (labelled purposeful if any line is, else purposeless if any line is, else neutral)."""
    texts, labels = [], []
    for ex in examples:
        for text, label in units(ex):
            texts.append(text)
            labels.append(label)
    return texts, labels


def units(ex: Example) -> list[tuple[str, str]]:
    blocks = list(list_blocks(ex.text)) if ex.kind == "message" else []
    out: list[tuple[str, str]] = []
    merged: dict[int, list[Sentence]] = {}
    for s in ex.sentences:
        block = next((i for i, (hs, he, _, end) in enumerate(blocks) if hs <= s.start and s.end <= end), None)
        if block is None or s.end <= blocks[block][1] and s.start < _header_sentence_start(ex, blocks[block]):
            out.append((s.text, s.label))
        else:
            merged.setdefault(block, []).append(s)
    for group in merged.values():
        text = ex.text[group[0].start : group[-1].end]
        found = {s.label for s in group}
        label = next(x for x in ("purposeful", "purposeless", "neutral") if x in found)
        out.append((text, label))
    return out


def _header_sentence_start(ex: Example, block: tuple[int, int, int, int]) -> int:
    """Start of the header line's last sentence (the one that ends in the colon)."""
    return max(s.start for s in ex.sentences if block[0] <= s.start < block[1])


def stats(folder: Path | None = None) -> dict[str, dict[str, int]]:
    """Counts per split and label, with the hard share: what the corpus README promises."""
    folder = folder or default_dir()
    split = read_split(folder)
    out: dict[str, dict[str, int]] = {}
    for ex in read_raw(folder):
        row = out.setdefault(split.get(ex.id, "unassigned"), {})
        row[f"{ex.kind}s"] = row.get(f"{ex.kind}s", 0) + 1
        if ex.kind == "message":
            row[f"message:{ex.label}"] = row.get(f"message:{ex.label}", 0) + 1
        for s in ex.sentences:
            row[s.label] = row.get(s.label, 0) + 1
            row[f"{s.label}:hard"] = row.get(f"{s.label}:hard", 0) + s.hard
    return out


if __name__ == "__main__":
    for name, row in sorted(stats().items()):
        print(name, json.dumps(row, sort_keys=True))
