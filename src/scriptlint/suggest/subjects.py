"""A draft's subject line: what it is about, once the hollow lead-in goes.

A hollow subject ("Following up - PawChart demo") loses its lead-in; one that names nothing
("Just checking in") becomes a short subject naming the topic; and a call the rewrite proposes takes
its agenda from the subject ("go through the modernization proposal for Halvorsen Tower"), since a
call with no agenda gives the reader no reason to take it (blind review, issue 11).
"""

from __future__ import annotations

import re

from scriptlint.suggest.tactics import catalogue


def cap(s: str) -> str:
    """The first letter upper-cased, the rest as the author wrote it ('eBay' stays)."""
    s = s.strip()
    return s[:1].upper() + s[1:] if s else s


def topic_subject(topic: str) -> str:
    """A short subject (3-6 words) naming the topic: 'the Pipewell trial' -> 'The Pipewell trial'."""
    if re.search(r"(?:\b(?:of|for|to|at|on|in|with|and|or|the|a|an|our|your)|[^\w)%.])$", topic.strip(), re.I):
        return ""  # a cut-off topic ('The revised signage quote of $') names nothing (review v19)
    words = topic.split()
    if len(words) < 3:
        words = ["Next", "step", "on", *words] if words else []
    return cap(" ".join(words)) if 3 <= len(words) <= 6 else ""


_SUBJECT_LEAD = re.compile(
    r"^(?:just\s+)?(?:(?:following up|follow[- ]up|checking in|check[- ]in|touching base|circling back|bumping(?: this)?)(?: again)?"
    r"(?:\s*[-–—:,]\s*|\s+(?:on|about|re:?|for|regarding|with)\s+)|"
    r"follow[- ]up\s+(?=(?:quotation|quote|offer|proposal|order|invoice|estimate|bid)\b))",  # "Follow up quotation - X"
    re.I,
)


# ... or after it: "Regarding PO 4500-88213 - follow up", "Quote #MP-20931 - following up again", "Offer
# CF-207 - kindly status".
_SUBJECT_TAIL = re.compile(
    r"\s*[-–—:,|]\s*(?:just\s+)?(?:following up|follow[- ]up|checking in|check[- ]in|touching base|circling back|"
    r"bump(?:ing)?(?: this)?|(?:kindly |gentle |friendly )?(?:status|reminder|update)(?: update| request)?|"
    r"any (?:update|news|thoughts)s?)(?:\s+again)?\s*[.!?]*$",
    re.I,
)


def strip_subject(subject_line: str) -> str | None:
    """'Subject: Following up - Corvane demo' -> 'Corvane demo'; None to leave the subject alone
    (a reply's 'RE:' subject is the thread's, and a subject that is only the lead-in has no topic)."""
    subject = re.sub(r"^Subject:[ \t]*", "", subject_line, flags=re.I)
    if re.match(r"^(?:re|fw|fwd|aw)\s*:", subject, re.I):
        return None
    tail = _SUBJECT_TAIL.search(subject)
    if tail and subject[: tail.start()].strip():
        return subject[: tail.start()].strip()
    m = _SUBJECT_LEAD.match(subject)
    if not m or not subject[m.end() :].strip():
        return None
    rest = subject[m.end() :].strip()
    if len(rest.split()) <= 2 and _EVENT_NOUN.search(rest):  # "Following up on the demo" -> not just "The demo"
        meeting = rest if re.match(r"(?:the|our|your)\s|\w+['’]s\s", rest, re.I) else f"the {rest}"
        if re.match(r"(?:the|our|your)\s", meeting, re.I):
            meeting = meeting[:1].lower() + meeting[1:]  # "The demo" -> "the demo"; "Tuesday's demo" keeps its capital
        return catalogue().compose["subject_meeting"].format(last_meeting_short=meeting)
    return cap(rest)


# Something new on the author's side: "We've added a second crew and a drone inspection service since then.",
# "we now carry a spectrally selective film that cuts heat gain by half".
_NEW_OFFER = re.compile(
    r"\b(?:we|I)(?:'ve|’ve| have)?\s+(?:just\s+|recently\s+|now\s+)?(?:added|launched|introduced|rolled out|"
    r"started (?:offering|carrying|stocking)|now (?:offer|carry|stock|have|run|service|install|support)|opened|released|"
    r"shipped)\s+(?P<what>(?:a|an|the|our)\s+[^.!?;]{3,90}?)"
    r"(?:\s+(?:since then|this year|recently|last (?:month|quarter)|in \w+))?\s*(?:[.!;]|,\s*(?:and|which|so|but)\b)",
    re.I,
)
# Where a named thing's description starts: "a film that cuts ...", "a crew who ...", "a kit with ...".
_DESCRIBED = re.compile(r"\s+(?:that|which|who|whose|with|so|so that|because|where)\s.*$|\s*,.*$", re.I)


def news(own: str) -> str:
    """What is new on the author's side, the last thing named ('the drone inspection service'): a
    reconnect's reason to talk now (blind review); '' when the draft announces nothing."""
    m = _NEW_OFFER.search(own)
    if m is None:
        return ""
    what = m.group("what")
    if len(what.split()) > 12:  # "the crew that is EPA lead-safe certified for pre-1978 buildings" stays whole
        what = _DESCRIBED.sub("", what)
    what = re.split(r",\s*|\s+and\s+(?=(?:a|an|the|our)\s)", what)[-1]
    what = re.split(r"\s+(?:to|into|at) (?:the|our)\b", what)[0].strip()  # "... to the yard in Scranton"
    what = re.sub(r"^(?:a|an|our)\s+", "the ", what, flags=re.I)
    return what if what.lower().startswith("the ") and 2 <= len(what.split()) <= 14 else ""


# What the author's side does, said plainly: "At Cradlewell, we run backup childcare for hospitals whose ...".
_OFFERING = re.compile(
    r"\b(?:we|our (?:team|crew|crews|techs|company))\s+(?:now\s+|also\s+)?(?:run|provide|offer|supply|install|service|"
    r"inspect|build|make|handle|manage|deliver|repair|maintain|clean|design)\s+(?P<what>[a-z][\w-]*(?:\s+[\w-]+){0,5})",
    re.I,
)


_THEIR_LINE = re.compile(r"[ \t]*(?:prospect|customer|client|buyer|lead|gatekeeper|receptionist|them|they)\s*:", re.I)


def offering(own: str) -> str:
    """What the author sells, when the draft says so ('backup childcare'): a cold call's agenda."""
    m = next(
        (m for m in _OFFERING.finditer(own) if not _THEIR_LINE.match(own, own.rfind("\n", 0, m.start()) + 1)), None
    )
    if m is None:  # a script's "Prospect: We handle our I-9s in-house." is theirs, not the author's offer
        return ""
    what = re.split(
        r"\s+(?:for|to|at|in|on|across|that|which|who|whose|with|so|because|since|from|behind|inside|under|before|after)\b",
        m.group("what"),
    )[0]
    words = what.split()
    if not 1 <= len(words) <= 5 or words[0].lower() in ("it", "them", "this", "that", "you", "your", "all"):
        return ""
    return what


# Where the author walked with the reader: "walking me through the Joliet warehouse on Thursday", "the tour of the line".
_VISITED = re.compile(
    r"\b(?:walking me (?:through|around)|showing me (?:around )?|the (?:tour|walk-?through) of|my visit to|(?:site )?visit (?:to|at))"
    r"\s+(?P<x>(?:the|your)\s+[^.,;!?]{3,50}?)(?=\s+(?:on|last|this|yesterday|and|with|too)\b|\s*[.,;!?]|$)",
    re.I,
)
# Work done together before: "working with your team on the 2024 distribution rollout", "since we did the 14th-floor film".
_PAST_WORK = re.compile(
    r"\b(?:working with (?:you|your team|your folks) on|since we (?:did|installed|ran|delivered|built|finished|completed|"
    r"set up|rolled out)|(?:thinking|thought) (?:about|of))\s+(?P<x>the\s+[^.,;!?]{3,50}?)(?=\s+(?:for|in|at|last|back|with|"
    r"together|(?:that\s+)?(?:we|I) (?:did|ran|built|delivered|installed|worked on))\b|\s*[.,;!?]|$)",
    re.I,
)


# A trigger event the author saw: "I noticed Tri-County Precision posted 3 openings for CNC machinists (...)",
# "I saw your post about Sunrise Orchards planting the new 1,200 acres of almonds outside Merced".
_ORG = r"(?-i:[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}|your (?:team|company|plant|firm))"
_TRIGGER = re.compile(
    rf"\b(?:saw|noticed|read|heard)\b(?! back)[^.;!?]{{0,40}}?\b(?:that\s+|about\s+)?{_ORG}\s+(?:just\s+|recently\s+)?"
    r"(?-i:posted|announced|opened|is opening|launched|is launching|won|is adding|added|is expanding|expanded|is building|"
    r"built|planting|is planting|opening|launching|adding|building|hiring|is hiring)\s+"
    r"(?P<x>(?:[^.;!?(,]|,(?=\d)){4,60}?)(?=\s*(?:[.;!?(]|,(?!\d))|\s+(?:a few|last|this|next|in|on|outside|near|at)\b|$)",
    re.I,
)


def trigger(own: str) -> str:
    """The news about the reader the author noticed ('the 3 openings for CNC machinists'): a cold call's agenda."""
    m = _TRIGGER.search(own)
    if m is None:
        return ""
    x = re.sub(r"^(?:its|their)\s", "the ", m.group("x").strip())
    if not re.match(r"[\w$]", x) or re.match(r"(?:for|to|of|with|and|at|in|on)\b", x):
        return ""
    return x if re.match(r"(?:the|your|their|its|a|an)\s", x, re.I) else f"the {x}"


def visited(own: str) -> str:
    """The place the author was shown ('the Joliet warehouse'): an after-visit call's agenda."""
    m = _VISITED.search(own)
    return m.group("x").strip() if m else ""


def past_work(own: str) -> str:
    """Work the author did for the reader before ('the 2024 distribution rollout'): a reconnect's call is about what follows."""
    m = _PAST_WORK.search(own)
    return m.group("x").strip() if m else ""


_SUBJECT = re.compile(r"^Subject:[ \t]*(?P<s>[^\n]+)", re.I)
# A subject that greets or chases names no agenda: "Long time no talk!", "Good to see you last week".
_NOT_AGENDA = re.compile(
    r"^(?:congrat\w*|thanks?|thank you|great|nice|hello|hi|hey|long time|hope|good|glad|happy|welcome|lovely|"
    r"quick (?:touch|check|catch|chat|note|hello)|touch(?:ing)? base|check(?:ing)?[- ]in|catch(?:ing)? up|"
    r"meeting|question|from|about|for|with|on|to)\b",
    re.I,
)
# What a subject puts before its topic: "RE:", "Following up -", "Quick question re:", "Quick intro -".
_SUBJECT_OPENER = re.compile(
    r"^(?:(?:re|fwd?|aw)\s*:\s*)*(?:(?:just\s+)?(?:following up|follow[- ]up|circling back|bumping(?: this)?|checking in|"
    r"quick (?:question|intro(?:duction)?|note|idea)|intro(?:duction)?|question|idea)"
    r"(?:\s*[-–—:,]\s*|\s+(?:on|about|re:?|for|regarding|with|from)\s+|\s*$))?",
    re.I,
)
_DEAL_NOUN = re.compile(r"\b(?:proposal|quote|contract|renewal|agreement|offer|order|pilot|trial|bid|tender)$", re.I)
_EVENT_NOUN = re.compile(
    r"\b(?:demo|meeting|call|visit|walkthrough|walk-through|tour|presentation|webinar|expo|show|conference|summit|fair)$",
    re.I,
)


def agenda(text: str) -> str:
    """What the call is for, from the draft's own subject: 'Modernization proposal - Halvorsen Tower'
    -> 'go through the modernization proposal for Halvorsen Tower' (blind review: a call with no
    agenda gives the reader no reason to take it)."""
    m = _SUBJECT.match(text.lstrip())
    if not m:
        return ""
    subject = _SUBJECT_OPENER.sub("", m.group("s").strip().rstrip(".!?")).strip()
    subject = re.sub(r"\s*\([^()]*\)$", "", subject)  # "Translation proposal - product manuals (DE/FR/ES)"
    parts = re.split(r"\s+[-–—|]\s+|:\s+|\s+\(", subject)
    head = parts[0].strip()
    tail = parts[1].strip().rstrip(")") if len(parts) == 2 else ""
    if re.fullmatch(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", tail, re.I):
        tail, parts = "", parts[:1]  # "FleetPulse demo - Monday": the day is when, not who
    if (
        tail
        and not re.search(r"\d", tail)
        and re.fullmatch(r"[A-Z][\w.&'-]*(?:\s+(?:(?:of|and|the|de|&)\s+)?[A-Z][\w.&'-]*)*(?:\s+[a-z]{3,})?", tail)
    ):
        town = re.match(r"(?:Town|City|County|Port|Village|State|University|Department|Borough)\b", tail)
        the = "the " if (tail.split()[-1].islower() or town) and not tail.lower().startswith("the ") else ""
        head = f"{head} for {the}{tail}"  # "Infusion pump proposal - St. Brigid Medical Center"
    words = head.split()
    if (
        len(parts) > 2
        or not 2 <= len(words) <= 9
        or _NOT_AGENDA.match(head)
        or re.search(r"[!?]|\b(?:you|last week|yesterday|today)\b", head, re.I)
        or re.search(
            r"\b(?:is|are|was|were|ends|closes|expires|starts|opens|goes|moves|changes|rises)\b", head, re.I
        )  # a clause
        or not re.search(r"[a-z]{3}", head)
    ):
        return ""
    words[0] = words[0] if _proper(words[0], text) else words[0].lower()
    phrase = " ".join(words)
    noun = re.split(r"\s+(?:for|at|of|in|on|with|from)\s+", phrase)[0]
    if not re.match(r"(?:the|your|our|a|an|my)\b|\w+['’]s\s", phrase, re.I) and not noun.endswith("s"):
        phrase = f"the {phrase}"
    if _EVENT_NOUN.search(noun):
        return f"agree the next step after {phrase}"
    return f"go through {phrase}" if _DEAL_NOUN.search(noun) else f"talk about {phrase}"


def _proper(word: str, text: str) -> bool:
    """A name keeps its capital: mixed case ('PawChart'), an acronym, or capitalised mid-sentence in the draft."""
    if any(c.isupper() for c in word[1:]) or not word[:1].isupper():
        return True
    return bool(re.search(rf"(?<![\w'])[a-z][a-z']*\s+{re.escape(word)}\b", text))


# What the reader asked about: "You asked about lead times on sterile packs for Northgate Clinics."
_ASKED_ABOUT = re.compile(
    r"\byou (?:were )?(?:the one )?ask(?:ed|ing) (?:me )?about (?P<x>[^.,;!?]{4,70}?)(?=\s*[.,;!?]|\s+(?:at|during|when|on our)\b|$)",
    re.I,
)


# What the reader said they need: "You mentioned your team needs the IFUs in all 24 EU languages before ...".
_THEY_NEED = re.compile(
    r"\b(?:you (?:mentioned|said|told me)(?: that)?|and that) (?:your (?:team|company|plant|site|crew)|you|they)\s+"
    r"(?:need|needs|want|wants|"
    r"(?:are|were|was|is) (?:looking (?:at|for)|trying to decide between|deciding between|weighing))\s+"
    r"(?P<x>[^.;!?]{4,90}?)(?=\s+(?:before|by|so|because|since|and that)\b|\s*[.;!?]|$)",
    re.I,
)


def asked_about(own: str) -> str:
    """The thing the reader asked about or said they need, when the draft says so: a call's agenda (blind review)."""
    m = _ASKED_ABOUT.search(own)
    if m:
        return m.group("x").strip()
    m = _THEY_NEED.search(own)
    if m and "between" in m.group(0).lower():
        return f"the choice between {m.group('x').strip()}"  # "40% and 50% aluminized shade cloth"
    return m.group("x").strip() if m else ""


def fuller(subject: str, text: str) -> str:
    """A two-word subject left by the lead-in's removal ('Your renewal') takes the draft's own longer
    name for the same thing ('Your electricity supply renewal'), when the body has one of 3-6 words."""
    words = subject.split()
    if len(words) != 2 or words[0].lower() not in ("your", "the", "our"):
        return subject
    m = re.search(rf"\b{words[0]}\s+((?:[\w-]+\s+){{1,4}}){re.escape(words[1])}\b", text, re.I)
    return cap(f"{words[0]} {m.group(1)}{words[1]}") if m else subject
