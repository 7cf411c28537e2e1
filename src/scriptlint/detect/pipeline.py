"""The one place a scriptlint Language is built, and the email-aware sentence splitter component.

Components are registered factories (and `spacy_factories` entry points), so
`nlp.add_pipe("scriptlint_phrases")` works in anyone's blank English pipeline. Importing this
module registers all four.
"""

from __future__ import annotations

from typing import Iterable

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from scriptlint.detect import hybrid, normalize, phrases  # noqa: F401  (registers their factories)
from scriptlint.detect.spans import doc_text, excluded_ranges
from scriptlint.text.sentences import sentence_units


@Language.factory("scriptlint_sentences", assigns=["token.is_sent_start"], default_config={})
def make_sentences(nlp: Language, name: str) -> "EmailSentencizer":
    """An email-aware sentence splitter ("Hi Dana," is its own sentence; wrapped lines are not; a list
    header and its bullets are one unit)."""
    return EmailSentencizer()


class EmailSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = doc_text(doc)
        # A start offset may point at whitespace: move it to the next non-space character. In order,
        # so starts inside one run of whitespace share the walk (a long run was walked once per start).
        first_chars: list[int] = []
        for s in sorted(set(sentence_units(text, excluded_ranges(doc)))):
            if first_chars and s <= first_chars[-1]:
                continue
            while s < len(text) and text[s].isspace():
                s += 1
            first_chars.append(s)
        # Array reads and one array write: setting token.is_sent_start one by one is quadratic in spaCy,
        # and a Python loop over the tokens was a fifth of the time on a long text.
        tokens = doc.to_array([IDX, IS_SPACE])
        words = tokens[:, 1] == 0
        if len(tokens) > 2000:  # numpy.isin sorts both sides: worth it on a long text, not on an email
            at_first = numpy.isin(tokens[:, 0], numpy.array(first_chars, dtype=tokens.dtype))
        else:
            firsts = set(first_chars)
            at_first = numpy.fromiter((i in firsts for i in tokens[:, 0].tolist()), dtype=bool, count=len(tokens))
        starts = words & at_first
        if words.any():
            starts[int(numpy.argmax(words))] = True  # the first word always starts a sentence
        values = numpy.where(starts, 1, -1).astype("int64").reshape(-1, 1)
        values[0, 0] = 1
        doc.from_array([SENT_START], values.astype("uint64"))
        return doc


# --- building the pipeline --------------------------------------------------------------------------


_TOKENIZER_HOST: Language | None = None


def tokenizer_host() -> Language:
    """A Language whose tokenizer and vocab other stages (slot filling) borrow.

    `spacy.blank` costs ~0.1 s, most of it loading tokenizer exceptions, so a second one would be
    a tenth of a cold start. Borrowing only `make_doc` and the vocab leaves the host's pipes alone.
    """
    global _TOKENIZER_HOST
    if _TOKENIZER_HOST is None:
        _TOKENIZER_HOST = spacy.blank("en")
    return _TOKENIZER_HOST


def build(
    extra_phrases: Iterable[str] = (),
    allow: Iterable[str] = (),
    *,
    classifier: bool = True,
    model_dir: str | None = None,
) -> Language:
    """The one place a scriptlint Language is made (blank English: no downloaded model)."""
    global _TOKENIZER_HOST
    nlp = spacy.blank("en")
    if _TOKENIZER_HOST is None:
        _TOKENIZER_HOST = nlp
    nlp.max_length = 2_000_000
    nlp.add_pipe("scriptlint_sentences")
    nlp.add_pipe("scriptlint_lemmatizer")
    nlp.add_pipe("scriptlint_phrases", config={"extra_phrases": list(extra_phrases), "allow": list(allow)})
    if classifier:
        nlp.add_pipe("scriptlint_purpose", config={"model_dir": model_dir})
    return nlp
