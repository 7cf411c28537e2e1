"""Token patterns for dates and slots (names, meetings, topics, companies), built from `cues.toml`.

Enumerated sets and token shapes instead of REGEX predicates: a set lookup per token is several
times cheaper, and this runs on every message of a batch audit.
"""

from __future__ import annotations

from typing import Callable

AddPatterns = Callable[..., None]


def add_date_patterns(add: AddPatterns, v: dict[str, list[str]]) -> None:
    """Weekdays, month days, relative days, period ends, numeric dates and clock times."""
    ordinals = [
        f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}" for n in range(1, 32)
    ]
    days = [str(n) for n in range(1, 32)] + [f"0{n}" for n in range(1, 10)]
    ordinal = {"LOWER": {"IN": ordinals}}
    day_num = {"LOWER": {"IN": ordinals + days}}
    hours = [str(h) for h in range(1, 13)] + [f"{h}:{m}" for h in range(0, 24) for m in ("00", "15", "30", "45")]
    clock = [f"{h}{ap}" for h in hours for ap in ("am", "pm")]
    slash = [f"{a}/{b}{c}" for a in ("d", "dd") for b in ("d", "dd") for c in ("", "/dd", "/dddd")]
    month = {"LOWER": {"IN": v["months"]}}
    weekday = {"LOWER": {"IN": v["weekdays"]}}
    add("date|weekday", [[weekday]])
    add("date|month-day", [[month, day_num], [day_num, month], [{"LOWER": "the"}, ordinal], [ordinal]])
    add("date|relative", [[{"LOWER": {"IN": v["relative_days"]}}]])
    add(
        "date|period",
        [
            [
                {"LOWER": "end"},
                {"LOWER": "of"},
                {"LOWER": {"IN": ["the", "this", "next"]}, "OP": "?"},
                {"LOWER": {"IN": v["periods"]}},
            ]
        ],
    )
    add("date|numeric", [[{"SHAPE": {"IN": slash}}]])
    add(
        "date|time",
        [
            [{"LOWER": {"IN": hours}}, {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m."]}}],
            [{"LOWER": {"IN": clock}}],
            [{"SHAPE": {"IN": ["d:dd", "dd:dd"]}}],
        ],
    )


def add_slot_patterns(add: AddPatterns, v: dict[str, list[str]]) -> None:
    """Greeting names, meetings, topics and companies."""
    name = {"IS_TITLE": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": v["not_names"] + v["weekdays"] + v["months"]}}
    honorific = {"LOWER": {"IN": v["honorifics"]}}
    add(
        "slot|greeting",
        [
            [{"LOWER": {"IN": v["greetings"]}}, {"ORTH": ",", "OP": "?"}, name],
            [{"LOWER": {"IN": v["greetings"]}}, honorific, {"ORTH": ".", "OP": "?"}, {"IS_TITLE": True}],
            [{"LOWER": "good"}, {"LOWER": {"IN": ["morning", "afternoon", "evening"]}}, name],
            [{"LOWER": "is"}, {"LOWER": "this"}, honorific, {"ORTH": ".", "OP": "?"}, {"IS_TITLE": True}],
            [{"LOWER": "is"}, {"LOWER": "this"}, name],
        ],
    )
    det = {"LOWER": {"IN": ["our", "the", "last", "yesterday's", "today's", "this"]}}
    add(
        "slot|meeting",
        [
            [
                det,
                {"IS_ALPHA": True, "IS_STOP": False, "LOWER": {"NOT_IN": v["meetings"]}, "OP": "?"},
                {"LOWER": {"IN": v["meetings"]}},
            ],
            [{"LOWER": "we"}, {"LOWER": {"IN": ["met", "spoke", "talked", "chatted"]}}],
        ],
    )
    _add_topic_and_company_patterns(add, v)


def _add_topic_and_company_patterns(add: AddPatterns, v: dict[str, list[str]]) -> None:
    """'the proposal for the fleet rollout' (a topic) and 'Dana at Acme' (a company)."""
    topic_det = {"LOWER": {"IN": ["the", "your", "my", "our", "this", "that"]}}
    modifier = {
        "IS_PUNCT": False,
        "IS_SPACE": False,
        "IS_STOP": False,
        "LOWER": {"NOT_IN": v["topic_stops"] + v["topics"] + v["weekdays"] + v["months"]},
        "OP": "{0,3}",
    }
    head = {"LOWER": {"IN": v["topics"]}}
    tail = {
        "IS_PUNCT": False,
        "IS_SPACE": False,
        "IS_STOP": False,
        "LOWER": {"NOT_IN": v["topic_stops"]},
        "LIKE_EMAIL": False,
        "OP": "{1,4}",
    }
    add(
        "slot|topic",
        [
            [topic_det, modifier, head],
            [
                topic_det,
                modifier,
                head,
                {"LOWER": {"IN": v["topic_links"]}},
                {"LOWER": {"IN": ["the", "your", "our", "a"]}, "OP": "?"},
                tail,
            ],
        ],
        greedy="LONGEST",
    )
    org = {"IS_TITLE": True, "LOWER": {"NOT_IN": v["weekdays"] + v["months"] + ["i", "the"]}}
    add(
        "slot|company",
        [
            [{"LOWER": {"IN": v["company_before_at"]}}, {"LOWER": "at"}, org, {"IS_TITLE": True, "OP": "?"}],
            [{"LOWER": {"IN": v["company_before_at"]}}, {"LOWER": "at"}, {"IS_UPPER": True, "LENGTH": {">=": 2}}],
        ],
        greedy="LONGEST",
    )
