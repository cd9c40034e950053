"""Open data: the whole catalogue as JSON and CSV, from the CLI and the API, with its licence."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.catalogue import Catalogue
from interventions_api.cli import main
from interventions_api.services.export import CSV_COLUMNS, LICENCE
from tests.conftest import REAL_CATALOGUE, make_settings


def meta_day(client: TestClient) -> str:
    """The day the catalogue was loaded: what a download's file name carries."""
    return str(client.get("/v1/export.json").json()["meta"]["loaded_at"])[:10]


def cli_export(db_path: Path, output_format: str) -> bytes:
    result = CliRunner().invoke(main, ["export", "--format", output_format, "--db",
                                       str(db_path)])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_json_export_is_the_whole_catalogue_with_its_licence(
        client: TestClient, real_catalogue: Catalogue) -> None:
    response = client.get("/v1/export.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["link"] == f'<{LICENCE["url"]}>; rel="license"'
    loaded_day = meta_day(client)
    assert response.headers["content-disposition"] == (
        f'attachment; filename="interventies-{loaded_day}.json"')
    body = response.json()
    meta = body["meta"]
    assert meta["licence"]["id"] == "CC-BY-4.0" and meta["licence"]["file"] == "catalogue/LICENSE"
    assert meta["entry_count"] == len(real_catalogue.entries) == len(body["interventions"])
    assert meta["catalogue_version"] == real_catalogue.version
    levels = {entry.id: entry.evidence_level for entry in real_catalogue.entries}
    assert {d["id"]: d["evidence"]["level"] for d in body["interventions"]} == levels
    assert body["vocabularies"]["themes"]["bullying"]["label"]["en"] == "Bullying"
    # The requirements as the entry has them, in both languages (format_version 2).
    kiva = next(d for d in body["interventions"] if d["id"] == "kiva")
    requirements = real_catalogue.by_id()["kiva"].intervention.implementation.requirements
    assert requirements is not None
    assert kiva["implementation"]["requirements"] == {"nl": requirements.nl,
                                                      "en": requirements.en}
    duration = real_catalogue.by_id()["kiva"].intervention.delivery.duration
    assert duration is not None
    assert kiva["delivery"]["duration"] == {"nl": duration.nl, "en": duration.en}
    notes = [a.note for a in real_catalogue.by_id()["kiva"].intervention.evidence.assessments]
    assert any(note is not None and note.en for note in notes)
    assert [a.get("note") for a in kiva["evidence"]["assessments"]] == [
        note and {"nl": note.nl, "en": note.en} for note in notes]
    assert meta["format_version"] == 2
    assert [level["key"] for level in body["evidence_scale"]["levels"]] == (
        real_catalogue.evidence_scale.order)


def test_the_licence_file_states_what_the_export_names() -> None:
    text = (REAL_CATALOGUE / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and LICENCE["url"] in text and LICENCE["legal_code"] in text


def test_cli_and_api_give_the_same_bytes(client: TestClient, loaded_db: Path) -> None:
    assert cli_export(loaded_db, "json") == client.get("/v1/export.json").content
    assert cli_export(loaded_db, "csv") == client.get("/v1/export.csv").content


def test_csv_has_one_row_per_intervention_with_flattened_fields(
        client: TestClient, real_catalogue: Catalogue) -> None:
    response = client.get("/v1/export.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert not response.content.startswith(b"\xef\xbb\xbf"), "for programs: no BOM"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0]) == [name for name, _ in CSV_COLUMNS]
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {entry.id for entry in real_catalogue.entries}

    kiva = real_catalogue.by_id()["kiva"]
    row = by_id["kiva"]
    assert row["evidence_level"] == kiva.evidence_level
    assert row["school_types"] == "; ".join(kiva.intervention.school_types)
    order = list(real_catalogue.vocabularies.levels)
    assert row["levels"] == "; ".join(sorted(kiva.intervention.levels, key=order.index))
    first = kiva.intervention.evidence.assessments[0]
    when = first.date.isoformat() if first.date else str(first.year)
    assert row["ratings"].split(" | ")[0] == (
        f"{first.registry}: {first.rating} ({when}) [{kiva.assessment_levels[0]}]")
    assert len(row["outcomes"].split(" | ")) == len(kiva.intervention.evidence.outcomes)
    unfavourable = [o for o in kiva.intervention.evidence.outcomes
                    if o.finding in ("no_effect", "negative")
                    and o.outcome.startswith(("bullying_", "cyberbullying_"))]
    assert row["unfavourable_bullying_findings"] == str(len(unfavourable))
    assert row["summary_nl"] == kiva.intervention.summary.nl
    requirements = kiva.intervention.implementation.requirements
    assert requirements is not None and requirements.en
    assert (row["requirements_nl"], row["requirements_en"]) == (requirements.nl,
                                                               requirements.en)
    # KiVa: no published price, only on request; a Dutch school can get it.
    kiva_cost = kiva.intervention.implementation.cost
    assert kiva_cost is not None and kiva_cost.on_request
    assert (row["cost_on_request"], row["cost_amount_eur"], row["cost_source"]) == (
        "true", "", str(kiva_cost.source))
    assert row["available_nl"] == "true"
    unknown = next(entry for entry in real_catalogue.entries
                   if entry.intervention.availability is None)
    assert by_id[unknown.id]["available_nl"] == ""
    duration = kiva.intervention.delivery.duration
    assert duration is not None and duration.en
    assert (row["duration_nl"], row["duration_en"]) == (duration.nl, duration.en)
    # MediaMasters publishes a price (free) with a note on it.
    cost = real_catalogue.by_id()["mediamasters"].intervention.implementation.cost
    assert cost is not None and cost.note is not None and cost.note.en
    assert (by_id["mediamasters"]["cost_note_nl"], by_id["mediamasters"]["cost_note_en"]) == (
        cost.note.nl, cost.note.en)
    assert (by_id["mediamasters"]["cost_amount_eur"],
            by_id["mediamasters"]["cost_on_request"]) == ("0.0", "false")


def test_json_metadata_documents_every_csv_column(client: TestClient) -> None:
    columns = client.get("/v1/export.json").json()["meta"]["csv_columns"]
    assert list(columns) == [name for name, _ in CSV_COLUMNS]
    assert all(columns.values())


def test_export_without_a_loaded_catalogue_is_a_503_problem(tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path / "missing.db"))) as client:
        response = client.get("/v1/export.csv")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    result = CliRunner().invoke(main, ["export", "--format", "json", "--db",
                                       str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "export:" in result.output


def test_export_to_a_file(loaded_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["export", "--format", "json", "--db", str(loaded_db),
                                       "-o", str(target)])
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["meta"]["licence"]["id"] == "CC-BY-4.0"


def test_the_export_carries_the_verdicts_before_the_ratings(client: TestClient) -> None:
    response = client.get("/v1/export.csv")
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    fields = list(reader.fieldnames or [])
    assert fields.index("effect_bullying") < fields.index("ratings")
    rows = {row["id"]: row for row in reader}
    assert rows["kiva"]["effect_bullying"] == "positive"
    assert rows["pad"]["effect_bullying"] == "negative"
    assert "bullying: no_effect (1, quasi_experimental)" in rows["kanjertraining"]["effects"]
    assert "nji: Effectief volgens sterke aanwijzingen (2017-06-08) [strong_indications] " \
           "{behaviour_problems}" in rows["pad"]["ratings"]
    documents = {d["id"]: d for d in client.get("/v1/export.json").json()["interventions"]}
    assert documents["kiva"]["evidence"]["effects"]["bullying"]["verdict"] == "positive"


def read_back(response, delimiter: str) -> list[list[str]]:
    """What a spreadsheet gets: the BOM first, then rows split by ``delimiter``."""
    assert response.content.startswith(b"\xef\xbb\xbf"), "a BOM, for Excel"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""),
                           delimiter=delimiter))


def test_csv_for_dutch_excel_has_semicolons_decimal_commas_and_a_bom(
        client: TestClient, real_catalogue: Catalogue) -> None:
    response = client.get("/v1/export.csv?delimiter=semicolon")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        f'attachment; filename="interventies-{meta_day(client)}.csv"')
    header, *rows = read_back(response, ";")
    assert header == [name for name, _ in CSV_COLUMNS], "keys: no lang was asked"
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_id) == {entry.id for entry in real_catalogue.entries}
    fractional = [(entry.id, entry.intervention.implementation.training_hours)
                  for entry in real_catalogue.entries
                  if entry.intervention.implementation.training_hours is not None
                  and not float(entry.intervention.implementation.training_hours).is_integer()]
    assert fractional, "the catalogue has a training time with a fraction to check"
    for entry_id, hours in fractional:
        assert by_id[entry_id]["training_hours"] == str(float(hours)).replace(".", ",")
    assert by_id["kiva"]["name"] == real_catalogue.by_id()["kiva"].intervention.name


def test_csv_with_lang_has_labels_in_that_language(client: TestClient) -> None:
    header, *rows = read_back(client.get("/v1/export.csv?lang=nl"), ",")
    assert header[:3] == ["Id", "Naam", "Andere namen"]
    assert "Effect op pesten" in header and "effect_bullying" not in header
    assert rows and all(len(row) == len(header) for row in rows)
    english, *_ = read_back(client.get("/v1/export.csv?lang=en&delimiter=semicolon"), ";")
    assert "Effect on bullying" in english and len(english) == len(header)


def test_csv_options_are_checked(client: TestClient) -> None:
    response = client.get("/v1/export.csv?delimiter=tab")
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "delimiter" and error["allowed"] == ["comma", "semicolon"]
    assert error["message"] == "kies 'comma' of 'semicolon'"
