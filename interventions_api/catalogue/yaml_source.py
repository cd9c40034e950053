"""Strict, safe YAML reading that remembers where every value came from.

PyYAML resolves scalars with YAML 1.1 rules (``no`` becomes False, ``2022-12-15`` a date,
``010`` an octal number). Editors should not have to know that, so we compose the node
tree ourselves and resolve plain scalars with a small YAML 1.2 core subset: ``true`` /
``false``, ``null`` / ``~``, decimal integers and floats. Everything else stays a string
and the schema decides what it means. Every node's position is kept, keyed by its path,
so a schema error can name the file, line and column.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import orjson
import yaml
import yaml_rs

Path_ = tuple[str | int, ...]
T = TypeVar("T")

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_NUMBER_START = frozenset("+-.0123456789")  # how every _INT and _FLOAT match starts


class Position(NamedTuple):
    """Where a key or value is written. A named tuple, not a dataclass: one is made for
    every node of every file, and a tuple is several times cheaper to create."""

    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlProblem(Exception):
    """A file that cannot be read as YAML at all, or breaks one of our reading rules."""

    message: str
    position: Position
    rule: str = "yaml-syntax"


@dataclass
class SourceDocument:
    """A parsed YAML document and the position of every key and value in it."""

    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    # Set by ``parse_source``'s fast path instead of the positions: the text, composed
    # again with positions the first time one is asked for. Only a file with something
    # to report ever needs them, so a valid catalogue never pays for them.
    source_text: str | None = field(default=None, compare=False, repr=False)

    def locate(self) -> SourceDocument:
        """Fill in the positions if they were left for later; returns the document."""
        if self.source_text is not None:
            full = parse_yaml(self.source_text)
            self.positions, self.key_positions = full.positions, full.key_positions
            self.source_text = None
        return self

    def position_of(self, path: Path_) -> Position:
        """Where the value at ``path`` is; for a missing key, where its parent starts."""
        self.locate()
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), Position(1, 1))

    def key_position_of(self, path: Path_) -> Position:
        """Where the key of ``path`` is written (for unknown-field errors)."""
        self.locate()
        return self.key_positions.get(tuple(path)) or self.position_of(path)


def _mark(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    if node.style:  # quoted or block scalar: always a string (plain: None, or "" in libyaml)
        return value
    if value in ("", "~", "null"):
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if value[0] not in _NUMBER_START:  # most plain scalars are words: skip the patterns
        return value
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


class _Aliases:
    """Finds aliases (``*name``) while the tree is converted. The composer hands back the
    anchored node itself for an alias, so a node met a second time is one. Where the
    alias is written comes from the parser's events: the first alias after the place the
    conversion has reached. Refused, not expanded: nine lines of nested aliases expand to
    hundreds of millions of values."""

    def __init__(self, text: str) -> None:
        self.seen: set[int] = set()
        self.marks: list[Position] = []
        if "*" in text:
            self.marks = sorted(_alias_marks(text))

    def met_again(self, node: yaml.Node) -> bool:
        if id(node) in self.seen:
            return True
        self.seen.add(id(node))
        return False

    def problem(self, node: yaml.Node, after: Position) -> tuple[YamlProblem, Position]:
        """The problem of an alias written after ``after``, and where it is written."""
        index = bisect.bisect_right(self.marks, after)
        where = self.marks[index] if index < len(self.marks) else after
        return YamlProblem(f"an alias (*name) repeats the value anchored at line "
                           f"{_mark(node).line}; aliases are not allowed, write the values "
                           "out", where, "yaml-alias"), where


def _alias_marks(text: str) -> list[Position]:
    return [Position(mark.line + 1, mark.column + 1)
            for event in _read_with(yaml.parse, text, FAST_LOADER)
            if isinstance(event, yaml.AliasEvent) and (mark := event.start_mark)]


def _end(node: yaml.Node) -> Position:
    return Position(node.end_mark.line + 1, node.end_mark.column + 1)


def _convert(node: yaml.Node, path: Path_, doc: SourceDocument, aliases: _Aliases) -> Any:
    doc.positions[path] = _mark(node)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    # How far the conversion has read in this collection: the next alias comes after it.
    cursor = _mark(node)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            if aliases.met_again(item):
                problem, cursor = aliases.problem(item, cursor)
                doc.problems.append(problem)
                continue
            items.append(_convert(item, (*path, i), doc, aliases))
            cursor = _end(item)
        return items
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if aliases.met_again(key_node):
                problem, cursor = aliases.problem(key_node, cursor)
                doc.problems.append(problem)
                continue
            cursor = _end(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                doc.problems.append(
                    YamlProblem("a key must be a plain word, not a list or a map",
                                _mark(key_node), "yaml-complex-key")
                )
                continue
            key = str(key_node.value)
            if key == "<<":
                doc.problems.append(
                    YamlProblem("merge keys (<<) are not allowed; write the values out",
                                _mark(key_node), "yaml-merge-key")
                )
                continue
            if key in result:
                first = doc.key_positions[(*path, key)]
                doc.problems.append(
                    YamlProblem(f"key '{key}' appears twice in the same map (first at line "
                                f"{first.line}); the second one would silently win",
                                _mark(key_node), "duplicate-key")
                )
                continue
            if aliases.met_again(value_node):
                problem, cursor = aliases.problem(value_node, cursor)
                doc.problems.append(problem)
                continue
            doc.key_positions[(*path, key)] = _mark(key_node)
            result[key] = _convert(value_node, (*path, key), doc, aliases)
            cursor = _end(value_node)
        return result
    raise YamlProblem(f"unsupported YAML node {type(node).__name__}", _mark(node))


# libyaml (C) composes the node tree about ten times faster than pure Python, which
# dominates loading a large catalogue. Its errors are worded differently, so a file it
# rejects is composed again in pure Python: editors see the messages they know.
FAST_LOADER: type | None = getattr(yaml, "CSafeLoader", None)


def _read_with(read: Callable[..., Iterable[T]], text: str, loader: type | None) -> list[T]:
    """``read`` (compose_all, parse) with ``loader``, or in pure Python where it fails."""
    if loader is not None:
        try:
            return list(read(text, Loader=loader))
        except yaml.YAMLError:
            pass
    return list(read(text, Loader=yaml.SafeLoader))


def parse_yaml(text: str, *, loader: type | None = FAST_LOADER) -> SourceDocument:
    """Parse one YAML document safely. Raises ``YamlProblem`` on a syntax error.

    ``loader=None`` composes in pure Python only (tests compare the two)."""
    try:
        nodes = _read_with(yaml.compose_all, text, loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from exc
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors in practice
        raise YamlProblem(f"YAML error: {exc}", Position(1, 1)) from exc
    if len(nodes) > 1:
        raise YamlProblem("a file holds exactly one YAML document; remove this '---' and "
                          "what follows, or move it to its own file",
                          _separator_before(text, nodes[1]), "yaml-multiple-documents")
    doc = SourceDocument(data=None)
    if nodes and nodes[0] is not None:
        doc.data = _convert(nodes[0], (), doc, _Aliases(text))
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """A syntax error at the place an editor has to fix, in words they can act on."""
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    mark = problem_mark or context_mark
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines):
        line = lines[mark.line]
        indentation = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indentation or (exc.problem or "").startswith("found character '\\t'"):
            return YamlProblem("a tab is used for indentation; YAML needs spaces "
                               "(set your editor to insert spaces for Tab)",
                               Position(mark.line + 1, indentation.find("\t") + 1 or 1),
                               "yaml-tab")
    if problem_mark is not None:
        opened = _unclosed_quote_line(lines, problem_mark.line)
        if opened is not None and opened < problem_mark.line:
            # A quote left open swallows the following lines; the parser only notices
            # further down. The fix is where the quote opens.
            return YamlProblem(
                "YAML syntax error: this line opens a quote (\") that it does not close, so "
                f"the following lines are read as part of the text (the parser stopped at "
                f"line {problem_mark.line + 1}); add the closing quote",
                Position(opened + 1, lines[opened].index('"') + 1))
    reason = exc.problem or exc.context or "invalid YAML"
    if (problem_mark is not None and context_mark is not None and exc.context
            and exc.context.startswith("while parsing a flow")
            and problem_mark.line > context_mark.line):
        # "[a, b" never closed: the parser complains on a later line; the fix is here.
        opener, closer = ("[", "]") if "sequence" in exc.context else ("{", "}")
        return YamlProblem(
            f"YAML syntax error: this '{opener}' is not closed with '{closer}' (the parser "
            f"stopped at line {problem_mark.line + 1}: {exc.problem})",
            Position(context_mark.line + 1, context_mark.column + 1))
    if problem_mark is not None and context_mark is not None and exc.context:
        if "end of stream" in (exc.problem or ""):
            # The file ended inside something opened earlier: point at the opening.
            mark = context_mark
            reason = ("a quoted text starts here but its closing quote is missing"
                      if "quoted scalar" in exc.context
                      else f"{exc.context} that is never closed")
        else:
            reason += f" ({exc.context} that starts at line {context_mark.line + 1})"
    for phrase, hint in _SYNTAX_HINTS.items():
        if phrase in reason:
            reason += f"; {hint}"
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    return YamlProblem(f"YAML syntax error: {reason}", position)


def _unclosed_quote_line(lines: list[str], last: int) -> int | None:
    """The first line up to ``last`` whose value opens a double quote and does not close it."""
    for index, line in enumerate(lines[: last + 1]):
        match = _QUOTED_VALUE.match(line)
        if match and not re.search(r'(?<!\\)"', match.group(1)):
            return index
    return None


# A line whose value starts with a double quote: `key: "…`, `- "…` or `- key: "…`.
_QUOTED_VALUE = re.compile(r'^\s*(?:-\s+)?(?:[^\s:#\'"][^:#]*:\s+)?"(.*)$')


_SYNTAX_HINTS = {
    "mapping values are not allowed here": "is there a ': ' inside a text that is not in "
                                           "quotes, or a line indented too far?",
    "expected <block end>": "the indentation of this line does not match the lines above",
    "could not find expected ':'": "a key needs a ':' after it; or put a text in quotes",
}


def _separator_before(text: str, node: yaml.Node) -> Position:
    """The '---' line that starts the document holding ``node``."""
    lines = text.splitlines()
    for index in range(min(node.start_mark.line, len(lines) - 1), -1, -1):
        if lines[index].startswith("---"):
            return Position(index + 1, 1)
    return _mark(node)


def read_yaml(path: Path) -> SourceDocument:
    return parse_yaml(path.read_text(encoding="utf-8"))


# --- the fast path --------------------------------------------------------------------
# Loading a large catalogue is dominated by reading YAML. The reader above records a
# position for every node (a tuple and two dict entries each) and libyaml's composer
# asks PyYAML's Python resolver for a tag per node. The fast path composes without tags
# and builds the values only; anything it would have to report sends the file through
# ``parse_yaml``, so every message and position is the positional reader's own.

class _NeedsFullRead(Exception):
    """Something ``_convert`` reports (or rejects): read the file the positional way."""


class _UntaggedLoader(FAST_LOADER or yaml.SafeLoader):  # type: ignore[misc]
    """libyaml composition without tag resolution: ``_scalar`` decides a value's type from
    its style and text, never from its tag, so resolving tags is wasted work."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _values(node: yaml.Node, seen: set[int]) -> Any:
    """``_convert`` without positions; raises ``_NeedsFullRead`` where it would report."""
    if id(node) in seen:
        raise _NeedsFullRead  # an alias
    seen.add(id(node))
    kind = type(node)
    if kind is yaml.ScalarNode:
        return _scalar(node)  # type: ignore[arg-type]
    if kind is yaml.SequenceNode:
        return [_values(item, seen) for item in node.value]
    if kind is not yaml.MappingNode:
        raise _NeedsFullRead
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode:
            raise _NeedsFullRead
        key = str(key_node.value)
        if key == "<<" or key in result:
            raise _NeedsFullRead
        result[key] = _values(value_node, seen)
    return result


def parse_source(text: str) -> SourceDocument:
    """What ``parse_yaml`` returns (the same data, problems, errors and, when asked for,
    positions), faster for a file without problems."""
    native = _native_values(text)
    if native is not None:
        return SourceDocument(data=native, source_text=text)
    if FAST_LOADER is None:
        return parse_yaml(text)
    try:
        nodes = list(yaml.compose_all(text, Loader=_UntaggedLoader))
        if len(nodes) != 1 or nodes[0] is None:
            raise _NeedsFullRead  # empty or several documents: rare, and reported as now
        return SourceDocument(data=_values(nodes[0], set()), source_text=text)
    except (yaml.YAMLError, _NeedsFullRead, RecursionError):
        return parse_yaml(text)


# --- the native path ------------------------------------------------------------------
# yaml-rs (Rust) turns an entry file into values several times faster than libyaml's
# composer plus ``_values``. It follows YAML 1.2's core schema and is laxer than libyaml,
# so on some texts it disagrees with the reading above: plain 010, 0x1F, 1_000, _1, 1e3,
# .inf, True or Null become numbers, booleans or null; control characters, anchors with
# any name, plain values that start with an indicator in a flow collection and implicit
# keys spread over lines are accepted; an empty block scalar can keep a newline. A file is
# read natively only when its text cannot hold any of these; the patterns below find
# them (and some harmless look-alikes, which only cost speed). Whatever yaml-rs refuses,
# or returns in another shape than a map with text keys, takes the PyYAML path, whose
# messages editors know. tests/catalogue/test_native_yaml.py compares both readers.

# A node's start: a line start, after a key's ':', in a flow collection, after '?', and
# after any '- ' indicators. What follows is what the two readers resolve differently.
_NATIVE_SCALAR_RISK = re.compile(
    r"[\n:\[,{?][ \t]*(?:-[ \t]+)*"
    r"(?=[!:?@`&*|>+\-._0-9TFN])"  # no attempt at all for the usual first characters
    r"(?:[!:?@`]"  # a tag, an indicator or a reserved character
    r"|[&*]\S"  # an anchor or an alias
    r"|[|>](?!-\n)"  # a block scalar other than the strip-chomped '>-' and '|-'
    r"|[-+]?(?:[._0-9]*_|0[0-9xXoObBeE]|\.(?:inf|Inf|INF|nan|NaN|NAN)|[1-9][0-9_]*[eE_])"
    r"|(?:True|TRUE|False|FALSE|Null|NULL)\b)"
)
# A flow collection left open at the end of a line, or nested three deep on one line
# (where the first pattern cannot tell whether it is closed).
_NATIVE_FLOW_RISK = re.compile(
    r"[\[{](?:[^\[\]{}\n]|[\[{][^\[\]{}\n]*[\]}])*\n|[\[{][^\]}\n]*[\[{][^\]}\n]*[\[{]"
)
# Characters libyaml refuses or reads as line breaks, tabs (libyaml's rules for them are
# its own) and a byte-order mark (which libyaml drops and yaml-rs keeps in the first key).
_NATIVE_CHARACTER_RISK = re.compile(
    "[\t\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u2028\u2029]"
)


def _native_may_differ(text: str) -> bool:
    framed = f"\n{text}\n"  # the first line starts a node too; the last one ends
    return ("<<" in framed  # a merge key, which yaml-rs keeps as a key
            or _NATIVE_SCALAR_RISK.search(framed) is not None
            or _NATIVE_FLOW_RISK.search(framed) is not None
            or _NATIVE_CHARACTER_RISK.search(framed) is not None)


def _native_values(text: str) -> dict[str, Any] | None:
    """The file's values as the reading above gives them, or None: read it that way."""
    if _native_may_differ(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # whatever it refuses (a syntax error, a duplicate key, deep nesting)
        return None
    if type(data) is not dict:
        return None
    try:
        orjson.dumps(data)  # refuses a key that is not text: 1, true, ~ or a complex key
    except TypeError:
        return None
    return data


def text_of(raw: bytes) -> str:
    """A file's text as ``Path.read_text(encoding="utf-8")`` gives it (universal newlines)."""
    text = raw.decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_source(path: Path) -> SourceDocument:
    return parse_source(path.read_text(encoding="utf-8"))
