"""Settings for the server: the config file found upward from each document (re-read when it
changes), what the client overrides (`initializationOptions`, `workspace/didChangeConfiguration`),
and the debounce delay."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scriptlint.config import FAIL_ON, Config, discover, load_file
from scriptlint.errors import ConfigError
from scriptlint.rules import TEAM_RULE, rules_by_code, validate_selectors

DEFAULT_DEBOUNCE_MS = 300
OVERRIDABLE = ("select", "ignore", "fail_on")


@dataclass(frozen=True)
class Overrides:
    """What the editor's settings put on top of the config file (None: keep the file's)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None

    def apply(self, config: Config) -> Config:
        return config.with_overrides(select=self.select, ignore=self.ignore, fail_on=self.fail_on)


def _section(settings: Any) -> dict[str, Any]:
    """`{"scriptlint": {...}}` or the section itself (clients send either)."""
    if not isinstance(settings, dict):
        return {}
    inner = settings.get("scriptlint")
    return inner if isinstance(inner, dict) else settings


def _codes(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise ValueError("must be a list of rule codes")
    return tuple(v.strip().upper() for v in items if v.strip())


def parse_overrides(settings: Any) -> tuple[Overrides, list[str]]:
    """The overrides in a settings object, and one message per value that was refused."""
    section = _section(settings)
    values: dict[str, Any] = {}
    problems = []
    known = list(rules_by_code()) + [TEAM_RULE.code]
    for key in OVERRIDABLE:
        value = section.get(key, section.get(key.replace("_", "")))
        if value is None:
            continue
        try:
            if key == "fail_on":
                if value not in FAIL_ON:
                    raise ValueError(f"must be one of {', '.join(FAIL_ON)}")
                values[key] = value
                continue
            codes = _codes(value)
            unknown = validate_selectors(codes, known)
            if unknown:
                raise ValueError(f"unknown rule code {unknown[0]!r}")
            # `ignore: []` ignores nothing; `select: []` would select nothing, so it keeps the file's.
            values[key] = codes if codes or key == "ignore" else None
        except ValueError as exc:
            problems.append(f"scriptlint setting {key!r}: {exc}; ignored")
    return Overrides(**values), problems


def parse_debounce(options: Any) -> tuple[float, str | None]:
    """Seconds to wait after an edit, from `initializationOptions.debounceMs` (default 300 ms)."""
    section = _section(options)
    value = section.get("debounceMs", DEFAULT_DEBOUNCE_MS)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return DEFAULT_DEBOUNCE_MS / 1000, f"debounceMs must be a number >= 0, got {value!r}; using 300"
    return value / 1000, None


class ConfigCache:
    """The config for a document: discovered upward from its folder, else from the workspace root;
    a file is parsed again only when its modification time or size changes."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple[int, int], Config]] = {}

    def for_folder(self, folder: Path | None, root: Path | None = None) -> Config:
        """Raises ConfigError for a broken config file (the caller shows it on the document)."""
        found = None
        for start in (folder, root):
            if start is not None and start.is_dir():
                found = discover(start)
                if found:
                    break
        if found is None:
            return Config()
        try:
            stat = found.stat()
        except OSError as exc:
            raise ConfigError(f"{found}: cannot read config ({exc.strerror or exc})") from None
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._files.get(found)
        if cached is None or cached[0] != stamp:
            cached = (stamp, checked(load_file(found)))
            self._files[found] = cached
        return cached[1]


def checked(config: Config) -> Config:
    """Unknown rule codes in a config file are an error, as for `scriptlint lint`."""
    known = list(rules_by_code()) + [TEAM_RULE.code]
    for key in ("select", "ignore"):
        unknown = validate_selectors(getattr(config, key), known)
        if unknown:
            raise ConfigError(f"{config.path}: key {key!r}: unknown rule code {unknown[0]!r}")
    unknown = [code for code in config.severity if code not in known]
    if unknown:
        raise ConfigError(f"{config.path}: key 'severity': unknown rule code {unknown[0]!r}")
    return config
