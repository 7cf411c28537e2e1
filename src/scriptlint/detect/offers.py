"""Conditional standing offers: "If [problem] becomes urgent, ping me.", "And if you have questions, I'm easy to reach."

LABELS.md R1 counts standing offers ("let me know if anything changes", "feel free to reach out anytime") as
purposeless. Written as a condition followed by availability, they often carry words that look like content
("If improving developer velocity is a priority this year, I'd love to show you how."), and the classifier
then reads them as purposeful. This rule reads them instead: an "if / should / whenever" clause, then an
offer of availability (happy to, I'm here, feel free, let me know, reply, ping me, call), with nothing
concrete: no figure, day, attachment, named choice ("who / which / why"), ending ("stop", "off my list")
or deliverable ("send", "quote", "contract", "review", "referral"). A question is not one.
Checked on the corpus's train and dev parts before use: 17 of its 18 matches there are labelled purposeless.
"""

from __future__ import annotations

import re

_CONDITION_THEN_OFFER = re.compile(
    r"^\W*(?:and |but |or )?(?:if|should|whenever|when)\b.{3,160}?(?:,|\u2014|\u2013| - )\s*(?:just |then |please )?"
    r"(?:i'm|i am|i'd be|i'll be|i'd love|we'd love|we're|we'd be|happy|glad|feel free|let me know|let us know|reply|"
    r"ping|call|give me|"
    r"reach out|drop me|shoot me|you know where)",
    re.I,
)
_CONCRETE = re.compile(
    r"\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|attached|enclosed|who|which|"
    r"why|what made|chose|choose|went with|picked|another|someone else|stop|off my list|remind\w*|send|sending|quote|"
    r"paperwork|contract|invoice|review|feedback|referral|introduce|intro)\b",
    re.I,
)

STANDING_OFFER = {"neutral": 0.05, "purposeful": 0.05, "purposeless": 0.9}
"""The scores of a conditional standing offer (`conditional_offer`)."""
REASON = "a conditional standing offer with nothing concrete in it (LABELS.md R1)"


def conditional_offer(unit: str) -> bool:
    """ "If X, I'm happy to / I'm here / let me know": an offer of availability, nothing the reader can act on."""
    text = unit.strip().replace("\u2019", "'")
    if text.endswith("?") or _CONCRETE.search(text):
        return False
    return bool(_CONDITION_THEN_OFFER.search(text))
