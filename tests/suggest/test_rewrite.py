"""`scriptlint rewrite`: minimal edits a salesperson would send; the input is never touched.

These pin the rewrite stage, not the detector: most drafts are linted with phrase rules only
(`classifier=False`), and assertions are about what the rewrite does with what was flagged.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from conftest import EXAMPLES
from scriptlint.detect.dates import MONTHS, WEEKDAYS, us_holiday
from scriptlint.engine import lint
from scriptlint.suggest.compose import plan
from scriptlint.suggest.rewrite import diff, reading_for, rewrite, rewrite_plan

DRAFT = (
    "Hi Dana,\n\n"
    "Just checking in on the proposal for the CRM migration. Any update?\n\n"
    "The SOC 2 report is attached; section 4 covers retention.\n\n"
    "Thanks,\nGreg\n"
)


def _rw(text: str, today: date | None = None, classifier: bool = False) -> str:
    return rewrite(lint(text, classifier=classifier), today=today)


def _questions_added(before: str, after: str) -> int:
    return after.count("?") - before.count("?")


# --- minimal edits ------------------------------------------------------------------------------------


def test_the_lead_in_is_rewritten_and_its_object_kept():
    result = lint(DRAFT)
    new = rewrite(result)
    assert "checking in" not in new.lower() and "any update" not in new.lower()
    assert "the proposal for the CRM migration" in new
    assert new.startswith("Hi Dana,\n\n")
    assert "The SOC 2 report is attached; section 4 covers retention." in new
    assert new.rstrip().endswith("Thanks,\nGreg")
    # The top suggestion of every finding in the run is the edit the rewrite made.
    first = next(f for f in result.findings if f.scope == "span")
    assert first.suggestions[0].rewrite in new


def test_one_run_of_hollow_sentences_becomes_one_edit():
    result = lint(DRAFT)
    spans = [f for f in result.findings if f.scope == "span" and f.line == 3]
    assert len(spans) >= 2
    assert len({f.suggestions[0].rewrite for f in spans}) == 1
    assert rewrite(result).count(spans[0].suggestions[0].rewrite) == 1


def test_every_fact_of_a_replaced_sentence_survives():
    text = (
        "Hi Joe,\n\nJust following up on the quote I sent Tuesday for the 12 forklifts at your Reno yard. "
        "Any thoughts?\n\nThanks,\nDerek\n"
    )
    new = _rw(text)
    for fact in ("12 forklifts", "Tuesday", "Reno", "Hi Joe,"):
        assert fact in new
    assert "following up" not in new.lower() and "any thoughts" not in new.lower()


def test_a_sentence_whose_facts_the_edit_cannot_carry_stays():
    text = "Hi Ana,\n\nJust checking in, we spoke to Marta at Velo Foods about 300 crates. Any news?\n\nBest,\nTim\n"
    new = _rw(text)
    for fact in ("Marta", "Velo Foods", "300"):
        assert fact in new


def test_a_greeting_with_a_dash_stays_and_the_object_is_kept():
    new = _rw("Hey Sam - touching base again about the 200 branded hoodies for your spring event. Any word?")
    assert new.startswith("Hey Sam - ") and "200 branded hoodies" in new and "touching base" not in new


def test_a_clean_draft_is_unchanged():
    text = (EXAMPLES / "good-follow-up.txt").read_text(encoding="utf-8")
    assert rewrite(lint(text)) == text


def test_message_checks_alone_never_rewrite_a_draft():
    text = "Hi Omar, the 3 pallets ship on the 20th as planned. Thanks for the quick sign-off on the delivery window."
    result = lint(text, classifier=False)
    assert not [f for f in result.findings if f.scope == "span"]
    assert rewrite(result) == text


# --- cut ----------------------------------------------------------------------------------------------

COMPLETE = (
    "Subject: Kiln relining at the Preston works\n\n"
    "Hi Grace,\n\n"
    "Thanks for the tour of kiln 2 on Monday. The refractory lining is down to 40 mm in the burner zone, which "
    "is below the 60 mm your insurer asks for. We relined the same kiln model at Holcot in 9 days last spring, "
    "and their fuel use dropped 6% afterwards. I've attached the relining plan and the Holcot figures.\n\n"
    "Just wanted to touch base.\n\n"
    "Could we go through the plan with your works manager on Thursday, May 14 at 10am?\n\n"
    "Best regards,\nOwen\n"
)


def test_a_stray_line_in_a_complete_message_is_cut():
    result = lint(COMPLETE)
    new = rewrite(result)
    assert new == COMPLETE.replace("Just wanted to touch base.\n\n", "")
    flagged = [f for f in result.findings if f.scope == "span"]
    assert flagged and all(f.suggestions[0].tactic == "cut" and f.suggestions[0].rewrite == "" for f in flagged)
    assert rewrite_plan(result) == ["cut"]


def test_a_short_message_is_never_cut_to_nothing():
    text = "Hi Sam,\n\nJust touching base on the boiler service contract.\n\nBest,\nLeo\n"
    new = _rw(text)
    assert "boiler service contract" in new and "touching base" not in new.lower()
    assert "cut" not in rewrite_plan(lint(text, classifier=False))


# --- one ask, brevity, the right tactic --------------------------------------------------------------


def test_at_most_one_question_and_no_stacked_tactics():
    text = (
        "Hi Kevin,\n\nCircling back on the $36,500 proposal for the Fieldpoint rollout. Where are we on this? "
        "I'm sure you're swamped, so no pressure at all.\n\nLet me know if you have any questions!\n\nThanks,\nMia\n"
    )
    new = _rw(text)
    assert _questions_added(text, new) <= 1
    assert len(re.findall(r"\[[^\]]+\]", new)) <= 2
    assert "$36,500" in new and "Fieldpoint" in new
    assert len(new.split()) <= len(text.split()) + 25


def test_an_sms_stays_short():
    text = "Hi Dee, following up on my emails about the clinic's autoclave service contract. Any news?"
    new = _rw(text, today=date(2026, 3, 23))
    assert len(new.split()) <= 50 and "autoclave service contract" in new
    assert new.startswith("Hi Dee, ") and not new.startswith("Hi Dee, On")  # no capital after the comma


def _offered(result, today: date | None = None) -> set[str]:
    """Every tactic this draft is offered: what the rewrite applies, each run's tactic and its
    alternatives (read as of `today`), and every suggestion of every finding."""
    made = plan(result, reading_for(result, today))
    out = set(made.tactics) | {t for _, t, _ in made.runs} | {t for alts in made.alternatives for t, _ in alts}
    return out | {s.tactic for f in result.findings for s in f.suggestions}


FIFTH = (
    "Hi Jo,\n\nSorry to chase again after my last four emails. Just circling back on the racking quote. "
    "Any thoughts?\n\nBest,\nKyle\n"
)


def test_the_push_never_before_three_unanswered_touches_and_never_as_the_rewrite():
    second = "Hi Jo,\n\nFollowing up again on the racking quote. Any thoughts?\n\nBest,\nKyle\n"
    result = lint(second, classifier=False)
    assert [f for f in result.findings if f.scope == "span"]
    for today in (None, date(2026, 3, 12)):
        assert "the-push" not in _offered(result, today)
    # After four emails the rewrite still keeps to the author's object: the push is at most an alternative.
    result = lint(FIFTH, classifier=False)
    for today in (None, date(2026, 3, 12)):
        assert "the-push" not in rewrite_plan(result, today=today)
        body = rewrite(result, today=today).split("Best,")[0]
        assert "the racking quote" in body and "close it on my side" not in body and "circling back" not in body
    for f in result.findings:
        assert f.suggestions[0].tactic != "the-push"


def test_the_real_reason_never_without_a_no():
    cold = "Hi Mo,\n\nJust wanted to reach out and introduce myself. Would love to connect sometime.\n\nBest,\nAl\n"
    customer = (
        "Hi Nadia,\n\nJust checking in on how everything's going with your Trackwise subscription! "
        "Feel free to reach out if you need anything.\n\nCheers,\nLeo\n"
    )
    for text in (cold, customer, FIFTH):
        result = lint(text, classifier=False)
        assert [f for f in result.findings if f.scope == "span"]
        for today in (None, date(2026, 3, 12)):
            assert "real-reason" not in _offered(result, today), text


CUSTOMER = (
    "Hi Nadia,\n\nJust checking in on how everything's going with your Trackwise subscription! "
    "Feel free to reach out if you need anything.\n\nCheers,\nLeo\n"
)


def test_no_veto_question_for_an_existing_customer():
    result = lint(CUSTOMER, classifier=False)
    for today in (None, date(2026, 3, 12)):
        assert "map-decision" not in _offered(result, today)
        assert "decision" not in rewrite(result, today=today).lower()


def test_an_existing_customers_product_stays_named_in_the_rewrite():
    assert "How is your Trackwise subscription working for you?" in _rw(CUSTOMER)


FORMER = (
    "Hi Jess,\n\nIt's been ages since we worked together on the Harlow rebrand! Just wanted to reconnect and see "
    "what you're up to these days.\n\nWarm regards,\nDaniel\n"
)


def test_a_former_client_is_never_offered_a_shared_problem_or_a_veto_question():
    result = lint(FORMER, classifier=False)
    assert "Harlow rebrand" in rewrite(result)  # the shared history is the author's, and stays
    assert not {"common-challenge", "map-decision"} & _offered(result)


def test_a_former_client_is_never_asked_why_they_said_no():
    assert "real-reason" not in _offered(lint(FORMER, classifier=False))


# (draft, today, the tactic its situation calls for): offered as an alternative, never as the rewrite.
SITUATION_ALTERNATIVES = [
    (FIFTH, None, "the-push"),
    (
        "Hi Mo,\n\nTotally understand you went with Routewise. Just wanted to touch base and keep in touch.\n\n"
        "Best,\nAl\n",
        None,
        "real-reason",
    ),
    (
        "Hi Keisha,\n\nOn our call you said you'd decide by Friday, March 6 on the Midwest lanes. "
        "Touching base to see where things are.\n\nBest,\nTom\n",
        date(2026, 3, 11),
        "agreed-timeline",
    ),
    (FORMER, None, "become-resource"),
    (CUSTOMER, None, "measurable-results"),
]


@pytest.mark.parametrize("text, today, tactic", SITUATION_ALTERNATIVES, ids=[t for *_, t in SITUATION_ALTERNATIVES])
def test_the_situations_tactic_is_offered_as_an_alternative(text, today, tactic):
    result = lint(text, classifier=False)
    if tactic != "real-reason":  # after a no, the rewrite itself may ask the one candid question (composed form)
        assert tactic not in rewrite_plan(result, today=today)
    made = plan(result, reading_for(result, today))
    offered = {t for alts in made.alternatives for t, _ in alts} | {t for _, t, _ in made.runs}
    assert tactic in offered


# --- time ---------------------------------------------------------------------------------------------


_DAY = re.compile(
    rf"\b({'|'.join(w.capitalize() for w in WEEKDAYS)}),? ({'|'.join(m.capitalize() for m in MONTHS)}) (\d{{1,2}})\b"
)


def _proposed(text: str, today: date) -> list[date]:
    """The days a text names as 'Weekday, Month D', checked to be that weekday (the year is the
    nearest one ahead of today)."""
    out = []
    for name, month, day in _DAY.findall(text):
        year = today.year + (MONTHS.index(month.lower()) + 1 < today.month)
        when = date(year, MONTHS.index(month.lower()) + 1, int(day))
        assert WEEKDAYS[when.weekday()] == name.lower(), f"{name} is not {when}"
        out.append(when)
    return out


FORKLIFTS = "Hi Beth,\n\nJust checking in on the quote for the 12 forklifts.\n\nBest,\nRay\n"


def test_without_a_known_day_no_day_is_proposed_and_no_placeholder_added():
    new = _rw(FORKLIFTS)
    assert "[" not in new and not any(w.capitalize() in new for w in WEEKDAYS)
    assert "the quote for the 12 forklifts" in new and "checking in" not in new.lower()


VOICEMAIL = (
    "Hi Beth, this is Ray from Lift Co. Just checking in on the quote for the 12 forklifts. My number is 555-0142, "
    "again 555-0142."
)


def test_a_proposed_day_lies_ahead_of_the_day_the_draft_is_sent():
    new = _rw(VOICEMAIL, today=date(2026, 3, 12))  # a Thursday: two working days on is Monday the 16th
    assert _proposed(new, date(2026, 3, 12)) == [date(2026, 3, 16)] and "I'll try you again on Monday" in new
    email = _rw(FORKLIFTS, today=date(2026, 3, 12))  # a call's slot is the rep's to fill
    assert "[day and time]" in email and "the quote for the 12 forklifts" in email
    assert _questions_added(FORKLIFTS, email) == 1


# (today, the day proposed): two working days ahead, over weekends and US holidays.
HOLIDAY_WEEKS = [
    (date(2026, 11, 24), date(2026, 11, 30)),  # Thanksgiving (26th) and the Friday after are skipped
    (date(2026, 12, 22), date(2026, 12, 28)),  # Christmas Eve and Day
    (date(2026, 12, 29), date(2027, 1, 4)),  # New Year's Eve and Day, into the next year
    (date(2026, 11, 20), date(2026, 11, 24)),  # a Friday: over the weekend
]


@pytest.mark.parametrize("today, expected", HOLIDAY_WEEKS, ids=[str(t) for t, _ in HOLIDAY_WEEKS])
def test_the_proposed_day_is_a_working_day_with_its_date(today, expected):
    days = _proposed(_rw(VOICEMAIL, today=today), today)
    assert days == [expected]
    assert days[0] > today and days[0].weekday() < 5 and not us_holiday(days[0])


KEISHA = (
    "Hi Keisha,\n\nOn our call you said you'd decide by Friday, March 6 on the Midwest lanes. "
    "Touching base to see where things are.\n\nBest,\nTom\n"
)


def test_a_passed_agreed_date_is_held_not_proposed_again():
    result = lint(KEISHA, classifier=False)
    new = rewrite(result, today=date(2026, 3, 11))
    # The agreement is the author's sentence, kept word for word; the hollow line goes.
    assert "On our call you said you'd decide by Friday, March 6 on the Midwest lanes." in new
    added = new.split("Midwest lanes.", 1)[1].split("Best,")[0]
    assert "Touching base" not in added
    assert "March 6" not in added and "by Friday" not in added  # the past Friday is history, never a deadline
    days = _proposed(added, date(2026, 3, 11))
    assert len(days) == 1 and days[0] > date(2026, 3, 11) and days[0].weekday() < 5
    assert days[0].weekday() != 4  # no clash with the Friday the draft names
    # The same draft sent before the 6th: the timeline is not held (nothing has passed), and the
    # day proposed comes before the deadline.
    ahead = rewrite(result, today=date(2026, 3, 2))
    before = plan(result, reading_for(result, date(2026, 3, 2)))
    assert "agreed-timeline" not in {t for alts in before.alternatives for t, _ in alts} | set(before.tactics)
    assert "[day and time]" in ahead.split("Midwest lanes.", 1)[1]  # a call's slot is the rep's to fill


def test_the_date_header_of_an_email_is_today(run_cli, tmp_path):
    eml = tmp_path / "d.eml"
    eml.write_text(
        "From: a@b.example\nTo: c@d.example\nDate: Thu, 12 Mar 2026 09:00:00 +0000\nSubject: Re: lease\n\n"
        "Hi Howard,\n\nJust checking in to see where things stand. We need the signed agreement for the 18 vans "
        "back by March 20 to register them.\n\nBest,\nSunita\n",
        encoding="utf-8",
    )
    out = run_cli("rewrite", str(eml)).out  # March 20 lies ahead of the Date: header, not of the real today
    assert "by Friday, March 20?" in out and "18 vans" in out


def test_cli_today_option(run_cli, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(
        "Hi Ed,\n\nJust following up on the pump quote. We need the signed order back by March 20.\n\nBest,\nAl\n",
        encoding="utf-8",
    )
    assert "by Friday, March 20?" in run_cli("rewrite", "--today", "2026-03-12", str(path)).out
    assert "by Friday, March 20?" not in run_cli("rewrite", "--today", "2026-03-23", str(path)).out  # a past day
    bad = run_cli("rewrite", "--today", "soon", str(path))
    assert bad.code == 2 and bad.err.startswith("scriptlint: error:") and "Traceback" not in bad.err


# --- the thread as homework ----------------------------------------------------------------------------


PRIYA = (
    "Hi Aaron,\n\nCircling back on this. Let me know!\n\nThx,\nPriya\n\n"
    "On Mon, 2 Mar 2026 at 15:20, Aaron Mills wrote:\n"
    "> Thanks Priya. I'll confirm the final seat count with our IT director by Wednesday 4 March.\n> Aaron\n"
)


def test_a_reply_reads_the_promise_in_the_quoted_thread():
    result = lint(PRIYA, classifier=False)
    new = rewrite(result, today=date(2026, 3, 2))
    own = new.split("On Mon, 2 Mar")[0]
    assert "circling back" not in own.lower()
    # The deadline is Aaron's, in the quote: the one ask names it and comes before it.
    assert "on [day and time], before the 4 March deadline" in own
    assert new.endswith(PRIYA[PRIYA.index("On Mon, 2 Mar") :])  # the quote is never changed


def test_a_reply_after_the_promised_day_asks_about_the_promised_thing():
    own = rewrite(lint(PRIYA, classifier=False), today=date(2026, 3, 9)).split("On Mon, 2 Mar")[0]
    assert "Could you send the final seat count by Wednesday, March 11?" in own


def test_earlier_unanswered_messages_in_the_thread_count_as_touches():
    from scriptlint.detect.reading import read
    from scriptlint.text.message import message_from_text

    text = (
        "Hi Ian,\n\nJust following up on the below.\n\nBest,\nElena Petrova\n\n"
        "On Mon, 9 Feb 2026 at 11:02, Elena Petrova wrote:\n> Dear Ian, the lab results are attached.\n> Elena Petrova\n"
    )
    assert read(text, message_from_text(text).excluded).nudges >= 2


# --- layout --------------------------------------------------------------------------------------------


def test_a_hollow_lead_in_leaves_the_subject_short_and_first():
    text = "Subject: Touching base re: Pipewell trial\n\nHi Greg,\n\nJust checking in on the Pipewell trial.\n\nThanks,\nAl\n"
    new = _rw(text)
    assert new.splitlines()[0] == "Subject: Pipewell trial"
    named = "Subject: Pipewell trial results\n\nHi Greg,\n\nJust checking in on the trial.\n\nThanks,\nAl\n"
    assert _rw(named).startswith("Subject: Pipewell trial results\n")
    reply = "Subject: RE: Just checking in\n\nHi Greg,\n\nJust checking in on the Pipewell trial.\n\nThanks,\nAl\n"
    assert _rw(reply).startswith("Subject: RE: Just checking in\n")  # a reply's subject is the thread's


def test_a_hollow_subject_becomes_a_short_one_naming_the_topic_and_stays_first():
    text = "Subject: Just checking in\n\nHi Greg,\n\nJust checking in on the Pipewell trial. Any thoughts?\n\nThanks,\nAl\n"
    subject = _rw(text).splitlines()[0]
    assert subject.startswith("Subject: ") and "Pipewell" in subject
    assert 3 <= len(subject.removeprefix("Subject: ").split()) <= 6


def test_nothing_is_written_after_the_sign_off():
    for signoff in ("With best regards,\nRafael Souza\nMediTrack", "Warm regards\nDaniel", "Cheers,\nOwen", "-- Dana"):
        text = f"Hi Sam,\n\nJust touching base on the boiler service contract. Any update?\n\n{signoff}\n"
        new = _rw(text)
        assert new.endswith(f"\n\n{signoff}\n"), new
    inline = "Hey Luis, great walking the Pine Ridge site with you. Just touching base on the quote. Thx"
    new = _rw(inline)
    assert new.endswith(" Thx") and new.count("Thx") == 1 and "touching base" not in new


def test_speaker_labels_are_kept_and_the_prospects_lines_untouched():
    script = (
        "Rep: Hi Tom, it's Renee from BlueHarbor Staffing.\n"
        "Prospect: Hi Renee. Any thoughts on the weather?\n"
        "Rep: I'm just calling to follow up on the proposal for the warehouse temps. Any thoughts?\n"
        "Prospect: We're still talking internally.\n"
        "Rep: Okay. I'll touch base again in a few weeks.\n"
    )
    new = _rw(script)
    lines = new.splitlines()
    assert [line.split(":")[0] for line in lines] == ["Rep", "Prospect", "Rep", "Prospect", "Rep"]
    assert lines[1] == "Prospect: Hi Renee. Any thoughts on the weather?" and lines[3] == script.splitlines()[3]
    assert "warehouse temps" in lines[2] and "follow up" not in lines[2].lower()
    assert "few weeks" not in lines[4]


def test_a_voicemail_keeps_its_number_twice_at_the_end_and_asks_nothing():
    vm = (
        "Hi Donna, this is Craig with Keystone Insurance. I'm just calling to touch base about the fleet policy "
        "for your 14 trucks. You can reach me at 555-0142, again that's 555-0142. Thanks!"
    )
    new = _rw(vm)
    assert new.count("555-0142") == 2 and new.rstrip().endswith("again that's 555-0142. Thanks!")
    assert "?" not in new and "14 trucks" in new and "\n" not in new.strip()
    assert len(new.split()) <= 75


def test_greeting_and_bullets_survive_in_a_call_script():
    text = (
        "Opening\n- Hi Dr. Osei, this is Sam from Brightline. I'm just calling to check in on the autoclave contract.\n"
        "- Do you need anything from me today?\n"
    )
    new = _rw(text)
    lines = new.splitlines()
    assert lines[0] == "Opening"
    assert lines[1].startswith("- Hi Dr. Osei, this is Sam from Brightline. ") and "autoclave contract" in lines[1]


def test_quoted_reply_is_left_alone():
    text = "Hi Dana,\n\nJust circling back on this.\n\nSam\n\nOn Mon, 9 Nov 2026, Dana wrote:\n> just checking in with legal\n"
    new = _rw(text)
    assert new.endswith("On Mon, 9 Nov 2026, Dana wrote:\n> just checking in with legal\n")
    assert "circling back" not in new


def test_a_topic_named_already_is_shortened_in_the_edit():
    text = (
        "Hi Gail,\n\nYour pest control contract with ShieldPro is up for renewal next month. "
        "Just touching base. No rush!\n\nBest,\nAna\n"
    )
    new = _rw(text)
    assert new.count("pest control contract") == 1


def test_diff_is_unified():
    result = lint(DRAFT)
    out = diff(result, rewrite(result))
    assert out.startswith("--- <text>\n+++ <text> (rewritten)\n@@")
    assert "-Just checking in on the proposal for the CRM migration. Any update?" in out


# --- command line ----------------------------------------------------------------------------------


def test_cli_prints_the_rewrite_and_never_modifies_the_file(run_cli, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    run = run_cli("rewrite", str(path))
    assert run.code == 1
    assert run.out.startswith("Hi Dana,") and "checking in" not in run.out.lower()
    run = run_cli("rewrite", "--diff", str(path))
    assert run.code == 1 and run.out.startswith(f"--- {path}\n+++ {path} (rewritten)\n")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_cli_exit_codes(run_cli, tmp_path):
    assert run_cli("rewrite", str(EXAMPLES / "good-follow-up.txt")).code == 0
    missing = run_cli("rewrite", str(tmp_path / "nope.txt"))
    assert missing.code == 2 and missing.err.startswith("scriptlint: error:") and "Traceback" not in missing.err
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    assert run_cli("rewrite", str(binary)).code == 2
    assert run_cli("rewrite", str(EXAMPLES)).code == 2  # a folder is not one draft


def test_cli_reads_stdin_and_eml(run_cli):
    run = run_cli("rewrite", "-", stdin=DRAFT.encode())
    assert run.code == 1 and "Greg" in run.out
    eml = EXAMPLES / "reply-with-quote.eml"
    if eml.exists():
        before = eml.read_bytes()
        run = run_cli("rewrite", str(eml))
        assert run.code == 1 and "circling back" not in run.out.split("wrote:")[0].lower()
        assert eml.read_bytes() == before
