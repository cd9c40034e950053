"""The generated example of docs/plan.md: the OpenAPI example body of ``POST /v1/plan``
and the plan it gives, as Markdown, written by the service itself from the real catalogue.

``python -m devtools.plan_example --write`` regenerates the block between the
``plan-example`` markers of docs/plan.md (without ``--write`` it prints it);
tests/plan/test_plan_doc.py checks that the document holds what the code writes. The
footer's date is fixed, so the block does not change from one day to the next.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from devtools import doc_blocks
from interventions_api.api.routes.plan import PLAN_EXAMPLE
from interventions_api.plan.markdown import render_markdown
from interventions_api.plan.service import plan
from interventions_api.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "plan.md"
EXAMPLE_DAY = dt.date(2026, 12, 4)


def render_example(db_path: Path) -> str:
    document = plan(db_path, json.dumps(PLAN_EXAMPLE), today=EXAMPLE_DAY)
    # Four backticks: the plan itself may hold a code span.
    return ("The body (the OpenAPI example of `POST /v1/plan`):\n\n```json\n"
            + json.dumps(PLAN_EXAMPLE, indent=2, ensure_ascii=False)
            + "\n```\n\nThe plan, with `Accept: text/markdown`:\n\n````markdown\n"
            + render_markdown(document) + "````\n")


def _loaded_example() -> str:
    with doc_blocks.loaded_catalogue() as db_path:
        return render_example(db_path)


BLOCKS = {"plan-example": _loaded_example}


def main(argv: list[str]) -> None:
    doc_blocks.main(argv, DOC, BLOCKS)


if __name__ == "__main__":
    main(sys.argv)
