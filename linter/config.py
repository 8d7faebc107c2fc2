"""Brand policy: which rules run, how severe they are, and each rule family's settings.

Read from `replylint.toml` (top level) or `[tool.replylint]` in `pyproject.toml`,
found by walking up from the linted file. Every key is validated: a bad config is a
`ConfigError` naming the file, the key and what is allowed, never silently ignored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .diagnostic import Severity

CONFIG_FILENAMES = ("replylint.toml", ".replylint.toml", "pyproject.toml")
CHANNELS = ("twitter", "email", "chat", "generic")


class ConfigError(Exception):
    """A configuration problem, worded for the person who wrote the file."""

    def __init__(self, message: str, path: Path | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        self.detail = message
        where = str(path) if path else "configuration"
        if key:
            where += f": key '{key}'"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class SignaturePolicy:
    """SIG001: whether replies must end with the agent's sign-off, and which forms count."""

    required: bool = True
    agent: str = ""  # the agent's own sign-off, appended by the fix ("^JD", "- Sam")
    forms: tuple[str, ...] = ()  # extra regular expressions accepted as a sign-off
    brand_names: tuple[str, ...] = ()  # words that name the brand, never a person


@dataclass(frozen=True)
class CannedPolicy:
    """CAN001: phrases to add to, or remove from, the built-in catalogue."""

    extra: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()


@dataclass(frozen=True)
class BlamePolicy:
    """BLM001: extra words naming the brand's own teams, partners, couriers or stores."""

    teams: tuple[str, ...] = ()


@dataclass(frozen=True)
class PhonePolicy:
    """DFL001/DFL003: what the phone line needs to be offered properly."""

    hours_required: bool = True
    open_24_7: bool = False  # a line open around the clock needs no hours
    hours: str = ""  # e.g. "8am-8pm ET, Mon-Fri"; used in DFL003's message


@dataclass(frozen=True)
class ReadabilityPolicy:
    """RDB001: the Flesch-Kincaid grade above which a reply is hard to read."""

    max_grade: float = 11.0  # hardest ~1.5% of 40+ word real replies (see RDB001)
    min_words: int = 40  # shorter replies are not scored: the formulas are noise there


@dataclass(frozen=True)
class LengthPolicy:
    """LEN001: the channel's size limit (0 means none)."""

    max_chars: int = 280
    url_length: int = 23  # X/Twitter counts every link as 23 characters; 0 counts links as written
    weighted: bool = True  # X/Twitter counts CJK and emoji as two


@dataclass(frozen=True)
class PresendPolicy:
    """The pre-send verdict: which findings block sending, beyond error severity."""

    block: tuple[str, ...] = ()  # rule codes, prefixes or names whose findings always block


_CHANNEL_DEFAULTS: dict[str, dict[str, Any]] = {
    "twitter": {},  # the field defaults are Twitter's
    "email": {
        "length": LengthPolicy(max_chars=0, url_length=0, weighted=False),
        "readability": ReadabilityPolicy(max_grade=10.0, min_words=60),
    },
    "chat": {
        "length": LengthPolicy(max_chars=1000, url_length=0, weighted=False),
        "readability": ReadabilityPolicy(max_grade=9.0, min_words=30),
        "signature": SignaturePolicy(required=False),
    },
    "generic": {
        "length": LengthPolicy(max_chars=0, url_length=0, weighted=False),
        "readability": ReadabilityPolicy(max_grade=11.0, min_words=40),
    },
}


@dataclass(frozen=True)
class Config:
    """Everything that varies between brands. Frozen and hashable, so built rules can be cached."""

    channel: str = "twitter"
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    # A request's own selection, applied on top of select/ignore (it can only narrow).
    restrict: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # rule code or name -> severity
    signature: SignaturePolicy = field(default_factory=SignaturePolicy)
    canned: CannedPolicy = field(default_factory=CannedPolicy)
    blame: BlamePolicy = field(default_factory=BlamePolicy)
    phone: PhonePolicy = field(default_factory=PhonePolicy)
    readability: ReadabilityPolicy = field(default_factory=ReadabilityPolicy)
    length: LengthPolicy = field(default_factory=LengthPolicy)
    presend: PresendPolicy = field(default_factory=PresendPolicy)
    source: Path | None = field(default=None, compare=False)
    # Sections the file set itself, kept when a request switches channel.
    explicit: frozenset[str] = frozenset()

    @classmethod
    def for_channel(cls, channel: str = "twitter") -> Config:
        if channel not in CHANNELS:
            raise ConfigError(f"unknown channel {channel!r} (allowed: {', '.join(CHANNELS)})",
                              key="channel")
        return cls(channel=channel, **_CHANNEL_DEFAULTS[channel])

    def severity_for(self, code: str, name: str, default: Severity) -> Severity:
        for key, severity in self.severity:
            if key in (code, name):
                return severity
        return default

    def is_enabled(self, code: str, name: str) -> bool:
        return (_matches_any(self.select, code, name)
                and not _matches_any(self.ignore, code, name)
                and (not self.restrict or _matches_any(self.restrict, code, name)))

    def blocks(self, code: str, name: str, severity: Severity) -> bool:
        """Whether a finding stops a reply from being sent (see `verdict`)."""
        return severity is Severity.ERROR or _matches_any(self.presend.block, code, name)

    def narrowed(self, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 channel: str | None = None) -> Config:
        """This config narrowed by a request: `select` intersects, `ignore` adds.

        Nothing a request passes can enable a rule the config leaves off.
        """
        config = _with_channel(self, channel) if channel and channel != self.channel else self
        return replace(config, restrict=config.restrict + select, ignore=config.ignore + ignore)

    def overridden(self, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                   channel: str | None = None) -> Config:
        """This config with command-line options applied, as ruff does: `--select`
        replaces the file's selection (and its ignores), `--ignore` adds to them."""
        config = _with_channel(self, channel) if channel and channel != self.channel else self
        if select:
            config = replace(config, select=select, ignore=())
        return replace(config, ignore=config.ignore + ignore)


def _matches_any(selectors: tuple[str, ...], code: str, name: str) -> bool:
    for selector in selectors:
        if selector == "ALL" or selector == name or code.startswith(selector):
            return True
    return False


def _with_channel(config: Config, channel: str) -> Config:
    """Switch channel, keeping the file's explicit settings over the channel's defaults."""
    base = Config.for_channel(channel)
    kept = config.explicit | {"select", "ignore", "severity", "source", "explicit"}
    return replace(base, **{k: v for k, v in _as_kwargs(config).items() if k in kept})


def _as_kwargs(config: Config) -> dict[str, Any]:
    return {f.name: getattr(config, f.name) for f in fields(config)}


# --- loading -----------------------------------------------------------------

_SECTIONS: dict[str, type] = {
    "signature": SignaturePolicy,
    "canned": CannedPolicy,
    "blame": BlamePolicy,
    "phone": PhonePolicy,
    "readability": ReadabilityPolicy,
    "length": LengthPolicy,
    "presend": PresendPolicy,
}


def find_config_file(start: Path) -> Path | None:
    """The nearest replylint config at or above `start` (a file or a folder)."""
    folder = start if start.is_dir() else start.parent
    for candidate_dir in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_FILENAMES:
            candidate = candidate_dir / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load_config report the broken file rather than skip it silently
    return isinstance(data.get("tool"), dict) and "replylint" in data["tool"]


def load_config(path: Path) -> Config:
    """Read and validate one config file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror or error}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", path) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("replylint", {})
        prefix = "tool.replylint."
    else:
        prefix = ""
    return config_from_mapping(data, path, prefix)


def config_from_mapping(data: Mapping[str, Any], path: Path | None = None,
                        prefix: str = "") -> Config:
    """Build a Config from parsed TOML (or JSON) data, validating every key."""
    if not isinstance(data, Mapping):
        raise ConfigError("expected a table of settings", path)
    channel = data.get("channel", "twitter")
    if not isinstance(channel, str) or channel not in CHANNELS:
        raise ConfigError(f"must be one of: {', '.join(CHANNELS)} (got {channel!r})",
                          path, prefix + "channel")
    config = Config.for_channel(channel)
    kwargs: dict[str, Any] = {"source": path}
    explicit: set[str] = set()
    for key, value in data.items():
        full_key = prefix + key
        if key == "channel":
            continue
        if key in ("select", "ignore", "extend-ignore", "extend_ignore"):
            items = _string_tuple(value, path, full_key)
            _check_selectors(items, path, full_key)
            target = "ignore" if key != "select" else "select"
            kwargs[target] = kwargs.get(target, ()) + items
        elif key == "severity":
            kwargs["severity"] = _severity_table(value, path, full_key)
        elif key in _SECTIONS:
            kwargs[key] = _section(_SECTIONS[key], getattr(config, key), value, path, full_key)
            explicit.add(key)
        else:
            allowed = ["channel", "select", "ignore", "severity", *_SECTIONS]
            raise ConfigError(f"unknown key (allowed: {', '.join(allowed)})", path, full_key)
    return replace(config, explicit=frozenset(explicit), **kwargs)


def _string_tuple(value: Any, path: Path | None, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError("must be a list of strings", path, key)
    return tuple(value)


def _check_selectors(selectors: tuple[str, ...], path: Path | None, key: str) -> None:
    from rules import catalogue  # local: config loading must not import the rules eagerly

    known = catalogue()
    for selector in selectors:
        if selector == "ALL":
            continue
        if not any(rule.code.startswith(selector) or rule.name == selector for rule in known):
            raise ConfigError(
                f"{selector!r} matches no rule (use a code like SIG001, a prefix like SIG, "
                f"a name like missing-signature, or ALL; `replylint rules` lists them)",
                path, key)


def _severity_table(value: Any, path: Path | None, key: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError("must be a table of rule = \"error\" | \"warning\" | \"info\"", path, key)
    entries = []
    for rule_key, severity in value.items():
        _check_selectors((rule_key,), path, f"{key}.{rule_key}")
        if not isinstance(severity, str):
            raise ConfigError("must be \"error\", \"warning\" or \"info\"",
                              path, f"{key}.{rule_key}")
        try:
            entries.append((rule_key, Severity.parse(severity)))
        except ValueError as error:
            raise ConfigError(str(error), path, f"{key}.{rule_key}") from None
    return tuple(entries)


def _section(cls: type, default: Any, value: Any, path: Path | None, key: str) -> Any:
    if not isinstance(value, Mapping):
        raise ConfigError("must be a table", path, key)
    known = {f.name: f for f in fields(cls)}
    updates: dict[str, Any] = {}
    for sub_key, sub_value in value.items():
        name = sub_key.replace("-", "_")
        full_key = f"{key}.{sub_key}"
        if name not in known:
            raise ConfigError(f"unknown key (allowed: {', '.join(known)})", path, full_key)
        expected = type(getattr(default, name))
        if expected is tuple:
            updates[name] = _string_tuple(sub_value, path, full_key)
        elif (expected is float and isinstance(sub_value, int | float)
              and not isinstance(sub_value, bool)):
            updates[name] = float(sub_value)
        elif (not isinstance(sub_value, expected)
              or (expected is int and isinstance(sub_value, bool))):
            raise ConfigError(f"must be a {_type_word(expected)} (got {sub_value!r})",
                              path, full_key)
        else:
            updates[name] = sub_value
        if name == "forms":
            _check_patterns(updates[name], path, full_key)
        if name == "block":
            _check_selectors(updates[name], path, full_key)
    return replace(default, **updates)


def _check_patterns(patterns: tuple[str, ...], path: Path | None, key: str) -> None:
    import re

    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ConfigError(f"invalid regular expression {pattern!r}: {error}",
                              path, key) from None


def _type_word(expected: type) -> str:
    return {bool: "true/false", int: "whole number", float: "number", str: "string"}.get(
        expected, expected.__name__)


def resolve_config(target: Path | None = None, explicit: Path | None = None) -> Config:
    """The config for a file: `explicit` if given, else the nearest file, else the defaults."""
    if explicit is not None:
        return load_config(explicit)
    if target is not None:
        found = find_config_file(target)
        if found is not None:
            return load_config(found)
    return Config()
