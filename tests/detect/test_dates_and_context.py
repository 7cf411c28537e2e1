"""Reading a message against the day it was written, its channel, and how often the author has written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from scriptlint.detect.dates import (
    long_form,
    next_working_days,
    parse_day,
    pick_day,
    propose,
    resolve,
    today_from,
    us_holiday,
)
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


@pytest.mark.parametrize(
    "day, holiday",
    [
        (date(2026, 11, 26), True),  # Thanksgiving: the fourth Thursday of November
        (date(2026, 11, 27), True),  # and the Friday after it
        (date(2027, 11, 25), True),
        (date(2027, 11, 26), True),
        (date(2026, 11, 19), False),  # the third Thursday
        (date(2026, 11, 25), False),
        (date(2026, 11, 30), False),
        (date(2026, 12, 24), True),
        (date(2026, 12, 25), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), True),
        (date(2026, 12, 23), False),
        (date(2027, 1, 4), False),
    ],
)
def test_us_holidays(day, holiday):
    assert us_holiday(day) is holiday


def test_working_days_skip_weekends_and_holidays():
    assert next_working_days(date(2026, 3, 13), 2) == [date(2026, 3, 16), date(2026, 3, 17)]  # from a Friday
    assert next_working_days(date(2026, 11, 24), 3) == [date(2026, 11, 25), date(2026, 11, 30), date(2026, 12, 1)]
    assert next_working_days(date(2026, 12, 23), 3) == [date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30)]
    assert next_working_days(date(2026, 12, 30), 1) == [date(2027, 1, 4)]


def test_a_picked_day_is_two_working_days_ahead():
    assert pick_day(WED) == date(2026, 3, 13)
    assert pick_day(date(2026, 3, 13)) == date(2026, 3, 17)  # Friday: Monday is one, Tuesday two
    assert pick_day(date(2026, 11, 24)) == date(2026, 11, 30)  # over Thanksgiving
    assert pick_day(date(2026, 12, 22)) == date(2026, 12, 28)  # over Christmas
    assert pick_day(date(2026, 12, 29)) == date(2027, 1, 4)  # over New Year
    for today in (date(2026, 11, 20) + timedelta(days=i) for i in range(45)):
        day = pick_day(today)
        assert day > today and day.weekday() < 5 and not us_holiday(day), today


def test_a_picked_day_never_clashes_with_a_weekday_the_draft_names():
    assert pick_day(WED, avoid={4}) == date(2026, 3, 16)  # not the Friday the draft already names
    assert pick_day(WED, avoid={4, 0}) == date(2026, 3, 17)
    assert pick_day(WED, avoid={0, 1, 2, 3, 4}) == date(2026, 3, 13)  # every weekday named: the clash is unavoidable


def test_a_picked_day_comes_before_the_deadline():
    assert pick_day(WED, before=date(2026, 3, 20)) == date(2026, 3, 13)
    assert pick_day(WED, before=date(2026, 3, 13)) == date(2026, 3, 12)  # only tomorrow is left
    assert pick_day(WED, before=date(2026, 3, 12)) is None  # no working day fits: no day is proposed
    assert pick_day(WED, before=date(2026, 3, 17), avoid={4}) == date(2026, 3, 16)


@pytest.mark.parametrize("offset", range(7))
def test_next_week_lands_next_week(offset):
    today = date(2026, 3, 9) + timedelta(days=offset)  # every day of the week of Monday, March 9
    day = pick_day(today, next_week=True)
    assert date(2026, 3, 16) <= day <= date(2026, 3, 20) and day.weekday() < 5


def test_next_week_over_a_holiday_stays_a_working_day():
    day = pick_day(date(2026, 11, 18), next_week=True)
    assert date(2026, 11, 23) <= day <= date(2026, 11, 25) and not us_holiday(day)


def test_a_day_is_written_with_its_weekday_and_date():
    assert long_form(date(2026, 3, 16)) == "Monday, March 16"
    assert long_form(date(2027, 1, 4)) == "Monday, January 4"


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
