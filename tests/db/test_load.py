"""The load is all or nothing: a broken catalogue or a failed load changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interventions_api.catalogue import read_catalogue
from interventions_api.db.load import load_catalogue
from interventions_api.errors import LoadFailed
from tests.conftest import read_ok


def rows(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_load_stores_every_entry_with_its_derived_level(make_catalogue, tmp_path) -> None:
    root = make_catalogue()
    catalogue = read_ok(root)
    db_path = tmp_path / "x.db"
    load_catalogue(catalogue, db_path)
    stored = dict(rows(db_path, "SELECT id, evidence_level FROM interventions"))
    assert stored == {e.id: e.evidence_level for e in catalogue.entries}
    fts = rows(db_path, "SELECT count(*) FROM interventions_fts")[0][0]
    assert fts == len(catalogue.entries)


def test_load_stores_availability_and_checked_days(make_catalogue, tmp_path) -> None:
    catalogue = read_ok(make_catalogue(only=["kiva", "olweus", "plezier-op-school"]))
    db_path = tmp_path / "x.db"
    load_catalogue(catalogue, db_path)
    # kiva: available (a Dutch provider); olweus: unknown (the column stays NULL).
    assert dict(rows(db_path, "SELECT id, available_nl FROM interventions")) == {
        "kiva": 1, "olweus": None, "plezier-op-school": None}
    assert rows(db_path, "SELECT rating, checked, date, year FROM assessments "
                         "WHERE intervention_id = 'olweus'") == [
        ("Promising", "2026-12-04", None, None)]
    # The 2018 outcome without a label is in the document, not among the ratings.
    ratings = rows(db_path, "SELECT registry_key, year FROM assessments "
                            "WHERE intervention_id = 'plezier-op-school'")
    assert ("commissie_antipest", 2018) not in ratings
    document = rows(db_path, "SELECT document FROM interventions "
                             "WHERE id = 'plezier-op-school'")[0][0]
    assert '"outcome":"not_judged"' in document


def test_each_load_is_recorded(make_catalogue, make_db) -> None:
    root = make_catalogue(only=["kiva", "taakspel"])
    db_path = make_db(root)
    load_catalogue(read_ok(make_catalogue(only=["kiva"])), db_path)
    loads = rows(db_path, "SELECT version, entry_count, loaded_at FROM catalogue_loads")
    assert [count for _, count, _ in loads] == [2, 1]
    assert loads[0][0] != loads[1][0]  # a different catalogue is a different version
    assert all(loaded_at for *_, loaded_at in loads)


def test_a_broken_catalogue_is_not_loaded(make_catalogue, make_db) -> None:
    root = make_catalogue(only=["kiva", "taakspel"])
    db_path = make_db(root)
    before = db_path.read_bytes()
    (root / "interventions" / "taakspel.yaml").write_text("id: taakspel\nname: [\n")
    result = read_catalogue(root)
    assert result.catalogue is None and result.errors
    assert db_path.read_bytes() == before


def test_a_failure_before_the_swap_leaves_the_live_file_untouched(make_catalogue,
                                                                   make_db) -> None:
    db_path = make_db(make_catalogue(only=["kiva", "taakspel"]))
    before = db_path.read_bytes()
    smaller = read_ok(make_catalogue(only=["kiva"]))

    def crash() -> None:
        raise OSError("disk full (simulated)")

    with pytest.raises(LoadFailed, match="nothing changed"):
        load_catalogue(smaller, db_path, fail_before_swap=crash)
    assert db_path.read_bytes() == before
    assert sorted(r[0] for r in rows(db_path, "SELECT id FROM interventions")) == [
        "kiva", "taakspel"]
    assert not list(db_path.parent.glob(f".{db_path.name}.loading-*"))


def test_a_database_that_cannot_be_migrated_is_left_alone(make_catalogue, tmp_path) -> None:
    db_path = tmp_path / "foreign.db"
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE interventions (something TEXT)")  # not our schema
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(LoadFailed):
        load_catalogue(read_ok(make_catalogue(only=["kiva"])), db_path)
    assert db_path.read_bytes() == before


def test_reload_replaces_removed_entries(make_catalogue, make_db) -> None:
    db_path = make_db(make_catalogue(only=["kiva", "taakspel"]))
    load_catalogue(read_ok(make_catalogue(only=["taakspel"])), db_path)
    assert rows(db_path, "SELECT id FROM interventions") == [("taakspel",)]
    terms = rows(db_path, "SELECT DISTINCT intervention_id FROM intervention_terms")
    assert terms == [("taakspel",)]
