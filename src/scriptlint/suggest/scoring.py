"""Scoring tactics for a message: the rule's own order, the situation's weights, and the gates no
score overrides; rendering a tactic's templates with the slots the message gives.

Detection never imports this stage; it works on the Reading of the message (plain data).
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Iterable

from scriptlint.detect.checks import gaps
from scriptlint.detect.dates import propose
from scriptlint.detect.reading import PUSH_AFTER, Reading, read
from scriptlint.suggest.tactics import Tactic, catalogue, render

MAX_SUGGESTIONS = 3
RULE_PRIOR = (0.5, 0.4, 0.3, 0.2)
"""Score for a rule's 1st, 2nd, ... tactic; the situation fit (0-1 per situation) is added to it,
so a clear situation can outrank the rule's default order but a faint one cannot."""
REPEAT_PENALTY = 0.3
"""Taken off a tactic already used as another finding's top suggestion: one message, varied advice."""
NEEDS_PENALTY = 0.3
DEFAULT_TACTICS = ("state-purpose", "share-insight", "become-resource")
"""For findings whose rule names no tactics (or is unknown to this version)."""


# --- ranking and rendering ------------------------------------------------------------------------


def rank(
    rule_tactics: Iterable[str],
    situations: dict[str, float],
    used_top: Iterable[str] = (),
    *,
    only_rule: bool = False,
    every: bool = False,
    known_slots: Iterable[str] | None = None,
) -> list[tuple[str, float]]:
    """Tactic ids with scores, best first: rule order prior + situation fit - repeat penalty.

    The fit is the strength-weighted mean of the tactic's situation weights (0-1), so a message
    that mixes several situations does not drown the rule's own order. `only_rule` keeps to the
    rule's tactics (message checks: the gap decides what kind of sentence is missing); `every`
    ranks the whole catalogue (when the fitting templates are all taken). With `known_slots`, a
    tactic whose `needs` are all unknown loses NEEDS_PENALTY (no agreed date: don't 'hold' it)."""
    tactics = catalogue().tactics
    prior = {
        t: RULE_PRIOR[min(i, len(RULE_PRIOR) - 1)] for i, t in enumerate(dict.fromkeys(rule_tactics)) if t in tactics
    }
    used = set(used_top)
    total = max(1.0, sum(situations.values()))
    scores: dict[str, float] = {}
    for tid, tactic in tactics.items():
        if tactic.deletes:
            continue  # `cut` is the composer's call, never a ranked alternative
        fit = sum(strength * tactic.situations.get(name, 0.0) for name, strength in situations.items()) / total
        if tid not in prior and not every and (fit <= 0 or only_rule):
            continue
        penalty = REPEAT_PENALTY if tid in used else 0.0
        if known_slots is not None and tactic.needs and not set(tactic.needs) & set(known_slots):
            penalty += NEEDS_PENALTY
        scores[tid] = round(prior.get(tid, 0.0) + fit - penalty, 4)
    order = list(tactics)
    return sorted(scores.items(), key=lambda kv: (-kv[1], order.index(kv[0])))


def slot_values(reading: Reading, own_text: str = "") -> dict[str, str]:
    """The slots a template can use: the author's own words first, then the quoted thread; the day
    to propose is resolved against the day the message was written when that is known."""
    values = {**reading.thread_slots, **reading.slots}
    values.pop("_passed", None)
    if reading.is_call or reading.channel in ("voicemail", "call-script"):
        values.setdefault("contact_verb", "calling")
        values.setdefault("contact_noun", "call")
    day = propose(reading.today)
    if day is not None and re.search(rf"\b{day}\b", " ".join([own_text, *reading.slots.values()])):
        day = propose(reading.today, long=True)  # "Wednesday 4 March has passed ... on Wednesday?" misleads
    mentioned = reading.slots.get("weekday")
    if day is not None and (mentioned is None or mentioned == reading.slots.get("agreed_date")):
        values["weekday"] = day
    elif mentioned is None:
        values.pop("weekday", None)
    return values


_LIVE_DEAL = re.compile(
    r"\b(proposals?|quotes?|quotation|bids?|estimates?|tender|trial|pilot|evaluation|demo|contract|offer|sow|"
    r"order form|purchase order|po)\b",
    re.I,
)


@lru_cache(maxsize=8)
def _has_live_deal(own_text: str) -> bool:
    """Cached per text: the gate is asked for every tactic of every finding of one message."""
    return bool(_LIVE_DEAL.search(own_text))


def allowed(tid: str, reading: Reading, values: dict[str, str], own_text: str = "") -> bool:
    """Situation gates no score can override (issue 11): the push only after three or more unanswered
    touches; the real reason only after a no; mapping the decision only with a live deal, never for
    an existing customer or after a no; holding a timeline only with an agreed date that has not been
    shown to lie ahead; a recap only after a meeting; no shared-problem chat with a former client.
    `cut` is never ranked: the composer chooses it when the message is complete without the line."""
    tactic = catalogue().tactics[tid]
    situations = reading.situations
    if tactic.deletes or any(n not in values for n in tactic.needs):
        return False
    if tid == "the-push":
        return reading.nudges >= PUSH_AFTER
    if tid == "real-reason":  # a former client's "reconnect" reads as a weak no: it needs a clear one
        strong = situations.get("after-no", 0.0) >= (0.8 if "former-client" in situations else 0.0)
        return "after-no" in situations and strong
    if tid == "map-decision":
        live = situations.get("proposal-silence", 0.0) >= 1.0 or _has_live_deal(own_text)
        customer = situations.get("existing-account", 0.0) >= 1.0
        return live and not customer and not ({"after-no", "former-client"} & set(situations))
    if tid == "agreed-timeline":
        return reading.agreed_passed is not False
    if tid == "common-challenge":
        return "former-client" not in situations
    return True


def _unknown_slots(template: str, values: dict[str, str]) -> int:
    """Placeholders the template would show for this message (natural defaults such as 'writing' don't count)."""
    defaults = catalogue().defaults
    return sum(
        1
        for _, f, _, _ in string.Formatter().parse(template)
        if f and f not in values and defaults.get(f, "[").startswith("[")
    )


def _uses(template: str, slots: Iterable[str]) -> int:
    names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return len(names & set(slots))


GAP_PROBE = {
    "first_name": "Dana",
    "company": "Acme",
    "topic": "the pilot",
    "last_meeting": "our call",
    "agreed_date": "the 14th",
    "weekday": "Thursday",
}
"""Sample slot values for judging whether a template, once filled, fills a message check's gap."""


@lru_cache(maxsize=None)
def fills_gap(code: str, template: str) -> bool:
    """Would this template, its slots filled, pass the message check `code` (SL951-SL953) on its own?

    Judged with the same cue lists as the check itself: SL953 wants a day or date with a next step."""
    reading = read(render(template, GAP_PROBE))
    return code not in gaps(reading.sentences, calls=False)


def templates_for(tactic: Tactic, values: dict[str, str], *, spoken: bool = False, gap: str | None = None) -> list[str]:
    """The tactic's templates for this message, best first.

    A call script or voicemail never gets a `written` template and prefers short ones; a message
    check gets only templates that fill its gap; templates built on a slot the message lacks
    (holding an agreed date when none was mentioned) are left out; fewer placeholders first."""
    lacking = [n for n in tactic.needs if n not in values]
    templates = [t for t in tactic.templates if not (spoken and t in tactic.written) and not _uses(t, lacking)]
    if gap is not None:
        templates = [t for t in templates if fills_gap(gap, t)]
    return sorted(templates, key=lambda t: (_unknown_slots(t, values), len(t.split()) if spoken else 0))


def with_probe_dates(text: str) -> str:
    """Date placeholders ('[day]', '[the date you agreed]') replaced by sample dates, so that a
    re-check counts a suggested 'on [day]' as the dated next step it will be once filled in."""
    defaults = catalogue().defaults
    for slot in ("weekday", "agreed_date"):
        text = text.replace(defaults[slot], GAP_PROBE[slot])
    return text
