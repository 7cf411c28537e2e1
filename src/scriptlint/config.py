"""Configuration: `[tool.scriptlint]` in pyproject.toml or a `scriptlint.toml`, found upward from cwd.

It sits just above `rules/`: a team's `extra_phrases` are checked with the rules' pattern compiler.

Errors name the file and the key, because a team's shared config is edited by many hands.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomllib

from scriptlint.errors import ConfigError
from scriptlint.findings import SEVERITIES
from scriptlint.rules import matches_selector
from scriptlint.rules.patterns import compile_pattern

FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    extra_phrases: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    fail_on: str = "warning"
    # Pre-send hook: where blocked messages are kept, and whether an internal error blocks the send.
    hold_dir: str | None = None
    fail_closed: bool = False
    path: Path | None = None

    def with_overrides(self, **changes: Any) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def enables(self, code: str) -> bool:
        """Is rule `code` selected and not ignored (ruff-style prefixes)?"""
        return matches_selector(code, self.select) and not matches_selector(code, self.ignore)


_KEYS = {
    "select": list,
    "ignore": list,
    "severity": dict,
    "extra_phrases": list,
    "allow": list,
    "fail_on": str,
    "hold_dir": str,
    "fail_closed": bool,
}


def parse(data: dict[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {}
    for key, value in data.items():
        norm = key.replace("-", "_")
        if norm not in _KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
        expected = _KEYS[norm]
        if not isinstance(value, expected):
            raise ConfigError(f"{path}: key {key!r} must be a {expected.__name__}")
        if expected is list and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: key {key!r} must be a list of strings")
        values[norm] = value
    for code, level in values.get("severity", {}).items():
        if level not in SEVERITIES:
            raise ConfigError(f"{path}: key 'severity.{code}' must be one of {', '.join(SEVERITIES)}")
    if values.get("fail_on", "warning") not in FAIL_ON:
        raise ConfigError(f"{path}: key 'fail_on' must be one of {', '.join(FAIL_ON)}")
    for key in ("extra_phrases", "allow"):
        for phrase in values.get(key, []):
            try:
                compile_pattern(phrase, str.lower)
            except ValueError as exc:
                raise ConfigError(f"{path}: key {key!r}: bad phrase {phrase!r} ({exc})") from None
    for key in ("select", "ignore", "extra_phrases", "allow"):
        if key in values:
            values[key] = tuple(values[key])
    for key in ("select", "ignore"):
        if key in values:
            values[key] = tuple(s.strip().upper() for s in values[key])
    if "severity" in values:
        values["severity"] = {k.upper(): v for k, v in values["severity"].items()}
    if "hold_dir" in values:
        values["hold_dir"] = str((path.parent / Path(values["hold_dir"]).expanduser()).resolve())
    return Config(path=path, **values)


def load_file(path: Path) -> Config:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read config (not UTF-8: {exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = raw.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: key 'tool' must be a table")
        section = tool.get("scriptlint", {})
    else:
        section = raw.get("scriptlint", raw)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.scriptlint] must be a table")
    return parse(section, path)


def discover(start: Path | None = None) -> Path | None:
    """The nearest scriptlint.toml, or pyproject.toml with a [tool.scriptlint] table, upward from start."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "scriptlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                tool = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                raise ConfigError(f"{pyproject}: invalid TOML, cannot look for [tool.scriptlint]") from None
            if isinstance(tool, dict) and "scriptlint" in tool:
                return pyproject
    return None


def load(explicit: Path | None = None, *, start: Path | None = None) -> Config:
    """The config to use: --config if given, else the discovered file, else defaults."""
    if explicit is not None:
        return load_file(explicit)
    found = discover(start)
    return load_file(found) if found else Config()
