"""Message checks SL951-SL953: is a purpose stated, is there something of value, a dated next step?

Judged per sentence with the cue lists in `cues.toml` (read by `detect/reading.py`); the rules'
docs are `rules/data/message_checks.toml`. With the classifier on, a sentence it is sure is
purposeful counts as a stated purpose.
"""

from __future__ import annotations

import re
from typing import Any

from scriptlint.config import Config
from scriptlint.detect.reading import Reading, cue_data, read
from scriptlint.findings import Finding, Result
from scriptlint.rules import rules_by_code
from scriptlint.text.directives import suppressions
from scriptlint.text.message import message_from_text

MESSAGE_RULES = ("SL951", "SL952", "SL953")
PURPOSE_CONFIRMED_AT = 0.8
"""With the classifier on, a sentence at least this sure to be purposeful counts as a stated purpose."""
REASON_AT = 0.5
"""A dated reason ("because the lease changes on the 1st") states a purpose when the classifier leans
purposeful (at least this) and the sentence carries no purposeless finding."""
_FIGURE = re.compile(r"\d")
_ANSWERING = re.compile(r"\b(you asked|your question|as requested|you wanted to know|to answer your)\b", re.I)
_REASON = re.compile(r"\b(because|due to|which is why|that's why|ahead of|so that)\b", re.I)
_DATED = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d"
    r"|\b\d{1,2}(st|nd|rd|th)?( of)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\bthe \d{1,2}(st|nd|rd|th)\b"
    r"|\b\d{1,2}/\d{1,2}\b|\b(today|tomorrow|this (week|month|quarter)|end of (the )?(week|month|quarter))\b",
    re.I,
)


def missing_parts(reading: Reading) -> set[str]:
    """Codes of the message checks that fail for this reading (see rules/message_checks.toml).

    Skipped entirely for texts under `min_words` analysed words (empty input, a one-line SMS) and
    for texts over reading.READ_LIMIT characters (a dump of many messages, not one);
    SL953 is skipped for call scripts and voicemails, whose next step is agreed live on the call."""
    if reading.truncated or reading.words < cue_data()["message"]["min_words"]:
        return set()
    return gaps(reading.sentences, calls=reading.is_call)


def gaps(sentences: list[tuple[int, int, set[str]]], *, calls: bool) -> set[str]:
    real = [cues for _, _, cues in sentences if "empty" not in cues]
    codes = set()
    if not any("purpose" in c for c in real):
        codes.add("SL951")
    if not any("value" in c for c in real):
        codes.add("SL952")
    if not calls and not any("date" in c and "next_step" in c for c in real):
        codes.add("SL953")
    return codes


def message_checks(text: str, *, any_length: bool = False) -> set[str]:
    """Codes of the message-level rules that fire on this whole text (used by the rule meta-test).

    `any_length` checks a text under `min_words` too (a rewritten draft that got shorter)."""
    message = message_from_text(text)
    reading = read(text, message.excluded)
    if any_length and not reading.truncated:
        return gaps(reading.sentences, calls=reading.is_call)
    return missing_parts(reading)


def _records(analysis: Any, at: float) -> list:
    """Analysed sentences the classifier gives at least `at` p(purposeful) and the hybrid did not flag."""
    records = getattr(analysis, "sentences", None) or []
    return [r for r in records if r.probs.get("purposeful", 0.0) >= at and not getattr(r, "flagged", False)]


def _purpose_confirmed(analysis: Any, text: str = "") -> bool:
    """A sentence the classifier is sure is purposeful, or a dated reason it leans purposeful on."""
    if _records(analysis, PURPOSE_CONFIRMED_AT):
        return True
    return any(_REASON.search(s) and _DATED.search(s) for s in _texts(_records(analysis, REASON_AT), text))


def _value_confirmed(analysis: Any, text: str) -> bool:
    """New figures or an answer: a statement the classifier is sure is purposeful that carries a number,
    or any such statement in a message that answers the reader's question ("you asked whether...")."""
    statements = [s for s in _texts(_records(analysis, PURPOSE_CONFIRMED_AT), text) if not s.rstrip().endswith("?")]
    return any(_FIGURE.search(s) for s in statements) or bool(statements and _ANSWERING.search(text))


def _texts(records: list, text: str) -> list[str]:
    return [text[r.start : r.end] for r in records]


def _message_finding(code: str, result: Result, config: Config, reading: Reading) -> Finding:
    rule = rules_by_code()[code]
    severity = config.severity.get(code, rule.severity)
    if code == "SL951" and result.purposeless and code not in config.severity:
        severity = "warning"  # no stated purpose in a message judged purposeless: the writer should hear it
    text = result.text
    return Finding(
        rule=rule.code,
        name=rule.name,
        category=rule.category,
        scope="message",
        severity=severity,
        start=0,
        end=len(text),
        line=1,
        column=1,
        text=text if len(text) <= 80 else text[:80] + "…",
        message=rule.message,
        confidence=0.6,
        explanation={"mechanism": "message-check", "situation": reading.situation},
    )


def message_findings(result: Result, reading: Reading, analysis: Any, config: Config) -> list[Finding]:
    """The message-level findings for this result (enabled, not disabled by a directive)."""
    if result.error is not None:
        return []
    known = rules_by_code()
    file_off, _ = suppressions(result.text)
    missing = missing_parts(reading)
    if "SL951" in missing and _purpose_confirmed(analysis, result.text):
        missing.discard("SL951")
    if "SL952" in missing and _value_confirmed(analysis, result.text):
        missing.discard("SL952")
    return [
        _message_finding(code, result, config, reading)
        for code in MESSAGE_RULES
        if code in missing and code in known and config.enables(code) and file_off is not None and code not in file_off
    ]
