"""The sentence purpose classifier: features, numpy inference, and safe loading of the shipped model.

Training uses scikit-learn (see `training.py`); inference here needs only numpy and joblib, because
importing scikit-learn would double a cold `scriptlint lint`. Both paths share `features()` and a
test checks they give the same probabilities.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from scriptlint.errors import ModelError

LABELS = ("neutral", "purposeful", "purposeless")
MODEL_FILE = "purpose.joblib"
MANIFEST_FILE = "manifest.json"
FEATURE_VERSION = 3


# --- features -----------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[?!:$%€£@/]")
_WEEKDAY = re.compile(r"\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\b\.?", re.I)
_MONTH = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b",
    re.I,
)
_DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?\b|\b\d{1,2}(st|nd|rd|th)\b|\b(today|tomorrow|tonight|next week|this week|end of (the )?(day|week|month|quarter))\b",
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b(noon|morning|afternoon)\b", re.I)
_MONEY = re.compile(r"[$€£¥]\s?\d|\b\d+(\.\d+)?\s?(k|m|bn|usd|eur|gbp|dollars|euros|pounds)\b", re.I)
_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b", re.I)
_NUMBER = re.compile(r"\b\d+([.,]\d+)?\b")
_URL = re.compile(r"https?://|www\.|\b[\w.-]+\.(com|io|org|net|co)\b", re.I)
_ATTACH = re.compile(
    r"\b(attach(ed|ment)?|enclosed|pdf|deck|slides?|report|one-pager|case study|whitepaper|benchmark|spreadsheet|link below|here is|here's|here are)\b",
    re.I,
)
_PURPOSE = re.compile(
    r"\b(the )?(purpose|reason|goal|point) (of|for) (my|this|our|the) (call|email|note|message|visit|meeting)\b|\bi'?m (calling|writing|emailing) (to|because|about) \w+",
    re.I,
)
_INTRO = re.compile(r"\b(introduce|introduction|intro to|connect you with|meet [A-Z])", re.I)
_QUANT = re.compile(
    r"\b(saved?|cut|reduced?|increased?|grew|dropped|lower(ed)?|faster|hours|days|weeks|minutes|roi|margin|revenue|cost|price|budget|quote|contract|proposal|invoice)\b",
    re.I,
)
_CAPWORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+[A-Z]?\w*|\b[A-Z]{2,}\b")
_VAGUE = re.compile(r"\b(any|anything|some|something|everything|things|stuff)\b", re.I)


def _cues(text: str) -> list[str]:
    cues = []
    for name, rx in (
        ("weekday", _WEEKDAY),
        ("month", _MONTH),
        ("date", _DATE),
        ("time", _TIME),
        ("money", _MONEY),
        ("percent", _PERCENT),
        ("number", _NUMBER),
        ("url", _URL),
        ("attach", _ATTACH),
        ("purpose", _PURPOSE),
        ("intro", _INTRO),
        ("quant", _QUANT),
        ("vague", _VAGUE),
    ):
        n = len(rx.findall(text))
        if n:
            cues.append(f"#cue:{name}")
            if n > 1:
                cues.append(f"#cue:{name}+")
    caps = len(_CAPWORD.findall(text))
    if caps:
        cues.append("#cue:proper" if caps < 3 else "#cue:proper+")
    words = len(text.split())
    cues.append(f"#len:{min(words // 4, 8)}")
    stripped = text.rstrip()
    if stripped.endswith("?"):
        cues.append("#end:?")
        if words <= 6:
            cues.append("#shortq")
    if stripped.endswith("!"):
        cues.append("#end:!")
    if ":" in text[:-1]:
        cues.append("#colon")
    return cues


@lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[str, ...]:
    """The word and its character 3-5-grams (padded): words repeat, so this is cached."""
    padded = f" {word} "
    feats = [f"w:{word}"]
    for n in (3, 4, 5):
        feats += [f"c:{padded[i : i + n]}" for i in range(len(padded) - n + 1)]
    return tuple(feats)


def features(text: str) -> list[str]:
    """Word 1-2 grams, char 3-5 grams inside words, and cues for concrete content."""
    lowered = text.lower().replace("’", "'")
    words = _WORD.findall(lowered)
    feats: list[str] = []
    for w in words:
        feats.extend(_word_features(w))
    feats += [f"b:{a} {b}" for a, b in zip(["<s>"] + words, words + ["</s>"])]
    feats += _cues(text)
    return feats


# --- the model --------------------------------------------------------------------------------------


@dataclass
class PurposeModel:
    """Exported linear model: tf-idf vocabulary and weights, run with numpy."""

    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray
    classes: tuple[str, ...]
    meta: dict[str, Any]

    def vectorize(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        # Greetings, sign-offs and template lines repeat across a mailbox: compute each once.
        return self._vector(text)

    def __post_init__(self) -> None:
        self._vector = lru_cache(maxsize=8192)(self._compute_vector)

    def _compute_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        counts: dict[int, int] = {}
        vocab = self.vocab
        for f in features(text):
            j = vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[idx]
        norm = math.sqrt(float(values @ values))
        return idx, values / norm if norm else values

    def predict_proba(self, texts: Iterable[str]) -> np.ndarray:
        rows = []
        for text in texts:
            idx, values = self.vectorize(text)
            logits = self.coef[:, idx] @ values + self.intercept
            logits = logits - logits.max()
            exp = np.exp(logits)
            rows.append(exp / exp.sum())
        return np.array(rows).reshape(-1, len(self.classes))

    def to_payload(self) -> dict[str, Any]:
        # The vocabulary as one numpy string array (column order): joblib reads an array in one
        # step, where a dict of 30k strings goes through the pure-Python unpickler (4x slower).
        terms = np.array(sorted(self.vocab, key=self.vocab.__getitem__))
        return {
            "vocab": terms,
            "idf": self.idf,
            "coef": self.coef,
            "intercept": self.intercept,
            "classes": list(self.classes),
            "meta": self.meta,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> "PurposeModel":
        terms = payload["vocab"]
        vocab = terms if isinstance(terms, dict) else dict(zip(terms.tolist(), range(len(terms))))
        return cls(
            vocab=vocab,
            idf=np.asarray(payload["idf"]),
            coef=np.asarray(payload["coef"]),
            intercept=np.asarray(payload["intercept"]),
            classes=tuple(payload["classes"]),
            meta=payload.get("meta", {}),
        )


def default_model_dir() -> Path:
    """The packaged model (`scriptlint/models` in a wheel), else `models/` of a source checkout."""
    package = Path(__file__).resolve().parents[1]  # src/scriptlint, or site-packages/scriptlint
    packaged = package / "models"
    if (packaged / MODEL_FILE).is_file():
        return packaged
    return package.parents[1] / "models"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=4)
def load_model(model_dir: str | None = None) -> PurposeModel:
    """Load once per process; refuse a model whose sha256 does not match its manifest."""
    folder = Path(model_dir) if model_dir else default_model_dir()
    model_path, manifest_path = folder / MODEL_FILE, folder / MANIFEST_FILE
    if not model_path.is_file() or not manifest_path.is_file():
        raise ModelError(f"no trained model in {folder} (run `scriptlint train`)")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{manifest_path}: unreadable manifest ({exc})") from None
    expected = manifest.get("model_sha256")
    actual = sha256_file(model_path)
    if expected != actual:
        raise ModelError(
            f"{model_path}: sha256 {actual[:12]}… does not match the manifest ({str(expected)[:12]}…); "
            "refusing to load it (joblib files can run code)"
        )
    trained_with = manifest.get("versions", {}).get("scikit-learn")
    installed = _installed_version("scikit-learn")
    if trained_with and installed and trained_with != installed:
        warnings.warn(
            f"model trained with scikit-learn {trained_with}, installed is {installed}; "
            "inference does not use scikit-learn, but retrain with `scriptlint train` to be sure",
            stacklevel=2,
        )
    import joblib  # lazy: only parallel runs and training need joblib

    payload = joblib.load(model_path)
    if payload.get("meta", {}).get("feature_version") != FEATURE_VERSION:
        raise ModelError(f"{model_path}: built for another feature version; run `scriptlint train`")
    return PurposeModel.from_payload(payload)


def _installed_version(dist: str) -> str | None:

    try:
        return version(dist)
    except PackageNotFoundError:
        return None
