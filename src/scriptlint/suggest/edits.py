"""The edits a composer makes to one run of hollow sentences (see compose.py for the plan).

Each function returns `Edit`s: replace `text[start:end]` by `new` ("" deletes). They share a
`Context`: the draft, its reading, its layout, the slot values, and whether the draft's one ask
and one dated 'later' are already used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scriptlint.detect.reading import Reading
from scriptlint.suggest.layout import Layout, Run
from scriptlint.suggest.objects import short_form, split_lead
from scriptlint.suggest.tactics import Tactic, catalogue, render

_CLAUSE_BREAK = re.compile(r"(?:,\s*(?:so|and|but)\s+|;\s*|\s+[–—]\s+)(?=[^,;–—]*$)")


@dataclass
class Edit:
    """Replace text[start:end] by `new` ("" deletes it). `kind`: say, later, delete, subject, cut."""

    start: int
    end: int
    new: str
    tactic: str
    kind: str


@dataclass
class Context:
    text: str
    reading: Reading
    layout: Layout
    values: dict[str, str]
    own: str
    tactic: str = "state-purpose"
    ask_used: bool = False
    later_used: bool = False


def object_of(run: Run) -> str:
    for u in run.units:
        lead = split_lead(tail_clause(u.text))
        if lead is not None and lead.object:
            return lead.object
    return ""


def tail_clause(sentence: str) -> str:
    """The hollow clause of a sentence whose first clause is the author's content
    ('I know we said Monday for the pour, so I'm just checking in' -> "I'm just checking in")."""
    m = _CLAUSE_BREAK.search(sentence)
    if m and split_lead(sentence) is None and split_lead(sentence[m.end() :]) is not None:
        return sentence[m.end() :]
    return sentence


def _values(ctx: Context, obj: str, short: str = "") -> dict[str, str]:
    values = dict(ctx.values)
    topic = obj or values.get("topic", "")
    if topic:
        values["object"] = topic
        values["short"] = short or (short_form(topic) if obj else values.get("topic_short", short_form(topic)))
    return values


def _say(ctx: Context, tactic: Tactic, obj: str, short: str = "") -> str:
    values = _values(ctx, obj, short)
    return render(tactic.say if "object" in values else tactic.bare, values)


def _ask(ctx: Context, tactic: Tactic, obj: str, say: str, short: str = "") -> str:
    """The one question (or, in a voicemail, when you'll try again); '' once it is used."""
    if ctx.ask_used or tactic.closes or "?" in say or not tactic.ask:
        return ""
    ctx.ask_used = True
    values = _values(ctx, obj, short)
    if ctx.reading.channel == "voicemail":
        return render(catalogue().compose["voicemail_close"], values)
    return render(tactic.ask, values)


_KEEP_CAPITAL = re.compile(r"^(?:I\b|I'|I’)")


def after_greeting(text: str, start: int, new: str) -> str:
    """'Hi Dee, on the autoclave contract ...': after a greeting's comma the edit goes on in lower case."""
    before = text[:start].rstrip(" \t")
    if (
        new
        and before.endswith(",")
        and "\n" not in text[before.rfind("\n") + 1 : start]
        and not _KEEP_CAPITAL.match(new)
    ):
        first = new.split(" ", 1)[0]
        if first[:1].isupper() and first[1:].islower():
            return new[0].lower() + new[1:]
    return new


def alternatives(ctx: Context, run: Run, ranked: list[str]) -> list[tuple[str, str]]:
    """Other tactics' versions of the primary edit (for the suggestions list)."""
    obj = object_of(run) or ctx.values.get("topic", "")
    out = []
    for tid in ranked[1:3]:
        tactic = catalogue().tactics[tid]
        say = _say(ctx, tactic, obj)
        saved = ctx.ask_used
        ctx.ask_used = False
        ask = _ask(ctx, tactic, obj, say)
        ctx.ask_used = saved
        out.append((tid, " ".join(x for x in (say, ask) if x)))
    return out
