"""Versions of the catalogue in git: the files at a revision, and the commits that changed it.

Reads objects straight from the repository (``git ls-tree`` + one ``git cat-file
--batch``) instead of checking anything out, so the working tree is never touched, and
files that did not change between commits are read and parsed once (keyed by blob id).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .snapshot import SourceFile

DEFAULT_BASES = ("main", "origin/main")


class GitProblem(Exception):
    """git is missing, the folder is not in a repository, or a revision does not exist."""


@dataclass(frozen=True)
class CatalogueRepo:
    top: Path  # the repository's top folder
    prefix: str  # the catalogue folder relative to it, POSIX style ("catalogue")

    @classmethod
    def of(cls, catalogue_dir: Path) -> CatalogueRepo:
        folder = Path(catalogue_dir).resolve()
        probe = folder if folder.is_dir() else folder.parent
        top = Path(_git(probe, "rev-parse", "--show-toplevel").strip())
        return cls(top, folder.relative_to(top.resolve()).as_posix())

    def git(self, *args: str, stdin: bytes | None = None) -> str:
        return _git(self.top, *args, stdin=stdin)

    def resolve(self, revision: str) -> str:
        """The commit id of ``revision`` (a branch, tag, sha, HEAD~2, …)."""
        try:
            return self.git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
        except GitProblem as exc:
            raise GitProblem(f"'{revision}' is not a commit in {self.top}") from exc

    def default_base(self, bases: tuple[str, ...] = DEFAULT_BASES) -> str:
        """The merge base of HEAD with main (or origin/main): where a branch started."""
        for base in bases:
            try:
                return self.git("merge-base", base, "HEAD").strip()
            except GitProblem:
                continue
        raise GitProblem(f"no merge base of HEAD with {' or '.join(bases)}; "
                         "name the revisions to compare")

    def files_at(self, revision: str) -> dict[str, SourceFile]:
        """The catalogue files at ``revision``, by path relative to the catalogue folder."""
        listing = self.git("ls-tree", "-r", "-z", self.resolve(revision), "--", self.prefix)
        blobs: dict[str, str] = {}
        for record in filter(None, listing.split("\0")):
            meta, path = record.split("\t", 1)
            _mode, kind, sha = meta.split()
            if kind == "blob" and path.endswith(".yaml"):
                relative = path[len(self.prefix) + 1:] if self.prefix != "." else path
                blobs[relative] = sha
        texts = self.blob_texts(sorted(set(blobs.values())))
        return {path: (sha, texts[sha]) for path, sha in blobs.items()}

    def blob_texts(self, shas: list[str]) -> dict[str, str]:
        if not shas:
            return {}
        raw = _git_bytes(self.top, "cat-file", "--batch",
                         stdin="".join(f"{sha}\n" for sha in shas).encode())
        texts: dict[str, str] = {}
        position = 0
        for sha in shas:
            header_end = raw.index(b"\n", position)
            size = int(raw[position:header_end].split()[2])
            body = raw[header_end + 1: header_end + 1 + size]
            texts[sha] = body.decode("utf-8", errors="replace")
            position = header_end + 1 + size + 1
        return texts

    def commits(self) -> list[tuple[str, str]]:
        """(commit id, committer time in Unix seconds) of every commit that touched the
        catalogue, oldest first."""
        out = self.git("log", "--reverse", "--format=%H %ct", "--", self.prefix)
        return [tuple(line.split(" ", 1)) for line in out.splitlines() if line]  # type: ignore[misc]


def _git_bytes(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(cwd), *args], input=stdin,
                                capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitProblem(f"cannot run git: {exc}") from exc
    if result.returncode != 0:
        raise GitProblem(result.stderr.decode(errors="replace").strip()
                         or f"git {' '.join(args)} failed")
    return result.stdout


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> str:
    return _git_bytes(cwd, *args, stdin=stdin).decode("utf-8", errors="replace")
