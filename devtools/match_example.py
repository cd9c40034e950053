"""The worked example of docs/matching.md, computed by the match itself.

``python -m devtools.match_example --write`` regenerates the blocks between the
``parameters`` and ``worked-example`` markers of docs/matching.md (without ``--write`` it
prints them); a test checks that the numbers there are the numbers this code produces.
The three entries are FICTIONAL (example-alpha, -beta, -gamma), made up to show the
arithmetic; they live only in a temporary folder, never in catalogue/. They use the real
vocabularies and evidence scale.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from devtools import doc_blocks
from interventions_api.catalogue import read_catalogue
from interventions_api.db.load import load_catalogue
from interventions_api.match import weights
from interventions_api.match.service import MatchResult, match
from interventions_api.match.weights import CRITERIA, WEIGHTS
from interventions_api.settings import PROJECT_ROOT

PROFILE: dict[str, Any] = {
    "school_type": "po", "ages": {"min": 8, "max": 12},
    "concerns": ["bullying", "cyberbullying"], "school_concept": "jenaplan",
    "approaches": ["restorative"],
    "budget": {"max_eur": 2500, "per": "school", "period": "year"},
    "school_size": {"pupils": 200}, "max_training_hours": 16,
    "monitor": {"year": 2025, "results": [
        {"indicator": "cyberbullied", "share": 0.12, "reference": 0.08,
         "school_years": {"system": "groep", "min": 7, "max": 8}}]},
    "lang": "en",
}

_COMMON = """summary:
  nl: "Fictief voorbeeld voor docs/matching.md; geen echt programma."
  en: "Fictional example for docs/matching.md; not a real programme."
status: active
school_types: [po]
sources:
  - https://example.org/fictional
reviewed: "2026-01-01"
"""

ENTRIES = {
    "example-alpha": """id: example-alpha
name: Example Alpha (fictional)
age_range: {min: 6, max: 12}
levels:
  individual: {nl: "Gesprekken met betrokken leerlingen.", en: "Talks with the pupils involved."}
  class: {nl: "Lessen in de groep.", en: "Lessons in class."}
  school: {nl: "Schoolbreed beleid en monitoring.", en: "School-wide policy and monitoring."}
themes: [bullying, school_climate]
approaches: [whole_school, peer_support, monitoring_feedback]
implementation:
  training_hours: 12
  cost: {amount_eur: 2400, per: school, period: once, year: 2025,
         source: https://example.org/alpha-price}
evidence:
  assessments:
    - registry: nji
      rating: Effectief volgens goede aanwijzingen
      year: 2020
      url: https://example.org/fictional/rating
  outcomes:
    - {outcome: bullying_victimisation, finding: positive, study: trial-a}
    - {outcome: bullying_perpetration, finding: no_effect, study: trial-b}
  studies:
    trial-a: {citation: "Fictional trial A.", url: "https://example.org/a", design: cluster_rct}
    trial-b: {citation: "Fictional trial B.", url: "https://example.org/b", design: cluster_rct}
""",
    "example-beta": """id: example-beta
name: Example Beta (fictional)
age_range: {min: 8, max: 12}
levels:
  class: {nl: "Lessen over online gedrag.", en: "Lessons on online behaviour."}
themes: [bullying, cyberbullying]
approaches: [social_emotional_learning, restorative]
implementation:
  training_hours: 4
  cost: {amount_eur: 6, per: pupil, period: year, year: 2025,
         source: https://example.org/beta-price}
evidence:
  assessments:
    - registry: nji
      rating: Goed onderbouwd
      year: 2021
      url: https://example.org/fictional/rating
  outcomes:
    - {outcome: cyberbullying_victimisation, finding: positive, study: study-c}
  studies:
    study-c: {citation: "Fictional study C.", url: "https://example.org/c",
              design: quasi_experimental}
""",
    "example-gamma": """id: example-gamma
name: Example Gamma (fictional)
age_range: {min: 4, max: 12}
levels:
  individual: {nl: "Training in kleine groepen.", en: "Training in small groups."}
themes: [social_emotional_skills, resilience]
approaches: [targeted_skills_training]
""",
}


def run_example() -> MatchResult:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "catalogue"
        (root / "interventions").mkdir(parents=True)
        for name in ("vocabularies.yaml", "evidence-scale.yaml"):
            shutil.copy(PROJECT_ROOT / "catalogue" / name, root / name)
        for entry_id, text in ENTRIES.items():
            (root / "interventions" / f"{entry_id}.yaml").write_text(text + _COMMON,
                                                                     encoding="utf-8")
        result = read_catalogue(root)
        if result.catalogue is None:
            raise SystemExit("\n".join(p.format() for p in result.errors))
        db_path = Path(folder) / "example.db"
        load_catalogue(result.catalogue, db_path)
        return match(db_path, json.dumps(PROFILE))


def render_example(result: MatchResult) -> str:
    answer = result.as_dict()
    matches = answer["matches"]
    lines = ["Profile:", "", "```json", json.dumps(PROFILE, indent=2), "```", "",
             "Concern weights after the monitor: "
             + ", ".join(f"`{k}` {v:.4f}" for k, v in answer["meta"]["concern_weights"].items()),
             "", "| criterion | base weight | weight used | "
             + " | ".join(m["id"] for m in matches) + " |",
             "|---|---|---|" + "---|" * len(matches)]
    for criterion in CRITERIA:
        used = answer["meta"]["weights"][criterion]
        scores = []
        for m in matches:
            fit = next(f for f in m["fit"] if f["criterion"] == criterion)
            scores.append(f"{fit['score']:.4f}" if fit["applies"] else "—")
        lines.append(f"| {criterion} | {WEIGHTS[criterion]:.2f} | {used:.4f} | "
                     + " | ".join(scores) + " |")
    lines.append("| **score** | | | " + " | ".join(f"**{m['score']:.4f}**" for m in matches)
                 + " |")
    lines += ["", f"Excluded: {json.dumps(answer['excluded'])}", ""]
    for m in matches:
        lines.append(f"**{m['id']}** (rank {m['rank']}, score {m['score']:.4f})")
        lines.append("")
        for fit in m["fit"]:
            lines.append(f"- `{fit['criterion']}` {fit['score']:.4f} × {fit['weight']:.4f}: "
                         f"{fit['text']}")
        for warning in m["warnings"]:
            lines.append(f"- warning `{warning['code']}`: {warning['message']}")
        lines.append("")
    lines += walk_through(result, "example-alpha")
    lines.append("Plan:")
    lines.append("")
    for level, entry in answer["plan"].items():
        names = ", ".join(item["id"] for item in entry["interventions"]) or "—"
        extra = " ".join(filter(None, [entry["reason"], *entry["notes"]]))
        lines.append(f"- `{level}`: {names}" + (f". {extra}" if extra else ""))
    return "\n".join(lines) + "\n"


def walk_through(result: MatchResult, entry_id: str) -> list[str]:
    """The arithmetic of the monitor weights and of one entry's concern_evidence score
    (from its effect verdicts), spelled out from the constants (the doc test checks it
    ends at the reported score)."""
    needs = result.needs
    lines = ["How the numbers come about:", ""]
    for concern, signals in needs.signals.items():
        for signal in signals:
            r = signal.result
            if r.reference is not None:
                formula = f"({r.share} − {r.reference}) / {r.reference}"
            else:
                formula = f"{r.share} / {weights.FULL_SIGNAL_SHARE}"
            lines.append(
                f"- monitor `{r.indicator}`: strength = {formula}, clipped to 0..1 = "
                f"{signal.strength:.4f}; `{concern}` weighs {needs.base_weights[concern]:g} + "
                f"{weights.SIGNAL_BOOST:g} × {signal.strength:.4f} = "
                f"{needs.concern_weights[concern]:.4f}")
    scored = next(s for s in result.ranked if s.candidate.id == entry_id)
    c = scored.candidate
    concerns = needs.evidence_concerns
    total = sum(w for _, w in concerns)
    for concern, _weight in concerns:
        lines.append(f"- `{entry_id}` verdict on `{concern}`: {c.verdict(concern)} "
                     f"(scores {weights.VERDICT_SCORE[c.verdict(concern)]:g})")
    terms = " + ".join(f"{w:.4f} × {weights.VERDICT_SCORE[c.verdict(k)]:g}"
                       for k, w in concerns)
    value = sum(w * weights.VERDICT_SCORE[c.verdict(k)] for k, w in concerns) / total
    lines.append(f"- `{entry_id}` concern_evidence: ({terms}) / {total:.4f} = {value:.4f}")
    lines += [f"- `{entry_id}` concern_evidence score: {value:.4f}", ""]
    return lines


def render_parameters() -> str:
    """Every tunable of weights.py as a Markdown table."""
    rows = [("criterion weight: " + name, value) for name, value in WEIGHTS.items()]
    rows += [
        *((f"concern evidence: score of a `{verdict}` verdict", value)
          for verdict, value in weights.VERDICT_SCORE.items()),
        ("credit of a concern out of the signal's age reach", weights.OUT_OF_REACH_CREDIT),
        ("signal boost (most a monitor result adds to a weight)", weights.SIGNAL_BOOST),
        ("share that is a full signal without a reference", weights.FULL_SIGNAL_SHARE),
        ("cost slope", weights.COST_SLOPE),
        ("score of an unknown or incomparable cost", weights.UNKNOWN_COST_SCORE),
        ("training slope", weights.TRAINING_SLOPE),
        ("score of unknown training hours", weights.UNKNOWN_TRAINING_SCORE),
        ("score of availability in the Netherlands unknown", weights.AVAILABILITY_SCORE[None]),
        ("score of a criterion that does not apply (weight 0)",
         weights.NOT_APPLICABLE_SCORE),
        ("evidence levels that score 0 (lowest first)", weights.EVIDENCE_ZERO_LEVELS),
        ("new interventions per level in the plan, at most", weights.MAX_NEW_PER_LEVEL),
    ]
    lines = ["| parameter | value |", "|---|---|"]
    lines += [f"| {name} | {value:.4g} |" for name, value in rows]
    return "\n".join(lines) + "\n"


BLOCKS = {"parameters": render_parameters, "worked-example": lambda: render_example(
    run_example())}


def replace_blocks(text: str) -> str:
    return doc_blocks.replace_blocks(text, BLOCKS)


def main(argv: list[str]) -> None:
    doc_blocks.main(argv, PROJECT_ROOT / "docs" / "matching.md", BLOCKS)


if __name__ == "__main__":
    main(sys.argv)
