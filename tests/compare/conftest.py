"""A small catalogue copy with known costs and review dates, loaded once per module.

The real catalogue publishes no price other than € 0 (or "op aanvraag"), and every entry
was reviewed on the same day; these copies (in tmp, never in catalogue/) give the cost and
freshness paths something to compute. The values are test inputs, not facts about the programmes.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.db.load import load_catalogue
from tests.conftest import REAL_CATALOGUE, make_settings, read_ok

COMPARED = ["kiva", "kanjertraining", "taakspel"]
TODAY = dt.date.today()
# Taakspel: a test price of €450 per class, once; reviewed long ago so it is stale
# (latest rating: year 2018 → 2018-01-01; reviewed 2019-03-01 → due 2024-03-01).
TAAKSPEL_COST = ("  cost: {amount_eur: 450, per: class, period: once, year: 2024, "
                 "source: https://example.org/test-price}\n")
TAAKSPEL_REVIEWED = "2019-03-01"
# KiVa: reviewed before its latest rating (2022-12-15), so the due date counts from it.
KIVA_REVIEWED = "2020-05-01"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected one '{old.strip()}'"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _set_reviewed(path: Path, day: str) -> None:
    text = path.read_text(encoding="utf-8")
    lines = [f'reviewed: "{day}"' if line.startswith("reviewed:") else line
             for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("compare-catalogue") / "catalogue"
    shutil.copytree(REAL_CATALOGUE, root, ignore=shutil.ignore_patterns("schema"))
    for path in (root / "interventions").glob("*.yaml"):
        if path.stem not in COMPARED:
            path.unlink()
    entries = root / "interventions"
    _edit(entries / "taakspel.yaml", "implementation:\n", "implementation:\n" + TAAKSPEL_COST)
    _set_reviewed(entries / "taakspel.yaml", TAAKSPEL_REVIEWED)
    _set_reviewed(entries / "kiva.yaml", KIVA_REVIEWED)
    _set_reviewed(entries / "kanjertraining.yaml", TODAY.isoformat())
    db_path = root.parent / "small.db"
    load_catalogue(read_ok(root), db_path)
    return db_path


@pytest.fixture(scope="module")
def small_client(small_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(small_db))) as test_client:
        yield test_client
