"""Word normalisation: lookup lemmas, common misspellings and joiners, so one pattern matches many spellings."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import LEMMA, NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from scriptlint.rules import JOINER_NORM

# --- normalisation ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lemma_table() -> dict[str, str]:
    """English lookup lemmas from spacy-lookups-data, read as a plain dict (installed file, offline).

    spaCy's own Lookups would hash all 41k keys into a Table first, a tenth of a second we would
    pay on every cold `scriptlint lint`.
    """

    import spacy_lookups_data  # lazy: the lemma table loads on first use

    source = spacy_lookups_data.en["lemma_lookup"]  # may be stored gzipped, as spaCy's loader allows
    gz = source.parent / (source.name + ".gz")
    raw = (source if source.is_file() else gz).read_bytes()
    return json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)


_MISSPELLINGS = {
    "checkin": "checking",
    "chekin": "checking",
    "cheking": "checking",
    "touchin": "touching",
    "folowing": "following",
    "followin": "following",
    "circlin": "circling",
    "bumpin": "bumping",
    "reachin": "reaching",
    "pingin": "pinging",
    "touchbase": "touch",
    "followup": "follow",
    "checkup": "check",
    "im": "i",
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
}


@lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """Lowercase, fold curly apostrophes and dropped-g spellings, then lemmatise."""
    w = word.lower().replace("’", "'")
    table = _lemma_table()
    w = _MISSPELLINGS.get(w, w)
    if w.endswith("in") and len(w) > 4 and w + "g" in table:
        w += "g"
    return table.get(w, w)


_JOINER_TEXTS = frozenset(["-", "–", "—", "'", "’"])


def set_norms(doc: Doc) -> None:
    """Write lemmas and the spelling-tolerant lemma (`token.norm_`, which phrase patterns match on).

    Worked out once per distinct token text and written as one array: a Python loop setting two
    attributes per token was a tenth of the time on a long text."""
    if doc.user_data.get(_NORMS_SET):
        return
    if len(doc):
        values = doc.to_array([ORTH, LEMMA, NORM])
        strings = doc.vocab.strings
        known = _known_norms(strings)
        # An email: a dict look-up per token (numpy.unique costs more there); a long text: per distinct text.
        if len(doc) > _UNIQUE_FROM:
            orths, inverse = numpy.unique(values[:, 0], return_inverse=True)
        else:
            orths, inverse = values[:, 0], None
        pairs = []
        for orth in orths.tolist():
            pair = known.get(orth)
            if pair is None:
                pair = known[orth] = _token_norms(strings, orth)
            pairs.append(pair)
        if len(known) > _KNOWN_LIMIT:
            known.clear()
        lemma_norm = numpy.array(pairs, dtype="uint64").reshape(-1, 2)
        if inverse is not None:
            lemma_norm = lemma_norm[inverse.reshape(-1)]
        keep = lemma_norm == 0  # 0: leave the attribute as it is (a blank line keeps its norm)
        lemma_norm[keep] = values[:, 1:3][keep]
        doc.from_array([LEMMA, NORM], lemma_norm)
    doc.user_data[_NORMS_SET] = True


_KNOWN: dict[int, tuple[Any, dict[int, tuple[int, int]]]] = {}
_KNOWN_LIMIT = 100_000
"""Token texts whose (lemma, norm) are kept per StringStore; past this many the table starts again."""
_UNIQUE_FROM = 2000
"""Tokens from which a Doc's texts are looked up once per distinct text (numpy.unique pays off)."""


def _known_norms(strings) -> dict[int, tuple[int, int]]:
    """(lemma, norm) hashes already worked out for this StringStore, by token text hash: words repeat
    from message to message, and working one out (string look-ups, lemma table, two `strings.add`)
    was most of set_norms on an email. Per store, so every hash it returns is one its store holds."""
    entry = _KNOWN.get(id(strings))
    if entry is None or entry[0] is not strings:
        entry = _KNOWN[id(strings)] = (strings, {})
    return entry[1]


def _token_norms(strings, orth: int) -> tuple[int, int]:
    """(lemma, norm) hashes for one token text; 0 leaves that attribute unchanged."""
    text = strings[orth]
    if text.isspace() or not text:
        return 0, strings.add(JOINER_NORM) if text.count("\n") <= 1 else 0
    lemma = _lemma_table().get(text, text)
    norm = JOINER_NORM if text in _JOINER_TEXTS else normalize_word(text)
    return strings.add(lemma), strings.add(norm)


_NORMS_SET = "scriptlint.norms"


@Language.factory("scriptlint_lemmatizer", assigns=["token.lemma", "token.norm"], default_config={})
def make_lemmatizer(nlp: Language, name: str) -> "Lemmatizer":
    """Lookup lemmas from spacy-lookups-data, plus the spelling-tolerant norm the phrase rules use."""
    return Lemmatizer()


class Lemmatizer:
    def __call__(self, doc: Doc) -> Doc:
        set_norms(doc)
        return doc
