"""What a hollow sentence is about: the empty lead-in goes, the concrete object (with its facts) stays.

The phrases here were written for this test (not taken from the corpus or the rewrite bench): a
spread of trades, lead-ins, prepositions and object shapes a sales rep actually writes.
"""

from __future__ import annotations

import pytest

from scriptlint.suggest.objects import facts, lost_facts, short_form, split_lead

# fmt: off
TOPICS = [
    # (hollow sentence, the object it names, the object's short form for a second mention)
    ("Just following up on the excavator rental for the Elm Street site.",
     "the excavator rental for the Elm Street site", "the rental"),
    ("Just checking in on the linen tender for your four hotels.", "the linen tender for your four hotels", "the tender"),
    ("Circling back on the quote for the 12 forklifts.", "the quote for the 12 forklifts", "the quote"),
    ("Touching base regarding the payroll migration.", "the payroll migration", "the payroll migration"),
    ("I wanted to follow up about the roof survey at the Dunmore depot.",
     "the roof survey at the Dunmore depot", "the survey"),
    ("Just wanted to check in on your fleet insurance renewal.", "your fleet insurance renewal", "your renewal"),
    ("Following up again on the SOC 2 questionnaire.", "the SOC 2 questionnaire", "the questionnaire"),
    ("Bumping the proposal for the 3 new cold rooms.", "the proposal for the 3 new cold rooms", "the proposal"),
    ("Just pinging you about the solar install at the Lakeview plant.",
     "the solar install at the Lakeview plant", "the install"),
    ("Any update on the signed order form for 40 licences?", "the signed order form for 40 licences", "the form"),
    ("Any news on the kitchen refit for the Harbour Street branch?",
     "the kitchen refit for the Harbour Street branch", "the refit"),
    ("Any thoughts on the revised pricing for the two warehouses?",
     "the revised pricing for the two warehouses", "the pricing"),
    ("Did you get a chance to look at the draft contract for the Ostend terminal?",
     "the draft contract for the Ostend terminal", "the contract"),
    ("Did you have time to review the safety audit from March?", "the safety audit from March", "the audit"),
    ("Where are we on the fibre upgrade for your Leeds office?", "the fibre upgrade for your Leeds office", "the upgrade"),
    ("Reaching out again about the forklift training for your night shift.",
     "the forklift training for your night shift", "the training"),
    ("I'm just calling to follow up on the boiler service contract.",
     "the boiler service contract", "the contract"),
    ("Just touching base on the photocopier lease.", "the photocopier lease", "the photocopier lease"),
    ("Checking in again on the CRM data clean-up.", "the CRM data clean-up", "the clean-up"),
    ("Following up on quote 5521 for the pallet wrapper.", "quote 5521 for the pallet wrapper", "the quote"),
    ("Just circling back re the conveyor belt replacement.",
     "the conveyor belt replacement", "the replacement"),
    ("Just wanted to touch base on the catering order for the June 4 launch.",
     "the catering order for the June 4 launch", "the order"),
    ("Just following up on my emails about the dental plan for your 30 staff.",
     "the dental plan for your 30 staff", "the plan"),
    ("Just following up on my last two messages about the paving estimate.",
     "the paving estimate", "the paving estimate"),
    ("Checking in on how everything is going with Stockwise.", "Stockwise", "Stockwise"),
    ("Just checking in to see how things are going with the new scanners.", "the new scanners", "the new scanners"),
    ("Just following up on the $18,000 bid for the gym flooring.",
     "the $18,000 bid for the gym flooring", "the bid"),
    ("I'm calling to check in about your broadband contract renewal in May.",
     "your broadband contract renewal in May", "your renewal"),
    ("Just reaching out about switching payroll providers.", "switching payroll providers", "switching payroll providers"),
    ("Following up on the pilot at the Aberdeen clinic, I know things are busy.",
     "the pilot at the Aberdeen clinic", "the pilot"),
    ("Just checking in on our offer for the website rebuild yet.", "our offer for the website rebuild", "our offer"),
    ("Just wanted to follow up on the trial of the FX9 scanner and see if you have any questions.",
     "the trial of the FX9 scanner", "the trial"),
    ("Just touching base to see if the Greenway Hotel ever needs window cleaning.",
     "window cleaning for the Greenway Hotel", "window cleaning"),
    ("I just wanted to check in and ask if you have some needs for forklift servicing this year.",
     "forklift servicing", "forklift servicing"),
    ("Just swung by the Maple Road bakery to say hello.", "the Maple Road bakery", "the bakery"),
    ("Just popping in to see how the team at Brightmoor is doing.", "the team at Brightmoor", "the team"),
    ("So, just checking in on the annual maintenance plan for the chillers.",
     "the annual maintenance plan for the chillers", "the plan"),
    ("I'm following up on our call last Monday about the warehouse racking.",
     "the warehouse racking", "the warehouse racking"),
    ("Hey, just circling back on the insurance quote for your two delivery vans.",
     "the insurance quote for your two delivery vans", "the quote"),
    ("Just checking in regarding the Q3 marketing retainer.", "the Q3 marketing retainer", "the retainer"),
    ("Following up on the renewal quote below.", "the renewal quote", "the renewal quote"),
    ("Any feedback on the sample batch we ran on your line 2?",
     "the sample batch we ran on your line 2", "the batch"),
    ("Just checking in to see how the new label printers are working out for your team.",
     "the new label printers", "the printers"),
    ("Just wanted to follow up on the estimate for resurfacing the Oakridge car park.",
     "the estimate for resurfacing the Oakridge car park", "the estimate"),
]
# Lead-ins whose rest is no object: a pronoun, a meeting, a time, a clause with nothing concrete.
NO_OBJECT = [
    "Just checking in!",
    "Just following up on this.",
    "Just bumping this to the top of your inbox.",
    "Just following up on our call.",
    "Just touching base to see where things stand.",
    "Just touching base to see where your head's at.",
    "I just wanted to reach out and introduce myself.",
    "Just checking in as promised!",
    "Just following up to see if there's any news.",
    "Wanted to circle back and keep the conversation going.",
    "Any update on your end?",
]
# fmt: on


@pytest.mark.parametrize("sentence, topic, short", TOPICS, ids=[t[0][:40] for t in TOPICS])
def test_the_object_survives_with_its_facts(sentence, topic, short):
    lead = split_lead(sentence)
    assert lead is not None, sentence
    assert lead.object == topic
    assert short_form(lead.object) == short
    assert not lost_facts(sentence, lead.object + " " + lead.keep + " " + lead.meeting), sentence


def test_there_are_at_least_forty_topic_phrases():
    assert len(TOPICS) >= 40


@pytest.mark.parametrize("sentence", NO_OBJECT)
def test_a_lead_in_without_a_concrete_object_gives_none(sentence):
    lead = split_lead(sentence)
    assert lead is not None and lead.object == "", lead


def test_a_sentence_without_a_lead_in_is_not_split():
    assert split_lead("The audit report is attached; section 4 covers retention.") is None
    assert split_lead("Could we take 20 minutes on Friday?") is None


def test_the_authors_own_clause_after_a_lead_in_is_kept():
    lead = split_lead("I'm just calling to touch base, I look after 40 dental practices in the Fens.")
    assert lead.object == "" and lead.keep == "I look after 40 dental practices in the Fens."
    reason = split_lead("Just checking in since I didn't hear from you on Thursday.")
    assert reason.keep == "I didn't hear from you on Thursday."
    after = split_lead("Just ringing to touch base on the catalogue reprint, haven't heard back since Monday.")
    assert after.object == "the catalogue reprint" and after.keep == "Haven't heard back since Monday."


def test_a_meeting_named_with_its_subject_is_recorded():
    lead = split_lead("Just following up on our meeting last Tuesday about the canteen tender.")
    assert lead.object == "the canteen tender" and lead.meeting == "our meeting last Tuesday"


def test_facts_are_numbers_codes_and_names_inside_sentences():
    found = facts("Hi Lee, following up on quote RQ-118 for the 14 pumps at Northgate, sent on Monday.")
    assert {"RQ-118", "14", "Northgate", "Monday"} <= found
    assert "Hi" not in found and "Lee" not in found  # a greeting's name is kept by the layout, not by the edit
    assert lost_facts("the 14 pumps at Northgate", "the pumps") == {"14", "Northgate"}
