"""Questions about the reader's own situation, and lines that only announce a question.

A discovery or qualifying question ("How do you handle returns across the three warehouses today?",
"Is {{pain_point}} something you're dealing with at {{company}}?") asks about the reader's business,
not about the writer's last message: LABELS.md R3 counts a specific question that advances the work as
purposeful. The classifier, whose nudges are mostly questions too, often reads them as one more "any
update?". This rule reads them instead, and it stays narrow: no status, reply, meeting or interest word
("still", "update", "thoughts", "chance", "call", "interested", "worth", ...), no offer ("anything I
can do", "any questions on ...?"), no "where are you in the process?", and a verb about how they work (using, dealing with, planning, handling, tracking...).
Checked on the corpus's train and dev parts before use: its 56 matches there are all labelled purposeful.

A line such as "Subject: Quick question about timing" names what the message is about: a topic line,
neutral like a heading (R5), not an ask.
"""

from __future__ import annotations

import re

_THEIR = re.compile(r"\b(?:you|your|you're|you've|yours|they|the team)\b", re.I)
_HOW_THEY_WORK = re.compile(
    r"\b(?:using|use|dealing with|looking to|working on|thinking about|hoping|planning|handl(?:e|ing)|managing|"
    r"collaborating|starting|reviewed|allocated|focused on|wish (?:it|they|you)|rank|fall|budget|measur(?:e|ing)|"
    r"track(?:ing)?|solv(?:e|ing)|struggl(?:e|ing)|run(?:ning)?|process|currently|in place|decision[- ]makers?|involved)\b",
    re.I,
)
_STATUS = re.compile(
    r"\b(?:updates?|thoughts?|chance|latest|still|hear|heard|news|get back|respond|reply|proposal|quote|email|"
    r"message|note|interested|open to|time for|minutes?|call|chat|meeting|demo|connect|catch up|available|free|"
    r"works? for you|suit|sense|worth)\b",
    re.I,
)
_OFFER_OR_CHASE = re.compile(
    r"\b(?:anything|something) (?:i|we) can\b|\bdo for you\b|\bfrom me\b|\bmanage to\b|\bhow (?:are|was) (?:you|your)\b(?! \w+ing)"
    r"|\bany (?:other )?questions?\b|\bwhere (?:are|is) (?:you|your|things|it)\b",
    re.I,
)
_TOPIC_LINE = re.compile(
    r"^\s*(?:subject:\s*)?(?:re:\s*)?(?:a\s+)?quick\s+(?:question|thought|idea)s?\s+(?:about|on|for|re|regarding)\b[^?]*$",
    re.I,
)


def asks_about_their_situation(unit: str) -> bool:
    """A discovery or qualifying question about how the reader works (R3), not a status or meeting ask."""
    text = unit.strip().replace("\u2019", "'")
    if not text.endswith("?") or len(text.split()) > 25 or not _THEIR.search(text):
        return False
    if _OFFER_OR_CHASE.search(text) or _STATUS.search(text):
        return False
    return bool(_HOW_THEY_WORK.search(text))


def names_a_topic(unit: str) -> bool:
    """ "Quick question about <topic>" as a subject or heading: it announces a question, it asks nothing."""
    return bool(_TOPIC_LINE.match(unit.replace("\u2019", "'")))
