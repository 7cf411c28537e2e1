"""Conditional standing offers are purposeless (R1); a forward line whose time is a slot is purposeful (R3)."""

from __future__ import annotations

import pytest

from scriptlint.detect.classifier import dated_by_slot
from scriptlint.detect.offers import bare_meeting_ask, conditional_offer
from scriptlint.engine import lint


@pytest.mark.parametrize(
    "unit",
    [
        "If [pain_point] becomes urgent, ping me.",
        "And if you have questions, big or small, I'm easy to reach.",
        "If faster month-end close is a priority this year, I'd love to show you how.",
        "Should the timing improve, feel free to get in touch.",
        "If that's useful, let me know.",
    ],
)
def test_conditional_standing_offers(unit):
    assert conditional_offer(unit)


@pytest.mark.parametrize(
    "unit",
    [
        "If you went with another supplier, I'd value knowing who and why.",
        "If you'd like the revised quote, just reply and I'll send it Friday.",
        "If the pilot starts on the 14th, we're ready on our side.",
        "If it's a no, reply 'stop' and I'll stop writing.",
        "If that changes, could you tell me?",
        "Happy to help.",
        # a good break-up's last line asks for one fact (blind review set k, k18)
        "If the project timing moved instead, reply with the new target month and I'll tell you what we'll have open then.",
        "If the project is only on hold, reply with the month you expect to restart and I'll hold a slot.",
    ],
)
def test_offers_with_something_concrete_or_questions_are_not(unit):
    assert not conditional_offer(unit)


def test_a_conditional_offer_is_flagged_with_its_reason_and_cannot_make_a_message_purposeful():
    text = "Hi Ana,\n\nIf cutting no-shows becomes a priority this year, I'd love to show you how.\n\nLeo"
    result = lint(text)
    flagged = [f for f in result.findings if f.scope == "span" and f.category == "purposeless"]
    assert result.purposeless and flagged
    assert "standing offer" in flagged[0].explanation["reason"]


@pytest.mark.parametrize(
    "unit",
    [
        "Your visit is set for {{visit_datetime}} at {{gym_name}}.",
        "Would [Day] at [Time] work?",
        "\U0001f4c5 [Day, Date]",
    ],
)
def test_a_forward_line_dated_by_a_slot(unit):
    assert dated_by_slot(unit)


@pytest.mark.parametrize(
    "unit",
    [
        "I wanted to follow up on the quote I sent on [date].",
        "Thanks again for your time on [day].",
        "We had a call scheduled for [time].",
        "Hi [First Name],",
        "Call me at [phone number].",
    ],
)
def test_lines_that_look_back_or_hold_no_time_slot(unit):
    assert not dated_by_slot(unit)


def test_an_appointment_confirmation_with_slots_is_purposeful():
    text = "Hi {{first_name}}!\n\nHeading to [Address] now for our [Time] viewing.\n\nSee you there!"
    assert not lint(text).purposeless


@pytest.mark.parametrize(
    "unit",
    [
        "Worth 20 minutes?",
        "Do you have 15 minutes this week?",
        "Could we grab half an hour for a chat?",
        "Open to a call?",
    ],
)
def test_bare_meeting_asks(unit):
    assert bare_meeting_ask(unit)


@pytest.mark.parametrize(
    "unit",
    [
        "Worth 20 minutes on Thursday at 2pm?",
        "Can we get 20 minutes with your bursar to go over the fee plan?",
        "Got two minutes?",
        "Is now a good time?",
        "Which workflows should we cover in the demo?",
        "Are you free for a call today?",
        "Worth 20 minutes.",
    ],
)
def test_meeting_asks_with_a_time_an_agenda_or_etiquette_are_not_bare(unit):
    assert not bare_meeting_ask(unit)


def test_a_bare_meeting_ask_is_flagged_with_its_reason():
    result = lint("Hi Ana,\n\nDo you have 15 minutes this week?\n\nLeo")
    reasons = [f.explanation["reason"] for f in result.findings if f.scope == "span" and f.category == "purposeless"]
    assert reasons == ["a meeting ask with no time and no agenda (LABELS.md R1)"]
