"""School concepts map to approaches in catalogue/vocabularies.yaml (data editors own it):
the pedagogical fit follows that data, not code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .helpers import client_for, copy_catalogue, post_match, set_field

ENTRIES = ["taakspel", "kiva"]


def _concept_approaches(root: Path, concept: str, approaches: list[str]) -> None:
    path = root / "vocabularies.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"^  {concept}:\n(?:    .*\n)+", text, flags=re.M)
    assert block, f"no school concept {concept}"
    new_block = re.sub(r"^    approaches: .*$", f"    approaches: [{', '.join(approaches)}]",
                       block.group(0), flags=re.M)
    path.write_text(text.replace(block.group(0), new_block), encoding="utf-8")


def _fit_scores(client: TestClient) -> dict[str, float]:
    response = post_match(client, {"school_type": "po", "school_concept": "jenaplan"})
    assert response.status_code == 200, response.text
    return {m["id"]: next(f["score"] for f in m["fit"] if f["criterion"] == "pedagogical_fit")
            for m in response.json()["matches"]}


@pytest.fixture(scope="module")
def two_catalogues(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, TestClient]:
    folder = tmp_path_factory.mktemp("concepts")
    clients = []
    for name, approaches in (("edited", ["behavioural_classroom_management"]),
                             ("whole", ["whole_school"])):
        root = copy_catalogue(folder / name, ENTRIES)
        for entry in ENTRIES:
            set_field(root, entry, "school_types", "[po]")
        _concept_approaches(root, "jenaplan", approaches)
        clients.append(client_for(root, folder / f"{name}.db"))
    return clients[0], clients[1]


def test_the_concept_fit_comes_from_the_vocabulary(
        two_catalogues: tuple[TestClient, TestClient], client: TestClient) -> None:
    edited, whole = two_catalogues
    taakspel_approaches = client.get("/v1/interventions/taakspel").json()["approaches"]
    scores = _fit_scores(edited)
    expected = (taakspel_approaches.count("behavioural_classroom_management")
                / len(taakspel_approaches))
    assert scores["taakspel"] == pytest.approx(expected, abs=1e-4)
    kiva_approaches = client.get("/v1/interventions/kiva").json()["approaches"]
    assert _fit_scores(whole)["kiva"] == pytest.approx(
        kiva_approaches.count("whole_school") / len(kiva_approaches), abs=1e-4)
    assert _fit_scores(whole)["taakspel"] == pytest.approx(
        taakspel_approaches.count("whole_school") / len(taakspel_approaches), abs=1e-4)


def test_preferred_approaches_and_concept_are_both_explained(client: TestClient) -> None:
    response = post_match(client, {"school_type": "po", "school_concept": "jenaplan",
                                   "approaches": ["restorative"], "lang": "en"})
    for match in response.json()["matches"]:
        text = next(f["text"] for f in match["fit"] if f["criterion"] == "pedagogical_fit")
        assert "Restorative approach" in text and "Jenaplan" in text
