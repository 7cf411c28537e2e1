"""The edits a composer makes to one run of hollow sentences (see compose.py for the plan).

Each function returns `Edit`s: replace `text[start:end]` by `new` ("" deletes). They share a
`Context`: the draft, its reading, its layout, the slot values, and whether the draft's one ask
and one dated 'later' are already used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scriptlint.detect.reading import Reading
from scriptlint.suggest.layout import Layout, Run, Unit, editable_start
from scriptlint.suggest.objects import facts, lost_facts, short_form, split_lead
from scriptlint.suggest.tactics import Tactic, catalogue, render

# A vague promise or offer to be in touch later: "I'll follow up in a few weeks", "Let me know if anything changes".
LATER = re.compile(
    r"^(?:(?:ok(?:ay)?|sounds good|no problem|perfect|great|totally get it|no worries)[,.!]?\s*)*"
    r"(?:(?:i|we)(?:'ll|’ll| will)\s+(?:just\s+)?(?:follow up|check in|check back|circle back|reach (?:back )?out|"
    r"touch base|be in touch|get back to you|try you|call you|ping you|reconnect|keep in touch|stay in touch)"
    r"|(?:just\s+)?(?:let me know|feel free to (?:reach out|get in touch|call|email)|reach out|give me a (?:shout|call|ring))"
    r"\s+(?:if|when|whenever|anytime|any time)"
    r"|touch base\b|talk soon\b)",
    re.I,
)
# A vague ask for time: "Would you be open to a quick chat sometime?", "Let's find time to catch up soon."
VAGUE_ASK = re.compile(
    r"\b(?:chat|call|catch up|catch-up|coffee|connect|reconnect|talk|time|minutes|meeting)\b.*"
    r"\b(?:sometime|some time|soon|this week|next week|at some point|when(?:'s| is) good|whenever)\b"
    r"|^(?:would love to|let's|lets|let us)\s+(?:catch up|connect|chat|grab|find time)",
    re.I,
)
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


def edit_run(ctx: Context, run: Run, tid: str, *, with_ask: bool) -> list[Edit]:
    """The primary edit: the run's lead-in rewritten around its object, filler dropped, one ask."""
    tactic = catalogue().tactics[tid]
    start = _start_of(ctx, run.units[0])
    head = ctx.text[run.units[0].start : start]
    obj, keep, meeting = _gather(ctx, run, start)
    own_object = bool(obj)
    short = short_form(obj) if obj else ""
    if meeting and "{last_meeting}" in tactic.say:
        ctx.values = {**ctx.values, "last_meeting": meeting}
    elif meeting:
        obj = f"{meeting} about {obj}"
    if not obj and ctx.values.get("topic"):
        obj = ctx.values["topic"]
        if obj.lower() in ctx.text[: run.start].lower():
            obj = ctx.values.get("topic_short") or short_form(obj)  # named already: the second mention is short
    say = _say(ctx, tactic, obj, short)
    keep, say = _prefer_authors_words(keep, say)
    agreed = ctx.values.get("agreed_date", "")
    outside = ctx.text[: run.start] + ctx.text[run.end : ctx.layout.closing]
    if tid == "agreed-timeline" and agreed and agreed in outside:
        say = ""  # the author has said what was agreed: ask for the new date only
    ask = _ask(ctx, tactic, obj, say, short) if with_ask else ""
    new = " ".join(x for x in [*keep, say, ask] if x).strip()
    missing = [u.text for u in run.units if lost_facts(u.text, new + " " + head)]
    if missing:
        # A sentence whose facts the edit cannot carry stays as the author wrote it.
        new = " ".join([*[m for m in missing if m not in new], new])
    new = _after_greeting(ctx.text, start, new)
    para_end = _paragraph_end(ctx, run)
    if not own_object and not keep and not missing and para_end is not None:
        # Nothing of the author's in the run: delete it, and let the edit follow the author's own
        # sentences in the paragraph ("I'm with Brightline... I saw Halvorsen broke ground...").
        return [Edit(start, run.end, "", tid, "delete"), Edit(para_end, para_end, " " + new, tid, "say")]
    return [Edit(start, run.end, new, tid, "say")]


def _prefer_authors_words(keep: list[str], say: str) -> tuple[list[str], str]:
    """A kept clause of the author's and the new statement saying the same thing: keep the author's
    words when they carry every fact of the statement, else drop the clause the statement covers."""
    if not keep or not say:
        return keep, say
    said = facts(say)
    kept = set().union(*(facts(k) for k in keep))
    if said and said <= kept:
        return keep, ""
    return [k for k in keep if not facts(k) or not facts(k) <= said], say


def _gather(ctx: Context, run: Run, start: int) -> tuple[str, list[str], str]:
    """The run's object, the author's clauses to keep, and a meeting its lead-in names."""
    obj, keep, meeting = "", [], ""
    for u in run.units:
        s = start if u is run.units[0] else u.start
        sentence = ctx.text[s : u.end]
        tail = tail_clause(sentence)
        if tail != sentence:
            keep.append(sentence[: _CLAUSE_BREAK.search(sentence).start()].rstrip(" ,;–—") + ".")
        lead = split_lead(tail)
        if lead is None:
            continue
        if not obj and lead.object:
            obj, meeting = lead.object, lead.meeting
        if lead.keep:
            keep.append(lead.keep)
    return obj, keep, meeting


def _paragraph_end(ctx: Context, run: Run) -> int | None:
    """End of the last unflagged unit after the run in the same paragraph, if any."""
    units = ctx.layout.units
    i = units.index(run.units[-1])
    end = None
    for u in units[i + 1 :]:
        gap = ctx.text[(end if end is not None else run.end) : u.start]
        if "\n\n" in gap or u.flagged or (ctx.reading.channel == "call-script" and "\n" in gap):
            break
        if u.start >= ctx.layout.closing or _CLOSING_WORDS.match(u.text) or re.search(r"\d{3}[ .-]\d{4}", u.text):
            break  # never after the sign-off, a closing pleasantry or the callback number
        end = u.end
    return end


_CLOSING_WORDS = re.compile(
    r"^(?:thanks|thank you|thx|cheers|have a (?:great|good|nice)|talk soon|bye|take care|best|regards|greetings)\b",
    re.I,
)


_KEEP_CAPITAL = re.compile(r"^(?:I\b|I'|I’)")


def _after_greeting(text: str, start: int, new: str) -> str:
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


def _start_of(ctx: Context, unit: Unit) -> int:
    return editable_start(ctx.text, unit)


def ask_edit(ctx: Context, run: Run) -> list[Edit]:
    tactic = catalogue().tactics[ctx.tactic]
    obj = object_of(run) or ctx.values.get("topic", "")
    ask = _ask(ctx, tactic, obj, "")
    start = _start_of(ctx, run.units[0])
    return [Edit(start, run.end, ask, ctx.tactic, "say" if ask else "delete")]


def secondary(ctx: Context, run: Run, second: str) -> list[Edit]:
    """A run after the primary edit: its object kept in a statement of the second tactic, a dated
    'later' in a call (once; a call turn is never left empty), else the filler is dropped."""
    start = _start_of(ctx, run.units[0])
    obj = object_of(run)
    facts_left = [u.text for u in run.units if facts(u.text) and not split_lead(tail_clause(u.text))]
    if obj and ctx.ask_used:
        # The draft already asks for a day: the second object joins that conversation.
        also = render(catalogue().compose["also"], _values(ctx, obj))
        return [Edit(start, run.end, " ".join([*facts_left, also]), ctx.tactic, "say")]
    if obj and facts(obj):
        facts_left = facts_left or [u.text for u in run.units if facts(u.text)]
    if facts_left:
        return [Edit(start, run.end, " ".join(facts_left), second, "keep")]
    line_start = ctx.text.rfind("\n", 0, run.start) + 1
    line_end = ctx.text.find("\n", run.end)
    line_end = len(ctx.text) if line_end == -1 else line_end
    rest_of_line = (ctx.text[line_start:start] + ctx.text[run.end : line_end]).strip()
    alone = not rest_of_line or rest_of_line.endswith(":")
    later = any(LATER.match(u.text) for u in run.units)
    if ctx.reading.channel not in ("call-script", "voicemail") or not (alone or later):
        return [Edit(start, run.end, "", ctx.tactic, "delete")]
    compose = catalogue().compose
    if later and not ctx.later_used:
        ctx.later_used = True
        key = "later_again" if ctx.ask_used else "later_spoken"
        return [Edit(start, run.end, render(compose[key], _values(ctx, "")), ctx.tactic, "later")]
    if not alone:
        return [Edit(start, run.end, "", ctx.tactic, "delete")]
    return [Edit(start, run.end, _say(ctx, catalogue().tactics[second], ""), second, "say")]


def subject_edit(ctx: Context, run: Run) -> Edit:
    """A hollow subject becomes a short one naming the topic (3-6 words)."""
    compose = catalogue().compose
    values = dict(ctx.values)
    topic = object_of_any(ctx) or values.get("topic", "")
    if topic:
        short = short_form(topic)
        values["short"] = topic if len(topic.split()) <= 4 else short
    if catalogue().tactics[ctx.tactic].closes and topic:
        key = "subject_push"
    elif topic:
        key = "subject_topic"
    elif values.get("last_meeting_short"):
        key = "subject_meeting"
    else:
        key = "subject_plain"
    unit = run.units[0]
    start = (
        unit.start + len(re.match(r"^Subject:[ \t]*", unit.text, re.I).group(0))
        if unit.text.lower().startswith("subject:")
        else unit.start
    )
    return Edit(start, run.end, render(compose[key], values), ctx.tactic, "subject")


def object_of_any(ctx: Context) -> str:
    for run in ctx.layout.runs:
        if not run.units[0].subject and (obj := object_of(run)):
            return obj
    return ""


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
