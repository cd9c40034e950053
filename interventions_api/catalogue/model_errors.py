"""Turn pydantic validation errors into problems located in the YAML source."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem, path_text
from .yaml_source import SourceDocument

# Fields that exist only after loading; editors sometimes type them in.
DERIVED_FIELDS: dict[tuple[str, ...], str] = {
    ("evidence", "level"): "is derived at load time from the assessments; remove it",
}


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model class that owns the last element of ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional / list / dict wrappers down to a model class when there is one."""
    for _ in range(4):
        args = getattr(annotation, "__args__", None)
        if not args:
            return annotation
        models = [
            a for a in args if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        if models:
            return models[0]
        non_none = [a for a in args if a is not type(None)]
        annotation = non_none[-1]
    return annotation


def problems_from_validation_error(
    error: ValidationError, model: type[BaseModel], doc: SourceDocument, file: str
) -> list[Problem]:
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if part != "[key]")
        if item["type"] == "located":  # a model validator that says where (schema/vocabulary.py)
            loc = (*loc, *item["ctx"]["at"])
        is_key_error = "[key]" in item["loc"]
        kind = item["type"]
        message = item["msg"]
        if kind == "missing":
            # At the key of the map that lacks the field ("summary:"), not at its first child.
            position = doc.key_position_of(loc[:-1]) if loc[:-1] else doc.position_of(())
            message = "required field is missing"
            rule = "missing-field"
        elif kind == "extra_forbidden":
            position = doc.key_position_of(loc)
            derived = DERIVED_FIELDS.get(tuple(str(p) for p in loc))
            if derived:
                message = f"'{loc[-1]}' {derived}"
                rule = "derived-field"
            else:
                owner = _model_at(model, loc)
                fields = list(owner.model_fields) if owner else []
                allowed = ", ".join(fields) if owner else "see the schema"
                message = (f"unknown field '{loc[-1]}'{_did_you_mean(str(loc[-1]), fields)}; "
                           f"allowed here: {allowed}")
                rule = "unknown-field"
        else:
            position = doc.key_position_of(loc) if is_key_error else doc.position_of(loc)
            rule = RULE_BY_ERROR_TYPE.get(kind, "schema")
            if kind in ("date_parsing", "date_from_datetime_parsing"):
                message = (f"{item['input']!r} is not a valid date "
                           f"({message.split(',', 1)[-1].strip()}); write \"YYYY-MM-DD\"")
            elif kind == "string_pattern_mismatch":
                hint = _pattern_hint(item)
                message = f"{item['input']!r} does not have the expected form ({hint})"
            elif rule == "wrong-type":
                message = f"expected {EXPECTED_KIND[kind]}, got {_describe(item['input'])}"
            elif rule == "too-short":
                message = "must not be empty"
            elif kind == "string_too_long":
                message = (f"is {len(item['input']):,} characters long; at most "
                           f"{item['ctx']['max_length']:,} are allowed")
            elif kind == "too_long":
                message = (f"has {item['ctx']['actual_length']:,} items; at most "
                           f"{item['ctx']['max_length']:,} are allowed")
            elif rule in ("out-of-range", "not-allowed"):
                message = f"{message}, got {_describe(item['input'])}"
            elif kind in ("vocabulary", "rating_label"):
                ctx = item.get("ctx") or {}
                separator = " | " if kind == "rating_label" else ", "
                choices = str(ctx.get("allowed", "")).split(separator)
                hint = (f" (did you mean '{ctx['suggestion']}'? '{ctx.get('value')}' is "
                        "its label)" if ctx.get("suggestion") else
                        _did_you_mean(str(ctx.get("value", "")), choices))
                message = (message.replace("; allowed:", f"{hint}; allowed:", 1)
                           if "; allowed:" in message else message + hint)
        problems.append(
            Problem(file, position.line, position.column, path_text(loc), message, rule)
        )
    return problems


# pydantic error type → rule code (rules.py); anything else is the generic "schema".
RULE_BY_ERROR_TYPE = {
    "vocabulary": "vocabulary",
    "rating_label": "rating-label",
    "rating_registry": "rating-label",
    "date_format": "bad-date",
    "date_from_datetime_parsing": "bad-date",
    "date_parsing": "bad-date",
    "date_type": "bad-date",
    "literal_error": "not-allowed",
    "string_pattern_mismatch": "bad-format",
    "age_range": "age-range",
    "string_too_short": "too-short",
    "too_short": "too-short",
    "string_too_long": "too-long",
    "too_long": "too-long",
    "control_character": "control-character",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "greater_than": "out-of-range",
    "less_than": "out-of-range",
    "string_type": "wrong-type",
    "int_type": "wrong-type",
    "int_parsing": "wrong-type",
    "int_from_float": "wrong-type",
    "float_type": "wrong-type",
    "float_parsing": "wrong-type",
    "bool_type": "wrong-type",
    "bool_parsing": "wrong-type",
    "list_type": "wrong-type",
    "dict_type": "wrong-type",
    "model_type": "wrong-type",
    "model_attributes_type": "wrong-type",
}

EXPECTED_KIND = {
    "string_type": "a text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list ('- item' lines, or [a, b])",
    "dict_type": "a map ('key: value' lines)",
    "model_type": "a map ('key: value' lines)",
    "model_attributes_type": "a map ('key: value' lines)",
}


def _describe(value: Any) -> str:
    """An input value as an editor would recognise it in their YAML."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the text {shown!r}"
    return repr(value)


def _did_you_mean(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.75)
    if not close:
        # Letter case is the usual slip in verbatim labels.
        close = [c for c in choices if c.casefold() == value.casefold()]
    return f" (did you mean '{close[0]}'?)" if close else ""


def _pattern_hint(item: Any) -> str:
    pattern = (item.get("ctx") or {}).get("pattern", "")
    hints = {
        r"^[a-z0-9]+(-[a-z0-9]+)*$": "lowercase kebab-case, e.g. 'de-vreedzame-school'",
        r"^https?://\S+$": "a full http(s) URL",
        r"^[A-Z]{2}$": "an ISO 3166 alpha-2 country code such as 'NL'",
        r"^10\.\d{4,9}/\S+$": "a bare DOI such as '10.1007/s11121-020-01116-4'",
    }
    return hints.get(pattern, f"pattern {pattern}")
