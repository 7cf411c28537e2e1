"""Reading real email: MIME bodies, charsets, subjects, attachments, Outlook .msg, and bad input."""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path

import pytest

from scriptlint.engine import lint_message
from scriptlint.errors import InputError
from scriptlint.text.inputs import expand_paths, read_path
from scriptlint.text.mime import parse_email

FIXTURES = Path(__file__).parents[1] / "fixtures" / "emails"


def analysed(message) -> str:
    """The text the linter looks at: everything outside the excluded ranges."""
    out, pos = [], 0
    for start, end, _ in sorted(message.excluded):
        out.append(message.text[pos:start])
        pos = max(pos, end)
    return "".join(out) + message.text[pos:]


ALTERNATIVE = b"""From: Sam Ortiz <sam@brightline.example>
To: Dana Kim <dana@acme.example>
Date: Tue, 10 Nov 2026 09:12:00 +0000
Subject: Pilot results
Message-ID: <alt-1@brightline.example>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="ALT"

--ALT
Content-Type: text/plain; charset=utf-8

Hi Dana, the pilot cut mis-picks by 18%. Review on Tuesday at 10?
--ALT
Content-Type: text/html; charset=utf-8

<p>HTML VERSION Hi Dana</p>
--ALT--
"""


def test_multipart_alternative_prefers_the_plain_text_part_and_keeps_headers():
    message = parse_email(ALTERNATIVE, "alt.eml")
    assert "the pilot cut mis-picks by 18%" in message.text
    assert "HTML VERSION" not in message.text
    assert message.headers == {
        "From": "Sam Ortiz <sam@brightline.example>",
        "To": "Dana Kim <dana@acme.example>",
        "Date": "Tue, 10 Nov 2026 09:12:00 +0000",
        "Subject": "Pilot results",
        "Message-ID": "<alt-1@brightline.example>",
    }
    assert message.attachments == 0 and message.warnings == []


def test_the_subject_is_analysed_but_its_label_is_not():
    message = parse_email(b"From: a@x.example\nSubject: Touching base\n\nThe Q3 report is attached.\n", "s.eml")
    assert message.text == "Subject: Touching base\n\nThe Q3 report is attached.\n"
    assert message.excluded[0] == (0, len("Subject: "), "header")
    assert message.extracted and message.subject == "Touching base"
    finding = next(f for f in lint_message(message).findings if f.rule == "SL102")
    assert message.text[finding.start : finding.end] == "Touching base"


@pytest.mark.parametrize(
    "subject,rule",
    [("Touching base", "SL102"), ("Just checking in", "SL101"), ("Checking in", "SL901"), ("Following up", "SL901")],
)
def test_a_purposeless_subject_is_a_finding_in_the_subject(subject, rule):
    message = parse_email(
        f"From: a@x.example\nSubject: {subject}\n\nThe pilot report is attached; review it Tuesday at 3pm?\n".encode(),
        "s.eml",
    )
    in_subject = [f for f in lint_message(message).findings if f.start < message.meta["body_start"]]
    assert [(f.rule, f.text) for f in in_subject] == [(rule, subject)]


def test_a_reply_subject_was_not_typed_by_the_author_and_is_not_analysed():
    message = parse_email(b"From: a@x.example\nSubject: Re: Touching base\n\nSigned copy attached.\n", "re.eml")
    assert message.excluded[0] == (0, len("Subject: Re: Touching base"), "header")
    assert "Touching base" not in analysed(message)


def test_html_only_email_is_converted_and_its_blockquote_is_a_quote():
    data = (
        b"From: a@x.example\nSubject: Pricing\nContent-Type: text/html; charset=utf-8\n\n"
        b"<html><body><p>Hi Dana,</p><p>The <b>new pricing</b> saves you 12%.</p>"
        b"<div class=gmail_quote><div>On Mon, Nov 9, 2026 at 5:40 PM Dana Kim wrote:<br></div>"
        b"<blockquote>Just checking in on pricing.</blockquote></div></body></html>"
    )
    message = parse_email(data, "html.eml")
    own = analysed(message)
    assert "The new pricing saves you 12%." in own
    assert "checking in" not in own and "checking in" in message.text
    assert message.warnings == ["html.eml: no text/plain part; converted the HTML body to text"]


def test_quoted_printable_and_encoded_subject_are_decoded():
    data = (
        b"From: a@x.example\nSubject: =?iso-8859-1?q?Caf=E9_order?=\n"
        b"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        b"Your caf=E9 order ships Friday; tracking link=\n to follow.\n"
    )
    message = parse_email(data, "qp.eml")
    assert message.text == "Subject: Café order\n\nYour café order ships Friday; tracking link to follow.\n"
    assert message.warnings == []


def test_base64_body_is_decoded():
    body = "Grüße: the contract is signed — invoice follows.\n".encode("utf-8")
    data = (
        b"From: a@x.example\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(body)
    )
    assert parse_email(data, "b64.eml").text == body.decode("utf-8")


def test_unknown_charset_is_decoded_by_best_guess_with_a_warning():
    data = b"From: a@x.example\nContent-Type: text/plain; charset=x-klingon\n\nThe caf\xe9 quote is attached.\n"
    message = parse_email(data, "k.eml")
    assert "The caf" in message.text and "quote is attached" in message.text
    assert message.warnings == ["k.eml: unknown charset 'x-klingon'; decoded by best guess"]


def test_undeclared_8bit_text_is_guessed_with_a_warning():
    message = parse_email(b"From: a@x.example\n\nThe caf\xe9 quote is attached.\n", "u.eml")
    assert message.text == "The café quote is attached.\n"
    assert message.warnings[0].startswith("u.eml: no charset declared for 8-bit text; decoded as ")


def test_attachments_are_counted_not_analysed():
    data = (
        b"From: a@x.example\nSubject: Deck\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=M\n\n"
        b"--M\nContent-Type: text/plain\n\nThe deck is attached.\n"
        b"--M\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=deck.pdf\n"
        b"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"
        b"--M\nContent-Type: text/plain; name=notes.txt\nContent-Disposition: attachment; filename=notes.txt\n\n"
        b"Just checking in (an attached file, not the email).\n--M--\n"
    )
    message = parse_email(data, "att.eml")
    assert message.attachments == 2
    assert message.text == "Subject: Deck\n\nThe deck is attached."


def test_a_30_mb_attachment_is_skipped_quickly():
    blob = base64.encodebytes(os.urandom(30 * 2**20 * 3 // 4))
    data = (
        b"From: a@x.example\nSubject: Deck\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=M\n\n"
        b"--M\nContent-Type: text/plain\n\nThe deck is attached.\n"
        b"--M\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=deck.pdf\n"
        b"Content-Transfer-Encoding: base64\n\n" + blob + b"--M--\n"
    )
    assert len(data) > 30 * 2**20
    started = time.perf_counter()
    message = parse_email(data, "big.eml")
    assert time.perf_counter() - started < 3
    assert (message.text, message.attachments) == ("Subject: Deck\n\nThe deck is attached.", 1)


def test_truncated_mime_gives_the_text_so_far_and_a_warning():
    data = (
        b"From: a@x.example\nSubject: Hi\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=B\n\n"
        b"--B\nContent-Type: text/plain\n\nThe revised quote is attached.\n--B\nContent-Type: text/html\n\n<p>The rev"
    )
    message = parse_email(data, "t.eml")
    assert "The revised quote is attached." in message.text
    assert message.warnings == ["t.eml: MIME message is truncated (closing boundary missing)"]


def test_missing_boundary_reads_the_raw_body_with_a_warning():
    data = b"From: a@x.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=NOPE\n\nJust checking in.\n"
    message = parse_email(data, "nb.eml")
    assert message.text == "Just checking in.\n"
    assert message.warnings == ["nb.eml: MIME boundary not found; read the raw body as text"]


def test_empty_body_and_attachment_only_email_warn_and_give_no_text():
    empty = parse_email(b"From: a@x.example\nSubject: \n\n", "e.eml")
    assert (empty.text, empty.warnings) == ("", ["e.eml: the email has no text body"])
    only_pdf = parse_email(
        b"From: a@x.example\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n",
        "p.eml",
    )
    assert (only_pdf.text, only_pdf.attachments) == ("", 1)
    assert only_pdf.warnings == ["p.eml: no text part in this email (only attachments?)"]


def test_a_header_the_stdlib_cannot_parse_is_kept_raw_with_a_warning():
    # `From: <` makes email.policy.default raise IndexError on access (CPython 3.11).
    message = parse_email(b"From: <\nSubject: Pricing\n\nThe new price list is attached.\n", "h.eml")
    assert message.headers["From"] == "<" and message.text.endswith("The new price list is attached.\n")
    assert message.warnings == ["h.eml: malformed From header"]


def test_an_eml_file_without_headers_is_linted_as_plain_text(tmp_path):
    path = tmp_path / "draft.eml"
    path.write_bytes(b"Hi Dana,\n\nJust checking in.\n")
    message = read_path(path)
    assert message.text == "Hi Dana,\n\nJust checking in.\n" and not message.extracted
    assert message.warnings == [f"{path}: no email headers found; read as plain text"]


def test_binary_eml_is_one_clear_error(run_cli, tmp_path):
    path = tmp_path / "photo.eml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run_cli("lint", str(path))
    assert result.code == 2
    assert result.err.strip() == f"scriptlint: error: {path}: looks like a binary file, not an email"


def test_email_on_stdin_is_recognised_and_offsets_point_into_the_json_text(run_cli):
    result = run_cli(
        "lint",
        "-",
        "--format",
        "json",
        stdin=(FIXTURES.parent.parent.parent / "examples" / "reply-with-quote.eml").read_bytes(),
    )
    assert result.code == 1
    [entry] = json.loads(result.out)["results"]
    assert entry["text"].startswith("Subject: Re: Pilot results\n\nHi Dana,")
    texts = {f["text"] for f in entry["findings"] if f["scope"] == "span"}
    assert "Any update?" in texts
    for f in entry["findings"]:
        assert entry["text"][f["start"] : f["end"]].startswith(f["text"][:20].rstrip("…"))
    # "just checking in" is only in Dana's quoted message
    assert not any("checking in" in f["text"].lower() for f in entry["findings"] if f["scope"] == "span")


def test_non_email_on_stdin_is_plain_text(run_cli):
    result = run_cli("lint", "-", "--format", "json", stdin=b"Note to self: call Dana about the pilot on Tuesday.\n")
    assert result.code in (0, 1) and "Traceback" not in result.err
    [entry] = json.loads(result.out)["results"]
    assert "text" not in entry  # plain text: offsets point into stdin itself


def test_outlook_msg_is_read_with_the_msg_extra():
    pytest.importorskip("extract_msg")
    message = read_path(FIXTURES / "touching-base.msg")
    assert message.text == "Subject: Touching base\n\nHi Dana,\n\nJust checking in on the quote. Any update?\n\nSam\n"
    assert message.headers["From"] == "Sam Ortiz" and message.attachments == 0
    rules = {f.rule for f in lint_message(message).findings}
    assert {"SL101", "SL102", "SL401"} <= rules


def test_outlook_msg_without_the_extra_names_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "extract_msg", None)  # import fails as if not installed
    with pytest.raises(InputError, match=r"needs the msg extra: pip install 'scriptlint\[msg\]'"):
        read_path(FIXTURES / "touching-base.msg")


def test_damaged_msg_is_one_clear_error(tmp_path):
    pytest.importorskip("extract_msg")
    path = tmp_path / "broken.msg"
    path.write_bytes(b"not an OLE file at all")
    with pytest.raises(InputError, match="not a readable Outlook .msg file"):
        read_path(path)


def test_folders_include_eml_and_msg_files(tmp_path):
    for name in ("a.eml", "b.msg", "c.pdf"):
        (tmp_path / name).write_bytes(b"x")
    assert [Path(p).name for p in expand_paths([str(tmp_path)])] == ["a.eml", "b.msg"]
