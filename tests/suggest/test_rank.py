"""Suggestions: situation detection, slot filling, ranking, uniqueness, and the message checks."""

from __future__ import annotations

import time

import pytest

from scriptlint.config import Config
from scriptlint.detect.checks import message_checks
from scriptlint.detect.reading import read
from scriptlint.engine import lint
from scriptlint.findings import Finding, Result
from scriptlint.suggest.rank import attach_suggestions, rank
from scriptlint.suggest.rewrite import rewrite
from scriptlint.text.message import message_from_text

# fmt: off
SITUATIONS = [
    # (situation, message, best tactic for that situation alone, best tactic among the message's findings)
    ("first-outreach",
     "Hi Carla,\n\nMy name is Mike and I wanted to reach out and connect since we're both in the dealer world. "
     "Would love to pick your brain sometime.\n\nCheers,\nMike",
     "share-insight"),
    ("after-meeting",
     "Hi Frank,\n\nGreat to meet you on Monday and thanks for the plant tour. Just following up on our meeting, "
     "let me know if you have any questions.\n\nBest,\nAnita",
     "recap"),
    ("proposal-silence",
     "Hi Markus,\n\nJust checking in on the quote I sent last Tuesday. Did you get a chance to look at it?\n\nThanks,\nGreg",
     "map-decision"),
    ("after-no",
     "Hi Rahul,\n\nIt's been a while since we last spoke, so I wanted to touch base. Are you in a better position "
     "to look at suppliers now?\n\nBest,\nEmily",
     "real-reason"),
    ("nth-nudge",
     "Hi Joanne,\n\nFollowing up again on my last three emails as I haven't heard back. Bumping this to the top of "
     "your inbox.\n\nBest,\nKyle",
     "the-push"),
    ("agreed-date-passed",
     "Hi Chen,\n\nWe agreed to speak again on the 14th about the pilot. Just checking in to see where things "
     "landed.\n\nBest,\nHannah",
     "agreed-timeline"),
    ("call-script",
     "Hey Dave, it's Rick from Summit Rentals, just calling to touch base. Give me a call back at 555-0148.",
     "state-purpose"),
    ("existing-account",
     "Hi Beth,\n\nJust wanted to touch base and see how things are going with your account. Let me know if you "
     "need anything.\n\nThanks,\nRay",
     "common-challenge"),
]
# fmt: on


@pytest.mark.parametrize("situation, text, tactic", SITUATIONS, ids=[s[0] for s in SITUATIONS])
def test_situation_is_detected_and_picks_its_tactic(situation, text, tactic):
    reading = read(text, message_from_text(text).excluded)
    assert reading.situation == situation or (situation == "call-script" and reading.is_call)
    assert rank((), reading.situations)[0][0] == tactic


OFFERED = [pytest.param(*case, id=case[0]) for case in SITUATIONS]


@pytest.mark.parametrize("situation, text, tactic", OFFERED)
def test_a_finding_in_that_situation_is_offered_the_tactic(situation, text, tactic):
    result = lint(text)  # default: phrase rules + classifier
    spans = [f for f in result.findings if f.scope == "span" and f.suggestions]
    assert spans
    # The rewrite itself is conservative: a span finding's top is the composer's cut or plain edit.
    assert {f.suggestions[0].tactic for f in spans} <= {"cut", "state-purpose"}
    offered = {s.tactic for f in spans for s in f.suggestions}
    expected = {
        "proposal-silence": {"map-decision", "measurable-results"},
        # An existing customer gets results and usage (issue 11).
        "existing-account": {"measurable-results", "common-challenge"},
    }.get(situation, {tactic})
    assert offered & expected, (offered, [f.rule for f in result.findings])


def test_rule_order_decides_when_no_situation_is_detected():
    assert [t for t, _ in rank(("homework", "real-reason"), {})] == ["homework", "real-reason"]
    # A clear situation outranks the rule's default order; the rule's order still breaks close calls.
    assert rank(("state-purpose", "share-insight"), {"agreed-date-passed": 1.0})[0][0] == "agreed-timeline"
    # A tactic already on top for another finding is penalised, so a close second takes over.
    assert rank(("state-purpose", "share-insight"), {}, used_top=["state-purpose"])[0][0] == "share-insight"


# fmt: off
SLOTS = [
    ("Hi Dana,\n\nThanks.", "first_name", "Dana"),
    ("Dear Mr. Nowak,\n\nThanks.", "first_name", "Mr. Nowak"),
    ("hey Angela, any update on the janitorial bid?? lmk", "first_name", "Angela"),
    ("Hi, is this Mr. Brandt? This is Karl from Hydrotec.", "first_name", "Mr. Brandt"),
    ("Hi team,\n\nQuick note.", "first_name", None),
    ("Just checking in after our call on Tuesday.", "last_meeting", "our call on Tuesday"),
    ("Thanks for the demo last week, it was great.", "last_meeting", "the demo last week"),
    ("When we met on the 2nd you said you'd decide.", "last_meeting", "our meeting on the 2nd"),
    ("The purpose of the call is pricing.", "last_meeting", None),
    ("Following up on the proposal for the CRM migration I sent.", "topic", "the proposal for the CRM migration"),
    ("Did you read the SOC 2 report?", "topic", "the SOC 2 report"),
    ("Just checking in on the compressor quote I sent last Tuesday.", "topic", "the compressor quote"),
    ("Hope your team at Acme Foods is well.", "company", "Acme Foods"),
    ("Congrats on the new role at Lumen!", "company", "Lumen"),
    ("We agreed to speak again on the 14th.", "agreed_date", "the 14th"),
    ("You said you'd decide by Friday.", "agreed_date", "Friday"),
    ("Can we talk Thursday at 10am?", "weekday", "Thursday"),
    ("I sent the quote last Tuesday.", "weekday", None),
    ("Great to meet you on Monday and thanks for the tour.", "weekday", None),  # the meeting's day, not a next one
    ("Following up on the proposal for the CRM migration I sent.", "topic_short", "the proposal"),
    ("Just checking in on the compressor quote I sent last Tuesday.", "topic_short", "the quote"),
    ("Thanks for the demo last week, it was great.", "last_meeting_short", "the demo"),
]
# fmt: on


@pytest.mark.parametrize("text, slot, value", SLOTS)
def test_slot_extraction(text, slot, value):
    assert read(text, message_from_text(text).excluded).slots.get(slot) == value


def test_company_from_the_recipient_address_but_not_from_freemail():
    assert read("Hi,\n\nok", headers={"To": "Dana Kim <dana@acme-corp.co.uk>"}).slots["company"] == "Acme Corp"
    assert "company" not in read("Hi,\n\nok", headers={"to": "dana@gmail.com"}).slots


def test_quoted_replies_do_not_set_the_situation():
    text = "Hi Dana,\n\nThanks, noted.\n\n> following up again, haven't heard back\n> bumping this"
    assert read(text, message_from_text(text).excluded).situation is None


def test_curly_apostrophes_are_read_like_straight_ones():
    assert read("Hi Joanne, I haven’t heard back.").situation == "nth-nudge"


def test_slots_are_filled_into_the_rewrite():
    text = "Hi Dana,\n\nJust checking in on the proposal for the CRM migration. Any update?\n\nThanks,\nGreg"
    result = lint(text)
    rewrites = " ".join(s.rewrite for f in result.findings for s in f.suggestions)
    assert "the proposal for the CRM migration" in rewrites
    assert "[the project]" not in rewrites  # the topic is known, so its placeholder never appears


# --- ranking and uniqueness --------------------------------------------------------------------------


def _fake_result(text: str, n: int, rule: str = "SL101") -> Result:
    findings = [
        Finding(
            rule=rule,
            name="x",
            category="purposeless",
            scope="span",
            severity="warning",
            start=i,
            end=i + 1,
            line=1,
            column=i + 1,
            text=text[i],
            message="m",
            confidence=0.9,
        )
        for i in range(n)
    ]
    return Result(source="<t>", text=text, findings=findings)


def _tops_by_run(result: Result) -> dict[str, set[int]]:
    """Top rewrite text -> the findings (by start) offering it."""
    out: dict[str, set[int]] = {}
    for f in result.findings:
        if f.scope == "span" and f.suggestions:
            out.setdefault(f.suggestions[0].rewrite, set()).add(f.start)
    return out


RUN = "Just checking in on the quote. Just checking in again. Touching base. Any update? Circling back."


def test_findings_of_one_run_share_its_edit():
    result = _fake_result(RUN, 8)
    attach_suggestions(result, read(RUN, message_from_text(RUN).excluded))
    # One run of adjacent hollow sentences: one edit, offered to every finding in it.
    assert len(_tops_by_run(result)) == 1
    assert all(1 <= len(f.suggestions) <= 3 for f in result.findings)
    for f in result.findings:
        assert len({s.rewrite for s in f.suggestions}) == len(f.suggestions)


def test_alternatives_never_repeat_the_tactic_of_the_edit():
    result = _fake_result(RUN, 8)
    attach_suggestions(result, read(RUN, message_from_text(RUN).excluded))
    for f in result.findings:
        assert len({s.tactic for s in f.suggestions}) == len(f.suggestions), [s.tactic for s in f.suggestions]


def test_real_drafts_get_unique_rewrites_with_seed_sources():
    from conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.txt")):
        result = lint(path.read_text(encoding="utf-8"))
        for f in result.findings:
            texts = [s.rewrite for s in f.suggestions]
            assert len(texts) == len(set(texts)), path.name
            assert 1 <= len(f.suggestions) <= 3
            assert all(s.source.endswith(".txt") and s.title for s in f.suggestions)


def test_suggestions_follow_the_json_contract():
    result = lint("Hi Sam,\n\nJust checking in!\n\nBest,\nLeo")
    data = result.to_dict()
    for finding in data["findings"]:
        for s in finding["suggestions"]:
            assert set(s) == {"tactic", "title", "rewrite", "source"}


# --- message checks ----------------------------------------------------------------------------------

GOOD = (
    "Hi Dana,\n\nThe reason I'm writing: the SOC 2 report you asked for is attached, and two pilot sites cut "
    "manual reconciliation from 26 to 9 hours a week. Could we go through it on Friday at 10:00?\n\nBest,\nSam"
)
EMPTY_CONTACT = (
    "Hi Priya,\n\nHope the quarter is going well and the new team has settled in. Just wanted to touch base and "
    "see how everything is on your end.\n\nTalk soon,\nLeo"
)


def test_a_purposeful_email_passes_every_message_check():
    assert message_checks(GOOD) == set()
    assert not [f for f in lint(GOOD).findings if f.scope == "message"]


def test_an_empty_contact_misses_all_three():
    assert message_checks(EMPTY_CONTACT) == {"SL951", "SL952", "SL953"}


def test_message_findings_cover_the_whole_text_and_carry_their_own_suggestion():
    result = lint(EMPTY_CONTACT)
    found = {f.rule: f for f in result.findings if f.scope == "message"}
    assert set(found) == {"SL951", "SL952", "SL953"}
    for f in found.values():
        assert (f.start, f.end, f.line, f.column) == (0, len(EMPTY_CONTACT), 1, 1)
        assert f.category == "structure" and f.suggestions
        assert f.text == EMPTY_CONTACT[:80] + "…"
    assert found["SL951"].suggestions[0].tactic in {"state-purpose", "recap"}
    # No deal, no agreed date, no meeting: the dated step is never a veto question or a held date.
    assert found["SL953"].suggestions[0].tactic not in {"agreed-timeline", "map-decision", "recap", "the-push"}
    # No stated purpose in a message judged purposeless: the writer should hear it.
    assert result.purposeless and found["SL951"].severity == "warning"
    assert found["SL952"].severity == "info"


def test_message_checks_respect_select_ignore_severity_and_directives():
    assert not [f for f in lint(EMPTY_CONTACT, config=Config(ignore=("SL95",))).findings if f.scope == "message"]
    only = lint(EMPTY_CONTACT, config=Config(select=("SL952",))).findings
    assert [f.rule for f in only] == ["SL952"]
    quiet = lint(EMPTY_CONTACT, config=Config(severity={"SL951": "info"})).findings
    assert next(f for f in quiet if f.rule == "SL951").severity == "info"
    off = lint(EMPTY_CONTACT + "\n# scriptlint: disable=SL951,SL953").findings
    assert {f.rule for f in off if f.scope == "message"} == {"SL952"}


def test_message_checks_skip_empty_text_and_snippets_and_call_scripts_have_no_dated_step_check():
    assert message_checks("") == set() and message_checks("   \n") == set()
    assert not [f for f in lint("").findings if f.scope == "message"]
    # A snippet or one-line reply is judged by its sentences alone: no structure checks.
    assert message_checks("Hi Dana,\n\nI wanted to touch base about the pilot.") == set()
    script = (
        "Hey Dave, it's Rick from Summit Rentals, just calling to touch base and see how things are going out at "
        "the Elm Street site. Need anything from us this week? Give me a call back at 555-0148."
    )
    assert "SL953" not in message_checks(script)
    assert "SL951" in message_checks(script)


def test_reading_is_fast_enough_for_batch_audits():
    read(GOOD)  # build the matchers once
    start = time.perf_counter()
    for _ in range(500):
        read(EMPTY_CONTACT)
        message_checks(GOOD)
    assert time.perf_counter() - start < 5.0


def test_a_huge_input_is_read_by_its_head_and_gets_no_message_checks():
    from scriptlint.detect.reading import READ_LIMIT

    text = "Hi Dana,\n\nJust checking in on the proposal.\n\n" + "The freight report is attached.\n\n" * (
        READ_LIMIT // 20
    )
    reading = read(text)
    assert reading.truncated and reading.slots["first_name"] == "Dana"
    result = lint(text, classifier=False)
    assert not [f for f in result.findings if f.scope == "message"]
    assert all(f.suggestions for f in result.findings)


# --- the right advice for the situation (what a sales manager would expect) ----------------------------

# fmt: off
DATED_NEXT_STEP = [
    # (situation, a realistic draft with no dated next step, the expected top tactic of SL953)
    ("first-outreach",
     "Hi Marta,\n\nMy name is Leo and I lead sales at Corvus Logistics. I wanted to reach out and introduce myself "
     "since we work with companies like yours on freight planning. Would love to connect sometime.\n\nBest,\nLeo",
     "specific-advantage"),
    ("after-meeting",
     "Hi Frank,\n\nGreat to meet you on Monday and thanks for the plant tour. Just following up on our meeting to "
     "touch base. Let me know if you have any questions about the maintenance agreement.\n\nBest,\nAnita",
     "recap"),
    ("proposal-silence",
     "Hi Markus,\n\nJust checking in on the proposal for the warehouse automation project I sent over two weeks ago. "
     "Did you get a chance to look at it? Any thoughts?\n\nThanks,\nGreg",
     "map-decision"),
    ("after-no",
     "Hi Rahul,\n\nI know you decided to go with another vendor for the payroll platform last spring. It's been a "
     "while, so I wanted to reach out and reconnect. Are you in a better position to look at it again now?\n\nBest,\nEmily",
     "real-reason"),
    ("nth-nudge",
     "Hi Joanne,\n\nFollowing up again on my last three emails as I haven't heard back on the maintenance agreement "
     "for the two CNC lines. Bumping this to the top of your inbox in case it got buried.\n\nBest,\nKyle",
     "the-push"),
    ("existing-account",
     "Hi Beth,\n\nJust wanted to touch base and see how things are going with your account ahead of your renewal. "
     "Let me know if you need anything, we are always available.\n\nThanks,\nRay",
     "common-challenge"),
]
# fmt: on


@pytest.mark.parametrize("situation, text, tactic", DATED_NEXT_STEP, ids=[s[0] for s in DATED_NEXT_STEP])
def test_each_situation_gets_a_fitting_dated_next_step(situation, text, tactic):
    from scriptlint.suggest.rank import with_probe_dates

    assert read(text, message_from_text(text).excluded).situation == situation
    found = next(f for f in lint(text, classifier=False).findings if f.rule == "SL953")
    assert found.suggestions[0].tactic == tactic, [s.rewrite for s in found.suggestions]
    for s in found.suggestions:
        assert "[the date you agreed]" not in s.rewrite  # a day to fill in, never an invented agreement
        # Every suggestion is itself a dated next step, once its [day] is filled in.
        assert "SL953" not in message_checks(with_probe_dates(s.rewrite), any_length=True), s.rewrite
    if situation in ("first-outreach", "after-no", "existing-account"):
        # Asking how the budget cycle works is premature before there is a deal to decide on.
        assert all("budget" not in s.rewrite for s in found.suggestions)


def test_the_dated_step_of_an_agreed_date_passed_acknowledges_it():
    text = (
        "Hi Chen,\n\nWhen we met on the 2nd you said you'd decide on the pilot by last Friday. Just checking in to see "
        "where things landed with the works council.\n\nThanks,\nHannah"
    )
    result = lint(text, classifier=False)
    tops = {f.rule: f.suggestions[0] for f in result.findings if f.suggestions}
    # The author already said what was agreed ("by last Friday"): that sentence stays, and the edit of
    # the hollow line never proposes the passed Friday again.
    assert "you'd decide on the pilot by last Friday." in rewrite(result)
    assert tops["SL101"].tactic in {"cut", "state-purpose"} and "Friday" not in tops["SL101"].rewrite
    # The missing dated step is the agreed timeline, asking for a new day.
    assert tops["SL953"].tactic == "agreed-timeline" and "[day]" in tops["SL953"].rewrite
    assert all("still the plan" not in s.rewrite for f in result.findings for s in f.suggestions)


# fmt: off
AFTER_NO_LINES = [
    # (a draft after a lost deal, the flagged rule) -> the top is finding the real reason (article 001)
    ("Hi Rahul,\n\nI know you decided to go with another vendor for the payroll platform last spring. It's been a "
     "while, so I wanted to reach out and reconnect.\n\nBest,\nEmily", "SL606"),
    ("Hi Sofia,\n\nSince we last spoke you stayed with your current supplier for the packaging contract. Just "
     "wanted to touch base.\n\nRegards,\nTom", "SL102"),
]
# fmt: on


@pytest.mark.parametrize("text, rule", AFTER_NO_LINES)
def test_after_a_no_the_reconnect_line_is_cut_and_never_leads_with_a_report(text, rule):
    assert read(text, message_from_text(text).excluded).situation == "after-no"
    found = next(f for f in lint(text, classifier=False).findings if f.rule == rule)
    top = found.suggestions[0]
    # the line goes, or gives its place to the one candid question about the no (001)
    assert (top.tactic, top.rewrite) == ("cut", "") or (top.tactic == "real-reason" and "call" not in top.rewrite)
    assert all("annual report" not in s.rewrite for s in found.suggestions[:2])
    assert all(s.tactic not in ("map-decision", "the-push", "agreed-timeline") for s in found.suggestions)


@pytest.mark.parametrize("text, rule", AFTER_NO_LINES)
def test_after_a_no_the_reconnect_line_is_offered_the_real_reason(text, rule):
    found = next(f for f in lint(text, classifier=False).findings if f.rule == rule)
    assert "real-reason" in [s.tactic for s in found.suggestions]


def test_a_reconnect_with_a_former_client_is_never_offered_a_problem_a_no_or_a_veto():
    text = "Long time no talk! Hope the new office is treating you well."
    assert read(text).situation == "former-client"
    found = next(f for f in lint(text, classifier=False).findings if f.rule == "SL606")
    assert found.suggestions[0].tactic == "cut"
    assert all(s.tactic not in ("common-challenge", "real-reason", "map-decision") for s in found.suggestions)


def test_a_reconnect_with_a_former_client_gives_something():
    found = next(
        f
        for f in lint("Long time no talk! Hope the new office is treating you well.", classifier=False).findings
        if f.rule == "SL606"
    )
    assert "become-resource" in [s.tactic for s in found.suggestions]


# fmt: off
SITUATION_CUES = [
    # (text, situations it must have, situations it must not have)
    ("Hi Daniel,\n\nI came across your post about the new distribution centre in Leeds. Just reaching out to see if "
     "you'd be open to a quick intro call. Let me know if you need anything!", {"first-outreach"}, {"existing-account"}),
    ("Hi Rahul,\n\nI know you decided to go with another vendor. I wanted to reach out again now.",
     {"after-no"}, {"first-outreach"}),
    ("Hi Chen,\n\nWe agreed to speak again on the 14th about the pilot.", {"agreed-date-passed"}, {"nth-nudge"}),
]
# fmt: on


@pytest.mark.parametrize("text, present, absent", SITUATION_CUES)
def test_generic_phrases_do_not_decide_the_situation(text, present, absent):
    situations = read(text, message_from_text(text).excluded).situations
    assert present <= set(situations) and not absent & set(situations), situations


SPOKEN = [
    "Hi, is this Mr. Brandt? This is Karl from Hydrotec. I'm just calling to check in and see how everything is "
    "going with the pumps. Do you need anything from me? Anything I can help you with?",
    "Hey Dave, it's Rick from Summit Rentals. Just calling to follow up on the quote for the excavator rental I sent "
    "over. Haven't heard back, so give me a call back when you get a chance at 555-0148. Thanks!",
]


@pytest.mark.parametrize("text", SPOKEN)
def test_calls_and_voicemails_never_get_written_only_templates(text):
    from scriptlint.suggest.rank import slot_values
    from scriptlint.suggest.tactics import catalogue, render

    reading = read(text)
    assert reading.is_call
    written = {render(t, slot_values(reading)) for tactic in catalogue().tactics.values() for t in tactic.written}
    for f in lint(text).findings + lint(text, classifier=False).findings:
        for s in f.suggestions:
            assert s.rewrite not in written
            assert "[link" not in s.rewrite and "attachment" not in s.rewrite, s.rewrite
            assert "I'm writing" not in s.rewrite and "this email" not in s.rewrite


def test_a_message_check_is_not_starved_by_other_findings_alternatives():
    # Four span findings whose second and third choices used to take every state-purpose template,
    # leaving SL951 with a recap of a conversation that never happened.
    result = lint(SPOKEN[0], classifier=False)
    purpose = next(f for f in result.findings if f.rule == "SL951")
    assert purpose.suggestions[0].tactic == "state-purpose"
    spans = {s.rewrite for f in result.findings if f.scope == "span" for s in f.suggestions}
    checks = [s.rewrite for f in result.findings if f.scope == "message" for s in f.suggestions]
    assert len(checks) == len(set(checks)) and not set(checks) & spans


def test_no_template_leans_on_a_slot_the_message_lacks():
    # No agreed date and no meeting: never "we had pencilled in [the date you agreed]" or "[our last conversation]".
    result = lint(
        classifier=False,
        text="Hi Paul,\n\nHope all is well at the Denver site! Just checking in to see how the team is getting on with "
        "the scanners. Anything I can help with? Let me know if anything changes.\n\nCheers,\nNina",
    )
    for f in result.findings:
        for s in f.suggestions:
            assert "[the date you agreed]" not in s.rewrite and "[our last conversation]" not in s.rewrite, s.rewrite


# fmt: off
EVERYDAY_PHRASINGS = [
    # How salespeople actually word each situation, beyond the textbook phrases (written for this test).
    ("nth-nudge", "Hi Oskar,\n\nResending my note from last week in case it went to spam. Did you get my email about the "
                  "cold-room sensors?\n\nThanks,\nBea"),
    ("nth-nudge", "Hi Mira,\n\nNo reply so far, so I'll take the silence as a no for now and close the file on my side. "
                  "If you went with another vendor, a one-line reply on who would help me a lot.\n\nBest,\nTom"),
    ("nth-nudge", "Hi Ravi, Lena from Castell again. Sorry to bug you again about the forklift service, I'll keep trying "
                  "you this week."),
    ("after-meeting", "Hi Noor,\n\nLovely to meet you at the trade show on Wednesday. To recap, you wanted a price per "
                      "pallet for the Leeds route.\n\nBest,\nSam"),
    ("after-meeting", "Hi Felix,\n\nThanks for having us on site this morning. I've put the numbers from the walk round "
                      "into a short summary.\n\nCheers,\nIda"),
    ("first-outreach", "Hi Ms. Varga,\n\nI'm reaching out because your clinic is hiring two dental nurses, and practices "
                       "like yours usually lose a week per hire to reference checks.\n\nRegards,\nPiotr"),
    ("first-outreach", "Hello, may I speak to whoever runs the warehouse? Thanks for picking up, this is Gil from Rackwise."),
    ("proposal-silence", "Hi Jonas,\n\nHave you had time to review the revised quote with your finance team? Happy to walk "
                         "through any line.\n\nBest,\nMarta"),
    ("proposal-silence", "Hi Aoife,\n\nJust following up on the office cleaning proposal from the 3rd. Any questions on "
                         "the scope?\n\nThanks,\nDeclan"),
    ("after-no", "Hi Grete,\n\nWhen you chose a different payroll provider in spring, price was the deciding point. Our "
                 "rates have changed since, so I wanted to be back in touch.\n\nBest,\nOlav"),
    ("existing-account", "Hi Paolo,\n\nYour last order of filters was in March, and at your usual rate you'll need to "
                         "restock before the summer. Shall I reserve 40 units?\n\nCiao,\nElena"),
]
# fmt: on


@pytest.mark.parametrize(
    "situation, text", EVERYDAY_PHRASINGS, ids=[f"{s}-{i}" for i, (s, _) in enumerate(EVERYDAY_PHRASINGS)]
)
def test_everyday_phrasings_set_the_situation(situation, text):
    assert read(text, message_from_text(text).excluded).situation == situation


@pytest.mark.parametrize(
    "text",
    [
        "Hey Aisha, Connor from Perimetra. Just wanted to touch base real quick, give me a shout when you get a minute.",
        "Hi Tom, Ruth again from Alder Insurance, just ringing to see if the renewal papers arrived. Thanks, bye.",
    ],
)
def test_spoken_phrasings_mark_a_call(text):
    assert read(text, message_from_text(text).excluded).is_call
