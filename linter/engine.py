"""The one entry point every adapter calls: text (+ customer message) + config -> diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .config import Config
from .diagnostic import Diagnostic, Finding, Severity
from .document import parse_reply_file
from .pipeline import MAX_REPLY_CHARS, get_nlp
from .reply import Reply

DEFAULT_CONFIG = Config()

# How many replies `lint_many` lints together, one rule at a time (see `_run_many`). Rules
# that share per-reply work cache it by text for at least this many replies
# (`rules._phone._PER_REPLY_CACHE`).
RULE_MAJOR_BATCH = 64


class ReplyTooLong(ValueError):
    """The reply is longer than any real reply; refusing it protects every adapter."""

    def __init__(self, length: int) -> None:
        super().__init__(
            f"reply is {length:,} characters; replylint lints replies up to "
            f"{MAX_REPLY_CHARS:,} characters")
        self.length = length


@dataclass(frozen=True, slots=True)
class ActiveRule:
    rule: object  # a built rules.base.Rule
    code: str
    name: str
    severity: Severity
    # The built rule's bound `check`, looked up once: `_run` calls it for every reply.
    check: Callable[[Reply], Iterable[Finding]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "check", self.rule.check)  # type: ignore[attr-defined]


@lru_cache(maxsize=32)
def active_rules(config: Config) -> tuple[ActiveRule, ...]:
    """The rules `config` enables, with their severities."""
    from rules import catalogue

    return tuple(
        ActiveRule(built_rule(rule_class, config), rule_class.code, rule_class.name,
                   config.severity_for(rule_class.code, rule_class.name,
                                       rule_class.default_severity))
        for rule_class in catalogue()
        if config.is_enabled(rule_class.code, rule_class.name)
    )


@dataclass(frozen=True)
class _BuildKey:
    """A rule class and the config sections it reads: equal keys share one built rule."""

    rule_class: type
    settings: object
    config: Config = field(compare=False, hash=False)


def built_rule(rule_class: type, config: Config) -> object:
    """`rule_class` built for `config`, reused for any config with the same relevant sections."""
    uses = getattr(rule_class, "uses", None)
    settings = config if uses is None else tuple(getattr(config, name) for name in uses)
    return _build(_BuildKey(rule_class, settings, config))


@lru_cache(maxsize=256)
def _build(key: _BuildKey) -> object:
    return key.rule_class(key.config)


def lint(reply: str, customer: str | None = None, config: Config | None = None) -> list[Diagnostic]:
    """Lint one reply. Offsets in the diagnostics index into `reply`.

    `customer` is the message the reply answers, when known; some rules
    (acknowledgement) only speak when they have it.
    """
    _check_length(reply)
    if not reply.strip():
        return []
    reply, customer = _encodable(reply), _encodable(customer) if customer else customer
    config = config or DEFAULT_CONFIG
    return _run(Reply(reply, get_nlp()(reply), customer, config), active_rules(config))


def lint_many(items: Iterable[tuple[str, str | None]], config: Config | None = None,
              batch_size: int = 256) -> Iterator[list[Diagnostic] | ValueError]:
    """Lint many (reply, customer) pairs through one `nlp.pipe`, in order.

    Yields a diagnostics list per item, or the `ValueError` that item raised
    (too long), so a batch never loses a row.
    """
    config = config or DEFAULT_CONFIG
    rules = active_rules(config)  # hashing a Config is not free: once per batch
    nlp = get_nlp()
    pending = ((reply, customer) for reply, customer in items)

    def texts() -> Iterator[tuple[str, tuple[str, str | None, ValueError | None]]]:
        for reply, customer in pending:
            error: ValueError | None = None
            try:
                _check_length(reply)
            except ValueError as exc:
                error, reply = exc, ""
            reply, customer = _encodable(reply), _encodable(customer) if customer else customer
            yield reply, (reply, customer, error)

    # Results wait until a whole group of replies is linted, rule after rule (`_run_many`).
    group: list[Reply | list[Diagnostic] | ValueError] = []
    for doc, (reply, customer, error) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        if error is not None:
            group.append(error)
        elif not reply.strip():
            group.append([])
        else:
            group.append(Reply(reply, doc, customer, config))
        if len(group) >= RULE_MAJOR_BATCH:
            yield from _finish(group, rules)
            group = []
    yield from _finish(group, rules)


def _finish(group: list[Reply | list[Diagnostic] | ValueError],
            rules: tuple[ActiveRule, ...]) -> Iterator[list[Diagnostic] | ValueError]:
    replies = [entry for entry in group if isinstance(entry, Reply)]
    linted = iter(_run_many(replies, rules))
    for entry in group:
        yield next(linted) if isinstance(entry, Reply) else entry


def lint_source(source: str, customer: str | None = None,
                config: Config | None = None) -> list[Diagnostic]:
    """Lint a reply file whose `>`-quoted lines hold the customer's message.

    Offsets index into `source`. An explicit `customer` wins over the quote.
    """
    parsed = parse_reply_file(source)
    diagnostics = lint(parsed.reply, customer or parsed.quoted_customer, config)
    return [parsed.map_diagnostic(diagnostic) for diagnostic in diagnostics]


def _encodable(text: str) -> str:
    """`text` with lone surrogates (legal in JSON and Python, not in UTF-8) replaced by '?'.

    One character for one, so every offset stays valid; spaCy would crash on them.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _check_length(reply: str) -> None:
    if len(reply) > MAX_REPLY_CHARS:
        raise ReplyTooLong(len(reply))


def _run(reply: Reply, rules: tuple[ActiveRule, ...]) -> list[Diagnostic]:
    return _run_many([reply], rules)[0]


def _run_many(replies: list[Reply], rules: tuple[ActiveRule, ...]) -> list[list[Diagnostic]]:
    """Each reply's diagnostics, sorted by position.

    Rule-major: one rule runs over every reply before the next rule starts. A rule's code,
    regular expressions and tables then stay in the CPU caches across replies instead of
    being evicted by the twelve other rules at every reply; on the corpus the rules cost
    about a quarter less this way than reply by reply (`benchmarks/throughput.py`).
    """
    results: list[list[Diagnostic]] = [[] for _ in replies]
    for active in rules:
        check, code, name, severity = active.check, active.code, active.name, active.severity
        for diagnostics, reply in zip(results, replies, strict=True):
            for finding in check(reply):
                diagnostics.append(Diagnostic(
                    code=code, name=name, severity=severity, start=finding.start,
                    end=finding.end, message=finding.message, fix=finding.fix))
    for diagnostics in results:
        if len(diagnostics) > 1:
            diagnostics.sort(key=_position)
    return results


def _position(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return diagnostic.start, diagnostic.end, diagnostic.code
