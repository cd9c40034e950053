"""Every SQL query of the service lives here: filters, full-text search, facets, documents.

Connections are read-only and opened per unit of work, so a load that renames a new
database file into place is picked up by the next request without a restart.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import CatalogueNotLoaded, QueryTooSlow
from ..freshness import study_year
from ..query import InterventionQuery, SearchResult
from ..search.text import (
    CLOSE,
    OPEN,
    STOP_WORDS,
    SearchText,
    SearchWord,
    as_html,
    crop,
    search_text,
    split_marked,
    tokens,
)

# Column weights for bm25 over interventions_fts(id, name, aliases, summary, terms, provider)
BM25_WEIGHTS = (0.0, 10.0, 8.0, 2.0, 3.0, 1.0)
# An entry's verdict rank on the concern given as the statement's parameter (effects.py).
EFFECT_RANK = ("(SELECT e.verdict_rank FROM intervention_effects e "
               "WHERE e.intervention_id = i.id AND e.concern = ?)")


# A time limit per statement, so that one slow query cannot hold a worker of the API:
# create_app sets it from INTERVENTIONS_SQLITE_TIME_LIMIT_MS; the command line (loads,
# indexing, exports to files) runs without one. SQLite calls the progress handler every
# PROGRESS_STEPS virtual-machine steps; a nonzero answer interrupts the statement.
PROGRESS_STEPS = 5_000
_time_limit_s: float | None = None


def set_time_limit(seconds: float | None) -> float | None:
    """Set the statement time limit of this process's connections (None: no limit);
    returns the previous one."""
    global _time_limit_s
    previous, _time_limit_s = _time_limit_s, seconds
    return previous


class TimedConnection(sqlite3.Connection):
    """Each ``execute`` starts its statement's clock; the progress handler stops it."""

    deadline = float("inf")
    time_limit_s: float | None = None

    def start_clock(self) -> None:
        if self.time_limit_s is not None:
            self.deadline = time.monotonic() + self.time_limit_s

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        self.start_clock()
        return super().execute(*args, **kwargs)

    def past_deadline(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0


def _open(db_path: Path) -> TimedConnection:
    if not db_path.exists():
        raise CatalogueNotLoaded(f"no database at {db_path}; run 'interventions load' first")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False,
                           factory=TimedConnection)
    conn.row_factory = sqlite3.Row
    return conn


@contextmanager
def connect(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection; a missing or empty database is 'not loaded', not a crash."""
    conn = _open(db_path)
    limit = _time_limit_s
    conn.time_limit_s = limit
    conn.set_progress_handler(conn.past_deadline if limit is not None else None,
                              PROGRESS_STEPS)
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise CatalogueNotLoaded(
                f"the database at {db_path} has no catalogue; run 'interventions load'"
            ) from exc
        if "interrupted" in str(exc) and limit is not None:
            raise QueryTooSlow(f"the database query ran longer than {limit * 1000:.0f} ms "
                               "and was stopped") from exc
        raise
    finally:
        conn.close()


def _term(text: str, prefix: bool = False) -> str:
    """One FTS5 term or phrase: only letters and digits, quoted, so that user input can
    never change the structure of the expression."""
    return f'"{" ".join(tokens(text))}"' + ("*" if prefix else "")


def _any(terms: list[str]) -> str:
    unique = list(dict.fromkeys(terms))
    return unique[0] if len(unique) == 1 else "(" + " OR ".join(unique) + ")"


def fts_query(text: SearchText) -> str | None:
    """The FTS5 MATCH expression of a search (see search/text.py): every word, as a whole
    term (the last as a prefix) or one of its alternatives; or, for a run of two or three
    words, the run written together or one of its synonyms in their place."""
    words = text.words

    def group(word: SearchWord) -> str | None:
        # A run written together may make a stop word ("b e"), which Meilisearch does
        # not index; a search word itself never is one.
        own = [] if word.word in STOP_WORDS else [_term(word.word, word.prefix)]
        terms = [*own, *(_term(a) for a in word.alternatives)]
        return _any(terms) if terms else None

    rests: dict[int, str] = {}
    for start in range(len(words) - 1, -1, -1):
        candidates = [(words[start], start + 1)]
        candidates += [(run, start + length)
                       for (first, length), run in text.runs.items() if first == start]
        options = []
        for word, after in candidates:
            head = group(word)
            if head:
                options.append(f"({head} AND {rests[after]})" if after < len(words) else head)
        rests[start] = _any(options)
    return rests.get(0)


class Filters:
    """The WHERE clause of a query, with one filter optionally left out (for facets)."""

    def __init__(self, query: InterventionQuery, evidence_order: list[str],
                 match: str | None) -> None:
        self.query = query
        self.evidence_order = evidence_order
        self.match = match

    def sql(self, exclude: str | None = None) -> tuple[str, list[Any]]:
        q = self.query
        clauses: list[str] = []
        params: list[Any] = []
        for facet in ("school_type", "level", "theme", "approach"):
            values = q.terms(facet)
            if values and facet != exclude:
                marks = ", ".join("?" for _ in values)
                # Correlated EXISTS on the (intervention_id, facet, term) key: SQLite then
                # walks the interventions in the listing's order and stops at the page's
                # last row ("i.id IN (SELECT …)" made it collect and sort every match).
                clauses.append(
                    "EXISTS (SELECT 1 FROM intervention_terms f WHERE f.intervention_id = i.id "
                    f"AND f.facet = ? AND f.term IN ({marks}))"
                )
                params += [facet, *values]
        if q.age is not None:
            clauses.append("i.age_min <= ? AND i.age_max >= ?")
            params += [q.age, q.age]
        if q.min_evidence and exclude != "evidence_level":
            clauses.append("i.evidence_rank >= ?")
            params.append(self.evidence_order.index(q.min_evidence))
        if q.max_cost_eur is not None:
            known = "i.cost_amount_eur IS NOT NULL AND i.cost_amount_eur <= ?"
            cost_params: list[Any] = [q.max_cost_eur]
            if q.cost_per:
                known += " AND i.cost_per = ?"
                cost_params.append(q.cost_per)
            if q.include_unknown_cost:
                # Unknown cost, or cost on another basis that cannot be compared.
                unknown = "i.cost_amount_eur IS NULL"
                if q.cost_per:
                    unknown += " OR i.cost_per != ?"
                    cost_params.append(q.cost_per)
                clauses.append(f"(({known}) OR {unknown})")
            else:
                clauses.append(f"({known})")
            params += cost_params
        if q.available_in_nl is not None:
            clauses.append("i.available_nl = ?")
            params.append(1 if q.available_in_nl else 0)
        if q.stale is not None:
            # review_due is an ISO date, so text order is date order; "today" is a
            # parameter of the query, so both engines judge staleness on the same day.
            clauses.append("i.review_due < ?" if q.stale
                           else "(i.review_due IS NULL OR i.review_due >= ?)")
            params.append(q.today.isoformat())
        if q.effect_on:
            clauses.append("EXISTS (SELECT 1 FROM intervention_effects e WHERE "
                           "e.intervention_id = i.id AND e.concern = ? AND e.verdict = 'positive')")
            params.append(q.effect_on)
        if self.match:
            clauses.append("i.id IN (SELECT id FROM interventions_fts WHERE interventions_fts "
                           "MATCH ?)")
            params.append(self.match)
        where = " AND ".join(clauses) if clauses else "1 = 1"
        return where, params


class Repository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # --- catalogue reference data -------------------------------------------------
    def catalogue_file(self, name: str) -> Any:
        row = self.conn.execute(
            "SELECT content FROM catalogue_files WHERE name = ?", [name]
        ).fetchone()
        if row is None:
            raise CatalogueNotLoaded("the database holds no catalogue; run 'interventions load'")
        return json.loads(row["content"])

    def latest_load(self) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT * FROM catalogue_loads ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        load = dict(row)
        load["counts"] = json.loads(load["counts"])
        return load

    # --- documents ----------------------------------------------------------------
    def document(self, intervention_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT document FROM interventions WHERE id = ?", [intervention_id]
        ).fetchone()
        return json.loads(row["document"]) if row else None

    def documents(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = self.conn.execute(
            f"SELECT id, document FROM interventions WHERE id IN ({marks})", ids
        ).fetchall()
        return {row["id"]: json.loads(row["document"]) for row in rows}

    def all_documents(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT document FROM interventions ORDER BY id").fetchall()
        return [json.loads(row["document"]) for row in rows]

    def ids(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT id FROM interventions ORDER BY id")]

    def search_index_rows(self) -> list[dict[str, Any]]:
        """Every intervention's columns, its stored document and its terms per facet: the
        input of the Meilisearch documents (search/documents.py)."""
        terms: dict[str, dict[str, list[str]]] = {}
        for row in self.conn.execute(
            "SELECT intervention_id, facet, term FROM intervention_terms "
            "ORDER BY intervention_id, facet, term"
        ):
            terms.setdefault(row[0], {}).setdefault(row[1], []).append(row[2])
        rows = []
        for row in self.conn.execute("SELECT * FROM interventions ORDER BY id"):
            item = dict(row)
            item["document"] = json.loads(item["document"])
            item["terms"] = terms.get(item["id"], {})
            rows.append(item)
        return rows

    def fts_vocabulary(self) -> list[str]:
        """Every distinct term of the full-text index (for typo tolerance on SQLite)."""
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.interventions_fts_vocab "
            "USING fts5vocab(main, interventions_fts, 'row')"
        )
        rows = self.conn.execute("SELECT term FROM temp.interventions_fts_vocab")
        return [row[0] for row in rows]

    def pair_count(self, left: str, right: str) -> int:
        """In how many entries the two terms stand side by side (search/text.py)."""
        return int(self.conn.execute(
            "SELECT count(*) FROM interventions_fts WHERE interventions_fts MATCH ?",
            [_term(f"{left} {right}")]).fetchone()[0])

    # --- search -------------------------------------------------------------------
    def search(self, query: InterventionQuery, evidence_order: list[str],
               text: SearchText | None = None, topic: str | None = None) -> SearchResult:
        """One page of a listing or search. ``topic``: the concern the text names (see
        effects.topic_concern); among hits, entries are then ordered by their verdict on
        it before BM25, as Meilisearch sorts them."""
        if text is None and query.text:
            text = search_text(query.text, {}, None)  # no synonyms, no typos
        match = fts_query(text) if text else None
        if query.text and match is None:
            # No search words (only stop words, or no letters at all): nothing matches,
            # as on Meilisearch.
            return SearchResult([], 0, {name: {} for name in query.facets}, "sqlite")
        filters = Filters(query, evidence_order, match)
        where, params = filters.sql()
        sort = query.effective_sort
        if sort == "relevance" and match:
            # Every hit matches every word (as Meilisearch with matchingStrategy "all"):
            # BM25 with name and aliases weighted up, then evidence.
            weights = ", ".join(str(w) for w in BM25_WEIGHTS)
            topical = f"{EFFECT_RANK} DESC, " if topic else ""
            sql = (
                "SELECT i.id FROM interventions i JOIN ("
                f"  SELECT id, bm25(interventions_fts, {weights}) AS score "
                "  FROM interventions_fts WHERE interventions_fts MATCH ?"
                ") m ON m.id = i.id "
                f"WHERE {where} ORDER BY {topical}m.score, i.evidence_rank DESC, "
                "i.name_sort, i.id LIMIT ? OFFSET ?"
            )
            params = [match, *params, *([topic] if topic else [])]
        else:
            order = {"name": "i.name_sort, i.id",
                     "effect": f"{EFFECT_RANK} DESC, i.evidence_rank DESC, i.name_sort, i.id",
                     }.get(sort, "i.evidence_rank DESC, i.name_sort, i.id")
            sql = (f"SELECT i.id FROM interventions i WHERE {where} "
                   f"ORDER BY {order} LIMIT ? OFFSET ?")
            if sort == "effect":
                params = [*params, query.concern]
        ids = [row[0] for row in self.conn.execute(sql, [*params, query.per_page, query.offset])]
        if ids and len(ids) < query.per_page:
            total = query.offset + len(ids)  # the last page: no need to count
        else:
            total = self.conn.execute(
                f"SELECT count(*) FROM interventions i WHERE {where}", filters.sql()[1]
            ).fetchone()[0]
        facets = {name: self.facet_counts(name, filters) for name in query.facets}
        highlights = self.highlights(ids, match, query.lang) if match else {}
        return SearchResult(ids, total, facets, "sqlite", highlights)

    def facet_counts(self, name: str, filters: Filters) -> dict[str, int]:
        """Counts that respect every other filter but not the facet's own (disjunctive)."""
        where, params = filters.sql(exclude=name)
        if name == "evidence_level":
            sql = (f"SELECT i.evidence_level AS key, count(*) AS n FROM interventions i "
                   f"WHERE {where} GROUP BY i.evidence_level")
        else:
            sql = ("SELECT t.term AS key, count(DISTINCT t.intervention_id) AS n "
                   "FROM intervention_terms t JOIN interventions i ON i.id = t.intervention_id "
                   f"WHERE t.facet = ? AND {where} GROUP BY t.term")
            params = [name, *params]
        rows = self.conn.execute(sql, params).fetchall()
        return {row["key"]: row["n"] for row in sorted(rows, key=lambda r: (-r["n"], r["key"]))}

    def highlights(self, ids: list[str], match: str, lang: str) -> dict[str, dict[str, str]]:
        """The name and the summary with the matched words marked; the summary in the
        language the item shows (English with lang=en where there is one), cropped
        around the first match as Meilisearch crops it. The full-text index holds both
        summaries in one column, Dutch first: the marked column is cut where the Dutch
        one ends."""
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = self.conn.execute(
            f"SELECT f.id, highlight(interventions_fts, 1, '{OPEN}', '{CLOSE}') AS name, "
            f"highlight(interventions_fts, 3, '{OPEN}', '{CLOSE}') AS summary, "
            "i.summary_nl, i.summary_en "
            "FROM interventions_fts f JOIN interventions i ON i.id = f.id "
            f"WHERE interventions_fts MATCH ? AND f.id IN ({marks})",
            [match, *ids],
        ).fetchall()
        found = {}
        for row in rows:
            dutch, english = split_marked(row["summary"], len(row["summary_nl"]))
            summary = english if lang == "en" and row["summary_en"] else dutch
            found[row["id"]] = {"name": as_html(row["name"]), "summary": as_html(crop(summary))}
        return found

    # --- matching (POST /v1/match) --------------------------------------------------
    def match_rows(self) -> list[sqlite3.Row]:
        """Every entry's columns that the hard constraints and the scores need, by id."""
        return self.conn.execute(
            "SELECT id, name, status, age_min, age_max, evidence_level, evidence_rank, "
            "training_hours, cost_amount_eur, cost_per, cost_period, cost_year, "
            "cost_on_request, available_nl "
            "FROM interventions ORDER BY id"
        ).fetchall()

    def terms_of(self, ids: list[str] | None = None,
                 facets: tuple[str, ...] | None = None) -> dict[str, dict[str, list[str]]]:
        """Vocabulary terms per entry and facet (sorted), for ``ids`` (None: every entry)."""
        where, params = "", []
        if ids is not None:
            where, params = "WHERE intervention_id IN (SELECT value FROM json_each(?)) ", [
                json.dumps(ids)]
        # In primary-key order (a covering index scan, no sort); facets are filtered here,
        # which is cheaper than a WHERE that makes SQLite sort. fetchall first: the
        # statement's time limit must not count the Python work.
        rows = self.conn.execute(
            "SELECT intervention_id, facet, term FROM intervention_terms "
            f"{where}ORDER BY intervention_id, facet, term", params).fetchall()
        wanted = set(facets) if facets else None
        terms: dict[str, dict[str, list[str]]] = {}
        for entry, facet, term in rows:
            if wanted is None or facet in wanted:
                terms.setdefault(entry, {}).setdefault(facet, []).append(term)
        return terms

    def findings_of(self, ids: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Outcome findings per entry, in catalogue order, for ``ids`` (None: every entry)."""
        where, params = "", []
        if ids is not None:
            where, params = "WHERE intervention_id IN (SELECT value FROM json_each(?)) ", [
                json.dumps(ids)]
        findings: dict[str, list[dict[str, Any]]] = {}
        # The study record (citation, year) comes along, to name the study to a reader.
        for row in self.conn.execute(
                "SELECT o.intervention_id, o.outcome, o.finding, o.study_key, o.effect, "
                "json_extract(i.document, '$.evidence.studies.\"' || o.study_key || '\"') "
                "FROM outcomes AS o JOIN interventions AS i ON i.id = o.intervention_id "
                f"{where.replace('intervention_id', 'o.intervention_id')}"
                "ORDER BY o.intervention_id, o.position", params).fetchall():
            study = json.loads(row[5]) if row[5] else {}
            findings.setdefault(row[0], []).append(
                {"outcome": row[1], "finding": row[2], "study": row[3], "effect": row[4],
                 "citation": study.get("citation"), "year": study_year(study)[0]})
        return findings

    def effects_of(self, ids: list[str] | None = None) -> dict[str, dict[str, dict[str, Any]]]:
        """The stored effect verdicts per entry and concern (effects.py), for ``ids``
        (None: every entry)."""
        where, params = "", []
        if ids is not None:
            where, params = "WHERE intervention_id IN (SELECT value FROM json_each(?)) ", [
                json.dumps(ids)]
        effects: dict[str, dict[str, dict[str, Any]]] = {}
        for row in self.conn.execute(
                "SELECT intervention_id, concern, verdict, studies, best_design "
                f"FROM intervention_effects {where}ORDER BY intervention_id, concern",
                params).fetchall():
            effects.setdefault(row[0], {})[row[1]] = {
                "verdict": row[2], "studies": row[3], "best_design": row[4]}
        return effects

    # --- evidence history (GET /v1/interventions/{id}/history) -----------------------
    def evidence_history(self, intervention_id: str) -> list[dict[str, Any]]:
        """The recorded changes of one entry's evidence level and ratings, in log order.

        A database loaded before migration 0003 has no history table: that is an empty
        history, not an error (the next load creates and fills it).
        """
        try:
            rows = self.conn.execute(
                "SELECT * FROM evidence_history WHERE intervention_id = ? ORDER BY id",
                [intervention_id],
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table: evidence_history" in str(exc):
                return []
            raise
        return [dict(row) for row in rows]
