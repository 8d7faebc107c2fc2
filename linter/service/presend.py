"""The pre-send check contract: validate a request, narrow the team config, lint, decide.

A request may narrow the team's config (select/ignore, channel, the agent's own
signature) but never loosen it: any rule that would block under the team config
still runs and still blocks, whatever the request selects or ignores. Requests
cannot set severities or `[presend] block`; those belong to the team config.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..config import CHANNELS, Config, ConfigError, config_from_mapping
from ..diagnostic import Diagnostic
from ..output import JSON_SCHEMA_VERSION, diagnostic_json
from ..positions import LineIndex
from ..verdict import verdict

REQUEST_FIELDS = ("reply", "customer", "channel", "config")
REQUEST_CONFIG_FIELDS = ("select", "ignore", "signature")
MAX_AGENT_SIGNATURE_CHARS = 200


class RequestError(ValueError):
    """A request the service refuses, naming the JSON field at fault."""

    def __init__(self, field: str, message: str, status: int = 400) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.status = status


@dataclass(frozen=True)
class CheckRequest:
    """A validated `POST /v1/check` body."""

    reply: str
    customer: str | None = None
    channel: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    agent: str | None = None  # the agent's sign-off, used by the missing-signature fix


@dataclass(frozen=True)
class CheckResult:
    """What the service answers: diagnostics, the verdict and which codes block."""

    reply: str
    diagnostics: tuple[Diagnostic, ...]
    verdict: str
    blocking: tuple[str, ...]
    config: Config

    def to_json(self) -> dict[str, Any]:
        index = LineIndex(self.reply)
        return {
            "schema_version": JSON_SCHEMA_VERSION,
            "verdict": self.verdict,
            "diagnostics": [diagnostic_json(d, self.reply, index) for d in self.diagnostics],
            "blocking": list(self.blocking),
            "config": {
                "channel": self.config.channel,
                "source": self.config.source.name if self.config.source else None,
                "block": list(self.config.presend.block),
            },
        }


def parse_check_request(data: Any) -> CheckRequest:
    """Validate a decoded JSON body; a `RequestError` names the first bad field."""
    if not isinstance(data, Mapping):
        raise RequestError("body", "expected a JSON object like {\"reply\": \"...\"}")
    _reject_unknown(data, REQUEST_FIELDS, "")
    if "reply" not in data:
        raise RequestError("reply", "required: the draft reply text")
    reply = _string(data, "reply", "reply")
    customer = _optional_string(data, "customer", "customer")
    channel = _optional_string(data, "channel", "channel")
    if channel is not None and channel not in CHANNELS:
        raise RequestError("channel", f"must be one of: {', '.join(CHANNELS)} (got {channel!r})")
    request = CheckRequest(reply=reply, customer=customer, channel=channel)
    raw_config = data.get("config")
    if raw_config is None:
        return request
    return _with_request_config(request, raw_config)


def _with_request_config(request: CheckRequest, raw: Any) -> CheckRequest:
    if not isinstance(raw, Mapping):
        raise RequestError("config", "must be an object with select, ignore or signature")
    _reject_unknown(raw, REQUEST_CONFIG_FIELDS, "config.",
                    "; severities and [presend] block come from the team config"
                    ", channel is a top-level field")
    select = _selectors(raw, "select")
    ignore = _selectors(raw, "ignore")
    agent = None
    signature = raw.get("signature")
    if signature is not None:
        if not isinstance(signature, Mapping):
            raise RequestError("config.signature", "must be an object like {\"agent\": \"^JD\"}")
        _reject_unknown(signature, ("agent",), "config.signature.")
        agent = _optional_string(signature, "agent", "config.signature.agent")
        if agent is not None and len(agent) > MAX_AGENT_SIGNATURE_CHARS:
            raise RequestError("config.signature.agent",
                               f"at most {MAX_AGENT_SIGNATURE_CHARS} characters")
    return replace(request, select=select, ignore=ignore, agent=agent)


def _reject_unknown(data: Mapping[str, Any], allowed: tuple[str, ...], prefix: str,
                    hint: str = "") -> None:
    for key in data:
        if key not in allowed:
            raise RequestError(f"{prefix}{key}",
                               f"unknown field (allowed: {', '.join(allowed)}){hint}")


def _string(data: Mapping[str, Any], key: str, field: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise RequestError(field, f"must be a string (got {_json_type(value)})")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        # JSON can escape half a surrogate pair ("\ud800"); that is no text to lint.
        raise RequestError(field, f"not valid Unicode text: unpaired surrogate at character "
                                  f"{error.start}") from None
    return value


def _optional_string(data: Mapping[str, Any], key: str, field: str) -> str | None:
    return None if data.get(key) is None else _string(data, key, field)


def _selectors(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    field = f"config.{key}"
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RequestError(field, "must be a list of rule codes, prefixes or names")
    try:
        # Validates each selector against the catalogue, as config files are validated.
        config_from_mapping({key: value})
    except ConfigError as error:
        raise RequestError(field, error.detail) from None
    return tuple(value)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "array",
            dict: "object"}.get(type(value), type(value).__name__)


# --- the check ------------------------------------------------------------------


def team_view(team: Config, request: CheckRequest) -> Config:
    """The team config for this reply's channel (without the agent's sign-off).

    The channel is a fact about where the reply goes, so it applies to the blocking
    policy too; the file's explicit sections survive the switch (`Config.narrowed`).
    """
    return team.narrowed(channel=request.channel)


def signed(config: Config, request: CheckRequest) -> Config:
    """`config` with the agent's sign-off, which the missing-signature fix appends."""
    if request.agent is None or request.agent == config.signature.agent:
        return config
    return replace(config, signature=replace(config.signature, agent=request.agent))


def request_view(view: Config, request: CheckRequest) -> Config:
    """`view` narrowed by the request's select/ignore: rules can only be switched off."""
    return view.narrowed(select=request.select, ignore=request.ignore)


def guarded_codes(view: Config, narrowed: Config) -> tuple[str, ...]:
    """Rules the request switched off that would block under the team config."""
    from rules import find_rule

    guarded = []
    for code in _enabled(view):
        rule = find_rule(code)
        assert rule is not None
        severity = view.severity_for(rule.code, rule.name, rule.default_severity)
        if not narrowed.is_enabled(rule.code, rule.name) and view.blocks(
                rule.code, rule.name, severity):
            guarded.append(code)
    return tuple(guarded)


def run_check(team: Config, request: CheckRequest) -> CheckResult:
    """Lint the draft and decide send / confirm / block under the team's policy.

    Raises `RequestError` (413) when the reply is longer than the engine accepts.
    """
    from ..engine import ReplyTooLong

    view = team_view(team, request)
    narrowed = request_view(view, request)
    try:
        diagnostics = _lint(request, narrowed)
        guarded = guarded_codes(view, narrowed)
        if guarded:
            # Lint again with only the blocking rules the request tried to switch off.
            diagnostics += _lint(request, replace(view, select=guarded))
    except ReplyTooLong as error:
        raise RequestError("reply", str(error), status=413) from None
    diagnostics.sort(key=lambda d: (d.start, d.end, d.code))
    blocking = tuple(dict.fromkeys(
        d.code for d in diagnostics if view.blocks(d.code, d.name, d.severity)))
    return CheckResult(request.reply, tuple(diagnostics), verdict(diagnostics, view),
                       blocking, signed(view, request))


def _lint(request: CheckRequest, config: Config) -> list[Diagnostic]:
    """Lint under `config` with the agent's sign-off (which the missing-signature fix appends).

    Cheap per agent: the engine shares built rules between configs that agree on the
    sections each rule reads, so a new sign-off builds only the signature rule.
    """
    from ..engine import lint

    return lint(request.reply, request.customer, signed(config, request))


def _enabled(config: Config) -> tuple[str, ...]:
    from rules import catalogue

    return tuple(rule.code for rule in catalogue() if config.is_enabled(rule.code, rule.name))
