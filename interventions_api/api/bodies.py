"""JSON request bodies of the POST routes (the match, the monitor): one reader with one
size limit and one media-type rule, and the OpenAPI ``requestBody`` of a pydantic model."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel

from ..errors import PayloadTooLarge, UnsupportedMediaType

# A full profile with a 50-result monitor, or ten years of survey results, is a few
# kilobytes; 64 KiB leaves ample room.
MAX_BODY_BYTES = 64 * 1024


async def read_json_body(request: Request, what: str) -> bytes:
    """The raw body, refused (415) when it is not JSON and (413) when it is larger than
    MAX_BODY_BYTES, counted while it streams in. ``what`` names it in the error."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaType(f"{what} must be sent as application/json, "
                                   f"not {media_type or '(no Content-Type)'}")
    declared = request.headers.get("content-length")
    too_large = PayloadTooLarge(f"{what} may be at most {MAX_BODY_BYTES} bytes")
    if declared and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise too_large
    return bytes(body)


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A model's JSON Schema with its $defs inlined, to embed in an OpenAPI operation."""
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


def json_body(model: type[BaseModel], example: dict[str, Any]) -> dict[str, Any]:
    """``openapi_extra`` of a route that reads its body itself: the model's schema and a
    working example."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {
                "schema": inline_refs(model.model_json_schema()),
                "example": example,
            }},
        },
    }
