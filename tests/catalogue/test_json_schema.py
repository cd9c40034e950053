"""The editors' JSON Schema: committed, in step with the models, and agreeing with them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from interventions_api.catalogue.reader import read_reference_data
from interventions_api.catalogue.yaml_source import read_yaml
from interventions_api.cli import main
from interventions_api.schema.json_schema import INTERVENTION_SCHEMA, generated_schemas

from ..conftest import REAL_CATALOGUE
from .test_malformed_corpus import CASES, read_case

SCHEMA_DIR = REAL_CATALOGUE / "schema"


def validator(name: str = INTERVENTION_SCHEMA) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schemas_match_the_models_and_vocabularies() -> None:
    vocabularies, scale, problems = read_reference_data(REAL_CATALOGUE)
    assert vocabularies is not None and scale is not None, problems
    for name, text in generated_schemas(vocabularies, scale).items():
        committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == text, (
            f"catalogue/schema/{name} drifted from the models or vocabularies: "
            "run 'interventions schema' and commit the result")


def test_every_catalogue_file_names_the_schema_in_its_modeline() -> None:
    for path in sorted((REAL_CATALOGUE / "interventions").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/intervention.schema.json", path


def test_every_real_entry_is_valid_against_the_json_schema() -> None:
    check = validator()
    for path in sorted((REAL_CATALOGUE / "interventions").glob("*.yaml")):
        errors = [f"{list(e.absolute_path)}: {e.message}"
                  for e in check.iter_errors(read_yaml(path).data)]
        assert not errors, f"{path.name}: {errors}"


def test_vocabularies_and_scale_are_valid_against_their_schemas() -> None:
    for schema, name in (("vocabularies.schema.json", "vocabularies.yaml"),
                         ("evidence-scale.schema.json", "evidence-scale.yaml")):
        errors = list(validator(schema).iter_errors(read_yaml(REAL_CATALOGUE / name).data))
        assert not errors, [e.message for e in errors]


def test_vocabulary_fields_carry_the_allowed_keys_with_labels() -> None:
    schema = json.loads((SCHEMA_DIR / INTERVENTION_SCHEMA).read_text(encoding="utf-8"))
    themes = schema["properties"]["themes"]["items"]
    assert "bullying" in themes["enum"] and "cyberbullying" in themes["enum"]
    assert len(themes["enumDescriptions"]) == len(themes["enum"])
    assert schema["properties"]["levels"]["propertyNames"]["enum"] == [
        "individual", "class", "school"]
    assert schema["properties"]["id"]["description"]
    assert schema["properties"]["name"]["examples"] == ["KiVa"]


# Corpus cases whose defect a JSON Schema can see (the others are YAML-level, cross-file
# or cross-field rules that only the validator checks).
SCHEMA_VISIBLE = {"unknown-field", "derived-field", "wrong-type", "too-short", "out-of-range",
                  "not-allowed", "bad-format", "vocabulary", "rating-label", "missing-field",
                  "assessment-date", "study-link"}


@pytest.mark.parametrize("path", [p for p in CASES if read_case(p).rule in SCHEMA_VISIBLE
                                  and read_case(p).install_as.startswith("interventions/")],
                         ids=lambda p: p.stem)
def test_the_json_schema_rejects_what_the_validator_rejects(path: Path) -> None:
    data = read_yaml(path).data
    assert list(validator().iter_errors(data)), f"{path.name} passes the JSON Schema"


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(REAL_CATALOGUE, root)
    runner = CliRunner()
    assert runner.invoke(main, ["schema", "--check", "--catalogue", str(root)]).exit_code == 0

    vocabularies = root / "vocabularies.yaml"
    text = vocabularies.read_text(encoding="utf-8")
    vocabularies.write_text(text.replace(
        "\nthemes:\n",
        "\nthemes:\n  test_theme:\n    label: {nl: Testthema, en: Test theme}\n"
        "    description: {nl: Alleen voor de test., en: Only for the test.}\n", 1),
        encoding="utf-8")
    stale = runner.invoke(main, ["schema", "--check", "--catalogue", str(root)])
    assert stale.exit_code == 1 and "intervention.schema.json is out of date" in stale.output

    validate = runner.invoke(main, ["validate", str(root)])
    assert "[schema-outdated]" in validate.output and validate.exit_code == 0

    assert runner.invoke(main, ["schema", "--catalogue", str(root)]).exit_code == 0
    schema = json.loads((root / "schema" / INTERVENTION_SCHEMA).read_text(encoding="utf-8"))
    assert "test_theme" in schema["properties"]["themes"]["items"]["enum"]
    assert runner.invoke(main, ["schema", "--check", "--catalogue", str(root)]).exit_code == 0
