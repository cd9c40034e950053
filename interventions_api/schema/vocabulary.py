"""Controlled vocabularies and the evidence scale: the data that the entries refer to."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .common import ITEMS_MAX, KEYS_MAX, URL_MAX, Key, Localized, Name, StrictModel

# Sections of vocabularies.yaml. Filters, facets and the match accept only their keys.
VOCABULARY_SECTIONS = (
    "school_types",
    "levels",
    "themes",
    "approaches",
    "outcomes",
    "registries",
    "school_concepts",
    "delivered_by",
    "study_designs",
)

# Keys the code itself relies on (the action plan's three levels, the school types of
# DATA_MODEL.md). The vocabulary may add labels to them but must not drop them.
REQUIRED_TERMS: dict[str, frozenset[str]] = {
    "school_types": frozenset({"po", "so", "vo", "vso", "mbo"}),
    "levels": frozenset({"individual", "class", "school"}),
}


class VocabularyTerm(StrictModel):
    label: Localized
    description: Localized
    url: Name | None = Field(default=None, max_length=URL_MAX,
                             description="Registries only: where it publishes.")
    approaches: list[Key] | None = Field(
        default=None, max_length=KEYS_MAX,
        description="School concepts only: the approaches that fit it."
    )


Section = Annotated[dict[Key, VocabularyTerm], Field(max_length=ITEMS_MAX)]


class Vocabularies(StrictModel):
    school_types: Section
    levels: Section
    themes: Section
    approaches: Section
    outcomes: Section
    registries: Section
    school_concepts: Section
    delivered_by: Section
    study_designs: Section

    @model_validator(mode="after")
    def _required_terms_present(self) -> Vocabularies:
        for section, required in REQUIRED_TERMS.items():
            missing = required - set(getattr(self, section))
            if missing:
                raise ValueError(f"{section} must define {', '.join(sorted(missing))}")
        for key, concept in self.school_concepts.items():
            unknown = set(concept.approaches or []) - set(self.approaches)
            if unknown:
                # "located": the validator's error names where in the file it is (ctx "at").
                raise PydanticCustomError(
                    "located",
                    "school concept '{key}' names unknown approaches {unknown}; "
                    "allowed: {allowed}",
                    {"key": key, "unknown": ", ".join(sorted(unknown)),
                     "allowed": ", ".join(sorted(self.approaches)),
                     "at": ("school_concepts", key, "approaches")},
                )
        return self

    def section(self, name: str) -> dict[str, VocabularyTerm]:
        terms: dict[str, VocabularyTerm] = getattr(self, name)
        return terms

    def label(self, section: str, key: str, lang: str = "nl") -> str:
        term = self.section(section).get(key)
        return term.label.get(lang) if term else key


class EvidenceLevel(StrictModel):
    key: Key
    label: Localized
    description: Localized


class RegistryScale(StrictModel):
    labels: dict[Name, Key] = Field(
        max_length=ITEMS_MAX,
        description="The registry's own labels, verbatim, mapped to a common level key."
    )


class EvidenceScale(BaseModel):
    model_config = ConfigDict(extra="forbid")

    levels: list[EvidenceLevel] = Field(max_length=KEYS_MAX,
                                        description="Common levels, lowest first.")
    registries: dict[Key, RegistryScale] = Field(max_length=ITEMS_MAX)

    @model_validator(mode="after")
    def _mappings_use_known_levels(self) -> EvidenceScale:
        keys = [level.key for level in self.levels]
        if len(set(keys)) != len(keys):
            raise ValueError("evidence levels must be unique")
        for registry, scale in self.registries.items():
            for label, level in scale.labels.items():
                if level not in keys:
                    raise PydanticCustomError(
                        "located",
                        "registry '{registry}' maps '{label}' to unknown level '{level}'; "
                        "allowed: {allowed}",
                        {"registry": registry, "label": label, "level": level,
                         "allowed": ", ".join(keys),
                         "at": ("registries", registry, "labels", label)},
                    )
        return self

    @property
    def order(self) -> list[str]:
        return [level.key for level in self.levels]

    def rank(self, level: str) -> int:
        return self.order.index(level)

    def common_level(self, registry: str, label: str) -> str | None:
        scale = self.registries.get(registry)
        return scale.labels.get(label) if scale else None

    def level_label(self, key: str, lang: str = "nl") -> str:
        for level in self.levels:
            if level.key == key:
                return level.label.get(lang)
        return key
