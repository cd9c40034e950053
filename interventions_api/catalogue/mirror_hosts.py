"""The mirror-host rule: sources on document-mirror and journal-proxy sites.

``catalogue/mirror-hosts.yaml`` lists the hosts. A URL on one of them is an error in an
entry that is new or changed since the merge base with main (what a pull request adds),
and a warning in an entry whose file is byte for byte what it was there: the catalogue's
own history is flagged without blocking a load. Outside a git repository (a copy of the
data) nothing can be compared, so every finding is a warning.
"""

from __future__ import annotations

import fnmatch
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .problems import Problem, path_text
from .yaml_source import SourceDocument

MIRROR_HOSTS_FILE = "mirror-hosts.yaml"


def read_mirror_hosts(doc: SourceDocument, file: str) -> tuple[list[str], list[Problem]]:
    """The host patterns of the parsed file, or a problem when it is not a list of hosts."""
    data = doc.data
    hosts = data.get("hosts") if isinstance(data, dict) else None
    if (not isinstance(hosts, list) or not hosts
            or not all(isinstance(h, str) and h.strip() for h in hosts)):
        position = doc.position_of(())
        return [], [Problem(file, position.line, position.column, "hosts",
                            "expected 'hosts:' with a list of host names", "schema")]
    return [h.strip().lower() for h in hosts], []


def mirror_host(url: str, patterns: list[str]) -> str | None:
    """The pattern that ``url``'s host matches (itself or a subdomain), or None."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for pattern in patterns:
        if fnmatch.fnmatchcase(host, pattern) or fnmatch.fnmatchcase(host, "*." + pattern):
            return pattern
    return None


def urls_of(data: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every URL field of an entry's parsed YAML, with its key path."""
    if not isinstance(data, dict):
        return
    for i, url in enumerate(data.get("sources") or []):
        yield ("sources", i), url
    provider = data.get("provider")
    if isinstance(provider, dict):
        yield ("provider", "url"), provider.get("url")
    availability = data.get("availability")
    if isinstance(availability, dict):
        for i, url in enumerate(availability.get("sources") or []):
            yield ("availability", "sources", i), url
    implementation = data.get("implementation")
    cost = implementation.get("cost") if isinstance(implementation, dict) else None
    if isinstance(cost, dict):
        yield ("implementation", "cost", "source"), cost.get("source")
    evidence = data.get("evidence")
    if isinstance(evidence, dict):
        for i, assessment in enumerate(evidence.get("assessments") or []):
            if isinstance(assessment, dict):
                yield ("evidence", "assessments", i, "url"), assessment.get("url")
        studies = evidence.get("studies")
        for key, study in (studies.items() if isinstance(studies, dict) else []):
            if isinstance(study, dict):
                yield ("evidence", "studies", str(key), "url"), study.get("url")


def git_blob_id(content: bytes) -> str:
    """The id git gives a file with this content (what ``git hash-object`` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()  # noqa: S324


class BaseVersions:
    """The blob ids of the entry files at the merge base with main, read once on demand."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._blobs: dict[str, str] | None = None

    def unchanged(self, path: Path) -> bool:
        """True when the file is as it was at the base, or when that cannot be told."""
        if self._blobs is None:
            self._blobs = self._read()
        if not self._blobs:
            return True  # not in git, or no base: nothing can be compared
        relative = path.relative_to(self.root).as_posix()
        return self._blobs.get(relative) == git_blob_id(path.read_bytes())

    def _read(self) -> dict[str, str]:
        from .git_versions import CatalogueRepo, GitProblem  # it imports the reader

        try:
            repo = CatalogueRepo.of(self.root)
            base = repo.default_base()
            listing = repo.git("ls-tree", "-r", "-z", base, "--", repo.prefix)
        except (GitProblem, ValueError):
            return {}
        blobs = {}
        for record in filter(None, listing.split("\0")):
            meta, name = record.split("\t", 1)
            relative = name[len(repo.prefix) + 1:] if repo.prefix != "." else name
            blobs[relative] = meta.split()[2]
        return blobs


def mirror_problems(data: Any, doc: SourceDocument, path: Path, file: str,
                    patterns: list[str], base: BaseVersions) -> list[Problem]:
    problems = []
    for loc, url in urls_of(data):
        matched = mirror_host(url, patterns) if isinstance(url, str) else None
        if matched is None:
            continue
        position = doc.position_of(loc)
        problems.append(Problem(
            file, position.line, position.column, path_text(loc),
            f"'{urlsplit(url).hostname}' is a document mirror or proxy ({MIRROR_HOSTS_FILE}: "
            f"{matched}); cite the publisher's page, the DOI, the registry or the provider",
            "mirror-host"))
    if problems and base.unchanged(path):
        problems = [Problem(p.file, p.line, p.column, p.path, p.message, p.rule, "warning")
                    for p in problems]
    return problems
