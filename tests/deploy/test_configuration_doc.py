"""docs/configuration.md lists every setting, generated from the Settings class."""

from __future__ import annotations

from devtools import config_doc
from interventions_api.settings import Settings


def test_configuration_doc_is_up_to_date() -> None:
    assert config_doc.DOC_PATH.read_text(encoding="utf-8") == config_doc.render(), (
        "docs/configuration.md is out of date: run "
        "'python -m devtools.config_doc --write'")


def test_every_setting_is_explained_with_its_default() -> None:
    text = config_doc.render()
    for name, field in Settings.model_fields.items():
        assert field.description, f"Settings.{name} has no description"
        row = next(line for line in text.splitlines()
                   if line.startswith(f"| `INTERVENTIONS_{name.upper()}` |"))
        assert field.description.replace("|", "\\|") in row
