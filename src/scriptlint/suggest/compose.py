"""Composing a rewrite: the conservative plan, and the situation's tactics as alternatives.

For the runs of flagged sentences (see layout.py) `plan` asks minimal.py what a sales coach would
do with a red pen: **cut** a hollow sentence with nothing new (tactic `cut`), **reduce** a flagged
sentence with facts to the author's own clause (or leave it as written), and add at most **one
dated ask**, built from the draft's own vague ask and deadline, when no dated next step is left
(a voicemail gets a plain statement instead of a question). The situation's tactics (the push,
the real reason, mapping the decision, the agreed timeline, a resource for a former client...)
are ranked with their situation gates by `_ranked` and offered as alternatives to the first body
run's edit; they never write the rewrite. The plan is plain data: `rank.attach_suggestions` turns
it into suggestions and `rewrite.rewrite` applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scriptlint.detect.context import SPEAKER_LINE
from scriptlint.detect.reading import PUSH_AFTER, Reading
from scriptlint.findings import Result
from scriptlint.rules import rules_by_code
from scriptlint.rules.code_rules import TEAM_RULE
from scriptlint.suggest.asks import choose_ask
from scriptlint.suggest.deadlines import confirm_day
from scriptlint.suggest.edits import Context, Edit, after_greeting, alternatives, tail_clause
from scriptlint.suggest.layout import Layout, Run, Unit, editable_start, own_ranges, read_layout
from scriptlint.suggest.minimal import (
    _CALL_BACK,
    Draft,
    read_units,
    real_question,
    reduce,
)
from scriptlint.suggest.objects import HEDGED_QUESTION, lost_facts, real_object, short_form, split_lead
from scriptlint.suggest.scoring import DEFAULT_TACTICS, allowed, rank, slot_values
from scriptlint.suggest.spoken import (
    OPENER,
    PHONE_UNIT,
    about,
    call_back,
    incumbent_question,
    opener_question,
    spoken_close,
    try_again,
)
from scriptlint.suggest.steps import has_dated_step, is_time_ask, only_offered
from scriptlint.suggest.subjects import cap, news, offering, topic_subject
from scriptlint.suggest.tactics import catalogue
from scriptlint.text.message import message_from_text


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    # The tactic and replacement text of each run, in order: what a finding in it is told to do.
    runs: list[tuple[Run, str, str]] = field(default_factory=list)
    # Alternatives per run: other tactics' versions of the same edit.
    alternatives: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def tactics(self) -> list[str]:
        """Tactics the rewrite applies, primary first (deleted filler is part of its run's edit)."""
        used = list(dict.fromkeys(e.tactic for e in self.edits if e.kind != "delete"))
        return [t for t in used if t != "cut"] + [t for t in used if t == "cut"]  # what is written leads


def plan(result: Result, reading: Reading) -> Plan:
    """The edits that turn this draft into one a salesperson would send (empty when nothing is flagged)."""
    text = result.text
    if result.error is not None or reading.truncated:
        # A text past READ_LIMIT is a dump of many messages, not a draft: its findings keep the
        # catalogue's suggestions, and nothing is composed (which would cost time per finding).
        return Plan()
    excluded = message_from_text(text).excluded
    layout = read_layout(text, excluded, result.findings, reading.channel, _is_lead_in)
    runs = [r for r in layout.runs if any(f.rule for f in r.findings)]
    if not runs:
        return Plan()
    own = " ".join(text[a:b] for a, b in own_ranges(text, excluded))
    ctx = Context(text, reading, layout, slot_values(reading, own), own)
    body_runs = [r for r in runs if not r.units[0].subject]
    out = conservative(ctx, runs)
    ranked = _ranked(ctx, body_runs[0] if body_runs else runs[0])
    used = {id(run): tactic for run, tactic, _ in out.runs}
    for run in runs:
        primary = run is (body_runs[0] if body_runs else None)
        # The situation's own tactic first among the alternatives (the edit itself is cut/reduce/ask).
        order = [used.get(id(run), "")] + [t for t in ranked if t != used.get(id(run))]
        out.alternatives.append(alternatives(ctx, run, order) if primary else [])
    return out


def conservative(ctx: Context, runs: list[Run]) -> Plan:
    """Cut the hollow units, reduce the ones with facts to the author's own words, and add one
    dated ask when the draft has no dated next step left (see minimal.py)."""
    text, reading, layout = ctx.text, ctx.reading, ctx.layout
    d = Draft(text, reading, layout)
    flagged = [u for r in runs for u in r.units if not u.subject]
    rest = _without(text, flagged, layout)
    read_units(d, runs, rest)
    _name_hollow_subjects(d)
    if reading.channel == "call-script":
        incumbent_question(d)
    if reading.channel in ("call-script", "voicemail"):
        _keep_turns(text, layout, d)
    remaining = _without(text, [u for u in flagged if u.start not in d.kept], layout)
    ask_edit = _place_ask(ctx, d, remaining)
    out = Plan()
    if ask_edit is not None:
        out.edits.append(ask_edit)
    out.edits += [e for e in d.edits if e is not ask_edit]
    for run in runs:
        mine = [e for e in out.edits if run.start <= e.start <= run.end and e.kind != "append"]
        tactic = next((e.tactic for e in mine if e.kind != "cut"), "cut" if mine else "state-purpose")
        out.runs.append((run, tactic, " ".join(e.new for e in mine if e.new)))
    return out


def _name_hollow_subjects(d: Draft) -> None:
    """'Subject: Just checking in' names nothing: it names the topic, else the meeting it follows."""
    topic = next((o for _, o in d.objects), "") or (d.purposes[0] if d.purposes else "")
    slot = d.reading.slots.get("topic", "")
    topic = topic or (slot if real_object(slot) and len(slot.split()) >= 3 else "")
    meeting = d.reading.slots.get("last_meeting_short", "")
    latest = news(d.text[: d.layout.closing])
    for start, end in d.hollow_subjects:
        # "Long time no talk!" -> "The drone inspection service"
        new = topic_subject(topic) or topic_subject(cap(latest))
        if not new and meeting:  # "Next step after the demo"
            new = catalogue().compose["subject_meeting"].format(last_meeting_short=meeting)
        if new:  # "Subject: Just checking in" names nothing: the subject names what the mail is about
            d.edits.append(Edit(start, end, new, "state-purpose", "subject"))


def _keep_turns(text: str, layout: Layout, d: Draft) -> None:
    """A speaker's turn is never left empty: when every sentence of a line would be cut, the line stays."""
    cuts = {e.start for e in d.edits if e.kind == "cut"}
    for line in {u.line for u in layout.units}:
        units = [u for u in layout.units if u.line == line]
        starts = {editable_start(text, u) for u in units}
        line_start = text.rfind("\n", 0, units[0].start) + 1
        labelled = SPEAKER_LINE.match(text, line_start) is not None  # "Rep: ..." (a voicemail's lines may all go)
        if labelled and starts <= cuts and not any(u in d.ask_units for u in units):
            d.edits = [e for e in d.edits if e.start not in starts]
            opener = opener_question(d, min(starts), units[-1].end, offering(text[: layout.closing]))
            if opener is not None:  # "Rep: I'm just calling to check in ..." -> the reason for the call
                d.edits.append(opener)
            else:
                d.kept |= {u.start for u in units}


def _without(text: str, units: list[Unit], layout: Layout) -> str:
    """The author's own text up to the sign-off, with these units taken out."""
    out, pos = [], 0
    gaps = [(u.start, u.end) for u in units] + [(r[0], r[1]) for r in layout.excluded]  # a quote answered below
    for start, end in sorted(gaps):
        out.append(text[pos : max(pos, start)])
        pos = max(pos, end)
    out.append(text[pos : layout.closing] if pos < layout.closing else "")
    return "".join(out)


def _place_ask(ctx: Context, d: Draft, remaining: str) -> Edit | None:
    """The one added (or converted) sentence, placed where the draft asked vaguely, or where it
    named the object it would lose, or at the end of its last paragraph; vague asks left over go."""
    channel = ctx.reading.channel
    spoken = channel in ("voicemail",)
    new = _new_sentence(ctx, d, remaining)
    at: Unit | None = d.ask_units[-1] if d.ask_units else (d.objects[0][0] if d.objects and not spoken else None)
    if at is not None and not d.ask_units and channel == "email" and _content_after(ctx, d, at):
        at = None  # an email answers first and asks last: the ask goes after the author's content (blind review)
    for unit in d.ask_units:
        start = editable_start(ctx.text, unit)
        words = ctx.text[start : unit.end]
        if unit is at and new:
            continue
        left = (call_back(ctx, d, remaining) if _CALL_BACK.search(words) else reduce(words)) if spoken else None
        d.edits.append(
            Edit(start, unit.end, left or "", "cut" if not left else "state-purpose", "cut" if not left else "say")
        )
    for i, (unit, obj) in enumerate(d.objects):
        if unit is not at or not new:
            start = editable_start(ctx.text, unit)
            words = ctx.text[start : unit.end]
            second = i > 0 and not lost_facts(words, "")  # one "I'm writing about" per draft, for the main object
            if second or (_carried(obj, remaining + " " + new) and not lost_facts(words, remaining + " " + new)):
                d.edits.append(Edit(start, unit.end, "", "cut", "cut"))  # the rest of the draft names it
            elif lost_facts(words, about(obj, channel)):
                d.kept.add(unit.start)  # the sentence carries more than its object: it stays as written
            else:
                d.edits.append(
                    Edit(start, unit.end, after_greeting(ctx.text, start, about(obj, channel)), "state-purpose", "say")
                )
    if not new:
        return None
    if spoken and at is not None:
        start = editable_start(ctx.text, at)
        left = reduce(ctx.text[start : at.end]) or ""
        return Edit(start, at.end, " ".join(x for x in (left, new) if x), d.ask_tactic, "say")
    if at is not None:
        start = editable_start(ctx.text, at)
        return Edit(start, at.end, after_greeting(ctx.text, start, new), d.ask_tactic, "say")
    return None if channel == "call-script" else _at_end(ctx, d, new)


def _new_sentence(ctx: Context, d: Draft, remaining: str) -> str:
    """The one sentence to add: a voicemail's spoken close, else the ask `choose_ask` picks when the
    draft has no dated step, no real question (or a line reduced to one) and an ask is wanted."""
    if ctx.reading.channel == "voicemail":
        promised = any(e.tactic == "agreed-timeline" for e in d.edits)  # "I'll call you on ..." is already the close
        return spoken_close(d) or (try_again(ctx, remaining) if not d.ask_units and not promised else "")
    # a line reduced to a real question (a call's opening question is not the ask that moves the deal)
    asked = any(
        e.kind == "say" and e.new.endswith("?") and not e.new.startswith(OPENER) and not HEDGED_QUESTION.search(e.new)
        for e in d.edits
    )
    offered = only_offered(remaining, ctx.reading.today)
    chased = any(e.kind == "cut" and ctx.text[e.start : e.end].rstrip().endswith("?") for e in d.edits)
    if offered and chased and not asked and not real_question(remaining):
        # "We can stage ... the week of Jan 11" + a cut "had a chance to look?": ask for the yes (blind review, k02)
        when = confirm_day(ctx.reading.today, offered)
        return f"Could you confirm by {when} that {re.sub(r'^on ', '', offered)} works for you?" if when else ""
    if (
        not asked
        and not has_dated_step(remaining, ctx.reading.today)
        and (d.ask_units or (ctx.reading.channel != "call-script" and not real_question(remaining)))
    ):
        return choose_ask(d, remaining, ctx.reading.thread.text, ctx.values.get("topic", ""))
    return ""


def _at_end(ctx: Context, d: Draft, new: str) -> Edit | None:
    """The added sentence at the end of the author's own text: in place of a cut last line, after the
    last sentence (with a full stop if it had none), or before a voicemail's callback number."""
    last = _last_own_unit(ctx)
    if last is None:
        return None
    if ctx.reading.channel == "voicemail" and PHONE_UNIT.search(last.text):  # the number is heard last
        return Edit(last.start, last.start, new + " ", d.ask_tactic, "append")
    cut = next((e for e in d.edits if e.kind == "cut" and e.start == editable_start(ctx.text, last)), None)
    if cut is not None:
        d.edits.remove(cut)
        return Edit(cut.start, cut.end, after_greeting(ctx.text, cut.start, new), d.ask_tactic, "say")
    stop = "" if ctx.text[last.start : last.end].rstrip()[-1:] in ".!?:)" else "."  # "... my 5th text lol"
    return Edit(last.end, last.end, stop + " " + new, d.ask_tactic, "append")


_COURTESY = re.compile(r"(?:hope|looking forward|have a (?:great|good|nice)|enjoy|thanks|thank you|cheers)\b", re.I)


def _content_after(ctx: Context, d: Draft, at: Unit) -> bool:
    """Does the author's own content (a unit with facts that stays) follow this unit in a later paragraph?"""
    cut = {e.start for e in d.edits if e.kind == "cut"}
    later = [u for u in ctx.layout.units if u.start > at.end and not u.subject and u.line != at.line]
    return any(
        editable_start(ctx.text, u) not in cut
        and _sentence_like(ctx.text[u.start : u.end])
        and lost_facts(ctx.text[u.start : u.end], "")
        for u in later
    )


def _last_own_unit(ctx: Context) -> Unit | None:
    """Where an added ask goes: after the last sentence of the author's own, not after a closing
    courtesy or a name or company line of a signature the layout did not recognise."""
    body = [u for u in ctx.layout.units if not u.subject]
    own = [
        u
        for u in body
        if not _COURTESY.match(ctx.text[u.start : u.end].strip()) and _sentence_like(ctx.text[u.start : u.end])
    ]
    return (own or body or [None])[-1]


def _sentence_like(unit: str) -> bool:
    """A sentence of the body, not a name, title or company line of an unrecognised signature."""
    return len(unit.split()) >= 6 or unit.rstrip()[-1:] in ".?!"


def _carried(obj: str, text: str) -> bool:
    """Does the text name the object (its head noun), so a sentence about it can go?"""
    low = text.lower()
    words = [w.lower().strip(".,") for w in short_form(obj).split()]
    content = [w for w in re.findall(r"[a-z]{4,}", obj.lower()) if w not in _FUNCTION_WORDS]
    return bool(words) and all(re.search(rf"\b{re.escape(w)}", low) for w in content or words[-1:])


_FUNCTION_WORDS = {"your", "their", "that", "this", "with", "from", "about", "over", "into", "sent", "last", "week"} | {
    "project",
    "proposal",
    "quote",
    "deal",
    "idea",
    "plan",
    "things",
    "stuff",
    "opportunity",
    "note",
    "email",
    "message",
}


def _is_lead_in(sentence: str) -> bool:
    """An empty lead-in around a concrete object, or a vague ask for time with no day ('Let me know if
    you'd have time for a call soon'): hollow words the detector may have let pass next to a flag."""
    lead = split_lead(sentence)
    if (lead is not None and bool(lead.object)) or _STILL_INTERESTED.search(sentence):
        return True
    return is_time_ask(sentence) and not has_dated_step(sentence, None)


# "I'm just wondering if you are still interested in the BR-35 roaster": asks them to restate their interest.
_STILL_INTERESTED = re.compile(
    r"\b(?:wondering|checking|seeing|see|ask(?:ing)?) (?:if|whether) you(?:'re| are)? still interested\b", re.I
)


def _ranked(ctx: Context, run: Run) -> list[str]:
    """Allowed tactics for the run's first finding, best first; after three or more unanswered
    touches the push comes first (a fourth nudge of the same kind only adds to the silence)."""
    first = next(f for f in run.findings if f.rule)
    rules = {**rules_by_code(), TEAM_RULE.code: TEAM_RULE}
    rule_tactics = rules[first.rule].tactics if first.rule in rules else DEFAULT_TACTICS
    # A call script is a channel more than a situation: the event behind the call decides.
    situations = {k: v for k, v in ctx.reading.situations.items() if k != "call-script"} or ctx.reading.situations
    if any((lead := split_lead(tail_clause(u.text))) is not None and lead.meeting for u in run.units):
        situations = {**situations, "after-meeting": 1.0}  # "following up on our meeting about X"
    order = [t for t, _ in rank(rule_tactics or DEFAULT_TACTICS, situations, known_slots=ctx.values)]
    order += [t for t in catalogue().tactics if t not in order]
    ok = [t for t in order if allowed(t, ctx.reading, ctx.values, ctx.own)]
    for tid in reversed(_first_by_situation(ctx.reading)):
        if tid in ok:
            ok.remove(tid)
            ok.insert(0, tid)
    return ok or ["state-purpose"]


def _first_by_situation(reading: Reading) -> list[str]:
    """Tactics a situation puts first, strongest claim first (issue 11): after three or more
    unanswered touches, the push; a passed agreed date, holding the timeline; a former client, a
    resource given; an existing customer, results and usage; after a no, the real reason."""
    s = reading.situations
    order = []
    if reading.nudges >= PUSH_AFTER:
        order.append("the-push")
    if reading.agreed_passed:
        order.append("agreed-timeline")
    if "former-client" in s:
        order.append("become-resource")
    if s.get("existing-account", 0.0) >= 0.8 and "after-no" not in s:
        order.append("measurable-results")
    if "after-no" in s:
        order.append("real-reason")
    return order
