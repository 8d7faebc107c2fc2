"""The run's summary: counters only, merged chunk by chunk, rendered as text or data.

Everything here is bounded: per-rule and per-group counters (a group field with
more than MAX_GROUP_VALUES distinct values folds the rest into "(other)"), per-day
counters, and a few example replies per rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

MAX_GROUP_VALUES = 5_000
EXAMPLES_PER_RULE = 5
EXAMPLE_CHARS = 600
OTHER = "(other)"
SCHEMA_VERSION = 1


@dataclass
class Tally:
    """Counts for some rows; a worker fills one per chunk and the main process merges them."""

    rows: int = 0
    linted: int = 0
    errors: int = 0
    with_findings: int = 0
    rule_rows: Counter[str] = field(default_factory=Counter)  # rows where the rule fired
    rule_findings: Counter[str] = field(default_factory=Counter)
    group_rows: Counter[tuple[str, str]] = field(default_factory=Counter)  # linted rows
    group_rule_rows: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    day_rows: Counter[str] = field(default_factory=Counter)
    day_rule_rows: Counter[tuple[str, str]] = field(default_factory=Counter)
    error_kinds: Counter[str] = field(default_factory=Counter)
    rule_names: dict[str, str] = field(default_factory=dict)
    rule_severity: dict[str, str] = field(default_factory=dict)  # as configured for this run
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    group_values: Counter[str] = field(default_factory=Counter)  # distinct values per label

    def add_error(self, message: str) -> None:
        self.rows += 1
        self.errors += 1
        self.error_kinds[message.split(" (")[0].split(":")[0]] += 1

    def add_linted(self, groups: dict[str, str], day: str | None,
                   fired: list[tuple[str, str, str]]) -> None:
        """One linted row: its group values, its day and (code, name, severity) per diagnostic."""
        self.rows += 1
        self.linted += 1
        codes: dict[str, str] = {}
        for code, name, severity in fired:
            codes.setdefault(code, name)
            self.rule_severity.setdefault(code, severity)
            self.rule_findings[code] += 1
        if codes:
            self.with_findings += 1
        for item in groups.items():
            self.group_rows[item] += 1
        if day:
            self.day_rows[day] += 1
        for code, name in codes.items():
            self.rule_rows[code] += 1
            self.rule_names.setdefault(code, name)
            for label, value in groups.items():
                self.group_rule_rows[(label, value, code)] += 1
            if day:
                self.day_rule_rows[(day, code)] += 1

    def add_example(self, code: str, text: str, spans: list[tuple[int, int, str]],
                    row_id: str, groups: dict[str, str]) -> None:
        kept = self.examples.setdefault(code, [])
        if len(kept) >= EXAMPLES_PER_RULE or any(e["text"] == text[:EXAMPLE_CHARS] for e in kept):
            return
        clipped = text[:EXAMPLE_CHARS]
        kept.append({
            "text": clipped,
            "spans": [[s, min(e, len(clipped)), m] for s, e, m in spans if s < len(clipped)],
            "id": row_id,
            "groups": groups,
        })

    def merge(self, other: Tally) -> None:
        self.rows += other.rows
        self.linted += other.linted
        self.errors += other.errors
        self.with_findings += other.with_findings
        self.rule_rows.update(other.rule_rows)
        self.rule_findings.update(other.rule_findings)
        self.day_rows.update(other.day_rows)
        self.day_rule_rows.update(other.day_rule_rows)
        self.error_kinds.update(other.error_kinds)
        for code, name in other.rule_names.items():
            self.rule_names.setdefault(code, name)
        for code, severity in other.rule_severity.items():
            self.rule_severity.setdefault(code, severity)
        self._merge_groups(other)
        for code, examples in other.examples.items():
            for example in examples:
                spans = [(s, e, m) for s, e, m in example["spans"]]
                self.add_example(code, example["text"], spans, example["id"], example["groups"])

    def _merge_groups(self, other: Tally) -> None:
        known = self.group_values
        remap: dict[tuple[str, str], tuple[str, str]] = {}
        for key, count in other.group_rows.items():
            if key not in self.group_rows and known[key[0]] >= MAX_GROUP_VALUES:
                remap[key] = (key[0], OTHER)
            elif key not in self.group_rows:
                known[key[0]] += 1
            target = remap.get(key, key)
            self.group_rows[target] += count
        for (label, value, code), count in other.group_rule_rows.items():
            label, value = remap.get((label, value), (label, value))
            self.group_rule_rows[(label, value, code)] += count


# --- the finished summary --------------------------------------------------------


def build_summary(tally: Tally, *, records_written: int, rules: list[tuple[str, str]],
                  group_labels: tuple[str, ...], canned: list[dict[str, Any]],
                  canned_floor: int, inputs: list[str], worst: int = 3,
                  min_group_rows: int = 20) -> dict[str, Any]:
    """The summary as data (what --summary-json writes and the HTML report draws)."""
    linted = tally.linted
    names = dict(rules)
    names.update(tally.rule_names)
    codes = sorted(set(names))
    rule_rows = []
    for code in codes:
        rows = tally.rule_rows.get(code, 0)
        rule_rows.append({
            "code": code, "name": names[code], "rows": rows,
            "findings": tally.rule_findings.get(code, 0),
            "severity": tally.rule_severity.get(code),
            "rate": _rate(rows, linted),
            "worst_groups": _worst_groups(tally, code, group_labels, worst, min_group_rows),
        })
    groups = {
        label: sorted(
            ({"value": value, "rows": rows,
              "rules": {code: tally.group_rule_rows.get((label, value, code), 0)
                        for code in codes}}
             for (group_label, value), rows in tally.group_rows.items() if group_label == label),
            key=lambda g: (-g["rows"], g["value"]))
        for label in group_labels
    }
    days = sorted(tally.day_rows)
    trend = [{"day": day, "rows": tally.day_rows[day],
              "rules": {code: tally.day_rule_rows.get((day, code), 0) for code in codes}}
             for day in days]
    return {
        "version": SCHEMA_VERSION,
        "inputs": inputs,
        "rows": tally.rows,
        "linted": linted,
        "errors": tally.errors,
        "records_written": records_written,
        "balanced": tally.rows == linted + tally.errors == records_written,
        "rows_with_findings": tally.with_findings,
        "findings_rate": _rate(tally.with_findings, linted),
        "error_kinds": dict(tally.error_kinds.most_common()),
        "rules": rule_rows,
        "group_labels": list(group_labels),
        "groups": groups,
        "trend": trend,
        "canned": canned,
        "canned_count_floor": canned_floor,
        "examples": tally.examples,
    }


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def _worst_groups(tally: Tally, code: str, labels: tuple[str, ...], worst: int,
                  min_rows: int) -> list[dict[str, Any]]:
    """Groups with the highest rate for `code`, among groups with enough rows to mean something."""
    candidates = []
    for label in labels:
        if label == "date":
            continue  # days are the trend chart's business
        sizes = {value: rows for (group_label, value), rows in tally.group_rows.items()
                 if group_label == label and value != OTHER}
        floor = min_rows if any(rows >= min_rows for rows in sizes.values()) else 1
        for value, rows in sizes.items():
            fired = tally.group_rule_rows.get((label, value, code), 0)
            if rows >= floor and fired:
                candidates.append({"group": label, "value": value, "rows": rows,
                                   "fired": fired, "rate": _rate(fired, rows)})
    candidates.sort(key=lambda c: (-c["rate"], -c["fired"], c["group"], c["value"]))
    return candidates[:worst]


def render_text(summary: dict[str, Any], canned_shown: int = 10) -> str:
    """The terminal summary."""
    lines = [
        f"replylint batch: {summary['rows']:,} rows read = {summary['linted']:,} linted + "
        f"{summary['errors']:,} with an error = {summary['records_written']:,} records written"
        + ("" if summary["balanced"] else "  (MISMATCH: please report this)"),
        f"rows with findings: {summary['rows_with_findings']:,} of {summary['linted']:,} linted "
        f"({summary['findings_rate']:.1%})",
    ]
    if summary["error_kinds"]:
        kinds = ", ".join(f"{kind}: {count:,}" for kind, count in summary["error_kinds"].items())
        lines.append(f"rows with an error: {kinds}")
    lines.append("")
    width = max([len(f"{r['code']} {r['name']}") for r in summary["rules"]] + [10])
    lines.append(f"{'rule':<{width}}  {'rows':>9}  {'rate':>7}  worst groups (rate, rows)")
    for rule in sorted(summary["rules"], key=lambda r: (-r["rows"], r["code"])):
        worst = "; ".join(
            f"{g['group']}={_short(g['value'])} {g['rate']:.1%} ({g['fired']:,}/{g['rows']:,})"
            for g in rule["worst_groups"])
        lines.append(f"{rule['code'] + ' ' + rule['name']:<{width}}  {rule['rows']:>9,}  "
                     f"{rule['rate']:>7.2%}  {worst}")
    canned = summary["canned"][:canned_shown]
    if canned:
        lines += ["", "most frequent canned phrases (count, agents):"]
        for template in canned:
            lines.append(f"  {template['count']:>7,}  {template['agents']:>3}  "
                         f"{_short(template['text'], 90)}")
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
