"""What a proposed call is about, read from the draft itself, or the one question that fits better.

A call with no agenda gives the reader no reason to take it (blind reviews, issue 11). The agenda
comes from the draft's subject, what is new on the author's side, what the reader said they need,
a trigger the author noticed, or what the author does; after a demo the better ask is who else
decides (004), and after a site visit the author owes the findings by a day (002).
"""

from __future__ import annotations

import re

from scriptlint.suggest.minimal import Draft
from scriptlint.suggest.subjects import agenda, asked_about, news, offering, past_work, trigger, visited
from scriptlint.suggest.tactics import catalogue


def own_agenda(d: Draft, when: str) -> tuple[str, str]:
    """A call's agenda from the draft itself (its subject, news, what the reader needs, a trigger, the place
    visited, what the author does), or instead the one question that fits better: who else decides after
    a demo (004), what the author will send after walking the site, by a day (002)."""
    own_text = d.text[: d.layout.closing]
    what = news(own_text) or asked_about(own_text) or trigger(own_text)
    place = visited(own_text)
    purpose = agenda(d.text) or (f"talk about {what}" if what else "")
    if not purpose and place:  # the visit's findings are the author's to send (blind review u04: no deliverable)
        return "", f"I'll send you {catalogue().compose['visit_findings']} for {place} by {when}."
    after = re.match(r"agree the next step after (?:the\s+)?(?P<x>.*?)\s*(?:demo|presentation|walkthrough)$", purpose)
    if after and d.reading.situations.get("existing-account", 0.0) < 0.8:
        x = after.group("x").strip()
        name = re.fullmatch(r"(?-i:[A-Z])[\w&-]*(?:\s(?-i:[A-Z])[\w&-]*)*", x) and not x.endswith("'s")
        return "", f"Who besides you will weigh in on {x if name else 'this'}, and what would they need to see next?"
    done = past_work(own_text)
    if not purpose and done and d.reading.channel != "call-script":
        return f"talk about what could follow {done}", ""  # a former client: the next piece of work (005)
    what = "" if purpose else offering(own_text)
    return purpose or (f"talk about {what}" if what else ""), ""
