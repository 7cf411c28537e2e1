"""Discovery questions are purposeful (LABELS.md R3); "Quick question about <topic>" lines are neutral."""

from __future__ import annotations

import pytest

from scriptlint.detect.questions import asks_about_their_situation, names_a_topic
from scriptlint.engine import lint


@pytest.mark.parametrize(
    "unit",
    [
        "How are you handling returns across the three depots today?",
        "Which scheduling tool are you using for the night shift?",
        "Is {{pain_point}} something your team is dealing with this quarter?",
        "Who else on your side is involved in choosing the new carrier?",
        "How do you measure first-time fix rates at the moment?",
    ],
)
def test_questions_about_how_they_work(unit):
    assert asks_about_their_situation(unit)


@pytest.mark.parametrize(
    "unit",
    [
        "Any update on the proposal?",
        "Is this still a priority for your team?",
        "Did you manage to have a look at the figures?",
        "Is there anything I can do for you today?",
        "Do you have 15 minutes this week for a call?",
        "Any questions on what you've reviewed so far?",
        "Where are you in the buying process?",
        "Would it make sense to reconnect next quarter?",
        "We are using the new tool since March.",
    ],
)
def test_status_meeting_and_offer_questions_are_not_discovery(unit):
    assert not asks_about_their_situation(unit)


@pytest.mark.parametrize(
    "unit", ["Subject: Quick question about your depot move", "Quick thought on [their goal]", "Re: quick idea for Q3"]
)
def test_a_quick_question_about_a_topic_names_a_topic(unit):
    assert names_a_topic(unit)


@pytest.mark.parametrize("unit", ["Quick question: any update?", "Subject: Quick question", "Quick question about it?"])
def test_a_question_itself_is_not_a_topic_line(unit):
    assert not names_a_topic(unit)


def test_a_discovery_question_makes_a_message_purposeful():
    text = (
        "Hi Ana,\n\nSaw your post about the new depot.\n\nHow are you handling returns across the three depots?\n\nLeo"
    )
    result = lint(text)
    assert not result.purposeless
    assert not [f for f in result.findings if f.scope == "span" and f.category == "purposeless"]


def test_a_topic_subject_is_not_flagged():
    text = "Subject: Quick question about your depot move\n\nHi Ana,\n\nThe racking quote is attached: 14 bays, €9,400.\n\nLeo"
    assert not [f for f in lint(text).findings if f.scope == "span" and f.category == "purposeless"]
