"""The one added ask is chosen by what the draft waits for (issue 11, blind reviews)."""

from __future__ import annotations

from datetime import date

from scriptlint.engine import lint
from scriptlint.suggest.deadlines import deadline
from scriptlint.suggest.minimal import reduce
from scriptlint.suggest.rewrite import rewrite
from scriptlint.suggest.steps import has_dated_step

FRI = date(2026, 11, 20)


def _rw(text: str, today: date = FRI) -> str:
    return rewrite(lint(text), today=today)


def test_no_call_is_asked_for_after_a_no():
    text = (
        "Hi Angela,\n\nThanks for letting me know. I'll touch base again in a few months to see how things are "
        "going.\n\nAll the best,\nTom\n\nOn Tue, Nov 17, 2026, Angela wrote:\n> We've decided to stay with "
        "Summit for now. Our lease runs through March 31, 2027.\n"
    )
    new = _rw(text).split("On Tue")[0]
    assert "?" not in new and "touch base" not in new and "March 31" not in new


def test_a_lease_that_runs_through_a_date_is_no_deadline():
    assert deadline("Our current lease runs through March 31, 2027.", FRI) is None
    assert deadline("We can hold the pricing through November 30.", FRI) == (date(2026, 11, 30), "November 30")
    assert deadline("The signed application is due Friday, December 4.", FRI)[0] == date(2026, 12, 4)


def test_a_draft_waiting_on_a_po_asks_for_it_by_a_day_before_the_truck_and_keeps_its_object():
    text = (
        "Hi Dana, Mike from Keystone here. Just checking in, any update on the PO for the 640 MERV 13 filters? "
        "Want to make sure we get them on the Dec 2 truck. Thanks!"
    )
    new = _rw(text)
    assert "Could you send the PO for the 640 MERV 13 filters by " in new
    assert "call" not in new and "checking in" not in new.lower() and "Dec 2 truck" in new


def test_a_signed_form_due_on_a_day_is_asked_for_by_that_day():
    text = (
        "Hi Greg,\n\nThe carrier needs the signed renewal application by Friday, December 4. I've attached it "
        "with last year's answers filled in. Just wanted to check in and see if you had any questions.\n\n"
        "Best,\nWhitney\n"
    )
    new = _rw(text)
    assert "Could you send the signed renewal application back by Friday, December 4?" in new


def test_after_several_unanswered_touches_the_reader_may_say_no_and_a_held_price_is_named():
    text = (
        "Hi Kevin,\n\nThis is my third note on the bulk nitrogen quote for the Toledo plant. Any update?\n\n"
        "We can still hold the $0.42 per CCF pricing through November 30.\n\nSarah\n"
    )
    new = _rw(text, date(2026, 11, 16))
    assert "If the bulk nitrogen quote for the Toledo plant has dropped off your list" in new
    assert "could you confirm it by Monday, November 30, while the pricing holds?" in new
    assert new.count("?") == 1 and "$0.42 per CCF" in new


def test_a_passed_agreed_date_asks_for_the_new_date():
    text = (
        "Hi Linda,\n\nWanted to see where things stand after the board meeting on Friday the 13th! The plan was to "
        "approve the contract at that meeting so we could install over winter break.\n\nThanks,\nAlicia\n"
    )
    new = _rw(text, date(2026, 11, 17))
    assert "where things stand" not in new
    assert "Could you let me know your decision by Thursday, November 19?" in new  # not a meeting about a meeting


def test_a_pilot_in_play_gets_a_dated_start_but_not_while_a_decision_is_pending():
    body = "Thanks for the demo on Tuesday. The pilot we talked about would cover the 9 cars at Commerce Street."
    text = f"Hi Marcus,\n\n{body} Just checking in to see if you had any thoughts.\n\nThanks,\nRyan\n"
    assert "agree a start date for the pilot" in _rw(text, date(2026, 11, 5))
    pending = text.replace("Commerce Street.", "Commerce Street, once your board approves it.")
    assert "start date" not in _rw(pending, date(2026, 11, 5))


def test_a_thanks_for_a_past_day_or_a_weekday_subject_is_not_a_dated_next_step():
    assert not has_dated_step("Thanks again for making time for the demo on Tuesday.", FRI)
    assert not has_dated_step("Subject: Tuesday's LiftSense demo", FRI)
    assert has_dated_step("Subject: Thursday 12/3 at 10am: agenda", FRI)
    assert not has_dated_step("We can hold the price through Tuesday, November 24.", FRI)


def test_a_hollow_opening_before_the_authors_reason_keeps_the_reason():
    s = "I just wanted to reach out and introduce myself, since I saw that Lakeshore opened a second clinic in Evanston."
    assert reduce(s, (0, 26)) == "I saw that Lakeshore opened a second clinic in Evanston."
    # a bare verb after the hollow part is no clause of its own
    assert reduce("I wanted to touch base, and see if you have a couple of minutes.", (0, 22)) != (
        "See if you have a couple of minutes."
    )


def test_understanding_the_decision_is_a_no_but_going_with_a_product_is_not():
    from scriptlint.suggest.history import declined

    assert declined("I completely understand the decision you shared on November 20.")
    assert declined("We went with Summit this year.")
    assert not declined("Just checking in on how everything's going with Trackwise!")


def test_after_many_touches_without_a_held_price_the_last_note_asks_for_no_call():
    text = (
        "Hi Priya,\n\nFollowing up again on the online booking pilot for the Savannah office. Sorry to bother "
        "you again. Let me know either way!\n\nThanks,\nMateo\n"
    )
    new = _rw(text)
    assert "I'll close the file on the online booking pilot for the Savannah office" in new
    assert "Unless I hear otherwise, on Tuesday" in new and "what tipped it?" in new  # a close day, and the real reason
    assert "call" not in new and new.count("?") == 1
    # one "again" is a second touch: the push waits for a third (issue 11; blind review of a 2nd nudge)
    second = _rw(text.replace("bother you again.", "bother you."))
    assert "close the file" not in second


def test_empty_questions_and_objects_that_name_nothing_are_cut_not_restated():
    text = (
        "Hi Elena,\n\nThe pilot on 4 West starts Monday, January 11 and I'll send the SOW on Friday, December 4. "
        "Just wanted to circle back on everything we discussed. Still interested? Do you need anything from me?"
        "\n\nBest,\nSophie\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert "everything we discussed" not in new and "writing about" not in new
    assert "Still interested" not in new and "anything from me" not in new
    assert "January 11" in new and "December 4" in new


def test_a_voicemail_script_titled_as_one_never_ends_with_a_question():
    text = (
        "VOICEMAIL SCRIPT - Greg Halvorsen\n\nHi Greg, this is Jordan from Keystone Payroll, just calling to check "
        "in.\n\nWe spoke in October about payroll for your 85 employees.\n\nGive me a call back when you get a "
        "chance. My number is 612-555-0148.\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert not new.rstrip().endswith("?") and "612-555-0148" in new and "85 employees" in new


def test_an_email_answers_first_and_asks_last_with_its_subject_as_agenda():
    text = (
        "Subject: Sterile pack lead times for Northgate Clinics\n\nHi Aisha,\n\nJust wanted to follow up on our "
        "conversation at the booth.\n\nYou asked about lead times: we ship in 9 business days from Memphis, and "
        "SP-220 and SP-240 are in stock.\n\nCheers,\nLiam\n"
    )
    new = _rw(text, date(2026, 12, 1))
    body = new.split("Cheers,")[0]
    assert body.rstrip().endswith(
        "Could we do a 15-minute call on [day and time] to talk about sterile pack lead times for Northgate Clinics?"
    )
    assert "conversation at the booth" not in new and "9 business days" in new


def test_a_subject_that_names_a_day_but_books_nothing_is_no_dated_step():
    assert not has_dated_step("Subject: Seat count for the January 4 start", FRI)
    assert has_dated_step("Subject: Call on Thursday 12/3 at 10am", FRI)


def test_people_are_no_topic_and_a_step_told_as_done_is_not_booked_again():
    from scriptlint.suggest.objects import real_object as _real_object

    assert not _real_object("Priya and the facilities team") and _real_object("the quote for the 12 forklifts")
    text = (
        "Hi Alan, it's Jess from Spotless Pro. Just checking in on the quote I sent after our walkthrough on the 5th "
        "($6,850/mo, 5 nights a week). Let me know!"
    )
    assert "book the walkthrough" not in _rw(text, date(2026, 12, 1))


def test_a_no_in_a_quoted_reply_across_its_line_break_means_no_call():
    text = (
        "Hi Colleen,\n\nUnderstood. Just wanted to circle back in case anything changed. Let me know!\n\nBest,\n"
        "Marco\n\nOn Wed, Nov 18, 2026 at 3:07 PM Colleen wrote:\n> Thanks for the quote. We've decided to renew with\n"
        "> Hartwell Mutual for 2027.\n"
    )
    assert "call" not in _rw(text, date(2026, 12, 1)).split("On Wed")[0]


def test_a_voicemail_keeps_its_call_back_request_tied_to_the_drafts_deadline():
    text = (
        "VOICEMAIL SCRIPT - Melissa\n\nHi Melissa, this is Jordan from the Lakeshore Events Center.\n\nI'm just "
        "calling to check in on the holiday party.\n\nWe're holding the Harbor Room for Friday, December 18. The hold "
        "releases on Friday, December 4 at 5 p.m.\n\nGive me a call back whenever you get a chance. My number is "
        "312-555-0190.\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert "Please call me back before Friday, December 4." in new and "whenever you get a chance" not in new
    assert "312-555-0190" in new
    assert "check in" not in new and not new.rstrip().endswith("?")


def test_a_request_is_an_ask_so_none_is_added_and_clauses_are_no_topics():
    text = (
        "Subject: Regarding PO 4500-88213 - follow up\n\nDear Mr. Schneider,\n\nI am writing to just follow up about my "
        "previous mail dated "
        "November 23. The hydro test is scheduled on 7 Dec 2026. Please confirm if TUV or your own "
        "inspector will attend the hydro test.\n\nThanks and regards,\nRahul\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert "call" not in new and "follow up about my previous mail" not in new and "Please confirm if TUV" in new
    from scriptlint.suggest.objects import real_object as _real_object

    assert not _real_object("from the show") and not _real_object("we're on the same page")


def test_keeping_it_short_is_no_clause_worth_keeping():
    text = "Hi Luis,\n\nThe quote is $41,230. I know you're busy, so I'll keep this short.\n\nThanks,\nDale\n"
    assert "keep this short" not in _rw(text, date(2026, 12, 1))


def test_a_greeting_subject_is_no_agenda_and_a_headline_subject_is_read_as_a_noun_phrase():
    from scriptlint.suggest.objects import real_object as _real_object
    from scriptlint.suggest.subjects import agenda as _agenda

    assert _agenda("Subject: Good to see you last week\n\nHi") == ""
    assert _agenda("Subject: Long time no talk!\n\nHi") == ""
    assert _agenda("Subject: Following up\n\nHi") == ""
    assert _agenda("Subject: Missed appointments at Lakeshore\n\nHi") == "talk about missed appointments at Lakeshore"
    # blind review: a call with no agenda gives no reason to take it; a headline subject names one
    assert _agenda("Subject: Modernization proposal - Halvorsen Tower\n\nHi") == (
        "go through the modernization proposal for Halvorsen Tower"
    )
    assert _agenda("Subject: Following up - PawChart demo\n\nHi") == "agree the next step after the PawChart demo"
    assert _agenda("Subject: Your ThermoClear renewal - Account 40418\n\nHi") == "go through your ThermoClear renewal"
    assert _agenda("Subject: RE: Spring catalog print run\n\nHi") == "talk about the spring catalog print run"
    assert not _real_object("your end since last week")


def test_a_busy_hedge_before_an_empty_question_goes_whole_and_handling_it_in_house_is_a_no():
    from scriptlint.suggest.history import declined

    assert reduce("I know you're busy this time of year, but any update?", (0, 17)) == ""
    assert declined("We've decided to handle the compensation review in-house this year.")
    assert declined("so we won't be moving forward.")


def test_the_added_ask_never_lands_in_a_signature_the_layout_did_not_recognise():
    text = (
        "Hi Deacon Morales,\n\nJust bumping this to the top of your inbox.\n\nAs a reminder, proposal AV-2231 "
        "covers 14 new column speakers for $62,750 installed.\n\nAny update from the building committee? No rush."
        "\n\nGod bless,\nTom Ferreira\nChancel Audio & Video\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert new.endswith("God bless,\nTom Ferreira\nChancel Audio & Video\n")
    assert "Video Could" not in new and new.count("?") == 1


def test_going_with_a_competitor_is_a_no_and_their_own_note_is_no_topic():
    from scriptlint.suggest.history import declined

    assert declined("Understood on going with Polar Line for now.")
    text = (
        "Hi Lauren,\n\nJust wanted to follow up on your note. Understood on going with Polar Line for now. We'd "
        "still love to be considered for the two weekly loads out of Fresno.\n\nRegards,\nDerek\n"
    )
    new = _rw(text, date(2026, 12, 1))
    assert "call" not in new and "writing about your note" not in new and "Polar Line" in new


# --- fifth blind review (issue 11): what survived the rewrite, and asks with no reason -------------------

DEC1 = date(2026, 12, 1)


def test_after_a_no_answered_below_the_quote_the_hollow_lines_go_and_one_candid_question_stays():
    text = (
        "Subject: Re: 20x30 island booth\n\nHi Priya,\n\nThanks for getting back to me.\n\n> We've decided to go "
        "with ExhibitCraft for the March show. Their rental price came in about $11k under yours.\n\nHope all is "
        "well otherwise! I just wanted to touch base and say thanks. Feel free to reach out anytime if anything "
        "changes.\n\nWarm regards,\nOwen\n"
    )
    new = _rw(text, DEC1)
    assert "touch base" not in new and "reach out anytime" not in new and "call" not in new
    assert "Was price the whole story" in new and new.count("?") == 1
    assert "> We've decided to go with ExhibitCraft" in new and "Warm regards,\nOwen" in new


def test_a_no_that_is_only_not_now_gets_no_question():
    text = (
        "Hi Dana,\n\nUnderstood. Just wanted to touch base one last time.\n\nBest,\nLee\n\n"
        "> We're putting this on hold until next quarter.\n"
    )
    assert "?" not in _rw(text, DEC1).split(">")[0]


def test_an_empty_closing_question_after_a_demo_gives_its_place_to_who_else_decides():
    text = (
        "Subject: Following up - PawChart demo\n\nHi Dr. Okafor,\n\nThe IDEXX integration you asked about is "
        "live; results post within 10 minutes.\n\nAny thoughts so far?\n\nBest,\nCaleb\n"
    )
    new = _rw(text, DEC1)
    assert "Any thoughts so far?" not in new
    # 004: after a demo, who else decides (blind review u03: a call "to agree the next step" is a meeting about a meeting)
    assert "Who besides you will weigh in on PawChart, and what would they need to see next?" in new


def test_a_touch_base_dated_only_by_the_holidays_goes():
    assert reduce("Just wanted to touch base before the holidays.") == ""
    assert reduce("I'll follow up after the new year.") is None  # a promised time is the author's own


def test_a_hollow_infinitive_joined_to_the_authors_reason_goes_alone():
    assert (
        reduce("The reason for my call is just to touch base and introduce GrainSense.")
        == "The reason for my call is to introduce GrainSense."
    )


def test_a_text_waiting_on_a_quote_asks_whether_to_go_ahead_by_a_day_not_for_a_call():
    text = (
        "Hi Rosa, it's Ben from TrueTemp HVAC. Just bumping this - any update on the rooftop unit quote for the "
        "Elm St bakery (Q#5520, $14,250)? No rush!"
    )
    new = _rw(text, DEC1)
    assert "bumping" not in new and "No rush" not in new and "call" not in new
    assert "go ahead with the rooftop unit quote for the Elm St bakery (Q#5520, $14,250)?" in new


def test_a_voicemail_call_back_with_no_deadline_becomes_when_you_will_try_again():
    text = (
        "VOICEMAIL SCRIPT\n\nHi Ms. Adebayo, this is Jordan from Precision Court Reporting, 312-555-0199.\n\n"
        "I'm just calling to check in on the Marquez deposition schedule.\n\nGive me a call back when you get a "
        "chance. Again, that's Jordan, 312-555-0199.\n"
    )
    new = _rw(text, DEC1)
    assert "I'll try you again on Thursday, December 3. Again, that's Jordan" in new and new.count("312-555-0199") == 2
    assert "call back" not in new and "call me back" not in new
    assert not new.rstrip().endswith("?")


def test_a_question_about_sharing_it_with_a_committee_asks_when_the_committee_meets_and_nothing_more():
    text = (
        "Hi Mr. Delgado,\n\nBumping this to the top of your inbox. I sent the pilot outline for the 250 meters on "
        "November 4.\n\nDid you get a chance to share it with the Public Works committee? I'd still love to set up "
        "some time to chat.\n\nBest,\nAlan\n"
    )
    new = _rw(text, DEC1)
    assert "When does the Public Works committee next meet?" in new and new.count("?") == 1
    assert "start date" not in new and "Bumping" not in new and "250 meters" in new


def test_after_the_agreed_day_passes_the_ask_is_for_the_agreed_thing_not_another_meeting():
    text = (
        "Hi Colleen,\n\nOn our call on November 19 you said you'd have the final headcount for the band trip by the "
        "end of last week.\n\nWe're still holding two 56-passenger coaches for March 12-15. Any update on the "
        "numbers?\n\nThanks!\nDwayne\n"
    )
    new = _rw(text, DEC1)
    assert "Could you send the final headcount by Thursday, December 3?" in new and "Any update" not in new
    assert "decision" not in new and "call on Thursday" not in new


def test_a_reconnect_gets_its_news_as_the_calls_agenda_and_a_follow_up_on_the_demo_goes():
    text = (
        "Subject: Long time no talk!\n\nHi Greg,\n\nLast time we worked together was the Fairview re-roof in 2023. "
        "We've added a second crew and a drone inspection service since then.\n\nWould love to catch up sometime."
        "\n\nBest,\nMaria\n"
    )
    assert "Could we do a 15-minute call on [day and time] to talk about the drone inspection service?" in _rw(
        text, DEC1
    )
    demo = (
        "Subject: Following up\n\nHi Lena,\n\nJust wanted to follow up on the demo last week.\n\nFor a pilot in 3 "
        "stores it works out to $4,950 for 90 days.\n\nThanks,\nSamir\n"
    )
    new = _rw(demo, DEC1)
    assert "demo last week" not in new and "Subject: Next step after the demo" in new and "$4,950" in new


def test_a_hollow_offer_after_an_if_clause_goes_whole_and_a_trial_already_run_is_not_started_again():
    assert reduce("If you need any further information, please do not hesitate to contact me.", (36, 60)) == ""
    text = (
        "Hi Carla,\n\nJust circling back on this thread. Did you get a chance to see the numbers below?\n\nBest,\n"
        "Ray\n\nOn Mon, Nov 23, 2026 at 9:10 AM Ray wrote:\n> Hi Carla, the numbers from the 30-day trial are in: "
        "4.1 vs 5.8 in. w.c. across the pilot baghouse.\n"
    )
    assert "start date" not in _rw(text, DEC1)


def test_a_subject_naming_a_site_after_a_dash_is_read_with_its_article():
    from scriptlint.suggest.subjects import agenda

    assert agenda("Subject: Re: Compactor service proposal - Dayton plant\n\nHi") == (
        "go through the compactor service proposal for the Dayton plant"
    )
    assert (
        agenda("Subject: Meter pilot - Town of Millbrook\n\nHi")
        == "go through the meter pilot for the Town of Millbrook"
    )


def test_a_voicemail_left_with_no_reason_ends_with_when_you_will_try_again_before_the_number():
    text = (
        "Hi Ms. Albright, it's Jorge from Pinecrest Insurance. I'm just calling to check in. Your property policy "
        "for the Linden Avenue building is coming up for renewal on May 1. I'm at 555-0155, again 555-0155. Thanks."
    )
    new = rewrite(lint(text), today=date(2026, 3, 27))
    assert "check in" not in new and "?" not in new
    assert "I'll try you again on Tuesday, March 31. I'm at 555-0155, again 555-0155." in new
    after_no = "Hi Dean, this is Erin. You said Westfield would stay with Moodle for now. Just calling to check in."
    assert "try you again" not in rewrite(lint(after_no), today=date(2026, 3, 27))


def test_an_invitation_to_a_dated_webinar_is_the_next_step_so_no_call_is_added():
    text = (
        "Hi Megan,\n\nRiverbend got member onboarding down to 3 days. We're walking through how they did it in a "
        "30-minute webinar on Thursday, December 10 at 1pm ET. Let me know if you're ever open to a chat.\n\nJess\n"
    )
    new = _rw(text, DEC1)
    assert "webinar on Thursday, December 10" in new and "call" not in new and "open to a chat" not in new


def test_a_vague_promise_to_be_in_touch_becomes_a_dated_one():
    from scriptlint.suggest.steps import dated_promise

    assert dated_promise("I'll check back in with you in a few weeks then.", DEC1, "call-script") == (
        "I'll call you on Tuesday, December 15."
    )
    assert dated_promise("I'll follow up after the holidays.", DEC1, "email") == "I'll call you on Tuesday, January 5."
    assert dated_promise("I'll follow up in a few weeks.", DEC1, "short") == "I'll text you on Tuesday, December 15."
    assert dated_promise("I'll send the SOW on Friday.", DEC1, "email") is None


def test_a_no_for_another_vendor_with_maybe_next_year_still_gets_the_candid_question():
    text = (
        "Hi Colleen,\n\nJust wanted to circle back on this.\n\nI completely understand you're staying with your "
        "current carrier. Our quote came in at $186,500.\n\nLet me know if anything changes!\n\nBest,\nMarco\n\n"
        "On Wed, Nov 18, 2026 at 3:07 PM Colleen wrote:\n> We've decided to renew with Hartwell Mutual for 2027. "
        "Our agent there handled two claims for us this year. Maybe next year.\n"
    )
    own = _rw(text, DEC1).split("On Wed")[0]
    # her reason is the claims, not price: the general question, not the price one
    assert "what would we have needed to do differently to win this one?" in own and "price" not in own


def test_a_greeting_subject_on_a_reconnect_names_the_news():
    text = (
        "Subject: Long time no talk!\n\nHi Greg,\n\nWe've added a second crew and a drone inspection service since "
        "then.\n\nWould love to catch up sometime.\n\nBest,\nMaria\n"
    )
    assert _rw(text, DEC1).startswith("Subject: The drone inspection service\n")


def test_after_the_agreed_day_the_agreed_question_is_asked_again_by_a_new_day():
    text = (
        "Hi Gavin,\n\nJust checking in to see where things landed. On our Nov 20 call you said you'd let me know by "
        "Friday, Nov 27 whether you want to move produce deliveries to Tuesday/Friday starting in December.\n\n"
        "Cheers,\nNina\n"
    )
    assert (
        "Could you let me know by Thursday, December 3 whether you want to move produce deliveries to Tuesday/Friday"
        in _rw(text, DEC1)
    )
    linen = (
        "Hi Dana,\n\nOn our November 20 call we agreed you would confirm the par levels for the 212 rooms by Friday "
        "the 27th. Where are we on this?\n\nThanks,\nGreg\n"
    )
    assert "Could you confirm the par levels for the 212 rooms by Thursday, December 3?" in _rw(linen, DEC1)


def test_the_authors_own_as_promised_is_no_agreed_date_and_a_hedge_before_a_fact_goes_alone():
    assert reduce("No rush on this, I know budgets are tight heading into your Jan 1 fiscal year.") == (
        "I know budgets are tight heading into your Jan 1 fiscal year."
    )
    text = (
        "Subject: Re: Compactor service proposal - Dayton plant\n\nHi Mark,\n\nJust circling back on the below. Any "
        "thoughts?\n\nErin\n\nOn Mon, Nov 16, 2026 at 2:41 PM Erin wrote:\n> As promised after Thursday's walk-"
        "through, here's our proposal for the Dayton plant: $3,940 a month.\n"
    )
    new = _rw(text, DEC1)
    assert "decision" not in new and "go through the compactor service proposal for the Dayton plant" in new


def test_after_many_texts_the_ask_is_whether_to_keep_holding_what_the_author_holds():
    text = (
        "Hi Dana, Trevor from BlueLine Staffing again. Just following up one more time on the forklift operators! "
        "Any word? We still have 12 certified operators lined up for the Jan 4 start at your Elkhart DC at $24.50/hr."
    )
    new = _rw(text, DEC1)
    assert new.endswith("Should I keep holding the 12 certified operators for the Jan 4 start, or release them?")
    assert "call" not in new and "Any word" not in new


def test_a_call_script_with_a_header_label_is_still_a_call_script():
    script = (
        "COLD CALL SCRIPT - Sprinkler inspection\nTarget: Facilities Manager, Lakeshore Cold Storage\n\n"
        "Rep: Hi, is this Angela?\nProspect: Speaking.\nRep: I'll follow up in a few weeks. Thanks, Angela!\n"
        "Prospect: Sure.\n"
    )
    new = _rw(script, DEC1)
    assert "Rep: I'll call you on Tuesday, December 15. Thanks, Angela!" in new and "Prospect: Sure." in new


def test_an_offered_day_and_a_chase_become_an_ask_to_confirm_the_offered_day():
    text = (
        "Hi Luis,\n\nQuote Q-40817 covers 38 tons at $41,230 delivered. We can stage the first 12 tons in the east "
        "laydown yard the week of Jan 11.\n\nWanted to see if you had a chance to look at the quote?\n\nThanks,\nDale\n"
    )
    new = _rw(text, DEC1)
    assert "Could you confirm by Friday, December 18 that the week of Jan 11 works for you?" in new
    assert "had a chance" not in new


def test_in_a_live_call_the_hollow_question_after_we_already_have_a_supplier_asks_when_their_contract_ends():
    script = (
        "Rep: Hi Angela, this is Nate with Badger Fire Protection.\nProspect: What's this about?\n"
        "Rep: We inspect sprinklers for four cold-storage sites in Kenosha County.\n"
        "Prospect: Things are fine. We already have a fire company.\n"
        "Rep: Great. Do you need anything from us in the meantime?\nProspect: Not really.\n"
    )
    new = _rw(script, DEC1)
    assert "Rep: Great. When does your current contract come up for renewal?" in new
    assert "Prospect: Things are fine. We already have a fire company." in new
    told = script.replace("We already have a fire company.", "We already have a fire company until March.")
    assert "renewal" not in _rw(told, DEC1)  # they said when: no need to ask


def test_what_the_reader_asked_about_is_the_calls_agenda_when_the_subject_gives_none():
    text = (
        "Hi Aisha,\n\nGreat meeting you at the booth - you were the one asking about the tray sealer for the 8 oz "
        "hummus cups. Would love to connect when you have a moment.\n\nBest,\nNikhil\n"
    )
    assert "call on [day and time] to talk about the tray sealer for the 8 oz hummus cups?" in _rw(text, DEC1)


def test_what_someone_else_was_to_confirm_by_a_passed_day_is_asked_again():
    text = (
        "Hi Dana,\n\nJust checking in to see if there's any update. On our November 19 call you said finance would "
        "confirm by Friday, November 27 whether Altmore goes with 240 seats or the full 310.\n\nLet me know!\n\nBest,\nOwen\n"
    )
    assert "Could you let me know by Thursday, December 3 whether Altmore goes with 240 seats or the full 310?" in _rw(
        text, DEC1
    )


def test_a_flagged_subject_that_names_things_is_kept_and_a_booked_day_is_a_step():
    text = (
        "Subject: Modernization proposal - Halvorsen Tower\n\nHi Ana,\n\nThe proposal covers 6 cars.\n\nLet me know "
        "if you have any questions.\n\nBest,\nRita\n"
    )
    assert _rw(text, DEC1).startswith("Subject: Modernization proposal - Halvorsen Tower\n")
    sms = "Hi Dana, it's Jess! Just circling back on the menu. We still have you down for 85 guests on Fri Dec 18."
    assert "call" not in _rw(sms, DEC1)


def test_any_update_from_the_committee_asks_when_it_meets_and_still_interested_is_an_empty_question():
    assert reduce("Any update from the building committee?") == "When does the building committee next meet?"
    assert reduce("Are you still interested in moving forward with us?") == ""


def test_still_interested_next_to_a_flag_becomes_what_the_mail_is_about():
    text = (
        "Hi Mr. Lindqvist,\n\nSorry to bother you again, this is my fifth email about this. I'm just wondering if you "
        "are still interested in the BR-35 roaster we discussed at the Coffee Fest in Portland.\n\nBest,\nAnna\n"
    )
    new = _rw(text, DEC1)
    # the fifth email: the last note names the roaster and lets them say no
    assert "I'll close the file on the BR-35 roaster we discussed at the Coffee Fest in Portland" in new
    assert "still interested" not in new and "Sorry" not in new


def test_a_hold_that_releases_this_friday_is_a_deadline():
    assert deadline("The hold releases this Friday, December 4th, at 5 p.m.", DEC1) == (
        date(2026, 12, 4),
        "Friday, December 4th",
    )


def test_what_they_asked_us_for_by_a_day_is_promised_not_chased():
    text = (
        "Subject: Re: Tumblers\n\nHi Brianna,\n\nJust circling back on this, want to make sure it's still on your "
        "radar!\n\nThx,\nCole\n\nOn Wed, Nov 25, 2026 at 4:18 PM Brianna Cho wrote:\n> We'd like 600 tumblers. Can "
        "you send me pricing and a digital proof by Friday, December 4? I need approval before the 7th.\n"
    )
    own = _rw(text, DEC1).split("On Wed")[0]
    assert "I'll send you pricing and a digital proof by Friday, December 4." in own and "call" not in own


def test_an_order_due_before_a_day_is_asked_in_the_drafts_words_without_a_price_hold():
    text = (
        "Dear Ms. Whitaker,\n\nI am writing to follow up our quotation QT-2611-08. We would like to kindly ask if you "
        "have any feedback for us.\n\nIf your team confirm the order before 18 December, we can load the container "
        "before Tet.\n\nBest regards,\nHa\n"
    )
    new = _rw(text, DEC1)
    assert "Could you confirm the order before Friday, December 18?" in new and "pricing holds" not in new


def test_after_a_no_where_price_mattered_less_the_question_is_not_about_price():
    text = (
        "Hi Gloria,\n\nThanks for letting me know. Just wanted to check in one last time.\n\nBest,\nSam\n\n"
        "On Mon, Nov 30, 2026 at 9:00 AM Gloria wrote:\n> We decided to go with Verity. Their turnaround is two days "
        "faster and that mattered more to us than the per-report price.\n"
    )
    own = _rw(text, DEC1).split("On Mon")[0]
    assert "what would we have needed to do differently" in own and "price" not in own


def test_a_radar_line_whose_name_is_said_elsewhere_goes_and_an_ahead_of_phrase_is_no_topic():
    assert reduce("Just wanted to put Clearline on your radar.", None, "Clearline inspects warehouses.") == ""
    from scriptlint.suggest.objects import real_object as _real_object

    assert not _real_object("ahead of the renewal")
    text = (
        "Hi Ray,\n\nWe sent the quote for the 22 ZT411 printers on Nov 6. Would be great to find some time to "
        "connect before the holidays.\n\nBest,\nKim\n"
    )
    assert _rw(text, DEC1).count("?") == 1  # the vague ask is the ask's place, not a second question


def test_a_held_meeting_slot_is_a_step_and_the_quotes_facts_are_the_object_not_the_owners():
    assert has_dated_step("I've held Thursday, December 10 at 2 p.m. for a 30-minute call with you three.", DEC1)
    sms = (
        "Hi Mr. Abernathy, Luz from Crisp Line Striping again. Just checking in on the restripe quote for the "
        "Birchwood Crossing lot (Q-1148, 612 stalls, $9,860) - any word from the owners yet?"
    )
    new = _rw(sms, DEC1)
    assert "Q-1148, 612 stalls, $9,860" in new and "the owners?" not in new and "call" not in new


def test_a_voicemail_with_a_dated_promise_gets_no_second_next_try():
    vm = (
        "Hi Cal, Marcy from BeltWorks. Just calling to touch base on the belt splicing quote. I'll try you again in a "
        "couple weeks. Again, Marcy, 304-555-0163."
    )
    new = _rw(vm, DEC1)
    assert new.count("I'll") == 1 and "couple weeks" not in new


def test_a_board_that_voted_to_go_with_another_vendor_is_a_no():
    from scriptlint.suggest.history import declined

    assert declined("The board voted on Nov 23 to go with the routing add-on from Edutrack.")
    assert not declined("The board voted on Nov 23 to approve the pilot.")


def test_a_yes_or_no_they_promised_in_the_thread_is_asked_for_again_after_its_day():
    text = (
        "Hi Rebecca,\n\nJust circling back on this one. Let me know where things stand.\n\nThanks!\nAlan\n\n"
        "On Tue, Nov 17, 2026 at 4:05 PM Rebecca Tan wrote:\n> We'll give you a final yes or no by Friday, Nov 27 "
        "so you can hit the Feb 8 move-in.\n"
    )
    own = _rw(text, DEC1).split("On Tue")[0]
    assert "Could you let me know your final decision by Thursday, December 3?" in own and "call" not in own


def test_in_a_call_after_just_email_me_the_dated_promise_sends_it_first():
    script = (
        "Rep: We inspect 23 hotels in Texas.\nProspect: Maybe. Just email me.\nRep: Sure thing. I'll follow up in "
        "a few weeks.\n"
    )
    assert "I'll email it over today and call you on Tuesday, December 15." in _rw(script, DEC1)


def test_hedges_and_standing_offers_with_a_name_go_whole():
    assert reduce("I know December is a crazy month with lease renewals, so no pressure at all.") == ""
    assert reduce("Is this still a priority for you and your team?") == ""
    assert reduce("If anything changes with Traveline, please don't hesitate to reach out.", (0, 64)) == ""
    assert reduce("Wanted to make sure it didn't get lost in your inbox - any thoughts?", (0, 7)) == ""
