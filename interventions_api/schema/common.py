"""Building blocks shared by every catalogue model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    """Unknown fields are errors: a typo in a key must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Localized(StrictModel):
    """A text in Dutch (required) and English."""

    nl: str = Field(min_length=1, description="Dutch text (required).")
    en: str | None = Field(default=None, min_length=1, description="English text.")

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to Dutch."""
        if lang == "en" and self.en:
            return self.en
        return self.nl
