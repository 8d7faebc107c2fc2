"""The rule catalogue: every module in this package defines one `Rule` subclass."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from .base import Example, Rule

__all__ = ["Example", "Rule", "catalogue", "find_rule"]

_NOT_RULES = {"base"}


@lru_cache(maxsize=1)
def catalogue() -> tuple[type[Rule], ...]:
    """All rule classes, sorted by code. Modules starting with `_` are helpers."""
    found: list[type[Rule]] = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_") or module_info.name in _NOT_RULES:
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Rule) and value is not Rule
                    and value.__module__ == module.__name__):
                found.append(value)
    codes = [rule.code for rule in found]
    duplicates = {code for code in codes if codes.count(code) > 1}
    if duplicates:
        raise RuntimeError(f"rule codes used twice: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda rule: rule.code))


def find_rule(key: str) -> type[Rule] | None:
    """A rule by code (case-insensitive) or kebab-case name."""
    for rule in catalogue():
        if key.upper() == rule.code or key.lower() == rule.name:
            return rule
    return None
