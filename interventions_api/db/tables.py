"""SQLite storage, as SQLModel tables. Alembic migrations in ``migrations/`` create them.

The tables are a projection of the catalogue models for querying: scalar fields as
columns, multi-valued vocabulary fields in ``intervention_terms`` (one row per value, so
every filter and facet is the same join), and the whole validated entry as JSON in
``document`` for detail responses. ``catalogue_loads`` outlives single loads.
"""

from __future__ import annotations

from sqlalchemy import Index, MetaData
from sqlmodel import Field, SQLModel

# Named constraints, so Alembic batch migrations on SQLite can address them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

# Multi-valued fields stored in intervention_terms, keyed by facet name.
TERM_FACETS = ("school_type", "level", "theme", "approach")


class InterventionRow(SQLModel, table=True):
    __tablename__ = "interventions"

    id: str = Field(primary_key=True)
    name: str
    name_sort: str = Field(index=True)
    summary_nl: str
    summary_en: str | None = None
    origin_country: str | None = None
    status: str
    age_min: int | None = None
    age_max: int | None = None
    evidence_level: str
    evidence_rank: int = Field(index=True)
    training_hours: float | None = None
    cost_amount_eur: float | None = None
    cost_per: str | None = None
    cost_period: str | None = None
    cost_year: int | None = None
    # implementation.cost.on_request: the provider gives its price on request (no amount).
    cost_on_request: bool | None = None
    # availability.nl: true / false, None when the catalogue does not know.
    available_nl: bool | None = Field(default=None, index=True)
    reviewed: str
    # Five years after the later of the review and the latest rating (freshness.py); the
    # ``stale`` filter compares it with today's date at query time.
    review_due: str | None = Field(default=None, index=True)
    content_hash: str
    document: str  # the validated entry plus derived fields, as JSON


class InterventionTermRow(SQLModel, table=True):
    __tablename__ = "intervention_terms"
    __table_args__ = (Index("ix_intervention_terms_facet_term", "facet", "term"),)

    intervention_id: str = Field(primary_key=True, foreign_key="interventions.id")
    facet: str = Field(primary_key=True)
    term: str = Field(primary_key=True)


class AssessmentRow(SQLModel, table=True):
    """One registry rating. An assessment without a rating (``outcome: not_judged``) is
    only in the stored document: it has no label and no level to query."""

    __tablename__ = "assessments"

    intervention_id: str = Field(primary_key=True, foreign_key="interventions.id")
    position: int = Field(primary_key=True)
    registry_key: str = Field(index=True)
    rating: str
    common_level: str
    date: str | None = None
    year: int | None = None
    checked: str | None = None  # the day a registry page without a date was read
    url: str


class OutcomeRow(SQLModel, table=True):
    __tablename__ = "outcomes"

    intervention_id: str = Field(primary_key=True, foreign_key="interventions.id")
    position: int = Field(primary_key=True)
    outcome: str = Field(index=True)
    finding: str
    study_key: str
    effect: str | None = None


class InterventionEffectRow(SQLModel, table=True):
    """The effect verdict of one entry on one concern (effects.py), one row per concern
    for every entry (``not_studied`` included), so that ``effect_on`` and ``sort=effect``
    are one lookup on the (concern, intervention) key."""

    __tablename__ = "intervention_effects"

    intervention_id: str = Field(primary_key=True, foreign_key="interventions.id")
    concern: str = Field(primary_key=True)
    verdict: str
    verdict_rank: int
    studies: int
    best_design: str | None = None


class CatalogueLoadRow(SQLModel, table=True):
    __tablename__ = "catalogue_loads"

    id: int | None = Field(default=None, primary_key=True)
    version: str
    git_commit: str | None = None
    loaded_at: str
    entry_count: int
    counts: str  # JSON: entries per evidence level, school type, …


class EvidenceHistoryRow(SQLModel, table=True):
    """One change of an entry's evidence level or of one of its ratings.

    Outlives loads: each load appends what changed since the last recorded state (in the
    load's transaction), and ``interventions backfill-history`` rebuilds it from the git
    log of the catalogue. ``kind`` is ``evidence_level`` or ``rating``; ``change`` is
    ``added``, ``removed`` or ``changed``. For a rating, ``*_value`` is the registry's
    label, ``*_level`` its common level and ``*_assessed`` its date or year.
    """

    __tablename__ = "evidence_history"
    __table_args__ = (Index("ix_evidence_history_entry", "intervention_id", "recorded_at"),)

    id: int | None = Field(default=None, primary_key=True)
    intervention_id: str
    kind: str
    change: str
    registry_key: str | None = None  # not "registry": SQLAlchemy reserves that name
    old_value: str | None = None
    new_value: str | None = None
    old_level: str | None = None
    new_level: str | None = None
    old_assessed: str | None = None
    new_assessed: str | None = None
    recorded_at: str  # UTC, ISO 8601: the load's time, or the commit's time for a backfill
    source: str  # "load" or "backfill"
    catalogue_version: str | None = None
    git_commit: str | None = None
    load_id: int | None = None  # catalogue_loads.id of the load that recorded it


class CatalogueFileRow(SQLModel, table=True):
    """The catalogue's reference data (vocabularies, evidence scale, synonyms) as JSON, so
    a replica needs nothing but its SQLite file to serve."""

    __tablename__ = "catalogue_files"

    name: str = Field(primary_key=True)
    content: str
