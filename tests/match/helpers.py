"""Helpers for the match tests: posting profiles, checking constraints, editing temp YAML."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from interventions_api.api.app import create_app
from interventions_api.db.load import load_catalogue
from tests.conftest import REAL_CATALOGUE, make_settings, read_ok

LEVELS = ("individual", "class", "school")
CRITERIA = ("concern_themes", "concern_evidence", "evidence_level", "pedagogical_fit",
            "levels", "cost", "training", "availability")
SIZE_FIELD = {"pupil": "pupils", "class": "classes", "teacher": "teachers"}


def post_match(client: TestClient, profile: dict[str, Any], lang: str | None = None,
               accept: str | None = None) -> Any:
    body = dict(profile)
    if lang:
        body["lang"] = lang
    headers = {"content-type": "application/json"}
    if accept:
        headers["accept"] = accept
    return client.post("/v1/match", content=json.dumps(body), headers=headers)


def first_year_cost(cost: dict[str, Any], budget: dict[str, Any],
                    size: dict[str, Any] | None) -> float | None:
    """The cost on the budget's basis, computed here independently; None = not comparable."""
    per = budget.get("per", "school")
    amount = float(cost["amount_eur"])
    if cost["per"] == per:
        return amount
    size = size or {}
    if cost["per"] != "school":
        count = size.get(SIZE_FIELD[cost["per"]])
        if count is None:
            return None
        amount *= count
    if per != "school":
        count = size.get(SIZE_FIELD[per])
        if count is None:
            return None
        amount /= count
    return amount


def constraint_violations(profile: dict[str, Any], detail: dict[str, Any],
                          evidence_order: list[str], current: bool = False) -> list[str]:
    """Which hard constraints the entry ``detail`` (GET /v1/interventions/{id}) breaks."""
    broken = []
    if detail.get("status", "active") != "active":
        broken.append("status")
    if profile["school_type"] not in detail["school_types"]:
        broken.append("school_type")
    ages, age_range = profile.get("ages"), detail.get("age_range")
    if ages and age_range and (age_range["min"] > ages["max"] or age_range["max"] < ages["min"]):
        broken.append("ages")
    minimum = profile.get("min_evidence")
    level = detail["evidence"]["level"]
    if minimum and evidence_order.index(level) < evidence_order.index(minimum):
        broken.append("min_evidence")
    implementation = detail.get("implementation", {})
    budget, cost = profile.get("budget"), implementation.get("cost")
    # "op aanvraag" (no amount) cannot be compared with a budget, so it never excludes
    if budget and cost and cost.get("amount_eur") is not None and not current:
        converted = first_year_cost(cost, budget, profile.get("school_size"))
        if converted is not None and converted > budget["max_eur"] + 1e-9:
            broken.append("budget")
    hours, limit = implementation.get("training_hours"), profile.get("max_training_hours")
    if limit is not None and hours is not None and hours > limit and not current:
        broken.append("max_training_hours")
    return broken


# --- editing a temporary catalogue copy --------------------------------------------------
def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected exactly one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _implementation_line(path: Path, line: str) -> None:
    """Put ``line`` (e.g. '  cost: {...}') into the entry's implementation block."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^implementation: \{\}\n", "", text, flags=re.M)
    text = re.sub(rf"^  {line.split(':')[0].strip()}:.*\n", "", text, flags=re.M)
    if re.search(r"^implementation:\n", text, flags=re.M):
        text = re.sub(r"^implementation:\n", f"implementation:\n{line}\n", text, count=1,
                      flags=re.M)
    else:
        anchor = "evidence:" if re.search(r"^evidence:", text, flags=re.M) else "sources:"
        text = re.sub(rf"^{anchor}", f"implementation:\n{line}\n{anchor}", text, count=1,
                      flags=re.M)
    path.write_text(text, encoding="utf-8")


def set_cost(root: Path, entry_id: str, amount: float, per: str = "school",
             period: str = "year") -> None:
    """A TEST price (not a fact about the programme), only ever in a tmp copy."""
    _implementation_line(root / "interventions" / f"{entry_id}.yaml",
                         f"  cost: {{amount_eur: {amount}, per: {per}, period: {period}, "
                         f"year: 2025, source: https://example.org/test-price}}")


def set_training_hours(root: Path, entry_id: str, hours: float) -> None:
    _implementation_line(root / "interventions" / f"{entry_id}.yaml",
                         f"  training_hours: {hours}")


def first_study_key(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    block = text.split("\n  studies:\n", 1)[1]
    match = re.match(r"    ([a-z0-9][\w-]*):\n", block)
    assert match, f"{path.name}: no study found"
    return match.group(1)


def twin(root: Path, base: str, new_id: str,
         extra_finding: tuple[str, str] | None = None) -> None:
    """Copy entry ``base`` to ``new_id``, optionally with one more outcome finding
    (outcome, finding) citing one of the base's own studies."""
    source = root / "interventions" / f"{base}.yaml"
    text = source.read_text(encoding="utf-8")
    text = re.sub(rf"^id: {re.escape(base)}$", f"id: {new_id}", text, count=1, flags=re.M)
    if extra_finding:
        outcome, finding = extra_finding
        study = first_study_key(source)
        assert "\n  outcomes:\n" in text, f"{base} has no outcomes block"
        text = text.replace(
            "\n  outcomes:\n",
            f"\n  outcomes:\n    - outcome: {outcome}\n      finding: {finding}\n"
            f"      study: {study}\n", 1)
    (root / "interventions" / f"{new_id}.yaml").write_text(text, encoding="utf-8")


def set_field(root: Path, entry_id: str, key: str, value: str) -> None:
    """Set a one-line top-level field (``status``, ``school_types``, ``age_range``)."""
    path = root / "interventions" / f"{entry_id}.yaml"
    text = path.read_text(encoding="utf-8")
    line = f"{key}: {value}"
    if re.search(rf"^{key}:.*$", text, flags=re.M):
        text = re.sub(rf"^{key}:.*$", line, text, count=1, flags=re.M)
    else:
        text = re.sub(r"^(school_types:.*)$", rf"\1\n{line}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def copy_catalogue(target: Path, only: list[str]) -> Path:
    """Like the ``make_catalogue`` fixture, for module-scoped fixtures (one load per
    module keeps these tests fast): a copy of the real catalogue with only ``only``."""
    shutil.copytree(REAL_CATALOGUE, target, ignore=shutil.ignore_patterns("schema"))
    for path in (target / "interventions").glob("*.yaml"):
        if path.stem not in only:
            path.unlink()
    return target


def client_for(root: Path, db_path: Path) -> TestClient:
    load_catalogue(read_ok(root), db_path)
    return TestClient(create_app(make_settings(db_path)))
