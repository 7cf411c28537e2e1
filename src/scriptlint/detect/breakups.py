"""Break-ups that say what happens next: "I'll close your file", "This is my last note", "Last ping from me!".

LABELS.md R3 counts a respectful break-up that says what happens next as purposeful: the reader learns
that the contact ends (or when it will). The classifier, trained mostly on nudges, often reads such a
line as one more nudge because it shares their words ("follow-up", "reach out", "close the loop"), so
the hybrid reads these lines with this rule instead. A question ("Should I close your file?") asks the
reader to decide and announces nothing, and a subject line is judged as a subject: neither is one.

Checked on the corpus's train and dev parts before use: 60 of the 63 lines it matches are labelled
purposeful there (the other three are bare "Final follow-up from me!" lines).
"""

from __future__ import annotations

import re

_ENDS = re.compile(
    r"\b(?:"
    # I'll close the file / close out my follow-up / close the loop on my end / archive the quote
    r"(?:i'll|i will|i'm going to|i am going to|gonna|we'll|will)\s+(?:now\s+|just\s+|go ahead and\s+)?"
    r"(?:close|shut|archive)\s+(?:out\s+)?(?:the|this|my|your|our|it)\b"
    # I'll stop reaching out / stop filling your inbox
    r"|(?:i'll|i will|i'm going to|i am going to|we'll|will)\s+(?:now\s+)?(?:stop|quit)\s+"
    r"(?:reaching out|emailing|writing|following up|texting|calling|filling|nudging|chasing|contacting)"
    # I won't bother you again / you'll no longer be hearing from me
    r"|(?:won't|will not)\s+(?:email|write|text|call|contact|follow up|reach out|bother)"
    r"|(?:no longer|not) (?:be )?hearing from (?:me|us)"
    # this is my last note / this will be our final email
    r"|(?:this is|this will be|this'll be|it's|here's)\s+(?:my|our|the)\s+(?:very\s+)?(?:last|final)\s+"
    r"(?:email|note|message|follow-?up|ping|nudge|text|outreach|reach-?out|one)"
    # last note from me / final one from us
    r"|(?:^|[\s\u2014\u2013-])(?:last|final)\s+(?:email|note|message|follow-?up|ping|nudge|text|outreach|one)"
    r"\s+from\s+(?:me|us)"
    # a line that opens with it: "Last note [Name] - ...", "Final email - I'll keep it short."
    r"|^\W*(?:last|final)\s+(?:email|note|message|follow-?up|ping|nudge|text|outreach)\b"
    r"|take (?:you|your \w+) off (?:my|our) (?:list|follow-?up list)"
    r")",
    re.I,
)
_SUBJECT = re.compile(r"\s*subject\s*:", re.I)


def announces_end(unit: str) -> bool:
    """Does this unit tell the reader the contact ends (R3 break-up), rather than ask them to decide?"""
    text = unit.replace("\u2019", "'")
    if _SUBJECT.match(text) or text.rstrip().endswith("?"):
        return False
    return bool(_ENDS.search(text))
