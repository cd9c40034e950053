"""Documents assembled from parts already encoded are the bytes of the whole."""

from __future__ import annotations

import json
from typing import Any

import pytest

from interventions_api.json_bytes import dumps, json_array, json_object

ITEMS: list[Any] = [{"id": "kiva", "name": "KiVa “één”", "levels": ["class", "school"]},
                    {"id": "x", "highlight": None, "age_range": {"min": 4, "max": 12}}]
META: dict[str, Any] = {"total": 2, "facets": {"themes": {"pesten": 2}, "years": {2024: 1}},
                        "empty": {}, "none": None, "ratio": 0.5, "flag": True}


@pytest.mark.parametrize("members", [
    {"data": ITEMS, "meta": META, "links": {"next": None}},
    {},
    {"only": "é"},
])
def test_an_object_of_encoded_parts_is_the_encoding_of_the_object(
    members: dict[str, Any],
) -> None:
    assembled = {name: json_array([dumps(item) for item in value]) if name == "data" else value
                 for name, value in members.items()}
    assert json_object(assembled) == dumps(members)


def test_non_string_keys_are_written_as_the_standard_encoder_writes_them() -> None:
    assert json.loads(dumps(META)) == json.loads(json.dumps(META))


def test_an_empty_array() -> None:
    assert json_array([]) == dumps([])
