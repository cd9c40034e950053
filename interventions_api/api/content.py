"""What the routes share about HTTP content: negotiating the answer's media type by
``Accept``; reading the JSON body of a POST route (the match, the plan, the monitor) with
one size limit and one media-type rule; and that body's OpenAPI ``requestBody``."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel

from ..errors import PayloadTooLarge, UnsupportedMediaType
from .openapi import inline_refs

# A full profile with a 50-result monitor, or ten years of survey results, is a few
# kilobytes; 64 KiB leaves ample room.
MAX_BODY_BYTES = 64 * 1024


def _media_range(part: str) -> tuple[str, float]:
    media, *params = (field.strip() for field in part.split(";"))
    q = 1.0
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value)
            except ValueError:
                q = 0.0
    return media.lower(), q


def negotiate(accept: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered type the client prefers most (RFC 9110 §12.5.1), or None when it
    accepts none of them. The most specific range that matches decides a type's quality;
    on equal quality the order of ``offered`` decides; without Accept the first wins."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = [_media_range(part) for part in accept.split(",") if part.strip()]
    best, best_q = None, 0.0
    for media_type in offered:
        kind = media_type.split("/")[0]
        matches = [(3 if media == media_type else 2 if media == f"{kind}/*" else 1, q)
                   for media, q in ranges if media in (media_type, f"{kind}/*", "*/*")]
        if not matches:
            continue
        q = max(matches)[1]
        if q > best_q:
            best, best_q = media_type, q
    return best


async def read_json_body(request: Request, what: str,
                         max_bytes: int = MAX_BODY_BYTES) -> bytes:
    """The body, refused with 415 when it is not JSON and 413 when it is over
    ``max_bytes`` (declared or streamed); ``what`` names it in the problem's detail."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaType(f"{what} must be sent as application/json, "
                                   f"not {media_type or '(no Content-Type)'}")
    declared = request.headers.get("content-length")
    too_large = PayloadTooLarge(f"{what} may be at most {max_bytes} bytes")
    if declared and (not declared.isdigit() or int(declared) > max_bytes):
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise too_large
    return bytes(body)


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
