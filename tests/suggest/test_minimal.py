"""The conservative rewrite (suggest/minimal.py): cut what is hollow, reduce a flagged sentence to
the author's own clause, add at most one dated ask built from the draft's own words."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from conftest import EXAMPLES, REPO
from scriptlint.detect.dates import parse_day, pick_day
from scriptlint.engine import lint
from scriptlint.suggest.deadlines import deadline, named_weekdays
from scriptlint.suggest.minimal import core, reduce
from scriptlint.suggest.rewrite import rewrite, rewrite_plan
from scriptlint.suggest.steps import has_dated_step
from scriptlint.suggest.subjects import strip_subject
from scriptlint.suggest.tactics import catalogue

WED = date(2026, 3, 11)


def _rw(text: str, today: date | None = None) -> str:
    return rewrite(lint(text), today=today)  # phrase rules and the classifier, as `scriptlint rewrite`


# --- reduce: cut, keep the author's clause, or leave as written ----------------------------------------

# fmt: off
REDUCE = [
    # nothing new: cut
    ("Just checking in!", ""),
    ("I know you're busy.", ""),
    ("Let me know if you have any questions.", ""),
    ("Any update?", ""),
    ("Just wanted to touch base and keep in touch.", ""),
    ("Just checking in to see how everything is going with the new scanners.", ""),
    # what the reader already holds: cut
    ("Wanted to see if you had a chance to look at the samples we sent over on October 22?", ""),
    # the author's own clause, in a clean sentence
    ("Just checking in as your renewal is coming up on January 15th.", "Your renewal is coming up on January 15th."),
    ("The crates ship Friday, so I just wanted to check in.", "The crates ship Friday."),
    ("Just wanted to reach out and say congrats on the new role at Corbel!", "Congrats on the new role at Corbel!"),
    # facts no clean reduction carries: left as written
    ("Just following up on the quote for the 12 forklifts.", None),
]
# fmt: on


@pytest.mark.parametrize("sentence, expected", REDUCE)
def test_reduce_cuts_keeps_the_authors_clause_or_leaves_the_sentence(sentence, expected):
    assert reduce(sentence) == expected


def test_a_reduced_sentence_is_only_the_authors_words():
    for sentence, expected in REDUCE:
        if expected:
            assert expected.lower().rstrip(".!") in sentence.lower(), sentence


def test_core_drops_a_leading_hollow_clause_only():
    assert core("Just checking in, any update on the pilot?") == "Any update on the pilot?"
    assert core("On the pilot, any update?") == "On the pilot, any update?"


def test_a_hollow_head_before_the_authors_facts_goes():
    assert reduce("Just checking in, we spoke to Marta at Velo Foods about 300 crates.") == (
        "We spoke to Marta at Velo Foods about 300 crates."
    )


# --- cut ------------------------------------------------------------------------------------------------


def test_a_hollow_line_with_nothing_new_is_cut_with_tactic_cut():
    text = "Hi Sam,\n\nThe 3 pallets ship on the 20th as planned. Just wanted to touch base.\n\nBest,\nLeo\n"
    result = lint(text, classifier=False)
    assert rewrite(result) == text.replace(" Just wanted to touch base.", "")
    assert rewrite_plan(result) == ["cut"]
    flagged = [f for f in result.findings if f.scope == "span"]
    assert flagged and all(f.suggestions[0].tactic == "cut" and f.suggestions[0].rewrite == "" for f in flagged)


def test_a_flagged_sentence_with_facts_is_reduced_not_cut():
    text = "Hi Ana,\n\nJust checking in as your renewal is coming up on January 15th.\n\nBest,\nTim\n"
    new = _rw(text)
    assert "Your renewal is coming up on January 15th." in new and "checking in" not in new.lower()


# --- the one added ask ------------------------------------------------------------------------------------

QUOTE = "Hi Beth,\n\nJust checking in on the quote for the 12 forklifts.\n\nBest,\nRay\n"


def test_no_day_known_means_no_ask_and_no_placeholder():
    new = _rw(QUOTE)
    assert "?" not in new and "[" not in new


def test_one_dated_ask_is_added_with_a_weekday_and_its_date():
    new = _rw(QUOTE, WED)
    assert new.count("?") == 1
    assert "[day and time]" in new and new.count("[") == 1  # the slot is the rep's calendar (blind reviews)
    assert "the quote for the 12 forklifts" in new


def test_the_ask_is_built_from_the_drafts_own_vague_ask():
    text = (
        "Hi Beth,\n\nJust checking in on the quote for the 12 forklifts. Would love to set up a 20 min demo "
        "sometime to show you the reporting.\n\nBest,\nRay\n"
    )
    new = _rw(text, WED)
    assert "Could we do a 20-minute demo on [day and time] to show you the reporting?" in new
    assert "sometime" not in new and "Would love" not in new
    assert new.count("?") == 1


def test_next_week_in_the_drafts_ask_lands_next_week():
    text = (
        "Hi Beth,\n\nJust checking in on the quote for the 12 forklifts. Would you be open to a quick call "
        "next week?\n\nBest,\nRay\n"
    )
    new = _rw(text, WED)
    assert "on [day and time] next week to go through the quote" in new and new.count("next week") == 1
    assert new.count("?") == 1


def test_the_ask_comes_before_the_drafts_deadline_and_names_no_weekday_it_names():
    text = (
        "Hi Beth,\n\nJust checking in on the quote for the 12 forklifts. Would you be open to a quick chat "
        "sometime? The quote holds until Friday, March 20.\n\nBest,\nRay\n"
    )
    new = _rw(text, WED)
    assert deadline(text, WED) == (date(2026, 3, 20), "Friday, March 20")
    # a day the rewrite picks itself (a voicemail's "I'll try you again") is two working days on, not a weekday
    # the draft names: Friday the 13th is two working days on, but Friday is the deadline's day
    assert pick_day(WED, before=date(2026, 3, 20), avoid=named_weekdays(text)) == date(2026, 3, 16)
    assert new.count("?") == 1


def test_the_object_is_named_once_when_the_ask_carries_it():
    text = (
        "Hi Beth,\n\nJust checking in on the quote for the 12 forklifts. Would you be open to a quick call "
        "next week?\n\nBest,\nRay\n"
    )
    assert _rw(text, WED).count("the 12 forklifts") == 1


def test_an_unflagged_vague_ask_is_not_doubled():
    text = (
        "Hi Beth,\n\nJust checking in on the quote for the 12 forklifts. Let me know if you'd have time for a "
        "20-minute call soon to go over the delivery schedule.\n\nBest,\nRay\n"
    )
    new = _rw(text, WED)
    assert new.count("call") == 1, new


def test_a_voicemail_asks_nothing_and_keeps_its_number():
    vm = (
        "Hi Donna, this is Craig with Keystone Insurance. I'm just calling to touch base about the fleet policy "
        "for your 14 trucks. You can reach me at 555-0142, again that's 555-0142. Thanks!"
    )
    new = _rw(vm, WED)
    assert "?" not in new and new.count("555-0142") == 2 and "14 trucks" in new


# --- on real drafts: no placeholders, no template text, one ask at most -----------------------------------

_OWN_FORMS = re.compile(
    r"^(?:Could we (?:do|confirm|set|agree|book) .+\?|(?:Can|Could) you (?:confirm|send|let me know) .+\?|"
    r"If .+ has dropped off your list, just say so and I'll close the file; if not, could (?:we|you) .+\?|"
    r"Unless I hear otherwise, on .+ I'll close the file on .+; if you went another way, what tipped it\?|"
    r"I'm (?:writing|calling) about .+\.|I'm calling to find a time to (?:go through|talk about) .+\.|"
    r"How has .+ held up since\?|I'll send you (?:\[my findings and a quote\]|a written proposal) for .+ by .+\.|You can reach me at [\d() .+-]+\.|Who besides you will weigh in on .+, and what would they need to see next\?|"
    r"Could you confirm by .+ whether .+ goes ahead as it stands or with changes\?|Does .+ need anything else to .+\?|"
    r"Do you need anything else to .+\?|Did .+ pick .+ or .+\?|Should we pick a start date for .+, or close it out for now\?|"
    r"The reason for my call is a quick question: who looks after your .+ today\?|"
    r"(?:Sorry for the delay: )?I'll send you .+ by .+[.?]|At [A-Z][\w&'-]*(?: [A-Z][\w&'-]*)*, we .+|"
    r"How is .+ working for you\?|I'd like to talk about .+\.|"
    r"If you're open to it, what would we have needed to do differently to win this one\?|"
    r"Was price the whole story, or is there something we could have done better\?|"
    r"When does .+ next meet\?|Next step after .+|I'll try you again on .+\.|I'll (?:call|text) you on .+\.|"
    r"Should I keep holding .+, or release them\?|Could you confirm by .+ that .+ works for you\?)$"
)
_LABEL = re.compile(r"^[A-Z]\w{0,15}: ")


def _drafts() -> list[tuple[str, str, date | None]]:
    rows = [json.loads(line) for line in (REPO / "bench" / "rewrite_drafts.jsonl").read_text().splitlines() if line]
    out = [(d["id"], d["text"], parse_day(d["date"])) for d in rows]
    return out + [(p.name, p.read_text(encoding="utf-8"), None) for p in sorted(EXAMPLES.glob("*.txt"))]


def _authors_or_own_form(sentence: str, text: str) -> bool:
    """A sentence of the rewrite is the author's (whole, or a clause of it), or one of the composer's
    own few forms, after a greeting of the author's at most."""
    s = _LABEL.sub("", sentence.strip())
    low = text.lower()
    if s.lower() in low or s.rstrip(".!?").lower() in low:
        return True
    for i in [0] + [m.end() for m in re.finditer(r"[,👋]\s+", s)]:
        head, tail = s[:i], s[i:]
        own_form = _OWN_FORMS.match(tail[:1].upper() + tail[1:])
        if head.strip().lower() in low and (own_form or (i and tail.lower() in low)):  # greeting, cut, author's words
            return True
    return False


def test_real_drafts_get_only_the_authors_sentences_and_at_most_one_ask():
    templates = [t for tactic in catalogue().tactics.values() for t in (tactic.say, tactic.bare, *tactic.written)]
    fixed = [re.split(r"\{[^}]*\}", t)[0].strip() for t in templates]
    fixed = [f for f in fixed if len(f.split()) >= 3]
    for name, text, today in _drafts():
        new = rewrite(lint(text), today=today)
        # at most two placeholders added (issue 11's budget): a call's slot and, when the draft names nothing, its agenda
        assert new.count("[") <= text.count("[") + 2, name
        assert new.count("[") <= text.count("[") + 1 or re.search(r"\d", text) is None, name
        assert new.count("?") - text.count("?") <= 1, name
        for sentence in re.split(r"(?<=[.!?])\s+|\n", new):
            if sentence.strip():
                assert _authors_or_own_form(sentence, text), (name, sentence)
        added = new.lower()
        assert not [f for f in fixed if f.lower() in added and f.lower() not in text.lower()], name


# --- call scripts ---------------------------------------------------------------------------------------


def test_a_call_script_keeps_every_prospect_line_and_label():
    script = (
        "Rep: Hi, is this Gary?\n"
        "Prospect: Speaking.\n"
        "Rep: Gary, this is Nina from Crossdock Partners. I just wanted to touch base and see how things are going.\n"
        "Prospect: Things are fine. What's this about? Just checking in on my side too.\n"
        "Rep: Oh, I just wanted to get on your radar. Any thoughts?\n"
    )
    for today in (None, WED):
        new = _rw(script, today)
        lines = new.splitlines()
        assert [line.split(":")[0] for line in lines] == ["Rep", "Prospect", "Rep", "Prospect", "Rep"]
        assert [x for x in lines if x.startswith("Prospect:")] == [
            x for x in script.splitlines() if x.startswith("Prospect:")
        ]
        assert all(line.split(":", 1)[1].strip() for line in lines)  # no speaker's turn left empty


# --- helpers ------------------------------------------------------------------------------------------------


def test_a_subject_loses_its_lead_in_but_a_reply_or_a_bare_lead_in_stays():
    assert strip_subject("Subject: Following up - Corvane demo") == "Next step after the Corvane demo"
    assert strip_subject("Subject: Following up - Corvane freight audit") == "Corvane freight audit"
    assert strip_subject("Subject: Regarding PO 4500-88213 - follow up") == "Regarding PO 4500-88213"
    from scriptlint.suggest.subjects import fuller

    assert (
        fuller("Your renewal", "Hi Jo,\n\nyour electricity supply renewal is due.") == "Your electricity supply renewal"
    )
    assert fuller("Your renewal", "Hi Jo,\n\nIt is due.") == "Your renewal"
    assert strip_subject("Subject: Westbrook Academy uniforms - touching base again") == "Westbrook Academy uniforms"
    assert strip_subject("Subject: Checking in on the Q3 order") == "The Q3 order"
    assert strip_subject("Subject: RE: following up - Corvane demo") is None
    assert strip_subject("Subject: Just checking in") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Could we talk Thursday 3/12 at 10am?", True),
        ("I'll call you Friday to go over it.", True),
        ("Subject: Thursday 3/12 at 10am: agenda", True),
        ("Could we talk on March 2?", False),  # that day has passed
        ("Great to meet you on Thursday, March 12.", False),  # a day, but no next step
    ],
)
def test_a_dated_step_is_a_day_ahead_with_a_step(text, expected):
    assert has_dated_step(text, WED) is expected


def test_a_past_day_written_with_its_weekday_is_no_step_ahead():
    assert has_dated_step("Could we talk on Monday, March 2?", WED) is False
    assert has_dated_step("Could we talk on Monday, March 16?", WED) is True


def test_a_deadline_is_the_nearest_one_ahead():
    text = "Pricing held through March 6. The quote holds until Friday, March 20 and the slot until 3/27."
    assert deadline(text, WED) == (date(2026, 3, 20), "Friday, March 20")
    assert deadline(text, None) is None and deadline("No dates here.", WED) is None


def test_named_weekdays_reads_abbreviations():
    assert named_weekdays("See you Tue or on Friday, or thurs.") == {1, 3, 4}
