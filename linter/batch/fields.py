"""Which input field holds the reply, the customer message, the id and each group.

Explicit options win; otherwise common export column names are recognised
("reply", "text", "agent_name", "created_at"...). A field that cannot be found is
an error that lists the fields the input does have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TEXT_NAMES = ("reply", "reply_text", "response", "response_text", "agent_reply", "text", "body",
              "message", "content")
CUSTOMER_NAMES = ("customer", "customer_message", "customer_text", "inbound", "inbound_message",
                  "question", "request", "in_reply_to_text")
ID_NAMES = ("id", "reply_id", "message_id", "ticket_id", "tweet_id", "uuid", "row_id")
# group label -> field names that commonly hold it, best first.
GROUP_ALIASES: dict[str, tuple[str, ...]] = {
    "agent": ("agent", "agent_name", "agent_id", "agent_email", "author", "author_id", "sender",
              "user", "assignee"),
    "brand": ("brand", "brand_name", "company", "account", "screen_name"),
    "queue": ("queue", "team", "group", "department", "inbox"),
    "channel": ("channel", "medium", "via"),
    "date": ("date", "created_at", "sent_at", "timestamp", "created", "time", "datetime",
             "meta.created_at"),
}


class FieldError(Exception):
    """A field option names nothing in the input; the message lists what exists."""


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """Where each needed value lives in one input. Keys are column indexes (CSV) or key paths."""

    kind: str
    text: object
    customer: object | None
    id: object | None
    groups: tuple[tuple[str, object], ...]  # (label shown in the output, key)
    date: object | None
    width: int = 0  # CSV header width, to spot rows with missing cells
    names: tuple[str, ...] = ()  # the field names behind text/customer/id, for error messages


@dataclass(frozen=True, slots=True)
class FieldOptions:
    text: str | None = None
    customer: str | None = None
    id: str | None = None
    group_by: tuple[str, ...] = ()
    date: str | None = None
    auto_groups: bool = True


def _norm(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def plan_fields(kind: str, fields: list[str], options: FieldOptions, source: str) -> FieldPlan:
    """Resolve every option against `fields`, raising FieldError with the available names."""
    lookup: dict[str, str] = {}
    for name in fields:
        lookup.setdefault(_norm(name), name)

    def available() -> str:
        return ", ".join(fields) if fields else "(none: no row could be read)"

    def explicit(option: str, value: str) -> str:
        found = lookup.get(_norm(value))
        if found is None:
            raise FieldError(f"{source}: no field {value!r} for {option} "
                             f"(available fields: {available()})")
        return found

    def first_of(names: tuple[str, ...]) -> str | None:
        return next((lookup[_norm(n)] for n in names if _norm(n) in lookup), None)

    text = explicit("--text-field", options.text) if options.text else first_of(TEXT_NAMES)
    if text is None:
        raise FieldError(f"{source}: cannot tell which field holds the reply; give --text-field "
                         f"(available fields: {available()})")
    customer = (explicit("--customer-field", options.customer) if options.customer
                else first_of(tuple(n for n in CUSTOMER_NAMES if _norm(n) != _norm(text))))
    id_field = explicit("--id-field", options.id) if options.id else first_of(ID_NAMES)

    groups: list[tuple[str, str]] = []
    for wanted in options.group_by:
        name = lookup.get(_norm(wanted)) or first_of(_family(_norm(wanted)))
        if name is None:
            raise FieldError(f"{source}: no field {wanted!r} for --group-by "
                             f"(available fields: {available()})")
        groups.append((_norm(wanted), name))
    if not options.group_by and options.auto_groups:
        for label, aliases in GROUP_ALIASES.items():
            found = first_of(aliases)
            if label != "date" and found and found not in (text, customer, id_field):
                groups.append((label, found))

    if options.date:
        date: str | None = explicit("--date-field", options.date)
    else:
        date = next((name for label, name in groups if label == "date"), None) or first_of(
            GROUP_ALIASES["date"])

    names = (text, customer or "", id_field or "")
    if kind == "csv":
        index = {name: position for position, name in enumerate(fields)}
        return FieldPlan(kind, index[text], _maybe(index, customer), _maybe(index, id_field),
                         tuple((label, index[name]) for label, name in groups),
                         _maybe(index, date), len(fields), names)
    return FieldPlan(kind, _path(text), _path(customer), _path(id_field),
                     tuple((label, _path(name)) for label, name in groups), _path(date), 0, names)


def _family(wanted: str) -> tuple[str, ...]:
    """Every common name for the same thing: "team" also finds a "queue" column."""
    for label, aliases in GROUP_ALIASES.items():
        if wanted == label or wanted in aliases:
            return (label, *aliases)
    return ()


def _maybe(index: dict[str, int], name: str | None) -> int | None:
    return None if name is None else index[name]


def _path(name: str | None) -> tuple[str, ...] | None:
    return None if name is None else tuple(name.split("."))


def group_labels(plan: FieldPlan) -> tuple[str, ...]:
    return tuple(label for label, _ in plan.groups)
