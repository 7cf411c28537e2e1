"""The conservative rewrite: cut what is hollow, keep what the author wrote, add at most one ask.

What a sales coach does with a red pen (issue 11, second review):

- a flagged sentence that carries nothing the reader lacks is cut (tactic `cut`), standing offers
  and hedges included ("I know you're busy", "Let me know if you have any questions");
- a flagged sentence that carries facts loses only its hollow part: a hollow clause before or after
  the author's own clause, or a lead-in whose reason is kept ("Just checking in as your renewal is
  coming up on January 15th." -> "Your renewal is coming up on January 15th."); what cannot be
  reduced to the author's own words in a clean sentence is left as written;
- at most one sentence is added: a concrete ask with a correct date (a weekday with its date, a
  working day ahead, not a weekday the draft names, before the draft's own deadline), built from
  the draft's own vague ask (its minutes, demo or call, its purpose) and its hook (a deadline or
  hold) - only when the draft has no dated next step left. A voicemail gets no question.

No template fragment is ever spliced into a piece of the author's sentence. See compose.py for
where the plan is made, rewrite.py for how it is applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scriptlint.detect.reading import Reading
from scriptlint.suggest.deciders import board_question
from scriptlint.suggest.edits import Edit
from scriptlint.suggest.history import OWN_HISTORY, declined, hold_until, thanks_for
from scriptlint.suggest.layout import Layout, Run, Unit, editable_start
from scriptlint.suggest.objects import (
    BUSY_HEDGE,
    EMPTY_QUESTION,
    GOT_MY,
    HEDGED_QUESTION,
    LEFT_WORD,
    facts,
    fold_name,
    names_only,
    real_object,
    short_form,
    split_lead,
)
from scriptlint.suggest.steps import INTEREST, dated_promise, is_time_ask
from scriptlint.suggest.subjects import cap, fuller, strip_subject

# Times a sentence can carry without a capital or a digit: "I'll follow up after the new year".
_TIME = re.compile(
    r"\b(?:after|before|until|in|by|early|late|over)\s+(?:the\s+)?(?:new year|holidays?|spring|summer|fall|autumn|winter|"
    r"next (?:year|quarter|month)|q[1-4])\b",
    re.I,
)
# Something the author did, told: "I checked with our education team to be sure."
_DONE = re.compile(r"^(?:I|we)\s+(?:also\s+|just\s+)?(?:checked|confirmed|asked|spoke|verified|tested|ran|measured)\b")
# A hollow clause after the author's own: ", and I just wanted to reach out and see if ...".
_BREAK = re.compile(
    r"(?:,\s*(?:and|but|so)\s+|\s+and\s+(?=(?:i|we)?\s*(?:'ll|will)?\s*(?:just\s+)?(?:follow|check|circle|touch))|"
    r"\s+and\s+(?=(?:would|'d|’d)\s+love\s+to\b|(?:I\s+)?(?:just\s+)?want(?:ed)?\s+to\s+(?:reconnect|say h|see how))|"
    r";\s*|\s+[-–—]\s+|,\s+)",
    re.I,
)
# A deadline or hold the draft names: "good through November 30", "holding it thru Fri 11/13", "signed by December 18".


@dataclass
class Draft:
    """What the plan works from: the text, its reading, its layout, and what it has found so far."""

    text: str
    reading: Reading
    layout: Layout
    edits: list[Edit] = field(default_factory=list)
    kept: set[int] = field(default_factory=set)  # unit starts left as written
    ask_units: list[Unit] = field(default_factory=list)
    objects: list[tuple[Unit, str]] = field(default_factory=list)  # objects the draft would lose
    purposes: list[str] = field(default_factory=list)  # objects only the ask can still name
    people: list[str] = field(default_factory=list)  # names only a cut status line or offer held
    ask_tactic: str = "state-purpose"  # the tactic the one added sentence applies
    hollow_subjects: list[tuple[int, int]] = field(default_factory=list)  # subjects that name nothing


# "Wanted to see if you had a chance to look at X?": a question about their to-do list, around X.
_CHANCE = re.compile(
    r"^(?:i\s+)?(?:just\s+)?(?:wanted\s+to\s+|want\s+to\s+|was\s+|am\s+)?(?:see|check|ask|wondering|checking|writing[\w ]{0,20}?)\s+"
    r"(?:if|whether)\s+you(?:'ve|’ve)?\s+(?:had|got|have had|have)?\s*(?:a\s+)?(?:chance|time|a moment)\s+to\s+"
    r"(?:look at|look over|review|read|test|try|check out|see|go through|go over|think about|consider)\s+(?P<obj>.+?)\s*[?.!]*$",
    re.I | re.S,
)
_CHANCE_IN = re.compile(_CHANCE.pattern[1:], _CHANCE.flags)  # the same question inside a longer sentence
# An object the reader already holds: "the samples we sent over on October 22", "the deck I shared".
_SENT = re.compile(
    r"\b(?:we|i)(?:'ve|’ve| have)?\s+(?:sent|shared|shipped|attached|emailed|dropped off|mailed)\b", re.I
)


def carries_content(sentence: str) -> bool:
    """Facts, a time, something the author did, or a real question: what a cut would lose."""
    s = sentence.strip()
    if facts(s) or _TIME.search(s) or _DONE.match(s):
        return True
    return s.endswith("?") and not EMPTY_QUESTION.match(s) and split_lead(s) is None and not INTEREST.match(s)


def _end(s: str) -> str:
    s = s.strip().rstrip(",;:–— ")
    return s if s[-1:] in ".!?" else s + "."


_SELF = re.compile(
    r"\b(?:reached out|reaching out|e-?mailed|written|wrote|followed up|following up|tried (?:to reach )?you|pinged|"
    r"bugging|bothering|checking in|touch(?:ing)? base|busy|been a (?:while|couple|few)|fall through the cracks|"
    r"keep (?:this|it) (?:short|brief|quick)|be brief|crazy (?:time|month|week|season)|thinking (?:about|of) you|"
    r"long time no (?:talk|see|speak)|"
    r"lost in (?:your|the) inbox|buried in (?:your|the) inbox|top of your inbox)\b",
    re.I,
)


_DEPENDENT = re.compile(r"(?:if|when|whenever|as|because|since|although|though|while|unless|once|in case)\b", re.I)


def _own_clause(clause: str) -> bool:
    """A clause of the author's worth keeping: not about their own chasing, and saying something."""
    return (
        split_lead(clause) is None
        and not _SELF.search(clause)
        and not _DEPENDENT.match(clause.strip())  # "If you need any further information." is no sentence
        and (carries_content(clause) or len(clause.split()) >= 4)
    )


def reduce(sentence: str, hollow: tuple[int, int] | None = None, rest: str = "") -> str | None:
    """The author's own words left when the hollow part goes: '' (cut it), a clean sentence, or
    None when it cannot be reduced (keep it as written). `hollow`: where in the sentence the
    detector's finding lies, so a clause break before it keeps the author's clause."""
    out = _reduce(sentence, hollow, rest)
    joined = _HOLLOW_AND.search(sentence) if out is None and not _OPENS_WANTING.match(sentence.strip()) else None
    if joined:  # "The reason for my call is just to touch base and introduce X" -> "... is to introduce X"
        shorter = sentence[: joined.start()] + "to " + sentence[joined.end() :]
        again = _reduce(shorter, None, rest)
        return shorter.strip() if again is None else again
    return out


def _reduce(sentence: str, hollow: tuple[int, int] | None, rest: str) -> str | None:
    s = sentence.strip()
    if (_STATUS_ANY.search(s) or BUSY_HEDGE.match(s) or LEFT_WORD.match(s)) and not _unsaid_facts(s, rest):
        return ""  # "wanted to see where things stand after the board meeting on Friday", "I know December is crazy"
    right = _after_hollow(s, hollow)
    if right:
        return right
    if hollow is not None and hollow[0] <= 1 and len(s[hollow[1] :].split()) <= 2 and not s.endswith("?"):
        return ""  # phrase rules cover the whole sentence: "If anything changes with X, please don't hesitate to reach out."
    tail = _HEDGE_TAIL.search(s)
    if tail:  # "I know December is a crazy month, so no pressure at all."
        left = s[: tail.start()]
        return "" if _SELF.search(left) or not carries_content(left) else _end(left)
    hedge = _HEDGE_HEAD.match(s)
    after = s[hedge.end() :] if hedge else ""
    if hedge and carries_content(after) and not _SELF.search(after) and not BUSY_HEDGE.search(after):
        return _end(cap(after))  # "No rush on this, the quote holds until ..."
    if hedge:
        return ""  # "No pressure at all, I know December is crazy."
    breaks = [m for m in _BREAK.finditer(s) if _hollow_after(s, m, hollow)]
    if breaks:
        m = breaks[-1]
        left = s[: m.start()]
        hollow_left = not carries_content(left) or _SELF.search(left) or _DEPENDENT.match(left.strip())
        return _end(left) if _own_clause(left) else ("" if hollow_left else None)  # "If anything changes with X, ..."
    whole, s = s, core(s)
    if s != whole and split_lead(s) is None and carries_content(s) and _SUBJECT_WORD.match(s):
        return _end(s)  # "Just checking in, we spoke to Marta ..." -> "We spoke to Marta ..."
    board = board_question(s, rest)
    if board:  # "Any word from the committee?": ask what it chose, else when it meets
        return board
    chance = _CHANCE.match(s)
    if chance:
        obj = chance.group("obj")
        return "" if _SENT.search(obj) or not facts(obj) else None
    lead = split_lead(s)
    if lead is None:
        said = rest and facts(s) and not _unsaid_facts(s, rest)
        if said and _VISITING.search(s) and not s.endswith("?") and not _TIME.search(s):
            return ""  # a phrase rule's line whose only facts are said elsewhere: "Just wanted to put Clearline on your radar."
        return None if carries_content(s) else ""
    if lead.keep:
        return _end(lead.keep)
    if _HOW_GOING.search(s):
        return ""  # "see how everything is going with X": a pleasantry, whatever X is
    rest = s[len(lead.lead) :].strip() if s.startswith(lead.lead) else ""
    clause = _RESTATE.match(rest)
    if clause and carries_content(clause.group("clause")):
        return _end(cap(clause.group("clause")))
    if lead.object and facts(lead.object):
        return None
    # "I'll follow up after the new year" promises a time; "wanted to touch base before the holidays" only dates the visit
    return None if (_TIME.search(s) and _PROMISE.search(s)) or _new_facts(rest) else ""


_PROMISE = re.compile(r"\b(?:I'll|I will|we'll|we will|I’ll|we’ll|going to|plan to|I can|we can)\b", re.I)


# A hollow infinitive joined to the author's real one: "to touch base and introduce GrainSense".
_HOLLOW_AND = re.compile(
    r"\b(?:just\s+)?to\s+(?:just\s+)?(?:touch base|check in|follow up|circle back|reach out|say hi|say hello)\s+and\s+"
    r"(?!(?:just\s+)?(?:touch|check|follow|circle|reach|see|say|catch|connect|hear)\b)",
    re.I,
)
# A subject that names things (a number, or a name after its first word) is kept whatever the flag says.
_NAMES_THINGS = re.compile(r"\d|(?<=\s)(?!I\b)[A-Z][a-z]")
# What only a visit says: "put Clearline on your radar", "say hi", "sorry for blowing up your phone".
_VISITING = re.compile(
    r"\b(?:on your radar|say (?:hi|hello)|introduce (?:myself|ourselves)|sorry (?:for|to)|apologi[sz]e for)\b", re.I
)
_EMAIL_ME = re.compile(  # the other speaker, by role or by name ("Frank: Just send me some information.")
    r"(?:^|\n)(?!rep\b)[a-z][\w .'-]{0,25}:[^\n]*\b(?:e-?mail me|send (?:me|it|something|some info))\b[^\n]*\n[^\n]*$",
    re.I,
)
# A no-pressure hedge before the author's own clause: "No rush on this, I know ...".
_HEDGE_HEAD = re.compile(
    r"^(?:no rush|no pressure|no worries|no hurry)(?: at all)?(?: on (?:this|that|it|any of this))?\s*[,;:–—-]\s*", re.I
)
_HEDGE_TAIL = re.compile(
    r"[,;]\s*(?:so\s+|and\s+|but\s+)?(?:no (?:pressure|rush|worries|hurry)(?: at all)?|take your time)\s*[.!]*$", re.I
)
# "Just wanted to ...", "I'm just calling to ...": what is left after the joined verb still only visits.
_OPENS_WANTING = re.compile(r"^(?:i(?:'m|’m| am)?\s+)?(?:just\s+)?(?:wanted|want|calling|writing|reaching)\b", re.I)
_STATUS_ANY = re.compile(
    r"\b(?:wanted|want|just)\s+to\s+(?:see|check|find out|hear)\s+(?:where|how)\s+(?:things|it|everything|we|you)\b",
    re.I,
)
_DAY_FACT = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|"
    r"\d{1,2}(?:st|nd|rd|th)?)$",
    re.I,
)
_SUBJECT_WORD = re.compile(r"(?:I|we|you|they|it|he|she|the|your|our|their|this|that|there|[A-Z][a-z]+)\b")
_SINCE = re.compile(r"^(?:since|as|because|now that)\s+", re.I)


def _unsaid_facts(sentence: str, rest: str) -> set[str]:
    """Facts of the sentence that are neither days nor said elsewhere in the draft."""
    return {f for f in facts(sentence) if f not in rest and not all(_DAY_FACT.match(w) for w in f.split())}


def _after_hollow(s: str, hollow: tuple[int, int] | None) -> str:
    """The author's clause after a hollow opening: "I just wanted to reach out, since I saw X." -> "I saw X."."""
    if hollow is None:
        return ""
    for m in _BREAK.finditer(s):
        if m.start() < hollow[1]:
            continue
        left, right = s[: m.start()], _SINCE.sub("", s[m.end() :])
        if (split_lead(left) is not None or _SELF.search(left)) and _own_clause(right) and _SUBJECT_WORD.match(right):
            return _end(cap(right))
        break
    return ""


def _new_facts(text: str) -> set[str]:
    """Facts less the days told as history ("since our call last Thursday")."""
    return {f for f in facts(text) if not re.search(rf"\blast\s+{re.escape(f)}\b", text)}


_HOW_GOING = re.compile(r"\bhow (?:everything|things|it|all)(?:'s|’s| is| are)? (?:going|working out)\b", re.I)
# What a lead-in introduces that can stand on its own: "... as your renewal is coming up on January 15th",
# "... and say congrats on the new role at Corbel".
_RESTATE = re.compile(
    r"^(?:(?:as|since|because|now that)\s+|(?:and|to)\s+(?:say|tell you|let you know|share)\s+(?:that\s+)?)(?P<clause>.+)$",
    re.I | re.S,
)


def core(sentence: str) -> str:
    """The sentence without a leading hollow clause: "Just checking in, any update on X?" -> "Any update on X?"."""
    s = sentence.strip()
    first = _BREAK.search(s)
    if first is not None:
        head, tail = s[: first.start()], s[first.end() :]
        lead = split_lead(head)
        if lead is not None and not lead.object and not lead.keep and not facts(head):
            return cap(tail)
    return s


def real_question(text: str) -> bool:
    """Does the text still ask the reader something real ("Want me to?")?"""
    return any(
        (q.strip().endswith("?") and carries_content(q) and not HEDGED_QUESTION.search(q.strip()))
        or _REQUEST.match(q.strip())
        for q in re.split(r"(?<=[.!?])\s+|\n", text)
        if q.strip()
    )


# A request is an ask too: "Please confirm if TUV or your own inspector will attend the hydro test."
_REQUEST = re.compile(
    r"(?:please|kindly|could you|can you)\s+(?:confirm|send|sign|approve|return|share|choose|pick)\b", re.I
)


def object_in(sentence: str) -> str:
    """The concrete object a hollow clause of the sentence is about ('' when none)."""
    s = sentence.strip()
    whole = split_lead(core(s))
    if (
        whole is not None and whole.object
    ):  # "Just checking in on the quote (Q-1148, $9,860) - any word from the owners?"
        return _before_dash(whole.object)
    for m in _BREAK.finditer(s):
        lead = split_lead(s[m.end() :])
        if lead is not None and lead.object:
            return lead.object
    # "wondering if you are still interested in the BR-35 roaster", "... see if you've had a chance to think about X"
    found = _STILL_INTERESTED_IN.search(s) or _CHANCE_IN.search(s) or GOT_MY.search(s)
    return _before_dash(found.group("obj")) if found else ""


_STILL_INTERESTED_IN = re.compile(r"\bstill interested in (?P<obj>(?:the|your|our)\s.+?)\s*[?.!]*$", re.I)


def _before_dash(obj: str) -> str:
    """The object up to a dash: 'the quote for your 5 clinics ($180/mo) - still interested'."""
    return re.split(r"\s+[-–—]\s+", obj)[0]


def _named(obj: str, rest: str) -> bool:
    """Does the rest of the draft name this object (its head noun)?"""
    head = short_form(obj).split()[-1].lower().strip(".,")
    return head in rest.lower()


_PHONE = re.compile(r"(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])?\d{3}[ .-]\d{4}")
_CALL_BACK = re.compile(r"\b(?:call (?:me )?back|give me a (?:call|ring)|call me)\b", re.I)


def _hollow_after(s: str, m: re.Match, hollow: tuple[int, int] | None) -> bool:
    """Is what follows this clause break the hollow part (the finding lies there, or it opens with
    an empty lead-in around nothing the reader lacks)?"""
    if hollow is not None and m.end() <= hollow[0]:
        return True
    if EMPTY_QUESTION.match(s[m.end() :].strip()):
        return True  # "I know you're busy, but any update?"
    lead = split_lead(s[m.end() :])
    return lead is not None and not lead.keep and not (lead.object and facts(lead.object))


def hollow_span(unit: Unit, start: int) -> tuple[int, int] | None:
    # phrase rules only: the classifier's SL901 spans a whole sentence and says nothing about which part is hollow
    spans = [
        (f.start - start, f.end - start) for f in unit.findings if f.rule and f.scope == "span" and f.rule != "SL901"
    ]
    return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None


def _read_subject(d: Draft, unit: Unit) -> None:
    """A flagged subject loses its lead-in ('Following up - X' -> 'X'); one that names nothing is kept
    for the topic; one that names things (a number, a name) stays: a false flag must not cost a fact."""
    new = strip_subject(unit.text)
    new = fuller(new, d.text[unit.end : d.layout.closing]) if new else new
    start = unit.start + len(re.match(r"^Subject:[ \t]*", unit.text, re.I).group(0))
    words = d.text[start : unit.end]
    if new is not None:
        d.edits.append(Edit(start, unit.end, new, "state-purpose", "subject"))
    elif not re.match(r"^(?:re|fw|fwd|aw)\s*:", words, re.I) and not _NAMES_THINGS.search(words):
        d.hollow_subjects.append((start, unit.end))


def _later(d: Draft, start: int, s: str) -> str | None:
    """A vague promise made dated; after the prospect's "Just email me.", the email comes first."""
    later = dated_promise(s, d.reading.today, d.reading.channel)
    if later is None:
        return None  # no vague promise here: the draft's history need not be read (it costs a regex over the thread)
    if declined(d.text):
        until = hold_until(d.text)
        if not until:
            return None  # after a no, a dated call back only spends the goodwill; the promise goes
        later = dated_promise(s, d.reading.today, d.reading.channel, until)
    if later is not None and _EMAIL_ME.search(d.text[max(0, start - 160) : start]):
        return later.replace("I'll call you on", "I'll email it over today and call you on")
    return later


def _as_thanks(s: str, new: str | None, rest: str) -> str | None:
    """'touch base after my visit out to Kessler Farms on Nov 24' keeps its facts as thanks; a bare 'after my visit
    last Tuesday' does too when nothing else thanks the reader (review w04: 'While we were on the floor' dangled)."""
    visit = new == "" and re.search(r"\bmy (?:site )?visit\b", s, re.I) and not re.search(r"\bthank", rest, re.I)
    if (new is None and _unsaid_facts(s, rest)) or visit:
        return thanks_for(s) or new
    return new


def read_units(d: Draft, runs: list[Run], rest: str) -> None:
    """Decide for every flagged unit: cut, reduce, keep, or save for the one ask."""
    for run in runs:
        for unit in run.units:
            if unit.subject:
                _read_subject(d, unit)
                continue
            start = editable_start(d.text, unit)
            s = d.text[start : unit.end]
            number = _PHONE.search(s)
            if not number and ((d.reading.channel == "voicemail" and _CALL_BACK.search(s)) or is_time_ask(s)):
                d.ask_units.append(unit)
                continue
            if number and _CALL_BACK.search(s):  # "Give me a call back when you get a chance at 717-555-0164."
                d.edits.append(Edit(start, unit.end, f"You can reach me at {number.group(0)}.", "state-purpose", "say"))
                continue
            later = _later(d, start, s)
            if later is not None:
                d.edits.append(Edit(start, unit.end, later, "agreed-timeline", "say"))
                continue
            new = _as_thanks(s, reduce(s, hollow_span(unit, start), rest), rest)
            names = names_only(s)
            if new is None and names is not None:
                d.people += [n for n in names if n not in d.people]
                new = ""
            obj = object_in(s)
            if OWN_HISTORY.match(obj) and not _unsaid_facts(s, rest):
                obj, new = "", ""  # "following up on our conversation at the booth": the reader was there
            if new and real_object(obj) and not _named(obj, rest):
                d.purposes.append(obj)  # the reduced sentence keeps the author's clause; the ask names the object
            if (
                _HOW_GOING.search(s)
                and obj
                and (len(obj.split()) <= 2 or (len(obj.split()) <= 4 and obj.lower().startswith("your ")))
                and (facts(obj) or obj[:1].isupper() or obj.lower().startswith("your "))
                and not re.search(r"\bover (?:at|there)\b", s, re.I)  # "going over at Pratt": their company
                and not declined(d.text)  # after a no, the product they chose instead is not ours to ask about
                and d.reading.situations.get("existing-account", 0.0) >= 0.8  # our product, not their company
            ):
                new = f"How is {obj} working for you?"  # the pleasantry goes, the product it asked about stays
            elif obj and new is None and real_object(obj) and not (facts(obj) <= facts(rest) and _named(obj, rest)):
                d.objects.append((unit, obj))
                continue
            elif real_object(obj) and new == "" and not _named(obj, rest) and not _HOW_GOING.search(s):
                d.objects.append((unit, obj))
                continue
            folded = (
                fold_name(d.text, unit.end, _unsaid_facts(s, rest)) if new is None and _VISITING.search(s) else None
            )
            if folded:  # "Just wanted to put Cradlewell on your radar. We run ..." -> "At Cradlewell, we run ..."
                d.edits.append(Edit(start, folded[0], folded[1], "cut", "say"))
            elif new is None:
                d.kept.add(unit.start)
            elif new:
                d.edits.append(Edit(start, unit.end, new, "state-purpose", "say"))
            else:
                d.edits.append(Edit(start, unit.end, "", "cut", "cut"))
