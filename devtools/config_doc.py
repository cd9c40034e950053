"""docs/configuration.md, generated from the Settings class so it cannot drift.

Regenerate with ``python -m devtools.config_doc --write``;
tests/deploy/test_configuration_doc.py fails when the file is out of date.
"""

from __future__ import annotations

import json
import sys
import typing
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo

from interventions_api.settings import PROJECT_ROOT, Settings

DOC_PATH = PROJECT_ROOT / "docs" / "configuration.md"

HEADER = """# Configuration

Every setting is an environment variable with the prefix `INTERVENTIONS_` (or a line in
a `.env` file in the working directory). Names are not case-sensitive. Lists are JSON
(`INTERVENTIONS_CORS_ORIGINS='["https://example.org"]'`).

This file is generated from `interventions_api/settings.py`
(`python -m devtools.config_doc --write`); a test keeps the two in step.

| variable | default | allowed | meaning |
| --- | --- | --- | --- |
"""

FOOTER = """
Production mode (`INTERVENTIONS_ENVIRONMENT=production`) makes the API refuse to start
unless `INTERVENTIONS_MEILI_URL` is set and the Meilisearch key (from
`INTERVENTIONS_MEILI_API_KEY` or `INTERVENTIONS_MEILI_API_KEY_FILE`) can search the
index and do nothing else; see [deploy.md](deploy.md#the-search-only-key).

With more than one worker, `interventions serve` sets `PROMETHEUS_MULTIPROC_DIR` (a
fresh temporary folder, or the one given) so that `/metrics` adds up all workers.
"""


def _default(field: FieldInfo) -> str:
    value = field.default
    if value is None:
        return "(unset)"
    if isinstance(value, Path):
        return f"`{value}`"
    if isinstance(value, list | dict | bool):
        return f"`{json.dumps(value)}`"
    return f"`{value}`"


def _allowed(field: FieldInfo) -> str:
    annotation: Any = field.annotation
    if typing.get_origin(annotation) is typing.Literal:
        return ", ".join(f"`{v}`" for v in typing.get_args(annotation))
    parts = []
    for meta in field.metadata:
        if getattr(meta, "ge", None) is not None:
            parts.append(f"≥ {meta.ge}")
        if getattr(meta, "le", None) is not None:
            parts.append(f"≤ {meta.le}")
        if getattr(meta, "pattern", None):
            parts.append("a UUID" if "[0-9a-f]{8}-" in meta.pattern else f"`{meta.pattern}`")
    if parts:
        return ", ".join(parts)
    if typing.get_origin(annotation) is list:
        return "JSON list"
    names = {int: "integer", float: "number", bool: "`true`/`false`", Path: "path",
             str: "text"}
    for kind, label in names.items():
        if annotation is kind or kind in typing.get_args(annotation):
            return label
    return ""


def render() -> str:
    prefix = Settings.model_config.get("env_prefix", "")
    rows = []
    for name, field in Settings.model_fields.items():
        meaning = (field.description or "").replace("|", "\\|")
        rows.append(f"| `{prefix}{name.upper()}` | {_default(field)} | {_allowed(field)} "
                    f"| {meaning} |")
    return HEADER + "\n".join(rows) + "\n" + FOOTER


def main(argv: list[str]) -> int:
    if "--write" in argv:
        DOC_PATH.write_text(render(), encoding="utf-8")
        print(f"wrote {DOC_PATH}", file=sys.stderr)
    else:
        print(render(), end="")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
