"""Ranking: for each finding, 1-3 suggestions from the tactics catalogue, fitted to the message.

Detection never imports this stage; it receives the Result and the Reading of the message (plain
data). A tactic ranks by the rule's own tactic order plus the weights of the situation detected in
the message, and is rendered with the slots found in it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from scriptlint.detect.checks import gaps
from scriptlint.detect.reading import Reading, read
from scriptlint.findings import Result, Suggestion
from scriptlint.rules import rules_by_code
from scriptlint.rules.code_rules import TEAM_RULE
from scriptlint.suggest.tactics import Tactic, catalogue, render, template_count

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
        fit = sum(strength * tactic.situations.get(name, 0.0) for name, strength in situations.items()) / total
        if tid not in prior and not every and (fit <= 0 or only_rule):
            continue
        penalty = REPEAT_PENALTY if tid in used else 0.0
        if known_slots is not None and tactic.needs and not set(tactic.needs) & set(known_slots):
            penalty += NEEDS_PENALTY
        scores[tid] = round(prior.get(tid, 0.0) + fit - penalty, 4)
    order = list(tactics)
    return sorted(scores.items(), key=lambda kv: (-kv[1], order.index(kv[0])))


def slot_values(reading: Reading) -> dict[str, str]:
    values = dict(reading.slots)
    if reading.is_call:
        values.setdefault("contact_verb", "calling")
        values.setdefault("contact_noun", "call")
    return values


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


@dataclass
class _Plan:
    """One finding's ranked tactics and the suggestions picked for it so far."""

    ranked: list[str]
    picks: list[Suggestion]
    gap: str | None
    limit: int


def _pick(
    plan: _Plan, values: dict[str, str], used_texts: set[str], spoken: bool, *, skip: set[str]
) -> Suggestion | None:
    tactics = catalogue().tactics
    for tid in plan.ranked:
        if tid in skip:
            continue
        tactic = tactics[tid]
        for template in templates_for(tactic, values, spoken=spoken, gap=plan.gap):
            text = render(template, values)
            if text not in used_texts:
                used_texts.add(text)
                return Suggestion(tactic=tid, title=tactic.title, rewrite=text, source=tactic.source)
    return None


def _plan(
    rule_tactics: Iterable[str],
    reading: Reading,
    used_top: list[str],
    *,
    gap: str | None,
    limit: int,
) -> _Plan:
    values = slot_values(reading)
    only_rule = gap is not None
    ranked = [
        t
        for t, _ in rank(
            rule_tactics or DEFAULT_TACTICS, reading.situations, used_top, only_rule=only_rule, known_slots=values
        )
    ]
    if not only_rule:
        ranked += [t for t, _ in rank((), {}, every=True) if t not in ranked]
    return _Plan(ranked, [], gap, limit)


def _serve(
    requests: list[tuple[Iterable[str], str | None, int]],
    reading: Reading,
    used_texts: set[str],
    used_top: list[str],
) -> list[_Plan]:
    """Suggestions for several findings of one message, in two rounds.

    First every finding gets its top suggestion (in order, each top tactic penalised for the findings
    after it), then the alternatives are filled in: so a late finding (a message check) is never
    left with a poor fit because earlier findings' second and third choices took its templates.
    A message check whose own tactics are all taken widens to the whole catalogue."""
    values = slot_values(reading)
    spoken = reading.is_call
    plans: list[_Plan] = []
    for rule_tactics, gap, limit in requests:
        plan = _plan(rule_tactics, reading, used_top, gap=gap, limit=limit)
        top = _pick(plan, values, used_texts, spoken, skip=set())
        if top is None and gap is not None:
            # Every fitting template of the check's own tactics is taken: widen to all tactics,
            # still filling the gap if any template can.
            plan = _plan(rule_tactics, reading, used_top, gap=None, limit=limit)
            plan.gap = gap
            top = _pick(plan, values, used_texts, spoken, skip=set())
            if top is None:
                plan.gap = None
                top = _pick(plan, values, used_texts, spoken, skip=set())
        if top is not None:
            plan.picks.append(top)
            used_top.append(top.tactic)
        plans.append(plan)
    for plan in plans:
        while plan.picks and len(plan.picks) < plan.limit:
            more = _pick(plan, values, used_texts, spoken, skip={p.tactic for p in plan.picks})
            if more is None:
                break
            plan.picks.append(more)
    return plans


def with_probe_dates(text: str) -> str:
    """Date placeholders ('[day]', '[the date you agreed]') replaced by sample dates, so that a
    re-check counts a suggested 'on [day]' as the dated next step it will be once filled in."""
    defaults = catalogue().defaults
    for slot in ("weekday", "agreed_date"):
        text = text.replace(defaults[slot], GAP_PROBE[slot])
    return text


# --- the stage entry point ----------------------------------------------------------------------------


def attach_suggestions(result: Result, reading: Reading) -> None:
    """Fill `finding.suggestions` for every finding in `result`, message-level ones included.

    Span findings are served first (in text order) so they get the best-fitting rewrites; two
    findings of one message never share a rewrite text."""
    if result.error is not None:
        return
    tactics_of = {code: rule.tactics for code, rule in rules_by_code().items()}
    tactics_of[TEAM_RULE.code] = TEAM_RULE.tactics
    used_texts: set[str] = set()
    used_top: list[str] = []
    ordered = sorted(result.findings, key=lambda f: (f.scope != "span", f.start, f.end, f.rule))
    # Share the catalogue's templates out so that even a draft with many findings gives each one a rewrite.
    limit = max(1, min(MAX_SUGGESTIONS, template_count() // max(1, len(ordered))))
    requests = [(tactics_of.get(f.rule, ()), f.rule if f.scope == "message" else None, limit) for f in ordered]
    for finding, plan in zip(ordered, _serve(requests, reading, used_texts, used_top)):
        finding.suggestions = plan.picks
