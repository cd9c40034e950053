"""The OpenAPI document, told the truth about errors.

Every error the service sends is ``application/problem+json`` from the one handler
(problems.py), but FastAPI documents its own 422 shape as ``application/json`` and knows
nothing of the 404s and 503s that services raise. Clients generated from the schema
and schemathesis (tests/fuzz) read the document literally, so each operation gets:
its error responses as problem+json with the ``Problem`` schema; 422 when it takes
input; 404 when its path has a parameter; 503 under /v1 (no catalogue loaded yet).
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI

from ..db.repository import Repository, connect
from ..effects import CONCERNS
from ..errors import InterventionsError
from ..query import FACETS
from ..services.catalogue_context import CatalogueContext, catalogue_context
from ..services.compare import MAX_IDS, MIN_IDS
from .problems import PROBLEM_JSON
from .schemas import Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
DEFAULT_ERRORS = {
    "404": "Not found: the path names something that does not exist.",
    "422": "Invalid input: `errors` names each bad field, its value and what is allowed.",
    "503": "No catalogue is loaded yet; retry after `Retry-After` seconds.",
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


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A body model's JSON Schema with its $defs inlined, to embed in an OpenAPI operation."""
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(defs[ref.removeprefix("#/$defs/")])
            # An inlined schema has no address for a discriminator's mapping to name; the
            # `const` of each branch tells them apart.
            return {key: resolve(value) for key, value in node.items()
                    if key != "discriminator"}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


# `ids` of /v1/compare: one or more ids, comma-separated, none empty (each parameter value).
ID_LIST = r"^\s*[^,\s]+\s*(,\s*[^,\s]+\s*)*$"


def _allowed(context: CatalogueContext, vocabulary: str) -> list[str]:
    if vocabulary == "evidence_levels":
        return list(context.evidence_scale.order)
    return sorted(context.vocabularies.section(vocabulary))


def _constrain(schema: dict[str, Any], allowed: list[str]) -> None:
    """Give the string schema inside ``schema`` (array items, or a nullable string) an enum."""
    if schema.get("type") == "array":
        _constrain(schema["items"], allowed)
    elif "anyOf" in schema:
        for option in schema["anyOf"]:
            if option.get("type") in ("string", "array"):
                _constrain(option, allowed)
    elif schema.get("type") == "string":
        schema["enum"] = allowed


def _vocabulary_properties(node: Any, context: CatalogueContext, ids: list[str]) -> None:
    """Every body property marked ``x-vocabulary`` (match/profile.py) gets its enum."""
    if isinstance(node, dict):
        vocabulary = node.get("x-vocabulary")
        # A dict's keys (``propertyNames``) are strings without saying so.
        if isinstance(vocabulary, str) and node.get("type", "string") == "string":
            node["enum"] = ids if vocabulary == "interventions" else _allowed(context,
                                                                               vocabulary)
        for value in node.values():
            _vocabulary_properties(value, context, ids)
    elif isinstance(node, list):
        for item in node:
            _vocabulary_properties(item, context, ids)


def document_inputs(schema: dict[str, Any], context: CatalogueContext | None,
                    ids: list[str]) -> dict[str, Any]:
    """Rewrite ``schema`` in place (and return it) so that it allows what the service
    accepts and no more: the keys of the loaded catalogue's vocabularies and evidence
    scale as enums (the service refuses others with a 422), the facets it counts, ids
    that are not empty. Without a catalogue every /v1 route answers 503 anyway."""
    for item in schema.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            for parameter in operation.get("parameters", []):
                name, target = parameter["name"], parameter["schema"]
                if name == "facets":
                    _constrain(target, list(FACETS))
                elif name == "ids" and context is not None:
                    # The repeated form, exactly; the comma-separated one (`ids=a,b`)
                    # is the description's, as JSON Schema cannot count ids in a string.
                    target.update(minItems=MIN_IDS, maxItems=MAX_IDS, uniqueItems=True)
                    target["items"]["enum"] = ids
                elif name == "ids":
                    target["items"]["pattern"] = ID_LIST
                elif context is not None and FACETS.get(name):
                    _constrain(target, _allowed(context, str(FACETS[name])))
                elif context is not None and name == "min_evidence":
                    _constrain(target, _allowed(context, "evidence_levels"))
                elif context is not None and name == "effect_on":
                    _constrain(target, sorted(c for c in CONCERNS
                                              if c in context.vocabularies.themes))
            if context is not None:
                _vocabulary_properties(operation.get("requestBody"), context, ids)
    return schema


def install_openapi(app: FastAPI) -> None:
    """Serve FastAPI's own document with the errors told as they are, and the inputs as
    the loaded catalogue allows them (built once per catalogue version)."""
    documents: dict[str | None, dict[str, Any]] = {}

    def openapi() -> dict[str, Any]:
        try:
            context: CatalogueContext | None = catalogue_context(app.state.settings.db_path)
        except InterventionsError:
            context = None
        version = context.version if context is not None else None
        if version not in documents:
            # FastAPI.openapi builds the document once and keeps it in app.openapi_schema.
            base = app.openapi_schema or document_errors(FastAPI.openapi(app))
            documents.clear()  # only the loaded version's document is kept
            ids: list[str] = []
            if context is not None:
                with connect(app.state.settings.db_path) as conn:
                    ids = Repository(conn).ids()
            documents[version] = document_inputs(copy.deepcopy(base), context, ids)
        return documents[version]

    app.openapi = openapi  # type: ignore[method-assign]
