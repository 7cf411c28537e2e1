"""The spaCy side: email-aware sentences, spelling-tolerant norms, components usable elsewhere."""

import pytest
import spacy

from scriptlint.detect.normalize import normalize_word
from scriptlint.text.sentences import sentence_starts


def sentences(text: str) -> list[str]:
    starts = sentence_starts(text)
    return [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)]) if text[a:b].strip()]


def test_greeting_is_its_own_sentence():
    assert sentences("Hi Dana,\nThanks for the call.") == ["Hi Dana,", "Thanks for the call."]


def test_hard_wrapped_line_continues_the_sentence():
    text = "I read the note your team published about freight costs in the\nnorthern region last week."
    assert sentences(text) == [text]


def test_bullets_and_signoffs_end_sentences():
    text = "Two things:\n- the quote\n- the timeline\nBest,\nSam"
    assert sentences(text) == ["Two things:", "- the quote", "- the timeline", "Best,", "Sam"]


def test_abbreviations_do_not_end_sentences():
    assert sentences("Dr. Osei asked about e.g. the 3 p.m. slot. Then we hung up.") == [
        "Dr. Osei asked about e.g. the 3 p.m. slot.",
        "Then we hung up.",
    ]


@pytest.mark.parametrize(
    "word, norm",
    [
        ("Touching", "touch"),
        ("touchin", "touch"),
        ("checkin", "check"),
        ("CIRCLING", "circle"),
        ("’m", "be"),
        ("updates", "update"),
    ],
)
def test_normalize_word(word, norm):
    assert normalize_word(word) == norm


def test_components_work_in_someone_elses_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("scriptlint_sentences")  # found through the spacy_factories entry points
    nlp.add_pipe("scriptlint_phrases")
    doc = nlp("Hi Dana,\nJust touchin base about the quote.")
    assert any(s.text == "touchin base" for s in doc.spans["scriptlint"])
    assert [s.text for s in doc.sents][0] == "Hi Dana,\n"


def units(text: str) -> list[str]:
    from scriptlint.text.sentences import sentence_units

    starts = sentence_units(text)
    return [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)]) if text[a:b].strip()]


def test_a_list_header_is_judged_with_its_bullets():
    text = "Hi Dana,\nThanks for the call. I'm free at these times:\n- Tue 10am\n- Wed 2pm\n\nBest,\nSam"
    assert units(text) == [
        "Hi Dana,",
        "Thanks for the call.",
        "I'm free at these times:\n- Tue 10am\n- Wed 2pm",
        "Best,",
        "Sam",
    ]


def test_a_long_list_stays_split():
    text = "Questions:\n" + "\n".join(f"- question {i}?" for i in range(20))
    assert len(units(text)) == 21


def test_a_subject_line_is_its_own_unit():
    assert units("Subject: checking in\nhi dana, any news?") == ["Subject: checking in", "hi dana, any news?"]


def test_the_pipeline_flags_a_hollow_subject_of_a_plain_text_draft():
    from scriptlint.engine import lint

    text = "Subject: Did I lose you?\n\nHi Dana,\n\nThe signed SOW is attached.\n\nBest,\nSam"
    flagged = [f for f in lint(text).findings if f.category == "purposeless"]
    assert [(f.rule, f.line) for f in flagged] == [("SL901", 1)] and not lint(text).purposeless
