"""A synthetic catalogue of N entries for benchmarks, load and fault tests.

Field distributions are measured on the real catalogue (how many school types, themes,
approaches and levels an entry has and which keys are common, how often cost, training
hours, assessments and outcomes are present); the text is built from the editors'
Dutch and English vocabulary labels and descriptions. The same seed and N always give
the same files. Entries are marked synthetic (ids ``syn-…``, example.org URLs, "synthetic
study" citations) and are written to a folder of the caller's choosing — never into
``catalogue/``, whose files the generator only reads.

    python -m bench.synthetic /tmp/synthetic-1000 --entries 1000 --seed 8
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from interventions_api.catalogue import Catalogue, read_catalogue
from interventions_api.settings import PROJECT_ROOT

REAL_CATALOGUE = PROJECT_ROOT / "catalogue"
REFERENCE_FILES = ("vocabularies.yaml", "evidence-scale.yaml", "synonyms.yaml")
MODELINE = "# yaml-language-server: $schema=../schema/intervention.schema.json\n"

# Typical ages of each school type (the vocabulary's descriptions give the same ranges).
AGES = {"po": (4, 12), "so": (4, 13), "vo": (12, 18), "vso": (12, 20), "mbo": (16, 20)}
NAME_WORDS = ("Samen", "Sterk", "Veilig", "Klas", "Groep", "Plus", "Wijs", "Thuis", "Kompas",
              "Basis", "Route", "Vrij", "Fijn", "Spoor", "Lijn", "Brug", "Kring", "Stap")
NAME_FORMS = ("{a} {b}", "{a}{b}", "{b} op School", "De {a} {b}", "{a} in de Klas",
              "{a} & {b}", "Project {a}", "{a} {b} Methode")


@dataclass
class Distributions:
    """What the real catalogue looks like, as lists to draw from (with repetition)."""

    school_type_sets: list[tuple[str, ...]] = field(default_factory=list)
    level_sets: list[tuple[str, ...]] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    theme_counts: list[int] = field(default_factory=list)
    approaches: list[str] = field(default_factory=list)
    approach_counts: list[int] = field(default_factory=list)
    delivered_by: list[str] = field(default_factory=list)
    assessments: list[tuple[str, str, str]] = field(default_factory=list)  # registry, rating, url
    assessment_counts: list[int] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    outcome_counts: list[int] = field(default_factory=list)
    designs: list[str] = field(default_factory=list)
    costs: list[tuple[float, str, str]] = field(default_factory=list)
    cost_share: float = 0.0
    training_hours: list[float] = field(default_factory=list)
    training_share: float = 0.0
    discontinued_share: float = 0.0
    english_share: float = 1.0


def measure(catalogue: Catalogue) -> Distributions:
    d = Distributions()
    n = len(catalogue.entries)
    for entry in catalogue.entries:
        item = entry.intervention
        d.school_type_sets.append(tuple(item.school_types))
        d.level_sets.append(tuple(item.levels))
        d.themes += item.themes
        d.theme_counts.append(len(item.themes))
        d.approaches += item.approaches
        d.approach_counts.append(len(item.approaches))
        d.delivered_by += item.delivery.delivered_by
        d.assessments += [(a.registry, a.rating, a.url) for a in item.evidence.assessments
                          if a.rating is not None]
        d.assessment_counts.append(len(item.evidence.assessments))
        d.outcomes += [o.outcome for o in item.evidence.outcomes]
        d.findings += [o.finding for o in item.evidence.outcomes]
        d.outcome_counts.append(len(item.evidence.outcomes))
        d.designs += [s.design for s in item.evidence.studies.values()]
        cost = item.implementation.cost
        if cost and cost.amount_eur is not None and cost.per and cost.period:
            d.costs.append((cost.amount_eur, cost.per, cost.period))
        if item.implementation.training_hours is not None:
            d.training_hours.append(item.implementation.training_hours)
    d.cost_share = len(d.costs) / n
    d.training_share = len(d.training_hours) / n
    status = Counter(e.intervention.status for e in catalogue.entries)
    d.discontinued_share = status["discontinued"] / n
    d.english_share = sum(1 for e in catalogue.entries if e.intervention.summary.en) / n
    return d


class Generator:
    def __init__(self, catalogue: Catalogue, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = catalogue.vocabularies
        self.d = measure(catalogue)

    def _sample(self, pool: list[str], count: int) -> list[str]:
        chosen: list[str] = []
        for _attempt in range(count * 20):
            if len(chosen) == count:
                break
            value = self.rng.choice(pool)
            if value not in chosen:
                chosen.append(value)
        return chosen

    def _description(self, section: str, key: str, lang: str) -> str:
        term = self.vocab.section(section)[key]
        return term.description.get(lang)

    def _label(self, section: str, key: str, lang: str) -> str:
        return self.vocab.section(section)[key].label.get(lang)

    def _summary(self, name: str, themes: list[str], approaches: list[str],
                 lang: str) -> str:
        rng = self.rng
        topic = ", ".join(self._label("themes", t, lang).lower() for t in themes[:3])
        opening = (f"{name} is een synthetisch programma over {topic}." if lang == "nl"
                   else f"{name} is a synthetic programme about {topic}.")
        sentences = [opening]
        keys = [("themes", t) for t in themes] + [("approaches", a) for a in approaches]
        rng.shuffle(keys)
        for section, key in keys[: rng.randint(1, 3)]:
            sentences.append(self._description(section, key, lang))
        return " ".join(sentences)

    def _name(self, number: int) -> str:
        a, b = self.rng.sample(NAME_WORDS, 2)
        return f"{self.rng.choice(NAME_FORMS).format(a=a, b=b)} {number}"

    def entry(self, number: int) -> dict[str, Any]:
        rng, d = self.rng, self.d
        name = self._name(number)
        entry_id = f"syn-{number:05d}"
        school_types = list(rng.choice(d.school_type_sets))
        low = min(AGES[t][0] for t in school_types)
        high = max(AGES[t][1] for t in school_types)
        age_min = rng.randint(low, max(low, high - 3))
        age_max = rng.randint(min(age_min + 3, high), high)
        themes = self._sample(d.themes, rng.choice(d.theme_counts))
        approaches = self._sample(d.approaches, rng.choice(d.approach_counts))
        levels = {
            level: {"nl": self._description("levels", level, "nl"),
                    "en": self._description("levels", level, "en")}
            for level in rng.choice(d.level_sets)
        }
        summary: dict[str, str] = {"nl": self._summary(name, themes, approaches, "nl")}
        if rng.random() < d.english_share:
            summary["en"] = self._summary(name, themes, approaches, "en")
        studies: dict[str, Any] = {}
        outcomes = []
        for index in range(rng.choice(d.outcome_counts)):
            key = f"study-{index // 2 + 1}"
            year = rng.randint(2005, 2024)
            studies.setdefault(key, {
                "citation": f"Synthetic study {number}-{index // 2 + 1} ({year}). "
                            "Generated benchmark data, not a real publication.",
                "url": f"https://example.org/synthetic/{entry_id}/{key}",
                "design": rng.choice(d.designs),
                "country": rng.choice(["NL", "NL", "FI", "GB", "US", "BE"]),
                "n": rng.randint(40, 5000),
            })
            outcomes.append({"outcome": rng.choice(d.outcomes),
                             "finding": rng.choice(d.findings), "study": key})
        assessments = []
        for registry, rating, _url in (rng.choice(d.assessments)
                                       for _ in range(rng.choice(d.assessment_counts))):
            assessment: dict[str, Any] = {"registry": registry, "rating": rating,
                                          "url": f"https://example.org/registry/{registry}"}
            if rng.random() < 0.5:
                assessment["year"] = rng.randint(2012, 2025)
            else:
                assessment["date"] = (f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-"
                                      f"{rng.randint(1, 28):02d}")
            assessments.append(assessment)
        implementation: dict[str, Any] = {}
        if d.training_hours and rng.random() < d.training_share:
            implementation["training_hours"] = rng.choice(d.training_hours)
        if d.costs and rng.random() < d.cost_share:
            amount, per, period = rng.choice(d.costs)
            implementation["cost"] = {"amount_eur": round(amount * rng.uniform(0.5, 1.5), 2),
                                      "per": per, "period": period,
                                      "year": rng.randint(2019, 2025),
                                      "source": f"https://example.org/synthetic/{entry_id}"}
        document: dict[str, Any] = {
            "id": entry_id,
            "name": name,
            "aliases": [f"{name} (synthetic)"] if rng.random() < 0.4 else [],
            "summary": summary,
            "provider": {"name": f"Synthetic provider {number % 97}",
                         "url": f"https://example.org/provider/{number % 97}"},
            "origin_country": rng.choice(["NL", "NL", "NL", "FI", "US", "GB", "NO", "BE"]),
            "status": "discontinued" if rng.random() < d.discontinued_share else "active",
            "school_types": school_types,
            "age_range": {"min": age_min, "max": age_max},
            "levels": levels,
            "themes": themes,
            "approaches": approaches,
            "delivery": {"delivered_by": self._sample(d.delivered_by, rng.randint(1, 2))},
            "implementation": implementation,
            "evidence": {"assessments": assessments, "outcomes": outcomes, "studies": studies},
            "sources": [f"https://example.org/synthetic/{entry_id}"],
            "reviewed": f"{rng.randint(2022, 2026)}-{rng.randint(1, 12):02d}-"
                        f"{rng.randint(1, 28):02d}",
        }
        return document


def generate(target: Path, entries: int, seed: int = 8) -> Path:
    """Write a catalogue of ``entries`` synthetic interventions into ``target``.

    ``target`` must not be the real catalogue; an existing folder is replaced.
    """
    target = Path(target).resolve()
    if target == REAL_CATALOGUE.resolve() or REAL_CATALOGUE.resolve() in target.parents:
        raise ValueError(f"refusing to write synthetic data into {REAL_CATALOGUE}")
    real = read_catalogue(REAL_CATALOGUE)
    if real.catalogue is None:
        raise RuntimeError("the real catalogue does not validate; fix it first")
    if target.exists():
        shutil.rmtree(target)
    (target / "interventions").mkdir(parents=True)
    for name in REFERENCE_FILES:
        if (REAL_CATALOGUE / name).exists():
            shutil.copy2(REAL_CATALOGUE / name, target / name)
    generator = Generator(real.catalogue, seed)
    for number in range(1, entries + 1):
        document = generator.entry(number)
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
        (target / "interventions" / f"{document['id']}.yaml").write_text(
            MODELINE + text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    path = generate(args.target, args.entries, args.seed)
    print(f"wrote {args.entries} synthetic interventions to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
