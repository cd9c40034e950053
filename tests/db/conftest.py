"""Fixtures shared by the database tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def file_events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every fsync and rename from now on, in order, as "fsync NAME" / "replace NAME"
    (a staging file must be synced before the rename makes it live)."""
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append(f"fsync {Path(os.readlink(f'/proc/self/fd/{descriptor}')).name}")
        real_fsync(descriptor)

    def replace(source: Path, target: Path) -> None:
        events.append(f"replace {Path(source).name}")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events
