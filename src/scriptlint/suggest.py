"""The suggestion stage: findings in, ranked value-adding rewrites out (presidio's 'operator' side).

Detection never imports this module; it receives plain data (the Result, the Message, the
Analysis) and adds two things:

- message-level findings (SL951-SL953, `rules/message_checks.toml`): is a purpose stated, is there
  something of value, is there a dated next step? Cue lists live in `cues.toml`;
- for every finding, 1-3 `Suggestion`s from `tactics.toml`, ranked by the rule's own tactic order
  plus the weights of the situation detected in the message, rendered with the slots found in it.

A tactic is data, not a function: adding one is a TOML edit.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from . import slots as slots_mod
from .config import Config
from .findings import Finding, Result, Suggestion
from .messages import Message, message_from_text

TACTIC_IDS = (
    "state-purpose", "share-insight", "common-challenge", "real-reason", "homework", "specific-advantage",
    "measurable-results", "become-resource", "agreed-timeline", "map-decision", "the-push", "recap",
)
"""The fixed tactic ids rule files may name; the catalogue defines exactly these."""

MAX_SUGGESTIONS = 3
RULE_PRIOR = (0.5, 0.4, 0.3, 0.2)
"""Score for a rule's 1st, 2nd, ... tactic; the situation fit (0-1 per situation) is added to it,
so a clear situation can outrank the rule's default order but a faint one cannot."""
REPEAT_PENALTY = 0.3
"""Taken off a tactic already used as another finding's top suggestion: one message, varied advice."""
NEEDS_PENALTY = 0.3
DEFAULT_TACTICS = ("state-purpose", "share-insight", "become-resource")
"""For findings whose rule names no tactics (or is unknown to this version)."""
MESSAGE_RULES = ("SL951", "SL952", "SL953")
PURPOSE_CONFIRMED_AT = 0.8
"""With the classifier on, a sentence at least this sure to be purposeful counts as a stated purpose."""


@dataclass(frozen=True)
class Tactic:
    id: str
    title: str
    why: str
    sources: tuple[str, ...]
    situations: dict[str, float]
    templates: tuple[str, ...]
    # Slots the tactic builds on: when the message gives none of them, the tactic ranks lower.
    needs: tuple[str, ...] = ()
    # Templates (also in `templates`) that only make sense on paper: never offered for a call.
    written: frozenset[str] = frozenset()
    # A closing note (the push): a rewrite that uses it adds no further asks.
    closes: bool = False

    @property
    def source(self) -> str:
        return self.sources[0]


class CatalogueError(ValueError):
    """tactics.toml is malformed; the message names the tactic and the key."""


@dataclass(frozen=True)
class Catalogue:
    tactics: dict[str, Tactic]
    defaults: dict[str, str]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The tactics catalogue, validated once: ids, slots and situations must all be known."""
    data = tomllib.loads((resources.files("scriptlint") / "tactics.toml").read_text(encoding="utf-8"))
    defaults = dict(data["slots"])
    situations = set(slots_mod.cue_data()["situations"])
    tactics: dict[str, Tactic] = {}
    for raw in data["tactics"]:
        tid = raw.get("id", "?")
        for key in ("title", "why", "sources", "situations", "templates"):
            if not raw.get(key):
                raise CatalogueError(f"tactics.toml: tactic {tid}: key {key!r} is missing or empty")
        unknown = set(raw["situations"]) - situations
        if unknown:
            raise CatalogueError(f"tactics.toml: tactic {tid}: unknown situation {sorted(unknown)[0]!r}")
        for template in [*raw["templates"], *raw.get("written", [])]:
            names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            if names - set(defaults):
                raise CatalogueError(f"tactics.toml: tactic {tid}: unknown slot {sorted(names - set(defaults))[0]!r}")
        if set(raw.get("needs", [])) - set(defaults):
            raise CatalogueError(f"tactics.toml: tactic {tid}: unknown slot in 'needs'")
        written = tuple(raw.get("written", []))
        tactics[tid] = Tactic(tid, raw["title"], " ".join(raw["why"].split()), tuple(raw["sources"]),
                              dict(raw["situations"]), tuple(raw["templates"]) + written,
                              tuple(raw.get("needs", [])), frozenset(written), bool(raw.get("closes", False)))
    if set(tactics) != set(TACTIC_IDS):
        raise CatalogueError(f"tactics.toml: ids must be exactly {', '.join(TACTIC_IDS)}")
    return Catalogue(tactics, defaults)


def _template_count() -> int:
    """How many distinct templates exist: the budget shared out among one message's findings."""
    return sum(len(t.templates) for t in catalogue().tactics.values())


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
    prior = {t: RULE_PRIOR[min(i, len(RULE_PRIOR) - 1)] for i, t in enumerate(dict.fromkeys(rule_tactics)) if t in tactics}
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


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        return catalogue().defaults.get(key, f"[{key}]")


def render(template: str, values: dict[str, str]) -> str:
    """Fill known slots; unknown ones become their bracketed placeholder. Starts with a capital."""
    text = template.format_map(_Slots(values))
    return text[:1].upper() + text[1:]


def slot_values(reading: slots_mod.Reading) -> dict[str, str]:
    values = dict(reading.slots)
    if reading.is_call:
        values.setdefault("contact_verb", "calling")
        values.setdefault("contact_noun", "call")
    return values


def _unknown_slots(template: str, values: dict[str, str]) -> int:
    """Placeholders the template would show for this message (natural defaults such as 'writing' don't count)."""
    defaults = catalogue().defaults
    return sum(
        1 for _, f, _, _ in string.Formatter().parse(template)
        if f and f not in values and defaults.get(f, "[").startswith("[")
    )


def _uses(template: str, slots: Iterable[str]) -> int:
    names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return len(names & set(slots))


GAP_PROBE = {
    "first_name": "Dana", "company": "Acme", "topic": "the pilot", "last_meeting": "our call",
    "agreed_date": "the 14th", "weekday": "Thursday",
}
"""Sample slot values for judging whether a template, once filled, fills a message check's gap."""


@lru_cache(maxsize=None)
def fills_gap(code: str, template: str) -> bool:
    """Would this template, its slots filled, pass the message check `code` (SL951-SL953) on its own?

    Judged with the same cue lists as the check itself: SL953 wants a day or date with a next step."""
    reading = slots_mod.read(render(template, GAP_PROBE))
    return code not in _gaps(reading.sentences, calls=False)


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


def _pick(plan: _Plan, values: dict[str, str], used_texts: set[str], spoken: bool, *, skip: set[str]) -> Suggestion | None:
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
    reading: slots_mod.Reading,
    used_top: list[str],
    *,
    gap: str | None,
    limit: int,
) -> _Plan:
    values = slot_values(reading)
    only_rule = gap is not None
    ranked = [t for t, _ in rank(rule_tactics or DEFAULT_TACTICS, reading.situations, used_top, only_rule=only_rule, known_slots=values)]
    if not only_rule:
        ranked += [t for t, _ in rank((), {}, every=True) if t not in ranked]
    return _Plan(ranked, [], gap, limit)


def suggestions_for(
    rule_tactics: Iterable[str],
    reading: slots_mod.Reading,
    used_texts: set[str],
    used_top: list[str],
    *,
    gap: str | None = None,
    limit: int = MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Up to `limit` suggestions for one finding: distinct tactics, no rewrite text already used."""
    plans = _serve([(rule_tactics, gap, limit)], reading, used_texts, used_top)
    return plans[0].picks


def _serve(
    requests: list[tuple[Iterable[str], str | None, int]],
    reading: slots_mod.Reading,
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


# --- message checks ---------------------------------------------------------------------------------


def missing_parts(reading: slots_mod.Reading) -> set[str]:
    """Codes of the message checks that fail for this reading (see rules/message_checks.toml).

    Skipped entirely for texts under `min_words` analysed words (empty input, a one-line SMS) and
    for texts over slots.READ_LIMIT characters (a dump of many messages, not one);
    SL953 is skipped for call scripts and voicemails, whose next step is agreed live on the call."""
    if reading.truncated or reading.words < slots_mod.cue_data()["message"]["min_words"]:
        return set()
    return _gaps(reading.sentences, calls=reading.is_call)


def _gaps(sentences: list[tuple[int, int, set[str]]], *, calls: bool) -> set[str]:
    real = [cues for _, _, cues in sentences if "empty" not in cues]
    codes = set()
    if not any("purpose" in c for c in real):
        codes.add("SL951")
    if not any("value" in c for c in real):
        codes.add("SL952")
    if not calls and not any("date" in c and "next_step" in c for c in real):
        codes.add("SL953")
    return codes


def message_checks(text: str, *, any_length: bool = False) -> set[str]:
    """Codes of the message-level rules that fire on this whole text (used by the rule meta-test).

    `any_length` checks a text under `min_words` too (a rewritten draft that got shorter)."""
    message = message_from_text(text)
    reading = slots_mod.read(text, message.excluded)
    if any_length and not reading.truncated:
        return _gaps(reading.sentences, calls=reading.is_call)
    return missing_parts(reading)


def with_probe_dates(text: str) -> str:
    """Date placeholders ('[day]', '[the date you agreed]') replaced by sample dates, so that a
    re-check counts a suggested 'on [day]' as the dated next step it will be once filled in."""
    defaults = catalogue().defaults
    for slot in ("weekday", "agreed_date"):
        text = text.replace(defaults[slot], GAP_PROBE[slot])
    return text


def _purpose_confirmed(analysis: Any) -> bool:
    records = getattr(analysis, "sentences", None) or []
    return any(r.get("probs", {}).get("purposeful", 0.0) >= PURPOSE_CONFIRMED_AT for r in records)


def _message_finding(code: str, result: Result, config: Config, reading: slots_mod.Reading) -> Finding:
    from .rules import rules_by_code

    rule = rules_by_code()[code]
    severity = config.severity.get(code, rule.severity)
    if code == "SL951" and result.purposeless and code not in config.severity:
        severity = "warning"  # no stated purpose in a message judged purposeless: the writer should hear it
    text = result.text
    return Finding(
        rule=rule.code, name=rule.name, category=rule.category, scope="message", severity=severity,
        start=0, end=len(text), line=1, column=1,
        text=text if len(text) <= 80 else text[:80] + "…",
        message=rule.message, confidence=0.6,
        explanation={"mechanism": "message-check", "situation": reading.situation},
    )


# --- the stage entry point ----------------------------------------------------------------------------


def attach_suggestions(result: Result, message: Message, analysis: Any, config: Config) -> None:
    """Add message-level findings and fill `finding.suggestions` for every finding in `result`.

    Span findings are served first (in text order) so they get the best-fitting rewrites; two
    findings of one message never share a rewrite text."""
    from .engine import is_enabled
    from .messages import suppressions
    from .rules import rules_by_code

    if result.error is not None:
        return
    reading = slots_mod.read(message.text, message.excluded, message.headers)
    known = rules_by_code()
    file_off, _ = suppressions(message.text)
    missing = missing_parts(reading)
    if "SL951" in missing and _purpose_confirmed(analysis):
        missing.discard("SL951")
    for code in MESSAGE_RULES:
        if code in missing and code in known and is_enabled(code, config) and file_off is not None and code not in file_off:
            result.findings.append(_message_finding(code, result, config, reading))

    from .pipeline import TEAM_RULE

    tactics_of = {code: rule.tactics for code, rule in known.items()}
    tactics_of[TEAM_RULE.code] = TEAM_RULE.tactics
    used_texts: set[str] = set()
    used_top: list[str] = []
    ordered = sorted(result.findings, key=lambda f: (f.scope != "span", f.start, f.end, f.rule))
    # Share the catalogue's templates out so that even a draft with many findings gives each one a rewrite.
    limit = max(1, min(MAX_SUGGESTIONS, _template_count() // max(1, len(ordered))))
    requests = [
        (tactics_of.get(f.rule, ()), f.rule if f.scope == "message" else None, limit) for f in ordered
    ]
    for finding, plan in zip(ordered, _serve(requests, reading, used_texts, used_top)):
        finding.suggestions = plan.picks
