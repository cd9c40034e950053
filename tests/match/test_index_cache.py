"""The match's cached index follows the database file: a new load is seen at once."""

from __future__ import annotations

import pytest

from interventions_api.db.load import load_catalogue
from tests.conftest import read_ok

from .helpers import client_for, copy_catalogue, post_match, set_field, twin


def test_a_new_load_is_matched_without_a_restart(tmp_path_factory: pytest.TempPathFactory
                                                 ) -> None:
    folder = tmp_path_factory.mktemp("reload")
    root = copy_catalogue(folder / "catalogue", ["kiva", "prima"])
    for entry in ("kiva", "prima"):
        set_field(root, entry, "school_types", "[po]")
    db_path = folder / "live.db"
    client = client_for(root, db_path)
    profile = {"school_type": "po", "concerns": ["bullying"]}
    before = post_match(client, profile).json()
    assert {m["id"] for m in before["matches"]} == {"kiva", "prima"}

    twin(root, "kiva", "kiva-copy")
    load_catalogue(read_ok(root), db_path)  # renames a new file into place
    after = post_match(client, {**profile, "current_interventions": ["kiva-copy"]})
    assert after.status_code == 200, after.text
    assert {m["id"] for m in after.json()["matches"]} == {"kiva", "kiva-copy", "prima"}
    assert after.json()["meta"]["total_entries"] == 3
