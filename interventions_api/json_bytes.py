"""JSON as bytes, one encoder for every response: orjson, compact UTF-8.

Non-string keys (ints in counts) are written as strings, as the standard encoder does.
Documents can be assembled from parts already encoded (``json_object``, ``json_array``):
the cached listing items are kept as JSON (services/listing_items.py).
"""

from __future__ import annotations

from typing import Any

import orjson

OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=OPTIONS)


def json_object(members: dict[str, Any]) -> bytes:
    """An object whose member values are values or their JSON already (``bytes``): the
    same bytes as ``dumps`` of the object of the values."""
    return b"{" + b",".join(
        dumps(name) + b":" + (value if isinstance(value, bytes) else dumps(value))
        for name, value in members.items()) + b"}"


def json_array(items: list[bytes]) -> bytes:
    """An array of values given as their JSON."""
    return b"[" + b",".join(items) + b"]"
