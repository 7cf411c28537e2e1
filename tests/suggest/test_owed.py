"""The thread's request becomes the author's promise (blind reviews s16, t16)."""

from datetime import date

import pytest

from scriptlint.suggest.owed import owed

TODAY = date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("thread", "expected"),
    [
        (
            "> Could you send me the revised floor plan and pricing by Friday?",
            "I'll send you the revised floor plan and pricing by Friday, December 4.",
        ),
        (
            "> We'll need your W-9 and the COI from you by Dec 10.",
            "I'll send you our W-9 and the COI by Thursday, December 10.",
        ),
        (
            "> I need two things from you: the pump curve for the 1,100 GPM station, and two references.\n"
            "> The committee meets Thursday, December 3, so I'd need both by Monday the 30th.",
            "Sorry for the delay: I'll send you the pump curve for the 1,100 GPM station and two references by "
            "Wednesday, December 2; is that still in time for Thursday, December 3?",
        ),
    ],
)
def test_what_the_prospect_asked_for_is_promised_by_a_day_that_is_not_past(thread: str, expected: str) -> None:
    assert owed(thread, TODAY) == expected


@pytest.mark.parametrize(
    "thread",
    [
        "> We need a new supplier by January 5.",  # not something the author sends
        "> Thanks for the call, talk soon.",
        "> Could you send me the deck?",  # no day: nothing to promise by
    ],
)
def test_no_promise_without_a_thing_to_send_and_a_day(thread: str) -> None:
    assert owed(thread, TODAY) == ""


def test_a_list_after_the_day_is_what_is_owed_and_their_own_aside_stays_theirs():
    thread = (
        "> Before I can take this to our finance director I need two things from you by\n> Thursday 3 December: "
        "updated pricing for a 3-year term instead of 1 year,\n> and confirmation of which of your warehouses are in "
        "the UK (we can't store\n> customer returns outside the UK).\n"
    )
    assert owed(thread, TODAY) == (
        "I'll send you updated pricing for a 3-year term instead of 1 year and confirmation of which of our "
        "warehouses are in the UK by Thursday, December 3."
    )
