"""Which Config applies to a document: defaults < nearest project config file < editor settings.

Editor settings use the same keys as the `replylint.toml` table (channel, select,
ignore, severity, signature.agent, ...), plus a few that only the server reads
(`debounce`, `diagnosticMode`) and a few that only the editor plugin reads (`path`,
`languages`, `trace`), which the server skips. Empty values ("", [], {}) mean
"not set", so an editor's blank defaults never hide the project's file.

Configs are cached by the stat signature of every candidate config file above the
document, so an edited, added or deleted config file takes effect on the next lint
without a restart and without re-reading unchanged files.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.config import (
    CONFIG_FILENAMES,
    Config,
    ConfigError,
    config_from_mapping,
    find_config_file,
    load_config,
)

SERVER_KEYS = frozenset({"debounce", "diagnosticMode"})
CLIENT_KEYS = frozenset({"path", "executable", "languages", "trace", "enable"})
DIAGNOSTIC_MODES = ("auto", "push", "pull")
DEFAULT_DEBOUNCE_MS = 120
_CACHE_LIMIT = 64


@dataclass(frozen=True)
class ConfigProblem:
    """A config that could not be used, worded for the person who wrote it."""

    message: str
    path: Path | None = None


@dataclass(frozen=True)
class EditorSettings:
    """Settings sent by the editor (initializationOptions / didChangeConfiguration)."""

    overrides: Mapping[str, Any] = field(default_factory=dict)  # file-config keys
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    diagnostic_mode: str = "auto"
    problem: ConfigProblem | None = None  # a bad server-only key

    @property
    def key(self) -> str:
        """A hashable identity of the overrides, for the config cache."""
        return json.dumps(self.overrides, sort_keys=True, default=str)


def settings_payload(raw: Any) -> Mapping[str, Any]:
    """The replylint table out of what clients send: `{...}`, `{"replylint": {...}}`,
    or `{"settings": {"replylint": {...}}}`."""
    while isinstance(raw, Mapping):
        if isinstance(raw.get("replylint"), Mapping):
            raw = raw["replylint"]
        elif isinstance(raw.get("settings"), Mapping) and len(raw) == 1:
            raw = raw["settings"]
        else:
            return raw
    return {}


def parse_settings(raw: Any, default_debounce_ms: int = DEFAULT_DEBOUNCE_MS) -> EditorSettings:
    payload = settings_payload(raw)
    debounce = payload.get("debounce", default_debounce_ms)
    mode = payload.get("diagnosticMode", "auto")
    problem = None
    if not isinstance(debounce, int) or isinstance(debounce, bool) or not 0 <= debounce <= 5000:
        problem = ConfigProblem(
            f"replylint editor settings: key 'replylint.debounce': must be a whole number of "
            f"milliseconds from 0 to 5000 (got {debounce!r})")
        debounce = default_debounce_ms
    if mode not in DIAGNOSTIC_MODES:
        problem = ConfigProblem(
            f"replylint editor settings: key 'replylint.diagnosticMode': must be one of "
            f"{', '.join(DIAGNOSTIC_MODES)} (got {mode!r})")
        mode = "auto"
    overrides = _pruned({k: v for k, v in payload.items()
                         if k not in SERVER_KEYS and k not in CLIENT_KEYS})
    return EditorSettings(overrides if isinstance(overrides, dict) else {}, debounce, mode,
                          problem)


def _pruned(value: Any) -> Any:
    """Drop unset values (None, "", [], {}) at any depth."""
    if isinstance(value, Mapping):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    return value


def deep_merge(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value in `overrides` replaces the base's."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class ConfigResolver:
    """Resolves and caches the Config for a document's folder plus the editor's overrides."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Any, ...], Config | ConfigProblem] = {}

    def resolve(self, folder: Path | None, settings: EditorSettings) -> Config | ConfigProblem:
        signature = candidates_signature(folder) if folder is not None else ()
        key = (signature, settings.key)
        cached = self._cache.get(key)
        if cached is None:
            try:
                cached = _build(folder, settings.overrides)
            except Exception as error:  # a config must never take the server down
                cached = ConfigProblem(f"replylint config could not be read: {error!r}")
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = cached
        return cached


def candidates_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of every config file that could apply to `folder`."""
    found = []
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILENAMES:
            candidate = os.path.join(directory, name)
            try:
                stat = os.stat(candidate)
            except OSError:
                continue
            found.append((candidate, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def _build(folder: Path | None, overrides: Mapping[str, Any]) -> Config | ConfigProblem:
    found = find_config_file(folder) if folder is not None and folder.is_dir() else None
    try:
        base = load_config(found) if found is not None else Config()
    except ConfigError as error:
        return ConfigProblem(f"replylint config {error}", found)
    if not overrides:
        return base
    try:
        config_from_mapping(overrides)
    except ConfigError as error:
        key = f"replylint.{error.key}" if error.key else "replylint"
        return ConfigProblem(f"replylint editor settings: key '{key}': {error.detail}")
    if found is None:
        return config_from_mapping(overrides)
    table, prefix = _file_table(found)
    try:
        return config_from_mapping(deep_merge(table, overrides), found, prefix)
    except ConfigError as error:
        return ConfigProblem(f"replylint config {error} (with editor settings applied)", found)


def _file_table(path: Path) -> tuple[Mapping[str, Any], str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("replylint", {}), "tool.replylint."
    return data, ""
