"""What validation reports: one problem per finding, with file, line, key path and rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    path: str
    message: str
    rule: str
    severity: Severity = "error"

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        key = f" {self.path}:" if self.path else ""
        tag = "" if self.severity == "error" else " (warning)"
        return f"{where}:{key} {self.message} [{self.rule}]{tag}"

    def format_github(self) -> str:
        kind = "error" if self.severity == "error" else "warning"
        title = f"{self.rule}: {self.path}" if self.path else self.rule
        message = self.message.replace("%", "%25").replace("\n", "%0A")
        return (
            f"::{kind} file={self.file},line={self.line},col={self.column},"
            f"title={title}::{message}"
        )


def path_text(path: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]" if parts else str(part))
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)
