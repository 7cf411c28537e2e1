"""What counts as the author's own words: quotes, forwards, signatures and patches are left alone."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scriptlint.engine import lint
from scriptlint.text.quotes import find_unanalysed

sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures" / "emails"))
from compare_quote_detectors import author_text, fixtures, normalise  # noqa: E402

CASES = fixtures()


def test_there_are_at_least_50_real_world_shapes():
    assert len(CASES) >= 50


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_exactly_the_authors_text_is_analysed(name, text, expected):
    assert normalise(author_text(text, find_unanalysed(text))) == normalise(expected)


def test_excluded_ranges_cover_whole_lines_and_keep_the_text():
    text = "Signed copy attached.\n\nOn Tue, Nov 10, 2026 at 09:00 Lee <lee@globex.example> wrote:\n> Any update?\n"
    ranges = find_unanalysed(text)
    assert ranges == [(text.index("On Tue"), len(text) - 1, "quote")]
    assert text[ranges[0][0] - 1] == "\n"


def test_findings_in_quotes_and_signatures_are_never_reported():
    text = (
        "Hi Dana,\n\nThe pilot cut mis-picks by 18%. Can we review it Tuesday at 10:00?\n\nBest,\nSam\n"
        "Just checking in with the team | Brightline\n\n"
        "On Mon, Nov 9, 2026 at 5:40 PM Dana Kim <dana@acme.example> wrote:\n> Touching base: any update?\n"
    )
    reported = lint(text).findings
    assert [f.text for f in reported if f.scope == "span"] == []


def test_the_same_phrase_in_the_authors_part_is_reported():
    text = "Hi Dana,\n\nJust checking in. Any update?\n\nOn Mon, Nov 9, 2026 at 5:40 PM Dana Kim wrote:\n> The pilot went well.\n"
    spans = {f.text for f in lint(text).findings if f.scope == "span"}
    assert {"Just checking in", "Any update?"} <= spans


def test_inline_answers_between_quotes_stay_analysed():
    text = "Raj Patel wrote:\n> Can you support SSO?\nYes\n> Pricing?\nJust checking: any update on your budget?\n"
    assert normalise(author_text(text, find_unanalysed(text))) == ["Yes", "Just checking: any update on your budget?"]


def test_a_postscript_after_the_sign_off_is_the_authors():
    text = "The contract is attached.\n\nBest,\nSam\n\nP.S. Just checking in on the invoice too.\n"
    assert "P.S. Just checking in on the invoice too." in normalise(author_text(text, find_unanalysed(text)))


def test_a_closing_bullet_list_is_not_taken_for_a_signature():
    text = "Two options for the rollout:\n\n- Leeds\n- York\n"
    assert find_unanalysed(text) == []


def test_the_diff_of_a_git_patch_email_is_not_prose():
    text = "Fold long Subject headers before matching.\n---\n src/parser.py | 2 +-\n 1 file changed\n\ndiff --git a/x b/x\n-# just checking in\n"
    [(start, end, kind)] = find_unanalysed(text)
    assert (text[start:], kind) == (text[text.index("---") :], "patch")


def test_scriptlint_directive_lines_are_not_prose():
    text = "<!-- scriptlint: disable-next-line -->\nJust checking in.\n"
    assert find_unanalysed(text) == [(0, text.index("\n"), "directive")]


# --- decoding inputs -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_text(encoding):
    from scriptlint.text.inputs import message_from_bytes

    text = "Hi Zoë,\r\n\r\nJust checking in.\r\n"
    message = message_from_bytes(text.encode(encoding), "notepad.txt")
    assert message.text == text
    assert message.warnings == ["notepad.txt: not UTF-8; decoded as UTF-16"]


def test_utf16_email_is_parsed_as_an_email():
    from scriptlint.text.inputs import message_from_bytes

    raw = "From: sam@example.com\nSubject: Pilot\n\nJust checking in.\n".encode("utf-16")
    message = message_from_bytes(raw, "draft.eml", email=True)
    assert message.subject == "Pilot" and "Just checking in." in message.text


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + bytes(range(256)) * 16,  # a BOM-like start, then binary
        b"\xfe\xff\x00\x00\x00\x00" * 100,
        b"\x00" * 1000,
        b"PK\x03\x04" + b"\x00\x01" * 500,
    ],
)
def test_binary_data_is_still_binary(data):
    from scriptlint.errors import InputError
    from scriptlint.text.inputs import message_from_bytes

    with pytest.raises(InputError, match="binary"):
        message_from_bytes(data, "blob.txt")
