"""The tactics catalogue (`tactics.toml`): how to rewrite, kept apart from what to flag.

A tactic is data, not a function: adding one is a TOML edit. Each cites the seed article it
paraphrases; the catalogue is validated once, on first use.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import tomllib

from scriptlint.detect.reading import cue_data
from scriptlint.errors import CatalogueError

TACTIC_IDS = (
    "state-purpose",
    "share-insight",
    "common-challenge",
    "real-reason",
    "homework",
    "specific-advantage",
    "measurable-results",
    "become-resource",
    "agreed-timeline",
    "map-decision",
    "the-push",
    "recap",
    "cut",
)
"""The fixed tactic ids rule files may name; the catalogue defines exactly these. `cut` is chosen
by the message, not by a rule: a hollow line in a message that is complete without it."""
EDIT_KEYS = ("say", "bare", "ask")


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
    # The minimal edit (see tactics.toml): keeping the object, without one, and the one ask.
    say: str = ""
    bare: str = ""
    ask: str = ""
    # The `cut` tactic: the suggestion deletes the sentence (its rewrite is "").
    deletes: bool = False

    @property
    def source(self) -> str:
        return self.sources[0]


@dataclass(frozen=True)
class Catalogue:
    tactics: dict[str, Tactic]
    defaults: dict[str, str]
    # Sentences the composer adds itself: a dated 'later', a voicemail close, a subject line.
    compose: dict[str, str]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The tactics catalogue, validated once: ids, slots and situations must all be known."""
    data = tomllib.loads((resources.files("scriptlint.suggest") / "tactics.toml").read_text(encoding="utf-8"))
    defaults = dict(data["slots"])
    situations = set(cue_data()["situations"])
    tactics: dict[str, Tactic] = {}
    for raw in data["tactics"]:
        tactic = _tactic(raw, defaults, situations)
        tactics[tactic.id] = tactic
    if set(tactics) != set(TACTIC_IDS):
        raise CatalogueError(f"tactics.toml: ids must be exactly {', '.join(TACTIC_IDS)}")
    compose = dict(data.get("compose", {}))
    _check_slots("compose", compose.values(), defaults)
    return Catalogue(tactics, defaults, compose)


def _check_slots(where: str, templates: object, defaults: dict[str, str]) -> None:
    for template in templates:  # type: ignore[attr-defined]
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        if names - set(defaults):
            raise CatalogueError(f"tactics.toml: {where}: unknown slot {sorted(names - set(defaults))[0]!r}")


def _tactic(raw: dict, defaults: dict[str, str], situations: set[str]) -> Tactic:
    """One validated [[tactics]] entry."""
    tid = raw.get("id", "?")
    deletes = bool(raw.get("deletes", False))
    required = ("title", "why", "sources", "situations") + (() if deletes else ("templates", "say", "bare"))
    for key in required:
        if not raw.get(key):
            raise CatalogueError(f"tactics.toml: tactic {tid}: key {key!r} is missing or empty")
    unknown = set(raw["situations"]) - situations
    if unknown:
        raise CatalogueError(f"tactics.toml: tactic {tid}: unknown situation {sorted(unknown)[0]!r}")
    edits = [raw.get(k, "") for k in EDIT_KEYS]
    _check_slots(f"tactic {tid}", [*raw.get("templates", []), *raw.get("written", []), *edits], defaults)
    if set(raw.get("needs", [])) - set(defaults):
        raise CatalogueError(f"tactics.toml: tactic {tid}: unknown slot in 'needs'")
    written = tuple(raw.get("written", []))
    return Tactic(
        tid,
        raw["title"],
        " ".join(raw["why"].split()),
        tuple(raw["sources"]),
        dict(raw["situations"]),
        tuple(raw.get("templates", [])) + written,
        tuple(raw.get("needs", [])),
        frozenset(written),
        bool(raw.get("closes", False)),
        *edits,
        deletes,
    )


def template_count() -> int:
    """How many distinct templates exist: the budget shared out among one message's findings."""
    return sum(len(t.templates) for t in catalogue().tactics.values())


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        return catalogue().defaults.get(key, f"[{key}]")


def render(template: str, values: dict[str, str]) -> str:
    """Fill known slots; unknown ones become their bracketed placeholder. Starts with a capital."""
    text = template.format_map(_Slots(values))
    return text[:1].upper() + text[1:]
