"""Ranking: for each finding, 1-3 suggestions, fitted to the message.

A span finding's first suggestion is what `scriptlint rewrite` does with its sentence (the
composer's plan: a minimal edit keeping the author's object, or `cut`); the others are other
tactics' versions of it, or the catalogue's templates. A message check (SL951-953) gets the
templates that fill its gap. Detection never imports this stage; it receives the Result and the
Reading of the message (plain data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from scriptlint.detect.reading import Reading
from scriptlint.findings import Result, Suggestion
from scriptlint.rules import rules_by_code
from scriptlint.rules.code_rules import TEAM_RULE
from scriptlint.suggest.compose import plan
from scriptlint.suggest.scoring import (  # noqa: F401  (re-exported: the ranking API lives here)
    DEFAULT_TACTICS,
    GAP_PROBE,
    MAX_SUGGESTIONS,
    allowed,
    fills_gap,
    rank,
    slot_values,
    templates_for,
    with_probe_dates,
)
from scriptlint.suggest.tactics import catalogue, render, template_count


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
    own_text: str = "",
) -> _Plan:
    values = slot_values(reading, own_text)
    only_rule = gap is not None
    ranked = [
        t
        for t, _ in rank(
            rule_tactics or DEFAULT_TACTICS, reading.situations, used_top, only_rule=only_rule, known_slots=values
        )
    ]
    if not only_rule:
        ranked += [t for t, _ in rank((), {}, every=True) if t not in ranked]
    # The situation gates hold for alternatives too: no push on a first follow-up, no veto question
    # for a customer (the ungated list is the fallback when nothing passes).
    ranked = [t for t in ranked if allowed(t, reading, values, own_text)] or ranked
    return _Plan(ranked, [], gap, limit)


def _serve(
    requests: list[tuple[Iterable[str], str | None, int]],
    reading: Reading,
    used_texts: set[str],
    used_top: list[str],
    own_text: str = "",
) -> list[_Plan]:
    """Suggestions for several findings of one message, in two rounds.

    First every finding gets its top suggestion (in order, each top tactic penalised for the findings
    after it), then the alternatives are filled in: so a late finding (a message check) is never
    left with a poor fit because earlier findings' second and third choices took its templates.
    A message check whose own tactics are all taken widens to the whole catalogue."""
    values = slot_values(reading, own_text)
    spoken = reading.is_call
    plans: list[_Plan] = []
    for rule_tactics, gap, limit in requests:
        plan = _plan(rule_tactics, reading, used_top, gap=gap, limit=limit, own_text=own_text)
        top = _pick(plan, values, used_texts, spoken, skip=set())
        if top is None and gap is not None:
            # Every fitting template of the check's own tactics is taken: widen to all tactics,
            # still filling the gap if any template can.
            plan = _plan(rule_tactics, reading, used_top, gap=None, limit=limit, own_text=own_text)
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


# --- the stage entry point ----------------------------------------------------------------------------


def attach_suggestions(result: Result, reading: Reading) -> None:
    """Fill `finding.suggestions` for every finding in `result`, message-level ones included.

    A span finding that `scriptlint rewrite` edits gets that edit first (the same tactic and text:
    a `cut` suggestion's rewrite is "", the sentence goes); every finding of one run shares it,
    since one edit replaces the run. The rest come from the catalogue, fitted to the situation;
    alternatives never repeat a text already offered."""
    if result.error is not None:
        return
    tactics_of = {code: rule.tactics for code, rule in rules_by_code().items()}
    tactics_of[TEAM_RULE.code] = TEAM_RULE.tactics
    planned = _planned(result, reading)
    used_texts: set[str] = {s.rewrite for picks in planned.values() for s in picks}
    used_top: list[str] = [picks[0].tactic for picks in planned.values() if picks]
    ordered = sorted(result.findings, key=lambda f: (f.scope != "span", f.start, f.end, f.rule))
    # Share the catalogue's templates out so that even a draft with many findings gives each one a rewrite.
    limit = max(1, min(MAX_SUGGESTIONS, template_count() // max(1, len(ordered))))
    requests = [(tactics_of.get(f.rule, ()), f.rule if f.scope == "message" else None, limit) for f in ordered]
    served = _serve(requests, reading, used_texts, used_top, result.text)
    for finding, more in zip(ordered, served):
        first = planned.get(id(finding), [])
        extra = [s for s in more.picks if s.tactic not in {p.tactic for p in first}]
        finding.suggestions = (first + extra)[: max(limit, len(first))]


def _planned(result: Result, reading: Reading) -> dict[int, list[Suggestion]]:
    """The composer's edit for each finding in a run it edits, then its alternatives (by finding id)."""
    tactics = catalogue().tactics
    out: dict[int, list[Suggestion]] = {}
    made = plan(result, reading)
    for (run, tid, new), alternatives in zip(made.runs, made.alternatives):
        picks = [_suggestion(tid, new)]
        picks += [_suggestion(t, text) for t, text in alternatives if text != new]
        for finding in run.findings:
            if finding.rule and tid in tactics:
                out[id(finding)] = list(picks)
    return out


def _suggestion(tid: str, text: str) -> Suggestion:
    tactic = catalogue().tactics[tid]
    return Suggestion(tactic=tid, title=tactic.title, rewrite=text, source=tactic.source)
