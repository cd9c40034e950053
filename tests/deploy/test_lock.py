"""The lock agrees with pyproject.toml. `make install` (hence CI) installs
requirements/dev.txt and the image requirements/runtime.txt, nothing else: a dependency
added, dropped or re-bounded in pyproject.toml but not locked would be tested and shipped
as something other than what pyproject.toml says. The fix is always `make lock`."""

from __future__ import annotations

import importlib.metadata as metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

from .lock import DEV_LOCK, PYPROJECT_VIA, RUNTIME_LOCK, Pin, pyproject_requirements, read_lock

FIX = "pyproject.toml and the lock disagree: run `make lock`"


@pytest.fixture(scope="module")
def runtime() -> dict[NormalizedName, Pin]:
    return read_lock(RUNTIME_LOCK)


@pytest.fixture(scope="module")
def dev() -> dict[NormalizedName, Pin]:
    return read_lock(DEV_LOCK)


def unmet(requirements: list[Requirement], pins: dict[NormalizedName, Pin],
          lock: Path) -> list[str]:
    problems = []
    for requirement in requirements:
        pin = pins.get(canonicalize_name(requirement.name))
        if pin is None:
            problems.append(f"{requirement} is not in {lock.name}")
        elif not requirement.specifier.contains(pin.version, prereleases=True):
            problems.append(f"{requirement}: {lock.name}:{pin.line} pins {pin.version}")
    return problems


def test_every_dependency_is_pinned_at_a_version_it_allows(
        runtime: dict[NormalizedName, Pin], dev: dict[NormalizedName, Pin]) -> None:
    problems = (unmet(pyproject_requirements(), runtime, RUNTIME_LOCK)
                + unmet(pyproject_requirements("dev"), dev, DEV_LOCK))
    assert not problems, f"{FIX}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("lock", "extras"), [(RUNTIME_LOCK, ()), (DEV_LOCK, ("dev",))])
def test_the_lock_holds_nothing_that_pyproject_dropped(lock: Path,
                                                       extras: tuple[str, ...]) -> None:
    """A package the lock says pyproject.toml asks for, and pyproject.toml no longer names."""
    named = {canonicalize_name(r.name) for r in pyproject_requirements(*extras)}
    stale = [f"{lock.name}:{pin.line}: {pin.name}" for pin in read_lock(lock).values()
             if PYPROJECT_VIA in pin.via and pin.name not in named]
    assert not stale, f"{FIX}:\n" + "\n".join(stale)


def test_the_image_runs_the_versions_the_tests_ran(
        runtime: dict[NormalizedName, Pin], dev: dict[NormalizedName, Pin]) -> None:
    differ = [f"{name}: runtime.txt {pin.version}, dev.txt "
              f"{dev[name].version if name in dev else 'missing'}"
              for name, pin in runtime.items()
              if name not in dev or dev[name].version != pin.version]
    assert not differ, f"{FIX}:\n" + "\n".join(differ)


def needed_by(requirements: list[Requirement]) -> set[NormalizedName]:
    """Every distribution the requirements need, with the extras they ask for, following
    the metadata of what is installed here (which is the lock: `make install`)."""
    names: set[NormalizedName] = set()
    done: set[tuple[NormalizedName, str]] = set()
    todo = list(requirements)
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        extras = {e for e in {"", *requirement.extras} if (name, e) not in done}
        if not extras:
            continue
        done |= {(name, e) for e in extras}
        names.add(name)
        try:
            texts = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue  # not installed, so not in the lock either: the caller reports it
        for text in texts:
            dependency = Requirement(text)
            if dependency.marker is None or any(dependency.marker.evaluate({"extra": e})
                                                for e in extras):
                todo.append(dependency)
    return names


def installed(name: str) -> Version | None:
    try:
        return Version(metadata.version(name))
    except metadata.PackageNotFoundError:
        return None


def test_the_runtime_lock_holds_everything_the_dependencies_need(
        runtime: dict[NormalizedName, Pin]) -> None:
    """Extras included (`uvicorn[standard]` brings its own packages): the image installs
    the lock with --require-hashes, which would refuse a package that is not in it."""
    needed = needed_by(pyproject_requirements())
    stale = [f"{name}: locked {runtime[name].version}, installed {version or 'nothing'}"
             for name in sorted(needed & set(runtime))
             if (version := installed(name)) != runtime[name].version]
    assert not stale, "this environment is not the lock: run `make install`\n" + "\n".join(
        stale)
    missing = sorted(needed - set(runtime))
    assert not missing, f"{FIX}: runtime.txt lacks {missing}"
