"""Message checks SL951-SL953: is a purpose stated, is there something of value, a dated next step?

Judged per sentence with the cue lists in `cues.toml` (read by `detect/reading.py`); the rules'
docs are `rules/data/message_checks.toml`. With the classifier on, a sentence it is sure is
purposeful counts as a stated purpose.
"""

from __future__ import annotations

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


def _purpose_confirmed(analysis: Any) -> bool:
    tally = getattr(analysis, "tally", None)  # every sentence, where the records may be capped
    if tally is not None:
        return tally.scored > 0 and tally.nearest >= PURPOSE_CONFIRMED_AT
    records = getattr(analysis, "sentences", None) or []
    return any(r.probs.get("purposeful", 0.0) >= PURPOSE_CONFIRMED_AT for r in records)


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
    if "SL951" in missing and _purpose_confirmed(analysis):
        missing.discard("SL951")
    return [
        _message_finding(code, result, config, reading)
        for code in MESSAGE_RULES
        if code in missing and code in known and config.enables(code) and file_off is not None and code not in file_off
    ]
