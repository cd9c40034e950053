"""Read the lock, requirements/*.txt as `make lock` writes it: each package's pinned version
and what brought it in (the ``# via`` lines)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

from interventions_api.settings import PROJECT_ROOT

RUNTIME_LOCK = PROJECT_ROOT / "requirements" / "runtime.txt"
DEV_LOCK = PROJECT_ROOT / "requirements" / "dev.txt"
PYPROJECT_VIA = "interventions-api (pyproject.toml)"


@dataclass
class Pin:
    name: NormalizedName
    version: Version
    line: int
    via: list[str] = field(default_factory=list)


def read_lock(path: Path) -> dict[NormalizedName, Pin]:
    """The pins whose environment marker holds on this machine, by canonical name."""
    pins: dict[NormalizedName, Pin] = {}
    current: Pin | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.strip()
        if raw[:1].isalnum():
            requirement = Requirement(text.removesuffix("\\").strip())
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"{path.name}:{number}: not pinned: {text}"
            current = Pin(canonicalize_name(requirement.name), Version(specifier.version),
                          number)
            if requirement.marker is None or requirement.marker.evaluate():
                pins[current.name] = current
        elif current is not None and text.startswith("# via "):
            current.via.append(text.removeprefix("# via ").strip())
        elif current is not None and text.startswith("#   "):
            current.via.append(text.removeprefix("#").strip())
    return pins


def pyproject_requirements(*extras: str) -> list[Requirement]:
    """pyproject.toml's dependencies (and those of the given extras) that apply here."""
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    texts = list(project["project"]["dependencies"])
    for extra in extras:
        texts += project["project"]["optional-dependencies"][extra]
    requirements = [Requirement(text) for text in texts]
    return [r for r in requirements if r.marker is None or r.marker.evaluate({"extra": ""})]
