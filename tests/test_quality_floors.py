"""Guard the measured precision/recall of every labelled rule against the dev labels."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT.parent / "shared" / "data" / "realreplies" / "dev_labels.jsonl"
FLOORS = tomllib.loads((ROOT / "benchmarks" / "quality_floors.toml").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not LABELS.exists(), reason=f"labelled corpus not found at {LABELS}"),
]


@pytest.fixture(scope="module")
def scores():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    quality = importlib.util.module_from_spec(spec)
    sys.modules["quality"] = quality  # dataclasses look their module up here
    spec.loader.exec_module(quality)
    items = quality.load_items(LABELS)
    return quality.score(items, quality.predictions(items))


def test_every_scored_rule_has_a_floor(scores) -> None:
    assert set(FLOORS) == set(scores), "add a floor for every rule benchmarks/quality.py scores"


@pytest.mark.parametrize("code", sorted(FLOORS))
def test_rule_stays_above_its_floor(scores, code: str) -> None:
    floor, score = FLOORS[code], scores[code]
    assert score.precision >= floor["precision"], f"{code} precision {score.precision:.3f}"
    assert score.recall >= floor["recall"], f"{code} recall {score.recall:.3f}"
