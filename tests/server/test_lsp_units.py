"""Pieces of the language server without a client: positions, mail buffers, settings, fixes."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed (pip install '.[lsp]')")

from scriptlint.config import Config  # noqa: E402  (after the skip: these modules import pygls)
from scriptlint.errors import ConfigError  # noqa: E402
from scriptlint.findings import Finding, Suggestion  # noqa: E402
from scriptlint.server.actions import disable_fix, fixes, hover_markdown  # noqa: E402
from scriptlint.server.diagnose import Analysis, Located, analyse, diagnostics, severity  # noqa: E402
from scriptlint.server.documents import MAIL, MARKDOWN, PLAINTEXT, kind_of, split_headers  # noqa: E402
from scriptlint.server.positions import Positions, units  # noqa: E402
from scriptlint.server.settings import ConfigCache, parse_debounce, parse_overrides  # noqa: E402

DRAFT = "Hi Dana,\n\nJust checking in to see how things are going. Any update?\n\nThanks,\nSam\n"


def apply(text: str, fix) -> str:
    return text[: fix.start] + fix.new_text + text[fix.end :]


def codes(analysis: Analysis) -> list[str]:
    return [loc.finding.rule for loc in analysis.located]


# --- positions ---------------------------------------------------------------------------------
def test_utf16_counts_an_emoji_as_two_units():
    text = "ok\n😀 é just checking in\r\nnext"
    at = text.index("just")
    positions = Positions(text)
    assert positions.position(at) == (1, 5)  # 😀=2, space, é=1, space
    assert Positions(text, "utf-8").position(at) == (1, 8)
    assert Positions(text, "utf-32").position(at) == (1, 4)
    assert positions.offset(1, 5) == at
    assert positions.position(text.index("next")) == (2, 0)
    assert positions.offset(1, 999) == text.index("\r\n")  # past the end of a line: its end
    assert positions.offset(9, 0) == len(text)
    assert units("😀😀") == 4


def test_every_offset_round_trips_through_a_position():
    text = "a😀b\r\n\r\nc\rd👍🏽e\n"
    positions = Positions(text)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between \r and \n is not a position
        assert positions.offset(*positions.position(offset)) == offset


# --- documents ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "language_id, uri, kind",
    [
        ("plaintext", "file:///a/b", PLAINTEXT),
        ("markdown", "untitled:1", MARKDOWN),
        ("mail", "file:///tmp/mutt-host-1000-1-2", MAIL),
        ("message", "file:///tmp/neomutt-host-1000-1-2", MAIL),
        ("", "file:///x/draft.txt", PLAINTEXT),
        ("", "file:///x/README.md", MARKDOWN),
        ("", "file:///x/reply.eml", MAIL),
        ("python", "file:///x/a.py", None),
    ],
)
def test_which_buffers_are_linted(language_id, uri, kind):
    assert kind_of(language_id, uri) == kind


MUTT = (
    "From: Sam Seller <sam@example.com>\n"
    "To: Dana <dana@example.org>\n"
    "Subject: Just checking\n"
    "  in\n"
    "\n"
    "Hi Dana,\n\n"
    "Just checking in to see how things are going. Any update?\n\n"
    "On Mon, 9 Nov 2026 at 17:40, Dana wrote:\n"
    "> just checking in from our side too, any update?\n\n"
    "-- \nSam Seller | Acme | just checking in since 1999\n"
)


def test_a_mutt_buffer_maps_findings_into_the_buffer_and_skips_headers_quotes_and_signature():
    headers, body_start = split_headers(MUTT)
    assert len(headers) == 3 and MUTT[body_start:].startswith("Hi Dana")
    analysis = analyse(MUTT, MAIL, Config)
    assert analysis.error is None
    spans = [loc for loc in analysis.located if loc.finding.scope == "span"]
    body_hits = [MUTT[loc.start : loc.end] for loc in spans if loc.start >= body_start]
    assert body_hits == ["Just checking in", "see how things are going", "Any update?"]
    quote = MUTT.index("> just")
    assert all(loc.start < quote for loc in analysis.located)  # quote and signature never flagged
    subject = [loc for loc in spans if loc.start < body_start]
    assert [MUTT[loc.start : loc.end] for loc in subject] == ["Just checking\n  in"]  # folded subject


def test_a_compose_buffer_without_headers_is_all_body():
    analysis = analyse(DRAFT, MAIL, Config)
    assert [DRAFT[loc.start : loc.end] for loc in analysis.located if loc.finding.scope == "span"][:1] == [
        "Just checking in"
    ]
    assert split_headers("Dana: see below\nthe numbers\n") == ([], 0)


def test_an_encoded_email_gets_one_error_not_wrong_ranges():
    eml = "Subject: hi\nContent-Transfer-Encoding: quoted-printable\n\nJust checking in=2C any update?\n"
    analysis = analyse(eml, MAIL, Config)
    assert analysis.error and "quoted-printable" in analysis.error
    (diagnostic,) = diagnostics(analysis, Positions(eml))
    assert diagnostic.range.start.line == 0


def test_a_broken_config_is_one_diagnostic():
    def broken() -> Config:
        raise ConfigError("scriptlint.toml: key 'ignore' must be a list")

    analysis = analyse(DRAFT, PLAINTEXT, broken)
    (diagnostic,) = diagnostics(analysis, Positions(DRAFT))
    assert "key 'ignore' must be a list" in diagnostic.message


def test_a_crash_inside_the_engine_is_one_diagnostic(monkeypatch):
    import scriptlint.server.diagnose as diagnose

    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(diagnose, "lint_message", boom)
    analysis = analyse(DRAFT, PLAINTEXT, Config)
    assert [d.message for d in diagnostics(analysis, Positions(DRAFT))] == [
        "scriptlint could not analyse this document (RuntimeError: kaput)"
    ]


def test_severity_follows_the_rule_and_fail_on():
    finding = Finding("SL101", "checking-in", "purposeless", "span", "warning", 0, 1, 1, 1, "x", "m", 0.9)
    assert severity(finding, "warning") == 2
    assert severity(finding, "error") == 4  # would not fail `lint --fail-on error`: a hint
    assert severity(finding, "never") == 4
    finding.severity = "error"
    assert severity(finding, "warning") == 1


# --- settings ----------------------------------------------------------------------------------
def test_overrides_and_debounce_are_read_and_checked():
    overrides, problems = parse_overrides(
        {"scriptlint": {"ignore": ["sl101"], "select": "SL1,SL4", "fail_on": "error"}}
    )
    assert (overrides.ignore, overrides.select, overrides.fail_on) == (("SL101",), ("SL1", "SL4"), "error")
    assert not problems
    overrides, problems = parse_overrides({"ignore": ["SL999"], "fail_on": "sometimes"})
    assert overrides.ignore is None and overrides.fail_on is None and len(problems) == 2
    assert parse_debounce({"debounceMs": 0}) == (0, None)
    assert parse_debounce(None) == (0.3, None)
    assert parse_debounce({"debounceMs": -5})[1]


def test_the_config_file_is_found_upward_and_read_again_when_it_changes(tmp_path):
    nested = tmp_path / "templates" / "q3"
    nested.mkdir(parents=True)
    config_file = tmp_path / "scriptlint.toml"
    config_file.write_text('ignore = ["SL101"]\n', encoding="utf-8")
    cache = ConfigCache()
    assert cache.for_folder(nested).ignore == ("SL101",)
    config_file.write_text('ignore = ["SL401", "SL601"]\n', encoding="utf-8")
    assert cache.for_folder(nested).ignore == ("SL401", "SL601")
    config_file.write_text('ignore = ["SL000"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown rule code 'SL000'"):
        cache.for_folder(nested)


# --- hover and fixes ---------------------------------------------------------------------------
def test_hover_shows_the_explanation_and_the_suggestions():
    analysis = analyse(DRAFT, PLAINTEXT, Config)
    loc = analysis.located[analysis.located.index(next(x for x in analysis.located if x.finding.rule == "SL101"))]
    text = hover_markdown(loc)
    assert text.startswith("# SL101 checking-in") and "## Why this hurts the sale" in text
    assert "## Suggestions" in text and loc.finding.suggestions[0].rewrite in text


@pytest.mark.parametrize("kind, comment", [(PLAINTEXT, "# scriptlint"), (MARKDOWN, "<!-- scriptlint")])
def test_disable_next_line_inserts_a_directive_that_works(kind, comment):
    text = "Hi Dana,\n\n  Just checking in on the quote.\n"
    analysis = analyse(text, kind, Config)
    loc = next(x for x in analysis.located if x.finding.rule == "SL101")
    fixed = apply(text, disable_fix(analysis, loc))
    assert f"\n  {comment}: disable-next-line=SL101" in fixed
    assert "SL101" not in codes(analyse(fixed, kind, Config))


def test_no_directive_in_a_mail_buffer():
    analysis = analyse(MUTT, MAIL, Config)
    loc = next(x for x in analysis.located if x.finding.rule == "SL101")
    assert disable_fix(analysis, loc) is None
    assert not any(f.title.startswith("Disable") for f in fixes(analysis, loc))


def test_the_top_fix_is_what_scriptlint_rewrite_does_and_alternatives_take_its_place():
    from scriptlint.suggest.rewrite import rewrite

    text = "Hi Dana,\n\nJust checking in on the proposal for the 12 forklifts.\n\nThanks,\nSam\n"
    analysis = analyse(text, PLAINTEXT, Config)
    loc = next(x for x in analysis.located if x.finding.rule == "SL101")
    found = fixes(analysis, loc)
    rewrites = [f for f in found if f.title.startswith("Rewrite")]
    assert len(rewrites) == len(loc.finding.suggestions) >= 2
    assert rewrites[0].preferred and not any(f.preferred for f in rewrites[1:])
    assert apply(text, rewrites[0]) == rewrite(analysis.result)  # one run: the whole rewrite
    for fix, suggestion in zip(rewrites, loc.finding.suggestions):
        fixed = apply(text, fix)
        assert suggestion.rewrite in fixed and fixed.startswith("Hi Dana,\n\n") and fixed.endswith("Thanks,\nSam\n")
        assert "Just checking in" not in fixed


def test_only_the_findings_own_run_changes():
    text = "Hi Dana,\n\nJust checking in on the pilot.\n\nThe report is attached.\n\nAny update?\n\nThanks,\nSam\n"
    analysis = analyse(text, PLAINTEXT, Config)
    loc = next(x for x in analysis.located if x.finding.rule == "SL101")
    fixed = apply(text, fixes(analysis, loc)[0])
    assert "Just checking in" not in fixed and "\n\nAny update?\n\n" in fixed


def test_a_rewrite_fix_in_a_mail_buffer_leaves_the_headers_alone():
    analysis = analyse(MUTT, MAIL, Config)
    body_loc = next(x for x in analysis.located if x.finding.rule == "SL401")
    fixed = apply(MUTT, fixes(analysis, body_loc)[0])
    assert fixed.startswith(MUTT[: MUTT.index("Hi Dana")]) and "Any update?" not in fixed.split("On Mon")[0]


def test_a_cut_suggestion_removes_the_line():
    text = "Hi Dana,\n\nThe signed SOW is attached; kickoff is Tuesday at 10.\nJust checking in.\n\nThanks,\nSam\n"
    analysis = analyse(text, PLAINTEXT, Config)
    loc = next(x for x in analysis.located if x.finding.rule == "SL101")
    cut = Suggestion("cut", "Cut it", "", "004_example.txt")
    loc = Located(Finding(**{**loc.finding.__dict__, "suggestions": [cut]}), loc.start, loc.end)
    (fix, _directive) = fixes(analysis, loc)
    assert fix.title.startswith("Cut this line")
    assert apply(text, fix) == text.replace("Just checking in.\n", "")
    # Sharing its line with other words, only the sentence goes.
    text2 = "Kickoff is Tuesday at 10. Just checking in.\n"
    analysis2 = analyse(text2, PLAINTEXT, Config)
    loc2 = next(x for x in analysis2.located if x.finding.rule == "SL101")
    loc2 = Located(Finding(**{**loc2.finding.__dict__, "suggestions": [cut]}), loc2.start, loc2.end)
    assert apply(text2, fixes(analysis2, loc2)[0]).startswith("Kickoff is Tuesday at 10.")
    assert "checking" not in apply(text2, fixes(analysis2, loc2)[0])


COMPLETE = (
    "Hi Dana,\n\nThanks for the walkthrough on Tuesday. The purpose of this note is to agree the pilot scope for "
    "the Leeds site before your budget review.\n\nI have attached the comparison sheet: two sites your size cut "
    "mis-picks by 18% within ten weeks after moving to ring scanners, and the estimate for Leeds is on page two.\n\n"
    "Just checking in.\n\nCould we go through it with your shift managers on Thursday 16 May at 10:00?\n\nBest,\nSam\n"
)


def test_when_the_rewrite_cuts_the_line_the_top_fix_cuts_it():
    analysis = analyse(COMPLETE, PLAINTEXT, Config)
    loc = next(x for x in analysis.located if x.finding.rule == "SL101")
    assert loc.finding.suggestions[0].tactic == "cut"
    top, *others = fixes(analysis, loc)
    assert top.title.startswith("Cut this line") and top.preferred
    assert apply(COMPLETE, top) == COMPLETE.replace("Just checking in.\n\n", "")
    alternative = apply(COMPLETE, others[0])
    assert loc.finding.suggestions[1].rewrite in alternative and "Just checking in" not in alternative
