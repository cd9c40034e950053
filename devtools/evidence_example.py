"""The parameter table and worked examples of docs/evidence.md, computed by effects.py.

``python -m devtools.evidence_example --write`` regenerates the blocks between the
``effect-parameters`` and ``effect-examples`` markers of docs/evidence.md (without
``--write`` it prints them); tests/effects/test_evidence_doc.py checks that the document holds
what this code produces. The examples are real catalogue entries (KiVa, Kanjertraining,
PAD, Taakspel) on the concern bullying.
"""

from __future__ import annotations

import sys
from typing import Any

from devtools import doc_blocks
from interventions_api import effects
from interventions_api.catalogue import read_catalogue
from interventions_api.db.load import entry_document
from interventions_api.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "evidence.md"
EXAMPLES = ("kiva", "kanjertraining", "pad", "taakspel")
CONCERN = "bullying"


def example_documents() -> dict[str, dict[str, Any]]:
    """The stored documents of the example entries, as the load writes them."""
    result = read_catalogue(PROJECT_ROOT / "catalogue")
    assert result.catalogue is not None, "the catalogue does not validate"
    by_id = result.catalogue.by_id()
    return {entry_id: entry_document(by_id[entry_id]) for entry_id in EXAMPLES}


def render_parameters() -> str:
    rows = ["| design | weight |", "|---|---|"]
    rows += [f"| {design} | {weight} |" for design, weight in effects.DESIGN_WEIGHT.items()]
    rows += [
        "",
        "| parameter | value |",
        "|---|---|",
        f"| sample size factor | sqrt(n / {effects.FULL_POWER_N}), between "
        f"{effects.MIN_SIZE_FACTOR} and 1; unknown n: {effects.UNKNOWN_SIZE_FACTOR} |",
        f"| country factor | {effects.HOME_COUNTRY}: {effects.HOME_COUNTRY_FACTOR}; other: "
        f"{effects.OTHER_COUNTRY_FACTOR}; unknown: {effects.UNKNOWN_COUNTRY_FACTOR} |",
        f"| recency factor | 1 up to {effects.RECENT_YEARS} years before the entry's review, "
        f"then linearly down to {effects.OLD_FACTOR} at {effects.OLD_YEARS} years; "
        f"undated: {effects.OLD_FACTOR} |",
        "| order of `sort=effect` | "
        + ", ".join(sorted(effects.VERDICT_RANK, key=lambda v: -effects.VERDICT_RANK[v]))
        + " |",
    ]
    return "\n".join(rows) + "\n"


def render_examples() -> str:
    lines: list[str] = []
    for entry_id, document in example_documents().items():
        effect = document["evidence"]["effects"][CONCERN]
        lines += [f"### {document['name']} (`{entry_id}`)", ""]
        lines += ["| study | result | design | country | n | year | design × size × country "
                  "× recency | weight |", "|---|---|---|---|---|---|---|---|"]
        reviewed_year = int(document["reviewed"][:4])
        studies = document["evidence"]["studies"]
        for result in effect["results"]:
            factors = effects.study_weight(studies[result["study"]], reviewed_year)
            product = " × ".join(f"{factors[k]:.2f}" for k in
                                 ("design", "size", "country", "recency"))
            lines.append(
                f"| {result['study']} | {result['result']} | {result['design']} | "
                f"{result['country'] or '?'} | {result['n'] or '?'} | {result['year'] or '?'} | "
                f"{product} | {result['weight']:.4f} |")
        sums = ", ".join(f"{kind} {weight:.4f}" for kind, weight in effect["weights"].items())
        lines += ["", f"Summed weights: {sums}. Verdict on {CONCERN}: **{effect['verdict']}** "
                      f"(studies: {effect['studies']}; strongest design: "
                      f"{effect['best_design']}).", ""]
    return "\n".join(lines)


BLOCKS = {"effect-parameters": render_parameters, "effect-examples": render_examples}


def replace_blocks(text: str) -> str:
    return doc_blocks.replace_blocks(text, BLOCKS)


def main(argv: list[str]) -> None:
    doc_blocks.main(argv, DOC, BLOCKS)


if __name__ == "__main__":
    main(sys.argv)
