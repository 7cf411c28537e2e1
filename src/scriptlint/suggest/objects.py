"""What a hollow sentence is about: strip the empty lead-in, keep the concrete object.

"Just following up on the quote I sent Tuesday for the 12 forklifts." is an empty lead-in
("Just following up on") around an object that carries the author's facts ("the quote I sent
Tuesday for the 12 forklifts"). A minimal edit rewrites the lead-in and keeps the object, with its
numbers, names, dates and places. Also here: the short form of a topic for second mentions, and
the facts (numbers, names, days) a text carries, so an edit can check that none went missing.

Plain regular expressions: the lead-ins are a small closed grammar (verb of contact + preposition),
and this runs on a handful of sentences per message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The verbs of empty contact, in their common inflections.
_CONTACT = (
    r"follow(?:ing|ed)?[ -]?up|check(?:ing|ed)?[ -]?in|touch(?:ing|ed)?[ -]base|circl(?:e|ing|ed)[ -]back|"
    r"reach(?:ing|ed)?[ -]out|bump(?:ing|ed)?|ping(?:ing|ed)?|reconnect(?:ing)?|pop(?:ping)?[ -](?:in|back)|"
    r"get(?:ting)? back to you|mak(?:e|ing) contact(?: again)?|keep(?:ing)? in touch|stay(?:ing)? in touch|"
    r"float(?:ing)?|resurfac(?:e|ing)|nudg(?:e|ing)|chas(?:e|ing)|introduc(?:e|ing) myself|present(?:ing)? myself|"
    r"say(?:ing)? (?:hi|hello)|s(?:wung|wing(?:ing)?) by|stop(?:ped|ping)? by|drop(?:ped|ping)? by|"
    r"check(?:ing)? (?:if|whether)"
)
_OPENER = (
    r"(?:(?:so|ok(?:ay)?|well|oh|and|also|hey|hi)[,!]?\s+)*"
    r"(?:(?:the (?:reason|purpose) (?:i'm|i’m|i am) (?:calling|writing|here)|the (?:reason|purpose) (?:for|of) my "
    r"(?:call|email|message|note|visit)) is (?:just |simply |only |really )*(?:to )?)?"
)
_SUBJECT = r"(?:(?:i|we)(?:'m|’m| am| are|'re|’re| was|'d|’d| would| just)?\s+)?"
_SOFT = r"(?:(?:just|simply|only|quickly|really)\s+)*"
_WANT = r"(?:(?:wanted|want|wanna|would like|'d like|’d like|like|thought i'd|thought i’d|thought i would|am)\s+(?:to\s+)?)?"
_CHANNEL = (
    r"(?:(?:calling|ringing|writing|e-?mailing|messaging|texting|reaching out|dropping you a (?:line|note)|"
    r"sending (?:you )?a (?:quick )?note|popping in|swinging by|swung by|stopping by|stopped by)\s+(?:(?:to|and|for)\s+)?)?"
)
_AGAIN = r"(?:\s+(?:you|u))?(?:\s+(?:again|one more time|once more|back))?(?:\s+with you)?(?:\s+(?:here|quickly))?"
_PREP = r"(?:on|about|regarding|re:?|with|over|in on|in about|for|to|ahead of)"
_GREET = r"(?:\s+(?:to|and)\s+(?:say (?:hi|hello)|introduce myself|present myself))?"
LEAD_IN = re.compile(
    rf"^(?:{_OPENER})?{_SUBJECT}{_SOFT}{_WANT}{_SOFT}{_CHANNEL}{_SOFT}(?:{_CONTACT})\b{_AGAIN}{_GREET}"
    rf"(?:\s+(?:and|to)\s+(?:see|check|ask|hear|find out|make sure)(?P<clause>\s+(?:how|where|if|whether|that|you))?)?\s*(?:{_PREP}\s+)?",
    re.I,
)
# Questions that ask for news about an object: "Any update on X?", "Did you get a chance to look at X?"
ASK_ABOUT = re.compile(
    r"^(?:(?:so|and|also|oh)[,]?\s+)?(?:(?:just\s+)?(?:checking|wondering|curious)\s+(?:if|whether)\s+there(?:'s| is)\s+)?"
    r"(?:any|anything)\s+(?:new\s+)?(?:update|updates|news|word|thoughts|feedback|movement|progress|luck)\s+"
    r"(?:on|about|regarding|re:?|from|with|for)\s+"
    r"|^(?:just\s+)?(?:calling\s+to\s+see\s+)?(?:did|have|had)\s+you\s+(?:get|got|had|have|been able|get a chance|had a chance)"
    r"(?:\s+a\s+chance|\s+time)?\s+to\s+(?:look\s+(?:at|over)|review|go\s+(?:over|through)|read|check(?:\s+out)?|see|think\s+about)\s*"
    r"|^(?:just\s+)?(?:calling|writing)\s+to\s+see\s+if\s+you\s+(?:had|got)\s+a\s+chance\s+to\s+"
    r"(?:look\s+(?:at|over)|review|go\s+(?:over|through)|read|check(?:\s+out)?|see|think\s+about)\s+"
    r"|^where\s+(?:are\s+we|do\s+we\s+stand|are\s+things|do\s+things\s+stand)\s+(?:on|with)\s+"
    r"|^(?:(?:i'm|i am|we're|we are)\s+)?still\s+waiting\s+to\s+hear\s+(?:back\s+)?(?:on|about|regarding)\s+"
    r"|^(?:i\s+)?(?:want|wanted|would like)\s+to\s+(?:ask|know)\s+(?:kindly\s+)?(?:if|whether)\s+there\s+(?:is|are)\s+"
    r"(?:some|any)\s+(?:news|update|updates|feedback)\s+(?:about|on|regarding|for)\s+",  # a non-native writer's status ask
    re.I,
)
# What trails an object without adding to it: "... and see if you have any questions", "yet", "below".
_TAIL = re.compile(
    r"(?:\s*,?\s+(?:and|to)\s+(?:see|check|ask|hear|find out|make sure|say)\b.*"
    r"|\s*,?\s+(?:yet|so far|at all|please|again|below|above|by any chance|for me|on your end|on your side)\b.*"
    r"|\s+(?:in |for )?(?:this|next|the coming) (?:year|season|quarter|month|spring|summer|autumn|fall|winter)\b.*"
    r"|\s*[.!?…]+\s*)$",
    re.I | re.S,
)
_NOT_AN_OBJECT = re.compile(
    r"^(?:(?:this|that|it|these|those)\b.*|the|a|an|the below|the above|my (?:last|previous|earlier) \w+|my \w+ below|"
    r"everything|things|you|how (?:you|things|everything)\b.*|where (?:you|things)\b.*|what you\b.*|if you\b.*|"
    r"whether you\b.*|you\b.*|(?:and|to|say|introduce|see|let|keep|stay|make|ask|hear|find|get|touch|check|be)\b.*|"
    r"(?:as|since|because|after|before|when|while|now that|once|until)\b.*|"
    r"(?:into|in|to the top of|on top of|back into) (?:your|the) inbox\b.*|(?:(?:on|at) )?your (?:end|side)|"
    r"(?:(?:our|the|my|your|this|that|last|yesterday's|today's)\s+)?(?:\w+\s+)?"
    r"(?:call|meeting|chat|conversation|demo|visit|talk|discussion|catch-up|visit)|what we discussed|"
    r"(?:next|this|last) (?:week|month|year|quarter)|later(?: in the \w+)?|soon|tomorrow|today|"
    r"in a (?:few|couple of) (?:days|weeks|months)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$",
    re.I | re.S,
)
# "if the Harbor View Hotel ever needs linen service" -> "linen service for the Harbor View Hotel"
_NEEDS = re.compile(
    r"^(?:(?:if|whether)\s+)?((?:the|your)\s+[\w'’ -]+?|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+(?:ever\s+|still\s+)?"
    r"(?:needs?|could use|uses?|is looking for|wants?|has a need for)\s+(.+)$",
    re.S,
)
# "if you have some needs for teacher trainings" -> "teacher trainings"
_YOU_NEED = re.compile(
    r"^(?:(?:if|whether)\s+)?you(?:'re| are)?\s+(?:have|need|are looking for|looking for|plan|want)\s+"
    r"(?:(?:some|any)\s+)?(?:needs?\s+(?:for|in)\s+|plans?\s+for\s+|help\s+with\s+)?(.+)$",
    re.I | re.S,
)
_MEETING_ABOUT = re.compile(
    r"^((?:our|the|my|your|last|yesterday's|today's)\s+(?:\w+\s+)?(?:call|meeting|chat|conversation|demo|visit|talk)"
    r"(?:\s+(?:last|on|this|yesterday)\b[^,]*?)?)\s+(?:about|on|regarding|re:?)\s+(.+)$",
    re.I | re.S,
)
_TRAILING_CLAUSE = re.compile(
    r"\s*(?:,|;|\s[–—-])\s+(?=(?:i|we|you|so|and i|but|haven't|have not|not heard|no word|no reply|still no)\b)", re.I
)
# "how the new label printers are working out" -> "the new label printers"
_HOW_SUBJECT = re.compile(
    r"^(?:how|whether|if)\s+((?:the|your|our)\s+.+?)\s+(?:is|are|'s|’s|has been|have been)\s+"
    r"(?:working out|going|getting on|doing|settling in|coming along|performing|running)\b",
    re.I | re.S,
)
# "since I didn't hear from you on Friday": the author's reason, kept as a plain sentence.
_REASON = re.compile(r"^(?:since|because|as|now that)\s+((?:i|we|you|they|it)\b.+)$", re.I | re.S)
_TOUCH = r"(?:e-?mails?|messages?|notes?|texts?|voicemails?|calls?|inmails?|mails?)"
# "my last few messages about X", "my voicemails and email about X", "my emails from last week about X" -> X
_MY_TOUCHES = re.compile(
    rf"^(?:my|our)\s+(?:(?:last|previous|earlier|few|two|three|couple of)\s+)*{_TOUCH}(?:\s+and\s+{_TOUCH})?"
    rf"(?:\s+from\s+[\w ]+?)?\s+(?:about|on|regarding|re:?|for)\s+",
    re.I,
)
_CLAUSE_START = re.compile(r"^(?:if|whether|how|what|where|when|why|who)\b", re.I)
_HOW_WITH = re.compile(
    r"^(?:how|where)\b.*?\b(?:with|at|on|over at)\s+(.+?)(?:\s+(?:is|are|'s|’s)\s+(?:doing|going|getting on|coming along)\b.*)?$",
    re.I,
)
# An independent clause after the lead-in ("..., I handle trucking fleets in the Tri-County area") is kept.
_OWN_CLAUSE = re.compile(r"^[,;:–—-]\s*(?:and\s+)?((?:i|we|our|my|it's|it is)\b.+)$", re.I | re.S)
DETERMINERS = ("the", "your", "our", "my", "this", "that", "a", "an", "their", "his", "her")
_STOP_HEAD = {
    "for", "at", "on", "in", "across", "with", "about", "to", "from", "of", "i", "we", "you", "that", "which",
    "last", "this", "next", "below", "above", "sent", "we've", "i've",
}  # fmt: skip


@dataclass(frozen=True)
class Lead:
    """A hollow sentence split into its empty lead-in and the object it names ('' when none)."""

    lead: str
    object: str
    # An independent clause of the author's after the lead-in, kept as its own sentence.
    keep: str = ""
    # The meeting the object was discussed in ("our meeting last Thursday" about the warehouse temps).
    meeting: str = ""

    @property
    def has_object(self) -> bool:
        return bool(self.object)


def split_lead(sentence: str) -> Lead | None:
    """The empty lead-in and the object of a hollow sentence, or None when it does not open with one.

    >>> split_lead("Just following up on quote Q-2291 for the 40 racking bays.").object
    'quote Q-2291 for the 40 racking bays'
    """
    text = sentence.strip()
    m = ASK_ABOUT.match(text) or LEAD_IN.match(text)
    if not m or not m.group(0).strip():
        return None
    rest = text[m.end() :]
    after_emoji = re.match(r"^[^\w\s'’\"$€£]+\s*([A-Z].+)$", rest.strip(), re.S)
    if after_emoji:
        return Lead(text[: m.end()].strip(), "", after_emoji.group(1).strip())
    needs = _NEEDS.match(rest.strip())
    if needs and m.groupdict().get("clause"):
        return Lead(text[: m.end()].strip(), f"{clean_object(needs.group(2))} for {needs.group(1)}")
    you_need = _YOU_NEED.match(rest.strip())
    if you_need and m.groupdict().get("clause") and not re.match(r"(?:any|anything|something)\b", you_need.group(1)):
        return Lead(text[: m.end()].strip(), clean_object(you_need.group(1)))
    split = _TRAILING_CLAUSE.search(rest)
    if split and not m.groupdict().get("clause"):
        # "the spring order, I haven't heard back so...": the object ends where a new clause starts.
        clause = rest[split.end() :].strip()
        lead = Lead(text[: m.end()].strip(), clean_object(rest[: split.start()]))
        if facts(clause):
            return Lead(lead.lead, lead.object, clause[0].upper() + clause[1:])
        return lead
    reason = _REASON.match(rest.strip())
    if reason and facts(reason.group(1)):
        clause = _TAIL.sub("", reason.group(1).strip()).strip()
        return Lead(text[: m.end()].strip(), "", clause[0].upper() + clause[1:] + ".")
    own = _OWN_CLAUSE.match(rest.strip())
    if own:
        clause = own.group(1).strip()
        return Lead(text[: m.end()].strip(), "", clause[0].upper() + clause[1:])
    about = _MEETING_ABOUT.match(rest.strip())
    if about:
        return Lead(text[: m.end()].strip(), clean_object(about.group(2)), meeting=about.group(1))
    if m.groupdict().get("clause"):
        # "to see where things stand", "to see how it's going with Trackwise": a clause, not an object.
        subject = _HOW_SUBJECT.match("how " + rest.strip())
        if subject:
            return Lead(text[: m.end()].strip(), clean_object(subject.group(1)))
        how = _HOW_WITH.match("how " + rest.strip()) or re.match(
            r"^how .*?\b(?:good|set|ok|okay|covered|fine) (?:on|with|for) (.+)$", "how " + rest.strip(), re.I
        )
        rest = how.group(1) if how else ""
    return Lead(text[: m.end()].strip(), clean_object(rest))


def clean_object(rest: str) -> str:
    """The object without trailing filler; '' when what is left is a pronoun or an empty clause."""
    obj = _MY_TOUCHES.sub("", rest.strip())
    # "(any word from) your PM on the 40-ton crawler": the person asked goes, the thing asked about stays
    obj = re.sub(
        r"^(?:your|the)\s+(?:PM|boss|team|manager|GM|CFO|CEO|owner|engineer)\s+(?:on|about|regarding)\s+", "", obj
    )
    for _ in range(3):
        trimmed = _TAIL.sub("", obj).strip()
        if trimmed == obj:
            break
        obj = trimmed
    obj = obj.rstrip(" ,;:–—-")
    how = _HOW_WITH.match(obj)
    if how:
        obj = how.group(1).strip()  # "how everything's going with Trackwise" -> "Trackwise"
    if not obj or _NOT_AN_OBJECT.match(obj) or _CLAUSE_START.match(obj) or len(obj.split()) > 22:
        return ""
    return obj


def short_form(topic: str) -> str:
    """A topic's second mention: determiner + head noun ('the $36,500 proposal for the Fieldpoint
    rollout' -> 'the proposal'; 'quote Q-2291 I sent Monday' -> 'the quote'). The head is the last
    word before the first preposition or relative clause; a topic of three words or fewer is kept."""
    words = topic.split()
    if len(words) <= 3 and not any(w.lower() in _STOP_HEAD for w in words[1:]):
        return topic
    det = words[0].lower() if words[0].lower() in DETERMINERS and words[0].lower() not in ("a", "an") else "the"
    body = words[1:] if words[0].lower() in DETERMINERS else words
    head_words = []
    for w in body:
        if w.lower() in _STOP_HEAD or (head_words and re.match(r"^[A-Z]\w*-?\d", w)):
            break
        head_words.append(w)
    if words[0].lower() not in DETERMINERS and 0 < len(head_words) <= 3 and not any(c.isdigit() for c in topic):
        return " ".join(head_words)  # "window cleaning for the Greenway Hotel" -> "window cleaning"
    candidates = [w for w in head_words if re.fullmatch(r"[a-z][a-z-]*", w)]
    if not candidates:
        return topic if len(words) <= 4 else f"{det} {body[0]}" if body else topic
    return f"{det} {candidates[-1]}"


# --- facts: what an edit must not lose ---------------------------------------------------------------

_FACT = re.compile(
    r"[$€£]?\d[\d,.:/%x-]*(?:\s?(?:am|pm|%))?"  # numbers, money, times, dates, percentages
    r"|\b[A-Z]{1,5}-?\d[\w-]*"  # codes: Q-2291, RQ-7734, FX-200
    r"|(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w'’-]*",  # capitalised words inside a sentence: names, places, products
    re.M,
)
_NOT_FACTS = {
    "I", "I'm", "I’m", "I'll", "I've", "I'd", "Just", "Hi", "Hey", "Hello", "Dear", "Thanks", "Thank", "Any",
    "Let", "Please", "Sorry", "Hope", "No", "Ok", "Okay", "Oh", "So", "Re", "Would", "Did", "Do", "Are", "Is",
}  # fmt: skip


def facts(text: str) -> set[str]:
    """Numbers, codes and capitalised words inside sentences: what a rewrite must carry over."""
    out = set()
    for m in _FACT.finditer(text):
        word = m.group(0).strip().rstrip(".,")
        start = m.start()
        before = text[:start].rstrip()
        if not word or word in _NOT_FACTS:
            continue
        greeted = re.search(r"\b(?:hi|hey|hello|dear|morning)$", before, re.I)
        sentence_start = not before or before[-1] in ".!?:\n–—-" or before.endswith(",") and len(before) < 40
        if word[0].isupper() and (sentence_start or greeted):
            continue  # a sentence start, or a greeting's name ("Hi Dana, ...") which layout keeps anyway
        out.add(word.rstrip("'’s") if word.endswith(("'s", "’s")) else word)
    return out


def lost_facts(removed: str, new_text: str) -> set[str]:
    """Facts of `removed` that `new_text` no longer carries (when the author's own earlier message went out, 'my
    voicemail from last Tuesday', is no fact the reader needs again)."""
    sent = r"\b(?:voicemail|message|e-?mail|note)\s+(?:from|on)\s+last\s+"
    return {f for f in facts(removed) if f not in new_text and not re.search(rf"{sent}{re.escape(f)}\b", removed)}


def real_object(obj: str) -> bool:
    """A thing the message is about ('the curtain wall glazing quote'), not the author's own note."""
    return (
        bool(re.search(r"[A-Za-z]{3}", obj))
        and not re.match(
            r"(?:my|our(?!\s+(?:\w+\s+)?(?:offer|quote|quotation|proposal|bid|estimate)\b)|everything|anything|things|"
            r"stuff|it|this|that|all|everyone|everybody|anyone|anybody|someone)\b|,",
            obj.strip(),
            re.I,
        )  # "our offer No. BT-1107" is a thing; "our call" is the author's own contact
        and not re.search(
            r"\b(?:owners?|partners|folks|board|committee|leadership|management|people)$", obj.strip(), re.I
        )
        and "," not in re.sub(r"\([^()]*\)", "", obj)  # "(Q#5520, $14,250)" is part of the object
        and (len(obj.split()) >= 2 or bool(facts(obj)))  # "procurement" alone is whom they wait on, not a topic
        and not re.search(r"\bteam\b|^(?-i:[A-Z])[a-z]+(?: and |$)", obj.strip())  # people: "Priya and the team"
        and not _NOT_NOUN_PHRASE.match(obj.strip())  # "from the show", "we're on the same page"
        and not re.search(r"\b(?:your|my|our) (?:end|side)\b|\bsince (?:last|we|our)\b", obj, re.I)
    )


_NOT_NOUN_PHRASE = re.compile(
    r"(?:from|with|to|on|at|in|for|about|regarding|re|if|whether|that|how|what|when|we|you|i|they|he|she|it|"
    r"ahead|before|after|since|during|over|around)\b|"
    r"\w+(?:'re|'s|'ll|'ve|’re|’s)\b",
    re.I,
)


def fold_name(text: str, end: int, names: set[str]) -> tuple[int, str] | None:
    """'Just wanted to put Cradlewell on your radar. We run backup childcare ...' -> 'At Cradlewell, we run
    backup childcare ...': the hollow line goes, the one name it alone carried opens the next sentence
    (blind review t02: a flagged line kept for its name). Returns the end of the span to replace and
    its new words; None when the next sentence does not open with 'We'."""
    if len(names) != 1:
        return None
    name = next(iter(names))
    nxt = re.match(r"[ \t]+We\b", text[end:])
    if nxt is None or not re.fullmatch(r"[A-Z][\w&'-]*(?:\s[A-Z][\w&'-]*){0,2}", name):
        return None
    return end + nxt.end(), f"At {name}, we"


_STATUS = re.compile(
    r"^(?:i\s+)?(?:just\s+)?(?:wanted|want)\s+to\s+(?:see|check|ask|find out)\s+(?:where|how)\s+(?:things|it|everything)\s+"
    r"(?:landed|stands?|is|are)\b",
    re.I,
)
_OFFER = re.compile(
    r"^(?:please\s+)?(?:let me know if|feel free|happy to help|don't hesitate|if there's anything)", re.I
)


_HAD_A_CHANCE = re.compile(r"\b(?:had|got|get) a chance\b", re.I)


def names_only(sentence: str) -> list[str] | None:
    """The names a status question or a standing offer carries, when that is all it carries
    ("Wanted to see where things landed with Denise?"); None for any other sentence."""
    s = sentence.strip()
    if not (_STATUS.match(s) or _OFFER.match(s) or _HAD_A_CHANCE.search(s)):
        return None
    found = sorted(facts(s))
    if any(not re.fullmatch(r"[A-Z][a-z]+", f) for f in found):
        return None
    return found


# A question that asks nothing the reader can act on: 'Any thoughts?', 'Is this still a priority?'.
EMPTY_QUESTION = re.compile(
    r"^(?:(?:so,?\s+)?any\s+(?:(?:other|initial|further|more|early|first)\s+)?(?:thoughts|updates?|news|feedback|questions|word)(?:\s+(?:on your end|from \w+|so far|yet|on (?:this|that|it)|at all))*|"
    r"thoughts(?:\s+so far)?|make sense|sound good|"
    r"(?:is|are) (?:this|the|your|our) (?:\w+ )?(?:still )?(?:moving forward|happening|a priority|on (?:your|the) radar|going ahead)"
    r"(?: for (?:you|your team|you and your team))?|"
    r"(?:are you )?still interested(?: in (?:moving forward|going ahead|this|working together)(?: with (?:us|this|it))?)?|do you need anything (?:else )?from (?:me|us)|"
    r"(?:is there )?anything (?:else )?(?:i can|we can) (?:help|do)(?: you)?(?: with| for you)?(?: in the meantime| right now| today)?|"
    r"does (?:that|this) (?:make sense|sound good|work(?: for you)?)|"
    r"(?:please\s+)?(?:can|could) you (?:please\s+)?(?:inform|update|tell|advise) (?:me|us) (?:about|on|of) the (?:status|progress))"
    r"\s*\?*$",
    re.I,
)


# "..., I think?" only hedges a statement; it asks the reader nothing.
HEDGED_QUESTION = re.compile(r",\s*(?:I think|right|no)\?$")


# "I left you a message last Tuesday.": the author's own unanswered touch, told again.
LEFT_WORD = re.compile(
    r"^(?:I|we)\s+(?:left|sent)\s+you\s+an?\s+(?:message|voicemail|e-?mail|note|text)\b[^,;]*[.!]?$", re.I
)
BUSY_HEDGE = re.compile(
    r"^(?:I|we)\s+(?:know|understand|reali[sz]e)\s+[^.?!]{0,60}?\b(?:is|are|gets?|can be)\s+(?:a\s+)?"
    r"(?:crazy|hectic|busy|nuts|swamped|slammed)\b|\b(?:is|are|gets?) (?:crazy|hectic|nuts)\b|\b(?:swamped|slammed)\b",
    re.I,
)


# "see if you got my voicemail from last Tuesday about your lift station pumps": what the earlier message was about.
GOT_MY = re.compile(
    r"\b(?:got|get|saw|see|received|heard) my (?:voicemail|e-?mail|message|note)\b[^.?!]*?\babout\s+"
    r"(?P<obj>(?:your|the|our)\s[^.,;!?]+?)\s*[?.!]*$",
    re.I,
)
