"""The catalogue version: a content hash over every YAML file, whichever way it is read."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from interventions_api.catalogue import read_catalogue
from interventions_api.catalogue.reader import catalogue_version


def reference_version(root: Path) -> str:
    """The definition: relative path and bytes of each file, in path order."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def test_the_version_read_with_the_catalogue_is_the_content_hash(
        make_catalogue: Callable[..., Path]) -> None:
    root = make_catalogue()
    # Names whose order differs between sorting strings and sorting path parts.
    (root / "interventions" / "extra").mkdir()
    (root / "interventions" / "extra" / "a.yaml").write_text("x: 1\n")
    (root / "interventions-notes.yaml").write_text("y: 2\n")
    (root / ".hidden.yaml").write_text("z: 3\n")
    (root / "linked").symlink_to(root / "interventions" / "extra")  # not descended into
    result = read_catalogue(root)
    assert result.catalogue is not None
    assert result.catalogue.version == catalogue_version(root) == reference_version(root)


def test_a_changed_file_changes_the_version(make_catalogue: Callable[..., Path]) -> None:
    root = make_catalogue(only=["kiva"])
    before = catalogue_version(root)
    path = root / "interventions" / "kiva.yaml"
    path.write_bytes(path.read_bytes() + b"# a comment\n")
    assert catalogue_version(root) != before


def test_windows_line_endings_read_as_before(make_catalogue: Callable[..., Path]) -> None:
    root = make_catalogue(only=["kiva"])
    path = root / "interventions" / "kiva.yaml"
    unix = read_catalogue(root)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    windows = read_catalogue(root)
    assert unix.catalogue is not None and windows.catalogue is not None
    assert windows.problems == unix.problems
    assert windows.catalogue.entries == unix.catalogue.entries
    assert windows.catalogue.version != unix.catalogue.version  # other bytes


def test_the_version_of_the_working_directory(make_catalogue: Callable[..., Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_catalogue(only=["kiva", "pad"])
    expected = reference_version(root)
    monkeypatch.chdir(root)
    assert catalogue_version(Path(".")) == reference_version(Path(".")) == expected
    monkeypatch.chdir(root / "interventions")
    assert catalogue_version(Path("..")) == expected
