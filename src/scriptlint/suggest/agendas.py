"""What a proposed call is about, read from the draft itself, or the one question that fits better.

A call with no agenda gives the reader no reason to take it (blind reviews, issue 11). The agenda
comes from the draft's subject, what is new on the author's side, what the reader said they need,
a trigger the author noticed, or what the author does; after a demo the better ask is who else
decides (004), and after a site visit the author owes the findings by a day (002).
"""

from __future__ import annotations

import re

from scriptlint.detect.dates import MONTH
from scriptlint.suggest.history import declined
from scriptlint.suggest.minimal import Draft
from scriptlint.suggest.subjects import agenda, asked_about, news, offering, past_work, trigger, visited
from scriptlint.suggest.tactics import catalogue

# The agenda a subject gives when it names a meeting: "agree the next step after the SkyLedger demo for Harrowgate".
_AFTER = re.compile(
    r"agree the next step after (?:the\s+)?(?P<x>.*?)\s*(?P<kind>demo|presentation|walk-?through|site visit|visit|tour|"
    r"assessment|audit)(?:\s+(?:for|at|of)\s+(?P<place>.+))?$",
    re.I,
)


def own_agenda(d: Draft, when: str) -> tuple[str, str]:
    """A call's agenda from the draft itself (its subject, news, what the reader needs, a trigger, the place
    visited, what the author does), or instead the one question that fits better: who else decides after
    a demo (004), what the author will send after walking the site, by a day (002)."""
    own_text = d.text[: d.layout.closing]
    what = news(own_text) or asked_about(own_text) or trigger(own_text)
    place = visited(own_text)
    purpose = agenda(d.text) or (f"talk about {what}" if what else "")
    if not purpose and place:  # the visit's findings are the author's to send (blind review u04: no deliverable)
        return "", _send_after_visit(own_text, place, when)
    after = _AFTER.match(purpose)
    if after and after.group("kind").lower() not in ("demo", "presentation"):  # "walk-through at the Fontanella plant"
        return "", _send_after_visit(own_text, after.group("place") or "the site", when)
    customer = d.reading.situations.get("existing-account", 0.0) >= 0.8  # a customer is not asked who decides
    if after and not customer:
        x = after.group("x").strip()
        name = re.fullmatch(r"(?-i:[A-Z])[\w&-]*(?:\s(?-i:[A-Z])[\w&-]*)*", x) and not x.endswith("'s")
        return "", f"Who besides you will weigh in on {x if name else 'this'}, and what would they need to see next?"
    demo = re.search(r"\b(?:the|yesterday's|today's|\w+day's|our|your) demo\b", own_text, re.I)
    if not purpose and demo and not customer and not declined(d.text):
        return "", "Who besides you will weigh in on this, and what would they need to see next?"  # 004, after a demo
    done = past_work(own_text)
    if not purpose and done and d.reading.channel != "call-script":
        return f"talk about what could follow {done}", ""  # a former client: the next piece of work (005)
    what = "" if purpose else offering(own_text)
    return purpose or (f"talk about {what}" if what else ""), ""


def _send_after_visit(own: str, place: str, when: str) -> str:
    """After a visit the author owes the next document: the findings when the draft has none, else (its
    numbers already told) a written proposal (blind reviews s04, w04: a recap of findings, then a dated step)."""
    own = re.sub(r"(?im)^(?:date|from|to|cc|subject|sent):.*$", "", own)  # headers are no findings
    undated = re.sub(r"\b" + MONTH + r"\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)\b", "", own, flags=re.I)
    thing = "a written proposal" if re.search(r"\d", undated) else catalogue().compose["visit_findings"]
    return f"I'll send you {thing} for {place} by {when}."
