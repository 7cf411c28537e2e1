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
)
"""The fixed tactic ids rule files may name; the catalogue defines exactly these."""


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


@dataclass(frozen=True)
class Catalogue:
    tactics: dict[str, Tactic]
    defaults: dict[str, str]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The tactics catalogue, validated once: ids, slots and situations must all be known."""
    data = tomllib.loads((resources.files("scriptlint.suggest") / "tactics.toml").read_text(encoding="utf-8"))
    defaults = dict(data["slots"])
    situations = set(cue_data()["situations"])
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
        tactics[tid] = Tactic(
            tid,
            raw["title"],
            " ".join(raw["why"].split()),
            tuple(raw["sources"]),
            dict(raw["situations"]),
            tuple(raw["templates"]) + written,
            tuple(raw.get("needs", [])),
            frozenset(written),
            bool(raw.get("closes", False)),
        )
    if set(tactics) != set(TACTIC_IDS):
        raise CatalogueError(f"tactics.toml: ids must be exactly {', '.join(TACTIC_IDS)}")
    return Catalogue(tactics, defaults)


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
