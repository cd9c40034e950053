"""Content negotiation shared by the routes (api/content.py): RFC 9110 §12.5.1."""

from __future__ import annotations

import pytest

from interventions_api.api.content import negotiate

OFFERED = ("application/json", "text/markdown", "text/html")


@pytest.mark.parametrize(("accept", "chosen"), [
    (None, "application/json"), ("", "application/json"), ("*/*", "application/json"),
    ("text/*", "text/markdown"), ("text/html", "text/html"),
    ("text/*;q=0.5, text/html", "text/html"),           # the most specific range decides
    ("text/html;q=0, text/*", "text/markdown"),
    ("application/json;q=0.1, text/markdown;q=0.2", "text/markdown"),
    ("TEXT/HTML", "text/html"), ("text/html;q=nonsense, text/markdown;q=0.1", "text/markdown"),
    ("image/png", None), ("application/json;q=0, text/*;q=0", None),
])
def test_the_preferred_offered_type_or_none(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept, OFFERED) == chosen
