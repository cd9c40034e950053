"""Generated blocks in the docs: text between ``<!-- name:start -->`` and
``<!-- name:end -->`` that a generator writes, and a test keeps in step with the code."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from interventions_api.catalogue import read_catalogue
from interventions_api.db.load import load_catalogue
from interventions_api.settings import PROJECT_ROOT

Blocks = Mapping[str, Callable[[], str]]


@contextmanager
def loaded_catalogue() -> Iterator[Path]:
    """The bundled catalogue loaded into a throwaway SQLite file, for an example that
    runs the service's own code."""
    result = read_catalogue(PROJECT_ROOT / "catalogue")
    if result.catalogue is None:
        raise SystemExit("\n".join(p.format() for p in result.errors))
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "example.db"
        load_catalogue(result.catalogue, db_path)
        yield db_path


def replace_blocks(text: str, blocks: Blocks) -> str:
    """``text`` with every generated block between its markers regenerated."""
    for name, render in blocks.items():
        start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = before + start + render() + end + after
    return text


def main(argv: list[str], doc: Path, blocks: Blocks) -> None:
    """``--write``: rewrite the blocks of ``doc``; otherwise print them."""
    if argv[1:] == ["--write"]:
        doc.write_text(replace_blocks(doc.read_text(encoding="utf-8"), blocks),
                       encoding="utf-8")
        print(f"rewrote the generated blocks of {doc}")
        return
    for name, render in blocks.items():
        print(f"<!-- {name}:start -->\n{render()}<!-- {name}:end -->\n")
