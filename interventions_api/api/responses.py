"""The JSON response of every route: orjson instead of the standard library's encoder.

A page of twenty entries is some thirty kilobytes of JSON; the standard encoder took a
fifth of a search's Python time, orjson about a tenth of that (docs/benchmarks.md). The
output is the same compact UTF-8 JSON.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from ..json_bytes import dumps


class FastJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return dumps(content)
