"""The JSON response of every route: orjson instead of the standard library's encoder.

A page of twenty entries is some thirty kilobytes of JSON; the standard encoder took a
fifth of a search's Python time, orjson about a tenth of that (docs/benchmarks.md). The
output is the same compact UTF-8 JSON.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse


class FastJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        # Keys that are not strings (ints in counts) are written as strings, as the
        # standard encoder does.
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)
