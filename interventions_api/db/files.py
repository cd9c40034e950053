"""Whole database files: copies, and the staging files that replace them."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

# What writes a staging file beside the live one: a load and the history backfill.
STAGING_PURPOSES = ("loading", "backfill")


def copy_database(source: Path, target: Path) -> None:
    """Copy through SQLite's backup API, which is consistent even while others read."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def staging_path(db_path: Path, purpose: str) -> Path:
    """``.<name>.<purpose>-<pid>`` beside the live file: the same file system, so that
    the rename that makes it live is atomic, and the pid tells whose it is."""
    assert purpose in STAGING_PURPOSES, purpose
    return db_path.with_name(f".{db_path.name}.{purpose}-{os.getpid()}")


def remove_stale_staging(db_path: Path, say: Callable[[str], None]) -> None:
    """Staging files (and their journals) of loads and backfills whose process is gone:
    a killed process leaves its staging file behind, and nothing else removes it."""
    name = re.compile(rf"^\.{re.escape(db_path.name)}\.(?P<purpose>"
                      + "|".join(STAGING_PURPOSES) + r")-(?P<pid>[0-9]+)(-journal)?$")
    for path in db_path.parent.glob(f".{db_path.name}.*-*"):
        match = name.match(path.name)
        if match and not _running(int(match["pid"])):
            what = "a load" if match["purpose"] == "loading" else "a history backfill"
            say(f"removing {path.name}, left by {what} that did not finish")
            path.unlink(missing_ok=True)


def sync_file(path: Path) -> None:
    """The file's pages on disk (before a rename makes it the live file)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
