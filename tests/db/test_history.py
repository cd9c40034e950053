"""The evidence history: recorded by each load, rebuilt from git, served at /history."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.cli import main
from interventions_api.db import history
from interventions_api.db.load import load_catalogue
from interventions_api.errors import LoadFailed
from tests.conftest import make_settings, read_ok

from ..fixtures.git_catalogue import GitCatalogue, make_git_catalogue

STRONG = "rating: Effectief volgens sterke aanwijzingen"
GOOD = "rating: Effectief volgens goede aanwijzingen"


def history_rows(db_path: Path, entry: str | None = None) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        sql = "SELECT * FROM evidence_history"
        rows = conn.execute(sql + (" WHERE intervention_id = ?" if entry else "") + " ORDER BY id",
                            [entry] if entry else []).fetchall()
        return [dict(row) for row in rows]
    finally:
        conn.close()


def edit(root: Path, entry: str, old: str, new: str) -> None:
    path = root / "interventions" / f"{entry}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def get_history(db_path: Path, entry: str, **params: str) -> Any:
    with TestClient(create_app(make_settings(db_path))) as client:
        return client.get(f"/v1/interventions/{entry}/history", params=params)


def test_a_change_across_two_loads_shows_up_in_history(make_catalogue, tmp_path: Path) -> None:
    root = make_catalogue(only=["kiva", "taakspel"])
    db_path = tmp_path / "live.db"
    load_catalogue(read_ok(root), db_path)
    first = get_history(db_path, "kiva").json()
    assert [(c["kind"], c["change"]) for c in first["data"]][0] == ("evidence_level", "added")
    assert first["data"][0]["to"]["level"] == "strong_indications"
    assert {c["registry"] for c in first["data"] if c["kind"] == "rating"} == {
        "nji", "loket_gezond_leven", "commissie_antipest", "blueprints"}

    edit(root, "kiva", STRONG, GOOD)
    load_catalogue(read_ok(root), db_path)
    response = get_history(db_path, "kiva", lang="en")
    assert response.status_code == 200
    body = response.json()
    new = body["data"][len(first["data"]):]
    assert [(c["kind"], c["change"], c["registry"]) for c in new] == [
        ("evidence_level", "changed", None), ("rating", "changed", "nji")]
    level, rating = new
    assert (level["from"]["level"], level["to"]["level"]) == ("strong_indications",
                                                              "good_indications")
    assert level["to"]["label"] == "Good indications of effectiveness"
    assert rating["from"] == {"rating": "Effectief volgens sterke aanwijzingen",
                              "assessed": "2022-12-15", "level": "strong_indications",
                              "level_label": "Strong indications of effectiveness"}
    assert rating["to"]["rating"] == "Effectief volgens goede aanwijzingen"
    assert rating["source"] == "load" and rating["catalogue_version"]
    assert body["meta"]["current_evidence_level"] == "good_indications"
    assert history_rows(db_path, "taakspel")[-1]["change"] == "added", "taakspel did not change"

    before = len(history_rows(db_path))
    load_catalogue(read_ok(root), db_path)
    assert len(history_rows(db_path)) == before, "an unchanged load records nothing"


def test_a_failed_load_records_no_history(make_catalogue, tmp_path: Path) -> None:
    root = make_catalogue(only=["kiva"])
    db_path = tmp_path / "live.db"
    load_catalogue(read_ok(root), db_path)
    before = history_rows(db_path)
    edit(root, "kiva", STRONG, GOOD)

    def crash() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(LoadFailed):
        load_catalogue(read_ok(root), db_path, fail_before_swap=crash)
    assert history_rows(db_path) == before


def test_removed_entry_keeps_its_history_and_unknown_id_is_404(make_catalogue,
                                                                tmp_path: Path) -> None:
    db_path = tmp_path / "live.db"
    load_catalogue(read_ok(make_catalogue(only=["kiva", "taakspel"])), db_path)
    load_catalogue(read_ok(make_catalogue(only=["kiva"])), db_path)
    removed = get_history(db_path, "taakspel").json()
    assert removed["meta"]["in_catalogue"] is False
    # Two loads can fall in the same second: the catalogue version tells them apart.
    last = removed["data"][-1]["catalogue_version"]
    last_load = [c for c in removed["data"] if c["catalogue_version"] == last]
    assert {c["change"] for c in last_load} == {"removed"}
    assert ("evidence_level", "removed") in [(c["kind"], c["change"]) for c in last_load]
    assert removed["meta"]["current_evidence_level"] is None
    missing = get_history(db_path, "no-such-programme")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


@pytest.fixture
def repo(tmp_path: Path) -> GitCatalogue:
    return make_git_catalogue(tmp_path / "repo", ["kiva", "taakspel", "prima"])


def test_backfill_rebuilds_the_history_from_the_git_log(repo: GitCatalogue,
                                                       tmp_path: Path) -> None:
    first = repo.commit("first version", date="2025-01-10T09:00:00+01:00")
    repo.edit("kiva", STRONG, GOOD)
    second = repo.commit("kiva: rating", date="2025-06-01T12:00:00+02:00")
    good_prima = repo.entry("prima").read_text(encoding="utf-8")
    repo.entry("prima").write_text("id: prima\nname: [oops\n", encoding="utf-8")
    repo.commit("prima: broken", date="2025-07-01T12:00:00+00:00")
    repo.entry("prima").write_text(good_prima, encoding="utf-8")
    repo.commit("prima: fixed", date="2025-07-02T12:00:00+00:00")
    repo.entry("taakspel").unlink()
    fourth = repo.commit("taakspel removed", date="2026-01-05T08:00:00+00:00")

    db_path = tmp_path / "fresh.db"
    result = CliRunner().invoke(main, ["backfill-history", "--catalogue", str(repo.catalogue),
                                       "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    rows = history_rows(db_path)
    assert {r["source"] for r in rows} == {"backfill"}
    assert {r["intervention_id"] for r in rows if r["git_commit"] == first} == {
        "kiva", "taakspel", "prima"}
    kiva = [(r["kind"], r["change"], r["recorded_at"], r["git_commit"])
            for r in rows if r["intervention_id"] == "kiva" and r["git_commit"] == second]
    assert kiva == [("evidence_level", "changed", "2025-06-01T10:00:00+00:00", second),
                    ("rating", "changed", "2025-06-01T10:00:00+00:00", second)]
    prima = [r for r in rows if r["intervention_id"] == "prima"]
    assert all(r["git_commit"] == first for r in prima), "a broken commit is not a removal"
    taakspel = [r for r in rows if r["intervention_id"] == "taakspel"
                and r["git_commit"] == fourth]
    assert taakspel and all(r["change"] == "removed" for r in taakspel)

    # Loading the same catalogue afterwards adds nothing: the load folds the backfilled log.
    load_catalogue(read_ok(repo.catalogue), db_path)
    assert history_rows(db_path) == rows
    # An uncommitted change is appended by the next load, after the backfilled history.
    repo.edit("kiva", GOOD + '\n      date: "2022-12-15"', STRONG + '\n      date: "2022-12-15"')
    load_catalogue(read_ok(repo.catalogue), db_path)
    appended = history_rows(db_path)[len(rows):]
    assert [(r["intervention_id"], r["kind"], r["source"]) for r in appended] == [
        ("kiva", "evidence_level", "load"), ("kiva", "rating", "load")]
    body = get_history(db_path, "kiva").json()
    assert [c["source"] for c in body["data"]][-2:] == ["load", "load"]
    assert body["data"][0]["recorded_at"] == "2025-01-10T08:00:00+00:00"


def test_backfill_removes_stale_staging_files_and_syncs_before_the_rename(
        make_catalogue, tmp_path: Path, file_events: list[str]) -> None:
    db_path = tmp_path / "live.db"
    load_catalogue(read_ok(make_catalogue(only=["kiva"])), db_path)
    gone = subprocess.Popen(["true"])  # noqa: S603, S607
    gone.wait()
    stale = [tmp_path / f".live.db.backfill-{gone.pid}",
             tmp_path / f".live.db.loading-{gone.pid}-journal"]
    for path in stale:
        path.write_bytes(b"half a staging file")
    said: list[str] = []
    file_events.clear()  # the load's own sync and rename
    history.backfill(db_path, [], said.append)
    staging = f".live.db.backfill-{os.getpid()}"
    assert file_events == [f"fsync {staging}", f"replace {staging}"]
    assert not [path for path in stale if path.exists()]
    assert sum(message.startswith("removing ") for message in said) == 2
    assert history_rows(db_path) == []


def test_backfill_outside_git_is_a_clear_error(make_catalogue, tmp_path: Path) -> None:
    root = make_catalogue(only=["kiva"])
    result = CliRunner().invoke(main, ["backfill-history", "--catalogue", str(root),
                                       "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "backfill-history:" in result.output
    assert not (tmp_path / "x.db").exists()
