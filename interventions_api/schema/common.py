"""Building blocks shared by every catalogue model, and the limits on every text and list.

The limits are far above the longest real values (a name of about 50 characters, a
summary of about 1,000), so that no real text meets them; they are there so that a broken
or hostile file cannot put megabytes into one value (every listing and search would carry
it) or a million items into one list. They are in the generated JSON Schema too, so an
editor's YAML language server shows them while they type.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

NAME_MAX = 200  # characters of a name, label, alias, rating or key of a map
KEY_MAX = 100  # characters of a key (a vocabulary or study key)
URL_MAX = 2_000
NOTE_MAX = 2_000  # a citation
TEXT_MAX = 3_000  # a text in Dutch and English: a summary, what it does at a level, requirements,
                  # a duration, a note
ALIASES_MAX = 20
KEYS_MAX = 50  # vocabulary keys in one list (school types, themes, …); sources
ITEMS_MAX = 200  # assessments, outcomes or studies of one entry; terms of a vocabulary

# Line breaks and tabs are the only control characters a text of several lines may hold.
_MULTI_LINE_CONTROLS = "\n\t"


def _refuse_control_characters(allowed: str) -> AfterValidator:
    """A control character cannot be typed; it comes from a YAML escape ("\\0", "\\x07")
    or a broken export, and would end up in every page and file the text is shown in."""

    def check(value: str) -> str:
        for index, char in enumerate(value):
            if unicodedata.category(char) == "Cc" and char not in allowed:
                raise PydanticCustomError(
                    "control_character",
                    "contains the control character U+{code} at character {index}; remove "
                    "it (in YAML an escape such as \"\\0\" or \"\\x07\" writes one)",
                    {"code": f"{ord(char):04X}", "index": index + 1},
                )
        return value

    return AfterValidator(check)


ONE_LINE = _refuse_control_characters("")
MULTI_LINE = _refuse_control_characters(_MULTI_LINE_CONTROLS)

Name = Annotated[str, Field(max_length=NAME_MAX), ONE_LINE]
Key = Annotated[str, Field(max_length=KEY_MAX), ONE_LINE]
Note = Annotated[str, Field(max_length=NOTE_MAX), MULTI_LINE]
Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX), MULTI_LINE]


class StrictModel(BaseModel):
    """Unknown fields are errors: a typo in a key must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Localized(StrictModel):
    """A text in Dutch (required) and English."""

    nl: Text = Field(description="Dutch text (required).")
    en: Text | None = Field(default=None, description="English text.")

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to Dutch."""
        if lang == "en" and self.en:
            return self.en
        return self.nl
