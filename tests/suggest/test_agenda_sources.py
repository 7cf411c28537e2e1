"""Where a proposed call's agenda, or the one question, comes from when the draft has no subject to lend
(blind reviews t02, t09, t11, t13, u04, u11: a call with no agenda gives the reader no reason to take it)."""

import pytest

from scriptlint.suggest.deciders import board_question
from scriptlint.suggest.steps import has_dated_step, is_time_ask
from scriptlint.suggest.subjects import asked_about, news, offering, past_work, strip_subject, trigger, visited


def test_news_reads_what_the_author_now_carries_without_its_description():
    text = "we now carry a spectrally selective film that cuts solar heat gain about 55% with almost no visible tint, and more."
    assert news(text) == "the spectrally selective film"
    assert news(
        "Since then we've added a crew that is EPA lead-safe certified for pre-1978 buildings, which helps."
    ) == ("the crew that is EPA lead-safe certified for pre-1978 buildings")
    assert news("We spoke last week about the quote.") == ""


def test_offering_is_what_the_author_does_and_never_the_prospects_line():
    assert (
        offering("At Cradlewell, we run backup childcare for hospitals whose shifts start early.") == "backup childcare"
    )
    assert offering("Rep: We service the dispensers and ice machines behind it.") == "the dispensers and ice machines"
    assert offering("Prospect: We handle our I-9s in-house.") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I noticed Tri-County Precision posted 3 openings for CNC machinists (2nd shift) a few weeks back.",
            "the 3 openings for CNC machinists",
        ),
        (
            "I saw your post about Sunrise Orchards planting the new 1,200 acres of almonds outside Merced.",
            "the new 1,200 acres of almonds",
        ),
        (
            "I saw that Halvorsen Home Goods opened its new distribution center in Olive Branch.",
            "the new distribution center",
        ),
        ("I've written a few times and haven't heard back. Our mill just announced a 7% price increase.", ""),
    ],
)
def test_a_trigger_event_is_the_news_about_the_reader(text: str, expected: str) -> None:
    assert trigger(text) == expected


def test_what_they_said_they_need_or_are_choosing_between():
    text = "You mentioned your team needs the instructions for use for the new pump line in all 24 EU languages before the MDR."
    assert asked_about(text) == "the instructions for use for the new pump line in all 24 EU languages"
    text = "You mentioned the south side scorched and that you were trying to decide between 40% and 50% shade cloth."
    assert asked_about(text) == "the choice between 40% and 50% shade cloth"


def test_a_visit_and_past_work_are_read_from_the_authors_thanks_and_history():
    assert (
        visited("Thanks again for walking me through the Joliet warehouse on Thursday the 19th.")
        == "the Joliet warehouse"
    )
    assert past_work("We really enjoyed working with your team on the 2024 distribution rollout.") == (
        "the 2024 distribution rollout"
    )
    assert visited("Thanks for the call.") == past_work("Thanks for the call.") == ""


def test_a_chase_of_the_deciding_body_asks_what_it_chose_when_the_draft_names_the_choice():
    rest = (
        "You said the housing committee would pick between the oak and the laminate bed frames by Wednesday the 25th."
    )
    assert (
        board_question("Any word from the committee?", rest)
        == "Did the committee pick the oak or the laminate bed frames?"
    )
    assert board_question("Any word from the committee?", "") == "When does the committee next meet?"
    assert board_question("Any thoughts?", rest) is None


def test_status_words_leave_a_subject_and_the_topic_stays():
    assert (
        strip_subject("Subject: Cork flooring offer CF-2026-207 - kindly status") == "Cork flooring offer CF-2026-207"
    )
    assert strip_subject("Subject: Follow up quotation - rattan chairs") == "Quotation - rattan chairs"
    assert strip_subject("Subject: Quote 44 - any update?") == "Quote 44"


def test_a_plan_with_a_day_is_a_dated_step_and_an_interest_question_is_a_vague_ask():
    from datetime import date

    tue = date(2026, 12, 1)
    assert has_dated_step("The three of us meet on site Thursday, December 10 at 10am.", tue)
    assert has_dated_step("See you on the 10th.", tue)
    assert has_dated_step("A signed confirmation by Friday at 5pm is all I need.", tue)
    assert not has_dated_step("Subject: Seat count for the January 4 start", tue)
    assert is_time_ask("Any interest in a quick chat in the next few weeks?")


def test_a_hollow_lead_in_around_the_authors_own_meeting_keeps_its_facts_as_thanks():
    from scriptlint.suggest.history import thanks_for

    s = "Hope you're doing well and I just wanted to touch base after my visit out to Kessler Farms on November 24."
    assert thanks_for(s) == "Thanks again for having me out to Kessler Farms on November 24."
    s = "Just wanted to follow up on our conversation at the booth at the MedTech Supply Summit."
    assert thanks_for(s) == "Thanks again for the conversation at the booth at the MedTech Supply Summit."
    assert thanks_for("Just following up on the proposal.") == ""


def test_a_delivery_asks_what_else_its_purpose_needs():
    from scriptlint.suggest.steps import enabling_question

    text = "I attach the new CE certificate. With this your QA department can finish the vendor approval."
    assert enabling_question(text) == "Does your QA department need anything else to finish the vendor approval?"
    assert enabling_question("The certificate is attached.") == ""


def test_after_a_demo_the_ask_maps_the_decision_and_a_renewal_ahead_asks_for_a_decision():
    from datetime import date

    from tests.suggest.test_asks import _rw

    text = (
        "Subject: Re: FleetPulse demo - Monday\n\nHi Carlos,\n\nThanks for getting the dispatch team on Monday's demo: "
        "live GPS on all 64 trucks and the idle-time report.\n\nAny thoughts?\n\nThanks,\nBen\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert "Who besides you will weigh in on FleetPulse, and what would they need to see next?" in new
    assert "Any thoughts?" not in new and "call" not in new
    text = (
        "Hi Janet,\n\nHope you had a great Thanksgiving!\n\nJust touching base on your January 15 renewal for the ShieldOps "
        "endpoint licenses. Let me know if anything changes on your side or if you have questions.\n\nTalk soon,\nDerek\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert (
        "Could you confirm by Tuesday, December 8 whether your January 15 renewal for the ShieldOps endpoint licenses "
        "goes ahead as it stands or with changes?"
    ) in new


def test_a_call_back_request_keeps_its_number_and_loses_its_hedge():
    from datetime import date

    from tests.suggest.test_asks import _rw

    text = (
        "Hi Gary, it's Lena from Keystone Solar again. The reason for my call is just to check in on the rooftop "
        "proposal we sent over. Give me a call back when you get a chance at 717-555-0164. Thanks Gary.\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert "You can reach me at 717-555-0164." in new and "when you get a chance" not in new


def test_after_a_site_visit_the_author_promises_the_findings_and_a_former_client_hears_what_could_follow():
    from datetime import date

    from tests.suggest.test_asks import _rw

    text = (
        "Hi Diane,\n\nThanks again for walking me through the Joliet warehouse on Thursday the 19th.\n\n"
        "Just checking in to see if you had any thoughts after the walkthrough. Happy to hop on a call whenever "
        "works for you.\n\nRegards,\nTom\n"
    )
    new = _rw(text, date(2026, 11, 30))
    assert "I'll send you [my findings and a quote] for the Joliet warehouse by" in new and "hop on a call" not in new
    text = (
        "Hi Colin,\n\nIt's been a while! Just wanted to reconnect and see how things are going over at Brightwater "
        "Foods. We really enjoyed working with your team on the 2024 distribution rollout.\n\nWould love to catch up "
        "sometime if you're up for it.\n\nBest,\nMaria\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert "to talk about what could follow the 2024 distribution rollout?" in new and "catch up" not in new


def test_busy_hedges_go_whole_unless_they_carry_a_fact_said_nowhere_else():
    from scriptlint.suggest.minimal import reduce

    assert reduce("I know December is crazy with year-end closeouts.") == ""
    assert reduce("No rush on this, I know December is hectic.") == ""
    assert reduce("I know things are hectic with the Eastgate tower.") is None  # the tower is a fact to keep


def test_a_subject_naming_a_walkthrough_promises_the_proposal_when_the_findings_are_told():
    from datetime import date

    from tests.suggest.test_asks import _rw

    text = (
        "Subject: Compressed air walk-through at the Fontanella plant\n\nHi Graziella,\n\nJust wanted to touch base "
        "after my visit last Tuesday.\n\nThe scan picked up 14 leaks costing about $21,000 a year.\n\nAny thoughts?"
        "\n\nKind regards,\nDale\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert "I'll send you a written proposal for the Fontanella plant by" in new and "Any thoughts?" not in new


def test_a_fifth_touch_that_never_counts_itself_reads_its_age_and_any_word_yet_asks_when_the_board_meets():
    from datetime import date

    from scriptlint.suggest.deciders import board_question
    from scriptlint.suggest.history import stale as _stale

    assert _stale("Following up again on quote HT-20931, which I sent over on October 20.", date(2026, 12, 1))
    assert not _stale("Following up again on the quote I sent on November 24.", date(2026, 12, 1))
    assert board_question("Any word from your board yet?", "") == "When does your board next meet?"


def test_review_w_fixes_hold():
    from datetime import date

    from tests.suggest.test_asks import _rw

    from scriptlint.suggest.owed import owed
    from scriptlint.suggest.steps import dated_promise

    tue = date(2026, 12, 1)
    thread = (
        "> Before we take this to the partners I need two things from you: your most recent SOC 2 Type II report and "
        "a sample BAA our counsel can mark up. Can you get both to me by Friday, December 4?"
    )
    assert owed(thread, tue) == (
        "I'll send you our most recent SOC 2 Type II report and a sample BAA your counsel can mark up by Friday, December 4."
    )
    text = (
        "Hi Ms. Pham,\n\nPlease be informed that if you want the 2 containers ship before holiday, the order must "
        "confirm latest 15 December, because the production need 5 weeks. Kindly please advise us the status.\n\nBest "
        "regards,\nMinh\n"
    )
    assert "Could you confirm the order by Tuesday, December 15?" in _rw(text, tue)
    text = (
        "Hi Fionnuala,\n\nWanted to touch base since your renewal is coming up on January 15.\n\nRenewals signed "
        "before December 18 keep €34 for the full 2027 term.\n\nCan we find 20 minutes sometime to catch up?\n\nHarun\n"
    )
    assert "by Friday, December 18, while the pricing holds?" in _rw(text, tue)
    assert dated_promise("Sounds good. Mind if I check back with you sometime next month?", tue, "call-script")


def test_a_not_now_that_names_what_it_waits_for_gets_a_promise_tied_to_it_and_a_plain_no_gets_none():
    from datetime import date

    from tests.suggest.test_asks import _rw

    reply = (
        "Hi Ilse,\n\nThanks for letting me know. I'll circle back in a few months to see if the timing is better.\n\n"
        "Teodor\n\n> We've decided to keep IFU translation in-house for now; our regulatory team wants full control "
        "until the notified body audit in Q2 2027.\n"
    )
    assert "I'll check back after your notified body audit in Q2 2027." in _rw(reply, date(2026, 12, 1))
    chose = reply.replace("keep IFU translation in-house for now", "go with Lingua").split("; our")[0] + ".\n"
    assert "I'll c" not in _rw(chose, date(2026, 12, 1)).split(">")[0]


def test_a_price_rise_after_a_day_is_a_confirm_by_day_and_a_demo_mentioned_in_the_body_maps_the_decision():
    from datetime import date

    from tests.suggest.test_asks import _rw

    text = (
        "Hi Brent,\n\nI've reached out a few times about the panel package and haven't heard back.\n\nOur mill just "
        "announced a 7% price increase on all orders placed after January 15, so the $212,600 quote would go up by "
        "about $14,900.\n\nIs this project still moving forward?\n\nTrina\n"
    )
    assert "could you confirm it by Friday, January 15, while the pricing holds?" in _rw(text, date(2026, 12, 1))
    text = (
        "Hi Renata,\n\nJust checking in after yesterday's demo. On the call you asked whether invoices sync; they do, "
        "every 15 minutes.\n\nAny thoughts?\n\nOwen\n"
    )
    assert "Who besides you will weigh in on this, and what would they need to see next?" in _rw(
        text, date(2026, 12, 1)
    )


def test_final_review_bugs_stay_fixed():
    from scriptlint.suggest.history import hold_until
    from scriptlint.suggest.layout import SIGN_OFF
    from scriptlint.suggest.subjects import topic_subject

    assert topic_subject("the revised signage quote of $") == ""  # review v19: a cut-off subject
    assert SIGN_OFF.search("Thanks.\n\n- Owen, Titan Rack & Storage\n")  # review v02: the ask went after it
    assert not SIGN_OFF.search("Scope:\n- Full inspection of the 42 line sets\n")  # a bullet is no sign-off
    thread = (
        "> We've decided to keep the linguistic validation for the Phase II COPD questionnaire in-house; our team "
        "has capacity through Q2 2027, so it isn't the right time to bring in a vendor."
    )
    assert hold_until(thread) == "Q2 2027"


def test_a_passed_decision_date_asks_for_the_decision_and_a_non_native_status_ask_keeps_its_object():
    from datetime import date

    from tests.suggest.test_asks import _rw

    from scriptlint.suggest.objects import split_lead

    text = (
        "Hi Wendy,\n\nWanted to see where things landed after the November 24 decision date for the water treatment "
        "program. Any word from procurement?\n\nBest,\nHector\n"
    )
    assert "Could you let me know your decision by Thursday, December 3?" in _rw(text, date(2026, 12, 1))
    lead = split_lead(
        "I want to ask kindly if there is some news about our offer for the SIP trunks and the 120 phones."
    )
    assert lead is not None and lead.object == "our offer for the SIP trunks and the 120 phones"


def test_more_empty_lines_go_and_a_still_waiting_line_gives_its_object_to_the_ask():
    from scriptlint.suggest.minimal import reduce
    from scriptlint.suggest.objects import split_lead
    from scriptlint.suggest.steps import is_time_ask

    assert reduce("Any other thoughts on your end?") == "" and reduce("Any initial thoughts?") == ""
    assert reduce("I left you a message last Tuesday.") == ""
    lead = split_lead("Still waiting to hear back on quote Q-8812 for the 3 reach trucks.")
    assert lead is not None and lead.object == "quote Q-8812 for the 3 reach trucks"
    assert is_time_ask("We should grab a coffee sometime when you're in Asheville.")
    assert not is_time_ask("Are you still interested in the roaster we discussed at the Coffee Fest?")


def test_a_named_prospect_in_a_call_script_is_the_other_speaker():
    from datetime import date

    from tests.suggest.test_asks import _rw

    script = (
        "Rep: Hi Frank, it's Kelly from Vanguard Security.\nFrank: Busy. What can I do for you?\n"
        "Rep: Would you be open to catching up sometime anyway?\nFrank: Just send me some information.\n"
        "Rep: Sure. I'll follow up in a couple of weeks to see if you had a chance to look.\nFrank: Okay.\n"
    )
    new = _rw(script, date(2026, 12, 1))
    assert "I'll email it over today and call you on Tuesday, December 15." in new
    assert "catching up sometime" not in new


def test_final_review_y_bugs_stay_fixed():
    from datetime import date

    from scriptlint.suggest.deadlines import deadline
    from scriptlint.suggest.objects import split_lead
    from scriptlint.suggest.owed import owed

    thread = (
        "> Before I can raise a PO, purchasing needs your certificate of insurance naming us as additional insured, "
        "plus a signed W-9. Can you get both to me by Thursday Dec 3?"
    )
    assert owed(thread, date(2026, 12, 1)) == (
        "I'll send you our certificate of insurance naming you as additional insured, plus a signed W-9 by Thursday, "
        "December 3."
    )
    lead = split_lead("Any word from your PM on the 40-ton crawler for the Dec 14 lift?")
    assert lead is not None and lead.object == "the 40-ton crawler for the Dec 14 lift"
    assert deadline("I can only hold it for you until noon this Fri 12/4.", date(2026, 12, 1)) == (
        date(2026, 12, 4),
        "Fri 12/4",
    )


def test_hedged_statements_and_own_voicemails_after_review_y():
    from scriptlint.suggest.minimal import real_question, reduce

    assert reduce("Long time no talk - it's been since the Hannover Messe build in 2023, I think?", (0, 17)) == (
        "It's been since the Hannover Messe build in 2023, I think?"
    )
    assert not real_question("It's been since the Hannover Messe build in 2023, I think?")
    from scriptlint.suggest.history import OWN_HISTORY

    assert OWN_HISTORY.match("the voicemail I left last Tuesday")  # the reader has it: no object to keep
