"""The OpenAPI document, told the truth about errors.

Every error the service sends is ``application/problem+json`` from the one handler
(problems.py), but FastAPI documents its own 422 shape as ``application/json`` and knows
nothing of the 404s and 503s that services raise. Clients generated from the schema
and schemathesis (tests/fuzz) read the document literally, so each operation gets:
its error responses as problem+json with the ``Problem`` schema; 422 when it takes
input; 404 when its path has a parameter; 503 under /v1 (no catalogue loaded yet).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from .problems import PROBLEM_JSON
from .schemas import Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
DEFAULT_ERRORS = {
    "404": "Not found: the path names something that does not exist.",
    "422": "Invalid input: `errors` names each bad field, its value and what is allowed.",
    "503": "No catalogue is loaded yet; retry after `Retry-After` seconds.",
    "415": "The body is not `application/json`.",
}
FASTAPI_422 = "Validation Error"  # FastAPI's description of its own 422
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def _is_error(code: str) -> bool:
    return code[:1] in ("4", "5")


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite ``schema`` in place (and return it): problem+json errors everywhere."""
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    if "Problem" not in schemas:
        schemas["Problem"] = Problem.model_json_schema(
            ref_template="#/components/schemas/{model}")
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            wanted = []
            if operation.get("parameters") or operation.get("requestBody"):
                wanted.append("422")
            if operation.get("requestBody"):
                wanted.append("415")
            if "{" in path:
                wanted.append("404")
            if path.startswith("/v1/"):
                wanted.append("503")
            for code in wanted:
                responses.setdefault(code, {"description": DEFAULT_ERRORS[code]})
            if responses.get("422", {}).get("description") == FASTAPI_422:
                responses["422"]["description"] = DEFAULT_ERRORS["422"]
            for code, response in responses.items():
                if _is_error(code):
                    response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
    # FastAPI's own validation-error shapes are no longer referenced.
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    return schema


def install_openapi(app: FastAPI) -> None:
    """Serve FastAPI's own document with the errors told as they are (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            # FastAPI.openapi builds the document and keeps it in app.openapi_schema.
            document_errors(FastAPI.openapi(app))
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
