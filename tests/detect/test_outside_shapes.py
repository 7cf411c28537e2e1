"""Shapes of text written by other people: call-script speakers, template labels, message checks."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scriptlint.detect import checks
from scriptlint.detect.classifier import features, stands_for_content
from scriptlint.detect.hybrid import _greeting_length, _only_slots
from scriptlint.detect.spans import SentenceScore
from scriptlint.engine import lint
from scriptlint.text.lines import is_label_line, other_speaker_lines
from scriptlint.training.train import _prefer_cautious


def flagged_lines(text: str) -> list[str]:
    result = lint(text)
    return [
        text[text.rfind("\n", 0, f.start) + 1 : f.end]
        for f in result.findings
        if f.category == "purposeless" and f.scope == "span"
    ]


def test_the_prospects_lines_in_a_call_script_are_not_judged():
    script = (
        "Rep: Hi Dana, it's Sam from Pallex.\n"
        "Prospect: Any update on the pricing? Just checking in on our side too.\n"
        "Rep: Just checking in on the quote.\n"
    )
    lines = flagged_lines(script)
    assert lines and all(line.startswith("Rep:") for line in lines)


@pytest.mark.parametrize(
    "line",
    ["Prospect: We already use a vendor.", "**Customer (if busy):** Send me an email.", "- Gatekeeper: Who's calling?"],
)
def test_other_speaker_labels(line):
    assert other_speaker_lines("Rep: Hi.\n" + line) == [(9, 9 + len(line))]


@pytest.mark.parametrize(
    "line", ["Rep: Hi there.", "Subject: Checking in", "Customer success update: renewals are up."]
)
def test_the_authors_lines_are_not_the_other_speaker(line):
    assert other_speaker_lines(line) == []


@pytest.mark.parametrize("line", ["- {{time_slot_2}}", "[Your name]", "## Next steps", "**Pricing**", "Open items:"])
def test_labels_and_lone_merge_fields_are_label_lines(line):
    assert is_label_line(line, line)


@pytest.mark.parametrize(
    "line", ["Checking in", "Any update?", "Just following up on {{deal}}.", "Where are we on this?"]
)
def test_sentences_are_not_label_lines(line):
    assert not is_label_line(line, line)


def test_a_label_inside_a_longer_line_is_not_a_label_line():
    assert not is_label_line("Open items:", "Open items: the SSO setup and the data export.")


def record(text: str, sentence: str, p: float, flagged: bool = False) -> SentenceScore:
    start = text.index(sentence)
    rest = (1 - p) / 2
    probs = {"neutral": rest, "purposeless": rest, "purposeful": p}
    return SentenceScore(start, start + len(sentence), probs, "purposeful", flagged)


def test_a_sure_statement_with_a_figure_is_value():
    text = "Hi Dana,\nPick errors fell to 12 a week after the scanners went in.\nBest, Sam"
    sure = record(text, "Pick errors fell to 12 a week after the scanners went in.", 0.9)
    assert checks._value_confirmed(SimpleNamespace(sentences=[sure]), text)
    assert not checks._value_confirmed(SimpleNamespace(sentences=[record(text, "Hi Dana,", 0.9)]), text)
    flagged = record(text, "Pick errors fell to 12 a week after the scanners went in.", 0.9, flagged=True)
    assert not checks._value_confirmed(SimpleNamespace(sentences=[flagged]), text)


def test_a_question_is_not_value_but_an_answer_is():
    text = "How many sites run the old scanners? You asked about exports: they include cost centres now."
    question = record(text, "How many sites run the old scanners?", 0.95)
    answer = record(text, "they include cost centres now.", 0.9)
    assert not checks._value_confirmed(SimpleNamespace(sentences=[question]), text)
    assert checks._value_confirmed(SimpleNamespace(sentences=[answer]), text)


def test_a_dated_reason_states_a_purpose():
    text = "I'm writing because the site lease changes on the 1st and the floor plans must be updated."
    leaning = record(text, text, 0.6)
    assert checks._purpose_confirmed(SimpleNamespace(sentences=[leaning]), text)
    undated = "I'm writing because the site lease changes and the floor plans must be updated."
    assert not checks._purpose_confirmed(SimpleNamespace(sentences=[record(undated, undated, 0.6)]), undated)


def test_sl952_is_not_raised_on_a_message_with_new_figures():
    text = (
        "Hi Dana,\n\nQuick update on the Leeds pilot. Pick errors went down to 12 a week after the scanners "
        "went in, and the night shift scored 99 on the audit.\n\nTalk soon,\nSam"
    )
    hollow = (
        "Hi Dana,\n\nJust wanted to follow up on my last email about the scanners for the Leeds site. "
        "Let me know if you have any questions or if anything changes on your side.\n\nTalk soon,\nSam"
    )
    assert "SL952" not in {f.rule for f in lint(text).findings}
    assert "SL952" in {f.rule for f in lint(hollow).findings}


def test_threshold_ties_lean_on_the_phrase_rules():
    def row(flag_at: float, suppress_at: float, f1: float, ok: float = 1.0, flagged: int = 0):
        result = {"purposeful_with_trigger": {"sentences": 50, "flagged_by_hybrid": flagged, "rate": flagged / 50}}
        return ((ok, 0.0 if ok else -flagged / 50, f1), {"flag_at": flag_at, "suppress_at": suppress_at}, result)

    def pick(rows):
        chosen = _prefer_cautious(rows)[1]
        return chosen["flag_at"], chosen["suppress_at"]

    # within 0.01 of the best mean F1 is a tie: the highest flag_at, then the highest suppress_at
    assert pick([row(0.4, 0.7, 0.965), row(0.6, 0.5, 0.958), row(0.6, 0.7, 0.957), row(0.7, 0.5, 0.950)]) == (0.6, 0.7)
    # a setting under the trigger-word cap beats any over it
    assert pick([row(0.4, 0.7, 0.965), row(0.7, 0.7, 0.990, ok=0.0, flagged=4)]) == (0.4, 0.7)
    # none under the cap: one trigger-word sentence more than the fewest is still a tie, two are not
    rows = [row(0.4, 0.7, 0.96, 0.0, 3), row(0.7, 0.5, 0.955, 0.0, 3), row(0.7, 0.7, 0.955, 0.0, 4)]
    assert pick(rows) == (0.7, 0.7)
    assert pick([*rows[:2], row(0.7, 0.85, 0.96, 0.0, 5)]) == (0.7, 0.5)


@pytest.mark.parametrize(
    "unit",
    [
        "{{one_new_angle_or_insight}}",
        "- {{point_1}}",
        "[Two sentences on what changed for the client]",
        "Quick background: [one line on relevant experience].",
        "See the figures here: [report link]",
    ],
)
def test_a_slot_that_holds_the_content_stands_for_it(unit):
    assert stands_for_content(unit)


@pytest.mark.parametrize(
    "unit",
    [
        "[Your name]",
        "Hi [Name],",
        "[Calendar Link]",
        "Grab a time here: [calendar link]",
        "[Phone Number]",
        "I left you a voicemail about [topic].",
        "[Listen, then repeat the figures back to her before you move on to pricing.]",
    ],
)
def test_name_topic_booking_slots_and_stage_directions_are_not_content(unit):
    assert not stands_for_content(unit)


def test_slot_cues_say_what_a_slot_stands_for():
    assert "#slot:time" in features("Would [day/time] work for a call?")
    assert {"#slot:link", "#slot:alone"} <= set(features("{{link_or_attachment}}"))
    assert not [f for f in features("Hi [Name], I sent you a note about [topic].") if f.startswith("#slot:")]


def test_a_template_whose_only_content_is_a_slot_is_purposeful():
    draft = (
        "Hi {{first_name}},\n\nJust floating this back up.\n\n{{one_new_angle_or_insight}}\n\n"
        "Happy to jump on a call if timing is better now.\n"
    )
    result = lint(draft)
    assert result.purposeless is False
    assert flagged_lines(draft)  # the hollow lines keep their findings (R8)
    hollow = "Hi {{first_name}},\n\nJust floating this back up.\n\nHappy to jump on a call if timing is better now.\n"
    assert lint(hollow).purposeless is True


def test_a_greeting_that_opens_a_flagged_sentence_is_not_in_its_span():
    text = "Hi [Name], I know we talked a while back about the sale of [Property Address]."
    assert _greeting_length(text) == len("Hi [Name], ")
    assert _greeting_length("Hi Dana,") == 0
    for f in lint(text).findings:
        if f.scope == "span":
            assert f.start >= len("Hi [Name], ")


def test_a_merge_field_alone_is_never_a_classifier_finding():
    assert _only_slots("[Your Phone Number]") and _only_slots("- [Agent Name], [Agency Name].")
    assert not _only_slots("Call me at [Phone].")
    text = "Hi [Name], just confirming our call on [Date] at [Time]. Talk then! [Your Phone Number]"
    assert not [f for f in lint(text).findings if text[f.start : f.end] == "[Your Phone Number]"]
