"""The library contract: offsets into what the user wrote, quotes and signatures left alone,
inline suppression, config-driven selection, and the hybrid decision."""

from __future__ import annotations

from scriptlint.config import Config
from scriptlint.engine import CHUNK_CHARS, LineIndex, _chunks, lint


def spans(result) -> list:
    """Span findings only: message-level checks (missing purpose, next step) are tested elsewhere."""
    return [f for f in result.findings if f.scope == "span"]


def test_offsets_line_and_column_point_into_the_original_text():
    text = "Hi Dana,\n\nI wanted to touch base about the pilot."
    result = lint(text)
    finding = next(f for f in spans(result) if "touch base" in f.text)
    assert text[finding.start : finding.end] == finding.text
    assert (finding.line, finding.column) == (3, text.index("touch base") - text.index("I wanted") + 1)


def test_line_index():
    where = LineIndex("ab\ncd\n\nef")
    assert [where(i) for i in (0, 1, 3, 6, 7)] == [(1, 1), (1, 2), (2, 1), (3, 1), (4, 1)]


def test_quoted_reply_and_signature_are_not_analysed():
    text = (
        "Hi Dana,\n\nThe revised SOW is attached: the fee drops 8% if we start on 3 March.\n\n"
        "Sam\n-- \nSam Ortiz, just checking in since 2019\n\n"
        "On Mon, 9 Nov 2026 at 17:40, Dana Kim <dana@acme.example> wrote:\n"
        "> Just checking in on the SOW. Any update?\n"
    )
    result = lint(text)
    assert spans(result) == []
    assert result.purposeless is False


def test_outlook_original_message_block_is_not_analysed():
    text = "Thanks, the figures are in the attached sheet (tab 2).\n\n-----Original Message-----\nFrom: Dana\nJust touching base!\n"
    assert spans(lint(text)) == []


def test_purposeless_message_verdict_and_score():
    bad = lint("Hi Dana,\n\nJust checking in. Any update on your end?\n\nBest,\nSam")
    good = lint(
        "Hi Dana,\n\nThe SOC 2 report is attached; section 4 covers retention. Can we review it Friday at 10?\n\nBest,\nSam"
    )
    assert bad.purposeless and not good.purposeless
    assert 0 <= bad.score < good.score <= 100


def test_trigger_word_in_a_purposeful_sentence_is_suppressed_with_a_reason():
    result = lint("Following up on your question about SOC 2: the audit report is attached.")
    assert spans(result) == []
    assert result.suppressed, "the phrase rule fired and the classifier overruled it"
    assert "purposeful" in result.suppressed[0].suppressed


def test_classifier_catches_purposeless_sentences_without_keywords():
    result = lint("Hi Priya,\n\nAnything new on your end?\n\nThanks,\nOwen")
    assert [f.rule for f in spans(result)] == ["SL901"]
    assert spans(result)[0].text == "Anything new on your end?"


def test_inline_suppression_for_the_file_and_the_next_line():
    text = "# scriptlint: disable=SL901\nAnything new on your end?\n"
    assert [f.rule for f in spans(lint(text))] == []
    text = "<!-- scriptlint: disable-next-line -->\nJust checking in!\nJust checking in!\n"
    result = lint(text)
    assert [f.line for f in spans(result)] == [3]


def test_select_ignore_and_severity_overrides():
    text = "Just checking in! Anything new on your end?"
    every = {f.rule for f in spans(lint(text))}
    assert "SL901" in every and len(every) >= 2
    only = lint(text, config=Config(select=("SL9",)))
    assert {f.rule for f in spans(only)} == {"SL901"}
    ignored = lint(text, config=Config(ignore=("SL9",)))
    assert "SL901" not in {f.rule for f in ignored.findings}
    loud = lint(text, config=Config(severity={"SL901": "error"}))
    assert {f.severity for f in loud.findings if f.rule == "SL901"} == {"error"}


def test_team_phrases_and_allowed_phrases():
    text = "Hope this email finds you well. We should touch base."
    team = lint(
        text, config=Config(extra_phrases=("hope this email find you well",), allow=("touch base",)), classifier=False
    )
    assert [f.rule for f in spans(team)] == ["SL990"]


def test_long_input_is_chunked_at_blank_lines_without_losing_findings():
    paragraph = "The freight report for the northern depots is attached with the March figures.\n\n"
    text = paragraph * (2 * CHUNK_CHARS // len(paragraph)) + "Just checking in!\n" + paragraph * 10
    chunks = list(_chunks(text))
    assert len(chunks) >= 2 and all(len(c) <= CHUNK_CHARS for _, c in chunks)
    assert "".join(c for _, c in chunks) == text
    result = lint(text, classifier=False)
    hit = [f for f in result.findings if "checking in" in f.text.lower()]
    assert hit and text[hit[0].start : hit[0].end] == hit[0].text


def test_empty_text():
    result = lint("")
    assert result.findings == [] and result.purposeless is False
