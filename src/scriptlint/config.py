"""Configuration: `[tool.scriptlint]` in pyproject.toml or a `scriptlint.toml`, found upward from cwd.

It sits just above `rules/`: a team's `extra_phrases` are checked with the rules' pattern compiler.

Errors name the file and the key, because a team's shared config is edited by many hands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomllib

from scriptlint.errors import ConfigError
from scriptlint.findings import SEVERITIES
from scriptlint.rules import matches_selector
from scriptlint.rules.patterns import compile_pattern

FAIL_ON = ("error", "warning", "info", "never")
MAX_CONFIG_BYTES = 1 << 20
"""A config file is a few lines; a larger one (or a device such as /dev/zero) is an error."""
MAX_PHRASE_WORDS = 12
MAX_PHRASE_OPTIONAL = 4
"""A team phrase with more words or optional tokens (`*?`, `word?`) could make matching slow."""
_SAYS_FAIL_CLOSED = re.compile(r"^\s*fail[_-]closed\s*=\s*true\s*(#.*)?$", re.M)


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
            _check_phrase(phrase, key, path)
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


def _check_phrase(phrase: str, key: str, path: Path) -> None:
    try:
        specs = compile_pattern(phrase, str.lower)
    except ValueError as exc:
        raise ConfigError(f"{path}: key {key!r}: bad phrase {phrase[:80]!r} ({exc})") from None
    words = len(phrase.split())
    optional = sum(1 for spec in specs if spec.get("OP") == "?")
    if words > MAX_PHRASE_WORDS or optional > MAX_PHRASE_OPTIONAL:
        raise ConfigError(
            f"{path}: key {key!r}: phrase {phrase[:80]!r} is too complex (at most {MAX_PHRASE_WORDS} words "
            f"and {MAX_PHRASE_OPTIONAL} optional ones; it has {words} and {optional})"
        )


def _read_config(path: Path) -> str:
    """The file's text, at most MAX_CONFIG_BYTES (read bounded: it may be a FIFO or a device)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: config file is larger than {MAX_CONFIG_BYTES // 2**20} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read config (not UTF-8: {exc.reason} at byte {exc.start})") from None


def says_fail_closed(path: Path) -> bool:
    """Does a config file that cannot be used still say `fail_closed = true` on a line of its own?

    The hook then fails closed, as the author of the broken file asked."""
    try:
        with path.open("rb") as stream:
            text = stream.read(MAX_CONFIG_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    return bool(_SAYS_FAIL_CLOSED.search(text))


def load_file(path: Path) -> Config:
    """Load one config file; a ConfigError carries `fail_closed` (see `says_fail_closed`)."""
    try:
        return _load_file(path)
    except ConfigError as exc:
        exc.fail_closed = says_fail_closed(path)  # type: ignore[attr-defined]
        raise


def _load_file(path: Path) -> Config:
    text = _read_config(path)
    try:
        raw = tomllib.loads(text)
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
                tool = tomllib.loads(_read_config(pyproject)).get("tool", {})
            except (ConfigError, tomllib.TOMLDecodeError):
                error = ConfigError(f"{pyproject}: invalid TOML, cannot look for [tool.scriptlint]")
                error.fail_closed = says_fail_closed(pyproject)  # type: ignore[attr-defined]
                raise error from None
            if isinstance(tool, dict) and "scriptlint" in tool:
                return pyproject
    return None


def load(explicit: Path | None = None, *, start: Path | None = None) -> Config:
    """The config to use: --config if given, else the discovered file, else defaults."""
    if explicit is not None:
        return load_file(explicit)
    found = discover(start)
    return load_file(found) if found else Config()
