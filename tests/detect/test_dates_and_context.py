"""Reading a message against the day it was written, its channel, and how often the author has written."""

from __future__ import annotations

from datetime import date

import pytest

from scriptlint.detect.dates import parse_day, propose, resolve, today_from
from scriptlint.detect.reading import read
from scriptlint.text.message import message_from_text

WED = date(2026, 3, 11)


@pytest.mark.parametrize(
    "words, past, expected",
    [
        ("Friday", False, date(2026, 3, 13)),
        ("Friday", True, date(2026, 3, 6)),
        ("Tue 24th", False, date(2026, 3, 24)),
        ("March 24", False, date(2026, 3, 24)),
        ("24 March", False, date(2026, 3, 24)),
        ("the 20th", False, date(2026, 3, 20)),
        ("Monday the 2nd", False, date(2026, 3, 2)),
        ("Friday, March 6", False, date(2026, 3, 6)),
        ("May 15", False, date(2026, 5, 15)),
        ("31 March", False, date(2026, 3, 31)),
        ("tomorrow", False, date(2026, 3, 12)),
        ("yesterday", False, date(2026, 3, 10)),
    ],
)
def test_a_date_resolves_against_today(words, past, expected):
    assert resolve(words.replace(",", " ").split(), WED, past=past) == expected


def test_today_comes_from_the_date_header_or_the_caller():
    assert today_from({"Date": "Tue, 10 Feb 2026 08:41:00 -0700"}) == date(2026, 2, 10)
    assert today_from({"date": "Tue, 10 Feb 2026 08:41:00 -0700"}, date(2026, 1, 1)) == date(2026, 1, 1)
    assert today_from({}) is None and today_from({"Date": "not a date"}) is None
    assert parse_day("2026-03-11") == WED and parse_day("2026-02-30") is None


def test_a_proposed_day_is_ahead_on_a_working_day():
    assert propose(None) is None
    assert propose(WED) == "Friday"
    assert propose(date(2026, 3, 13)) == "Tuesday"  # from a Friday, over the weekend
    assert propose(WED, long=True) == "Friday, March 13"
    assert propose(WED, after=date(2026, 3, 20)) == "Tuesday, March 24"


def _read(text: str, today: date | None = None):
    return read(text, message_from_text(text).excluded, today=today)


def test_an_agreed_date_in_the_past_makes_the_situation_and_one_ahead_unmakes_it():
    text = "Hi Keisha,\n\nYou said you'd decide by Friday, March 6 on the lanes. Touching base.\n\nBest,\nTom"
    passed = _read(text, WED)
    assert passed.agreed_passed is True and passed.situations.get("agreed-date-passed") == 1.0
    ahead = _read(text, date(2026, 3, 2))
    assert ahead.agreed_passed is False and "agreed-date-passed" not in ahead.situations
    assert _read(text).agreed_passed is None  # no day known: not resolved


def test_an_explicit_day_after_a_meeting_word_is_history_only_if_it_has_passed():
    text = "Hi Ben,\n\nYou'll share it at your staff meeting on Thursday 12 March. Could we speak after?\n\nBest,\nAl"
    assert _read(text, date(2026, 3, 9)).slots.get("weekday") == "Thursday"
    assert _read(text, date(2026, 3, 16)).slots.get("weekday") is None


@pytest.mark.parametrize(
    "text, channel",
    [
        ("Subject: Pumps\n\nHi Ed,\n\nThe quote is attached.\n\nBest,\nAl", "email"),
        ("Dear Mrs. Lind,\n\nThe quote is attached.\n\nKind regards,\nTomas", "email"),
        ("Hi Leah, Sam from FreshLinen here. Any chance the hotel needs linen? Lmk!", "short"),
        ("Rep: Hi, is this Gary?\nProspect: Speaking.\nRep: Gary, this is Nina.\nProspect: Hi.", "call-script"),
        ("Hi Donna, this is Craig with Keystone. I'm calling about your fleet. Call me back at 555-0142.", "voicemail"),
    ],
)
def test_the_channel_is_read_from_the_shape(text, channel):
    assert _read(text).channel == channel


@pytest.mark.parametrize(
    "text, at_least, below",
    [
        ("Hi Jo, just following up on the quote.", 0, 2),
        ("Hi Jo, following up again on the quote. I haven't heard back.", 2, 3),
        ("Hi Jo, sorry for the 3rd text about the quote.", 3, 4),
        ("Hi Jo, sorry to bother you after my last four emails.", 4, 6),
        ("Hi Jo, I've reached out a few times about the quote.", 3, 5),
        ("Hi Jo, following up on my voicemails and email about the quote.", 3, 4),
        ("Hi Jo, following up on my emails from last week.", 2, 3),
        ("Hi Jo, reply with two times that suit you.", 0, 1),
    ],
)
def test_the_nudge_count_comes_from_the_text(text, at_least, below):
    assert at_least <= _read(text).nudges < below


def test_the_nudge_count_also_comes_from_the_thread_and_references():
    text = (
        "Hi Ian,\n\nJust following up on the below.\n\nBest,\nElena Petrova\n\n"
        "On Mon, 9 Feb 2026 at 11:02, Elena Petrova wrote:\n> Dear Ian, the results are attached.\n> Elena Petrova\n"
    )
    reading = _read(text)
    assert reading.thread.own_touches == 1 and reading.nudges >= 2
    refs = "<a@x.example> <b@x.example> <c@x.example>"
    plain = "Hi Ian, just following up."
    assert read(plain, [], {"References": refs}).nudges >= 3


def test_quoted_text_fills_slots_the_authors_words_lack():
    text = (
        "Hi Aaron,\n\nCircling back on this.\n\nThx,\nPriya\n\n"
        "On Mon, 2 Mar 2026 at 15:20, Aaron Mills wrote:\n"
        "> I'll confirm the final seat count with our IT director by Wednesday 4 March.\n> Aaron\n"
    )
    reading = _read(text, date(2026, 3, 9))
    assert reading.thread_slots["topic"] == "the final seat count"
    assert reading.slots["agreed_date"] == "Wednesday 4 March" and reading.agreed_passed is True
    assert "first_name" not in reading.thread_slots  # a quoted greeting names the other side
