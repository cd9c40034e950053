"""`interventions index`: pushes the loaded catalogue to a real Meilisearch and reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interventions_api.cli import main
from interventions_api.settings import get_settings
from tests.fixtures.meilisearch import MeiliServer


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()  # the command reads the environment of each test
    yield
    get_settings.cache_clear()


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, ["index", *args], env=env)


@pytest.mark.meili
def test_index_rebuilds_and_reports_what_changed(
    meili: MeiliServer, make_catalogue: Callable[..., Path], make_db: Callable[[Path], Path],
) -> None:
    db_path = make_db(make_catalogue(only=["kiva", "taakspel"]))
    env = {"INTERVENTIONS_MEILI_URL": meili.url, "INTERVENTIONS_MEILI_API_KEY": meili.master_key,
           "INTERVENTIONS_MEILI_INDEX": meili.index_name("cli"),
           "INTERVENTIONS_DB_PATH": str(db_path)}
    first = run(env)
    assert first.exit_code == 0, first.output
    assert "2 documents indexed and swapped in atomically" in first.output
    assert "2 added, 0 changed, 0 removed, 0 unchanged" in first.output
    assert "adding 2 documents" in first.output  # progress, on stderr

    second = run(env)
    assert second.exit_code == 0, second.output
    assert "0 added, 0 changed, 0 removed, 2 unchanged" in second.output


def test_index_without_a_meilisearch_url_exits_2(loaded_db: Path) -> None:
    result = run({"INTERVENTIONS_MEILI_URL": "", "INTERVENTIONS_DB_PATH": str(loaded_db)})
    assert result.exit_code == 2
    assert "INTERVENTIONS_MEILI_URL is not set" in result.output


def test_index_against_an_unreachable_server_exits_1(loaded_db: Path) -> None:
    result = run({"INTERVENTIONS_MEILI_URL": "http://127.0.0.1:9",
                  "INTERVENTIONS_DB_PATH": str(loaded_db)})
    assert result.exit_code == 1
    assert "index not updated" in result.output and "unreachable" in result.output


def run_load(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, ["load", *args], env=env)


@pytest.mark.meili
def test_load_with_index_loads_and_rebuilds_the_index(
    meili: MeiliServer, make_catalogue: Callable[..., Path], tmp_path: Path,
) -> None:
    db_path = tmp_path / "x.db"
    env = {"INTERVENTIONS_MEILI_URL": meili.url, "INTERVENTIONS_MEILI_API_KEY": meili.master_key,
           "INTERVENTIONS_MEILI_INDEX": meili.index_name("cli-load"),
           "INTERVENTIONS_CATALOGUE_DIR": str(make_catalogue(only=["kiva", "taakspel"])),
           "INTERVENTIONS_DB_PATH": str(db_path)}
    result = run_load(env, "--index")
    assert result.exit_code == 0, result.output
    assert "loaded 2 interventions" in result.output
    assert "2 documents indexed and swapped in atomically" in result.output
    assert "0 added, 0 changed, 0 removed, 2 unchanged" in run(env).output


def test_load_with_index_without_a_meilisearch_url_exits_2_and_loads_nothing(
    make_catalogue: Callable[..., Path], tmp_path: Path,
) -> None:
    result = run_load({"INTERVENTIONS_MEILI_URL": "",
                       "INTERVENTIONS_CATALOGUE_DIR": str(make_catalogue(only=["kiva"])),
                       "INTERVENTIONS_DB_PATH": str(tmp_path / "x.db")}, "--index")
    assert result.exit_code == 2 and "INTERVENTIONS_MEILI_URL is not set" in result.output
    assert not (tmp_path / "x.db").exists()


def test_load_with_index_against_an_unreachable_server_loads_and_exits_1(
    make_catalogue: Callable[..., Path], tmp_path: Path,
) -> None:
    result = run_load({"INTERVENTIONS_MEILI_URL": "http://127.0.0.1:9",
                       "INTERVENTIONS_CATALOGUE_DIR": str(make_catalogue(only=["kiva"])),
                       "INTERVENTIONS_DB_PATH": str(tmp_path / "x.db")}, "--index")
    assert result.exit_code == 1
    assert "loaded 1 interventions" in result.output
    assert "index not updated" in result.output and "unreachable" in result.output


@pytest.mark.meili
def test_load_with_index_of_an_invalid_catalogue_reports_and_changes_nothing(
    meili: MeiliServer, make_catalogue: Callable[..., Path], tmp_path: Path,
) -> None:
    db_path = tmp_path / "x.db"
    index = meili.index_name("cli-invalid")
    root = make_catalogue(only=["kiva", "taakspel"])
    env = {"INTERVENTIONS_MEILI_URL": meili.url, "INTERVENTIONS_MEILI_API_KEY": meili.master_key,
           "INTERVENTIONS_MEILI_INDEX": index, "INTERVENTIONS_CATALOGUE_DIR": str(root),
           "INTERVENTIONS_DB_PATH": str(db_path)}
    assert run_load(env, "--index").exit_code == 0
    before = db_path.read_bytes()
    entry = root / "interventions" / "taakspel.yaml"
    entry.write_text(entry.read_text().replace("\nname:", "\nnaam:", 1))
    result = run_load(env, "--index")
    assert result.exit_code == 1
    assert "taakspel.yaml" in result.output and "naam" in result.output  # file, key
    assert "not loaded: " in result.output and "is unchanged" in result.output
    assert db_path.read_bytes() == before
    with meili.client() as http:
        names = {i["uid"] for i in http.get("/indexes", params={"limit": 1000}).json()["results"]}
        live = http.get(f"/indexes/{index}/documents", params={"fields": "id"}).json()
    assert {d["id"] for d in live["results"]} == {"kiva", "taakspel"}
    assert not any(name.startswith(f"{index}_build_") for name in names)
