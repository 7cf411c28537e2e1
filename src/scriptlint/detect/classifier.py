"""The sentence purpose classifier: features, numpy inference, and safe loading of the shipped model.

Training uses scikit-learn (see `training/train.py`); inference here needs only numpy, because
importing scikit-learn would double a cold `scriptlint lint`. Both paths share `features()` and a
test checks they give the same probabilities.

The weights ship as plain numpy arrays in an `.npz` read with `allow_pickle=False`, so loading a
model can never execute code (a pickle or joblib file is refused, whatever its name), and its
sha256 must match `manifest.json`.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from itertools import chain
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from scriptlint.errors import ModelError

LABELS = ("neutral", "purposeful", "purposeless")
MODEL_FILE = "purpose.npz"
MANIFEST_FILE = "manifest.json"
FEATURE_VERSION = 5


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
_SLOT = re.compile(r"\{\{?[^{}\n]{1,60}\}\}?|\$\{[^}\n]{1,40}\}|\[\[?[^\[\]\n]{1,80}\]\]?|<[A-Z][\w ]{0,30}>")
_PHONE = re.compile(
    r"(?<![\w$€£.,])\+?\(?\d{2,4}\)?(?:[ .-]\d{3,4}){1,2}\b(?![.,]\d|%)|\b(my|your|the) (cell|number|mobile|direct line)\b",
    re.I,
)
_SLOT_KINDS = (
    # What a template slot stands for, read off its own words ("[day/time]", "{{link_or_attachment}}",
    # "[2-3 sentence explanation]"): a filled-in template carries that content (LABELS.md R3), so a slot
    # that holds a time, a link or a piece of content is a cue of its kind; a name or topic slot is not.
    ("time", re.compile(r"\b(day|days|time|times|date|dates|timeline|deadline|week|month|hour|when|slot)s?\b", re.I)),
    (
        "link",
        re.compile(r"\b(link|url|calendar|attachment|attached|resource|guide|deck|pdf|case study|report|demo)\b", re.I),
    ),
    (
        "content",
        re.compile(
            r"\b(explanation|explain|insight|angle|value|prop|proposition|result|results|metric|metrics|outcome|"
            r"benefit|point|points|summary|recap|background|experience|question|proof|stat|stats|data|example|"
            r"tip|observation|finding|detail|details|reason|next step|next action|action|agenda|sentence|idea|"
            r"figure|percent|percentage|achievement|win)s?\b",
            re.I,
        ),
    ),
)


def _slot_cues(text: str) -> list[str]:
    kinds = []
    for m in _SLOT.finditer(text):
        inner = m.group().strip("{}[]$<> ").replace("_", " ")
        if len(inner.split()) > 9:
            continue  # a stage direction ("[Listen, then repeat the figure back]"), not a slot
        kinds += [f"#slot:{kind}" for kind, rx in _SLOT_KINDS if rx.search(inner)]
    cues = sorted(set(kinds))
    if cues and _SLOT.sub("", text).strip(" \t-*•.:;,!") == "":
        cues.append("#slot:alone")  # the slot is the whole unit: the line holds the content itself
    return cues


_CONTENT_SLOT_END = re.compile(
    r"(?:^|[:\u2014\u2013-]\s*)((?:\{\{?[^{}\n]{1,60}\}\}?|\[[^\[\]\n]{1,80}\])\s*)+[.!]?\s*$"
)


_BOOKING_SLOT = re.compile(r"calendar|booking|book a|schedul|phone|number|email address|contact", re.I)


def stands_for_content(text: str) -> bool:
    """Is this unit a template slot that holds the message's content: a line that is only such a slot
    ("{{one_new_angle_or_insight}}", "- {{point_1}}", "[2-3 sentence explanation of why you're reaching
    out]") or a label followed by one ("Quick background: [one line on relevant experience]", "Check it
    out: [LINK]")? Filled in, it is the content (LABELS.md R3); a name, topic or time slot is not."""
    body = re.sub(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+", "", text.strip())
    m = _CONTENT_SLOT_END.search(body)
    if not m or len(body) > 200:
        return False
    lead = body[: m.start()].strip()
    if lead and len(lead.split()) > 12:
        return False
    slots = body[m.start() :]
    if _BOOKING_SLOT.search(slots):
        return False  # a calendar link or phone number alone is a call-me-back line, not content (R1)
    return any(c in ("#slot:content", "#slot:link") for c in _slot_cues(slots))


_LOOKS_BACK = re.compile(
    r"\b(?:sent|submitted|went in|from|last|ago|earlier|previous|follow(?:ing|ed)?[- ]?up|check(?:ing)? in|circl\w+ back|"
    r"reached out|reaching out|wrote|spoke|talked|conversation|applied|interviewed|reminded|had|were supposed|hope|"
    r"thank|thanks|wish\w*|update by|provide an update|note to)\b",
    re.I,
)


_TIME_SLOT = re.compile(r"\b(?:day|time|date|week|month|hour|when|slot|deadline|timeline)s?\b|datetime", re.I)


def dated_by_slot(text: str) -> bool:
    """A forward-looking line whose time or date is a template slot ("Your visit is set for {{visit_datetime}}.",
    "Would [Day] at [Time] work?", "📅 [Day, Date]"): filled in, it names a specific time (LABELS.md R3). Not when
    the line looks back at something the reader already has ("the quote I sent on [date]", R2) or is a
    courtesy ("Thanks again for your time on [day]"). On the corpus's train and dev parts its 17 matches are
    16 purposeful and 1 neutral."""
    timed = any(_TIME_SLOT.search(m.group().replace("_", " ")) for m in _SLOT.finditer(text))
    return timed and not _LOOKS_BACK.search(text.replace("\u2019", "'"))


_SUBJECT = re.compile(r"^\s*subject\s*:\s*", re.I)
_BULLETS = re.compile(r"\n\s*(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s+")


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
        ("slot", _SLOT),
        ("phone", _PHONE),
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
    if _SUBJECT.match(text):
        cues.append("#subject")
    bullets = len(_BULLETS.findall(text))
    if bullets:
        cues.append("#list" if bullets < 3 else "#list+")
    return cues + _slot_cues(text)


@lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[str, ...]:
    """The word and its character 3-5-grams (padded): words repeat, so this is cached."""
    padded = f" {word} "
    feats = [f"w:{word}"]
    for n in (3, 4, 5):
        feats += [f"c:{padded[i : i + n]}" for i in range(len(padded) - n + 1)]
    return tuple(feats)


def features(text: str) -> list[str]:
    """Word 1-2 grams, char 3-5 grams inside words, and cues for concrete content.

    A `Subject:` label is a cue, not words; merge fields ({{first_name}}, [Company]) are cues too,
    and their words are kept (a slot often names its content: "[one proof point]")."""
    words, rest = _feature_parts(text)
    feats: list[str] = []
    for w in words:
        feats.extend(_word_features(w))
    return feats + rest


def _feature_parts(text: str) -> tuple[list[str], list[str]]:
    """The words (each stands for `_word_features(word)`), then the bigram and cue features, in the
    order `features` lists them."""
    subject = _SUBJECT.match(text)
    lowered = (text[subject.end() :] if subject else text).lower().replace("’", "'")
    words = _WORD.findall(lowered)
    rest = [f"b:{a} {b}" for a, b in zip(["<s>"] + words, words + ["</s>"])]
    return words, rest + _cues(text)


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
        self._word_ids = lru_cache(maxsize=16384)(self._known_word_features)

    def _known_word_features(self, word: str) -> tuple[int, ...]:
        """Vocabulary columns of a word's features, in feature order, unknown ones left out: a
        word's dozens of character n-grams are looked up once per process, not once per sentence."""
        vocab = self.vocab
        return tuple(j for f in _word_features(word) if (j := vocab.get(f)) is not None)

    def _compute_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        # The same columns in the same order as looking up every string of features(text) (so the
        # sums below add in the same order and the probabilities are the same to the last bit).
        # Counter counts in C and keeps first-occurrence order, as the loop over strings did.
        vocab = self.vocab
        words, rest = _feature_parts(text)
        counts = Counter(chain.from_iterable(map(self._word_ids, words)))
        counts.update(j for f in rest if (j := vocab.get(f)) is not None)
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

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays only (numbers and fixed-width unicode): nothing that needs pickle to read."""
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        return {
            "vocab": np.array(terms, dtype=str),
            "idf": np.asarray(self.idf, dtype=np.float64),
            "coef": np.asarray(self.coef, dtype=np.float64),
            "intercept": np.asarray(self.intercept, dtype=np.float64),
            "classes": np.array(list(self.classes), dtype=str),
            "meta": np.array([json.dumps(self.meta, sort_keys=True)]),
        }

    @classmethod
    def from_arrays(cls, arrays: Any) -> "PurposeModel":
        terms = arrays["vocab"].tolist()
        return cls(
            vocab=dict(zip(terms, range(len(terms)))),
            idf=np.asarray(arrays["idf"], dtype=np.float64),
            coef=np.asarray(arrays["coef"], dtype=np.float64),
            intercept=np.asarray(arrays["intercept"], dtype=np.float64),
            classes=tuple(arrays["classes"].tolist()),
            meta=json.loads(str(arrays["meta"][0])),
        )


def save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An `.npz` (a zip of `.npy` files) with fixed timestamps, so the same model gives the same bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buffer.getvalue(), compresslevel=6)


def read_arrays(path: Path) -> PurposeModel:
    """Read a model `.npz` without pickle: object arrays or a pickle file raise ModelError."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            if not isinstance(npz, np.lib.npyio.NpzFile):
                raise ModelError(f"{path}: not a model archive (.npz)")
            return PurposeModel.from_arrays({k: npz[k] for k in npz.files})
    except ModelError:
        raise
    except (ValueError, OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: unreadable model ({str(exc).splitlines()[0][:120]}); not loaded") from None


def default_model_dir() -> Path:
    """The packaged model (`scriptlint/models` in a wheel), else `models/` of the source checkout the
    package runs from. Never the current directory: another folder is used only when named."""
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
            "refusing to load it"
        )
    trained_with = manifest.get("versions", {}).get("scikit-learn")
    installed = _installed_version("scikit-learn")
    if trained_with and installed and trained_with != installed:
        warnings.warn(
            f"model trained with scikit-learn {trained_with}, installed is {installed}; "
            "inference does not use scikit-learn, but retrain with `scriptlint train` to be sure",
            stacklevel=2,
        )
    model = read_arrays(model_path)
    if model.meta.get("feature_version") != FEATURE_VERSION:
        raise ModelError(f"{model_path}: built for another feature version; run `scriptlint train`")
    return model


def _installed_version(dist: str) -> str | None:

    try:
        return version(dist)
    except PackageNotFoundError:
        return None
