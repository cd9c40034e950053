"""What validation reports: one problem per finding, with file, line, key path and rule."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import RULES, Severity


@dataclass(frozen=True, order=True)
class Problem:
    """``rule`` is a code from rules.py; the severity defaults to the rule's own."""

    file: str
    line: int
    column: int
    path: str
    message: str
    rule: str
    severity: Severity = None  # type: ignore[assignment]  # set from the rule below

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule code {self.rule!r}: add it to catalogue/rules.py "
                             "and docs/validation-rules.md")
        if self.severity is None:
            object.__setattr__(self, "severity", RULES[self.rule].severity)

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        key = f" {self.path}:" if self.path else ""
        tag = "" if self.severity == "error" else " (warning)"
        return f"{where}:{key} {self.message} [{self.rule}]{tag}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command: an annotation at the file's line."""
        kind = "error" if self.severity == "error" else "warning"
        message = f"{self.path}: {self.message}" if self.path else self.message
        return (
            f"::{kind} file={_property(self.file)},line={self.line},col={self.column},"
            f"title={_property(self.rule)}::{_data(message)} [{self.rule}]"
        )


def _data(text: str) -> str:
    # Escaping as GitHub's runner expects it (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def path_text(path: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]" if parts else str(part))
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)
