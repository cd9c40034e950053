"""Schemathesis hooks for ``make fuzz`` (loaded through ``SCHEMATHESIS_HOOKS``).

The monitor and the plan refuse a few combinations that JSON Schema cannot state: a survey
year given twice, an indicator given twice for the same pupils in one survey, a programme
in use since after the latest survey, an earlier survey not before the latest, a year of
use for a programme not in use. Their OpenAPI descriptions say so in words. A request the
schema calls valid but that breaks one of these rules is not a valid request, so it is not
sent as one: the service's own checks decide (``consistency_errors``, ``relation_errors``),
not a copy of them.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from pydantic import ValidationError
from schemathesis import GenerationMode

from interventions_api.monitor.models import MonitorRequest, consistency_errors
from interventions_api.plan.request import PlanRequest, relation_errors


def _breaks_a_rule_between_fields(path: str, body: Any) -> bool:
    try:
        raw = json.dumps(body)
        if path == "/v1/monitor":
            return bool(consistency_errors(MonitorRequest.model_validate_json(raw)))
        if path == "/v1/plan":
            return bool(relation_errors(PlanRequest.model_validate_json(raw)))
    except (ValidationError, TypeError, ValueError):
        return False  # not schema-valid either: the service must refuse it, and does
    return False


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:  # noqa: ARG001 (the hook's signature)
    """Keep every case except a positive one that breaks a rule between fields."""
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE:
        return True
    return not _breaks_a_rule_between_fields(case.operation.path, case.body)
