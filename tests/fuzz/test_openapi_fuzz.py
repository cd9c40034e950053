"""schemathesis against /openapi.json, in-process: CI's small run (`make fuzz` sends
thousands of requests to a real server, with every check). No generated request may
cause a server error, and every response must be what the document says (status,
content type, body schema). That the document says what the service accepts is checked
on the cases schemathesis found (tests/fuzz/test_query_model.py).

Hypothesis drives schemathesis' strategies directly: its pytest plugin does not run
under the pytest this project uses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode, checks

from interventions_api.api.app import create_app
from tests.conftest import make_settings

CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance]
# Valid requests (positive) and requests that break the schema on purpose (negative).
EXAMPLES_PER_OPERATION = {GenerationMode.POSITIVE: 40, GenerationMode.NEGATIVE: 20}
MIN_REQUESTS = 300


@pytest.fixture(scope="module")
def api_schema(loaded_db: Path) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(make_settings(loaded_db)))


def test_generated_requests_get_documented_answers(api_schema: schemathesis.BaseSchema) -> None:
    sent = 0
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode, examples in EXAMPLES_PER_OPERATION.items():

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=examples, deadline=None, derandomize=True,
                      database=None, suppress_health_check=list(HealthCheck))
            def run(case: schemathesis.Case) -> None:
                nonlocal sent
                sent += 1
                case.call_and_validate(checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                continue  # nothing to break on purpose: the operation takes no input
            except (Exception, ExceptionGroup) as exc:  # all operations' failures
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
    assert sent >= MIN_REQUESTS
