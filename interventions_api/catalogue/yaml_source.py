"""Strict, safe YAML reading that remembers where every value came from.

PyYAML resolves scalars with YAML 1.1 rules (``no`` becomes False, ``2022-12-15`` a date,
``010`` an octal number). Editors should not have to know that, so we compose the node
tree ourselves and resolve plain scalars with a small YAML 1.2 core subset: ``true`` /
``false``, ``null`` / ``~``, decimal integers and floats. Everything else stays a string
and the schema decides what it means. Every node's position is kept, keyed by its path,
so a schema error can name the file, line and column.

A catalogue file must not be able to stall or crash the tools or the service that read
it, so reading has limits too: only regular files inside the catalogue folder are
opened (a FIFO would block the reader forever), a file is at most ``MAX_FILE_BYTES``, and
maps and lists nest at most ``MAX_DEPTH`` deep (checked on the parser's flat event
stream before the tree is built: building and converting the tree recurse, and deep
nesting would end in a ``RecursionError``).
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import yaml

from .rules import MAX_DEPTH, MAX_FILE_BYTES

Path_ = tuple[str | int, ...]
T = TypeVar("T")

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")


class Position(NamedTuple):
    """Where a key or value is written; compares with a plain ``(line, column)`` tuple."""

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

    def position_of(self, path: Path_) -> Position:
        """Where the value at ``path`` is; for a missing key, where its parent starts."""
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), Position(1, 1))

    def key_position_of(self, path: Path_) -> Position:
        """Where the key of ``path`` is written (for unknown-field errors)."""
        return self.key_positions.get(tuple(path)) or self.position_of(path)


def _mark(node: yaml.Node | yaml.Event) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


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

    def __init__(self, marks: list[Position]) -> None:
        self.seen: set[int] = set()
        self.marks = sorted(marks)

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


def _scan(text: str) -> list[Position]:
    """Where the aliases are; raises ``YamlProblem`` where maps and lists nest deeper than
    ``MAX_DEPTH``. Reads the parser's events one at a time, so it stops at the first
    level too deep. libyaml refuses deep nesting with a message of its own while it reads
    ahead, so its refusal is read again in pure Python; a syntax error ends the scan (the
    composer reports it)."""
    for loader in dict.fromkeys((LOADER, yaml.SafeLoader)):
        marks: list[Position] = []
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise YamlProblem(f"maps and lists nest more than {MAX_DEPTH} levels "
                                          "deep here; an entry needs at most a few",
                                          _mark(event), "yaml-too-deep")
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
                elif isinstance(event, yaml.AliasEvent):
                    marks.append(_mark(event))
        except yaml.YAMLError:
            continue
        return marks
    return []


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


# libyaml (PyYAML's C extension) where it is installed, pure Python otherwise: both
# build the same nodes with the same marks.
LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(read: Callable[..., Iterable[T]], text: str) -> list[T]:
    """``read`` (``yaml.compose_all`` or ``yaml.parse``) with ``LOADER``. libyaml words its
    errors differently, so a text it refuses is read again in pure Python: editors see
    the messages this module's hints recognise, with or without libyaml."""
    if LOADER is not yaml.SafeLoader:
        try:
            return list(read(text, Loader=LOADER))
        except yaml.YAMLError:
            pass
    return list(read(text, Loader=yaml.SafeLoader))


def parse_yaml(text: str) -> SourceDocument:
    """Parse one YAML document safely. Raises ``YamlProblem`` on a syntax error."""
    alias_marks = _scan(text)
    try:
        nodes = _read(yaml.compose_all, text)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from exc
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(f"the file holds the control character U+{exc.character:04X}, "
                          "which YAML does not allow; remove it",
                          _position_of_index(text, exc.position),
                          "control-character") from exc
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors in practice
        raise YamlProblem(f"YAML error: {exc}", Position(1, 1)) from exc
    if len(nodes) > 1:
        raise YamlProblem("a file holds exactly one YAML document; remove this '---' and "
                          "what follows, or move it to its own file",
                          _separator_before(text, nodes[1]), "yaml-multiple-documents")
    doc = SourceDocument(data=None)
    if nodes and nodes[0] is not None:
        doc.data = _convert(nodes[0], (), doc, _Aliases(alias_marks))
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


def _position_of_index(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


_NOT_REGULAR = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                (stat.S_ISSOCK, "a socket"))


def _refuse_unless_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
        raise YamlProblem(f"this is {kind}, not a file; only regular files are read",
                          Position(1, 1), "file-type")


def read_text(path: Path, root: Path) -> str:
    """The text of a catalogue file, read safely. Raises ``YamlProblem`` (at the place
    where a line and column exist) for a link that leads out of the catalogue folder
    ``root``, something other than a regular file, a file over ``MAX_FILE_BYTES``, and
    bytes that are not UTF-8; ``OSError`` when it cannot be read at all."""
    target = path.resolve()
    if not target.is_relative_to(Path(root).resolve()):
        raise YamlProblem(f"a link to {target}, outside the catalogue folder; a "
                          "catalogue file must be in the catalogue itself",
                          Position(1, 1), "file-link")
    _refuse_unless_regular(path.stat().st_mode)  # before opening: a FIFO would wait
    # O_NONBLOCK: should the file be swapped for a FIFO in between, opening it still
    # returns at once, and fstat refuses it.
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
        _refuse_unless_regular(os.fstat(file.fileno()).st_mode)
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(f"the file is larger than {MAX_FILE_BYTES:,} bytes; an entry "
                          "needs a few kB", Position(1, 1), "file-too-large")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[:exc.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(f"byte 0x{data[exc.start]:02X} is not UTF-8 text ({exc.reason}); "
                          "save the file as UTF-8", Position(before.count(b"\n") + 1, column),
                          "encoding") from exc


def read_yaml(path: Path, root: Path | None = None) -> SourceDocument:
    """Read and parse ``path`` (a catalogue file when ``root`` is its catalogue folder)."""
    return parse_yaml(read_text(path, root or path.parent))
