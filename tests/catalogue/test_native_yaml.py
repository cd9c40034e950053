"""The native reading path (yaml-rs, in ``parse_source``) gives exactly the values the
positional reader (``parse_yaml``) gives, or steps aside.

Values are compared strictly: ``1``, ``1.0`` and ``True`` are equal in Python, and a
reader that turns ``010`` into ``10`` must not pass for one that keeps the text."""

from __future__ import annotations

import itertools
import math
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic import generate
from interventions_api.catalogue import yaml_source
from interventions_api.catalogue.yaml_source import (
    SourceDocument,
    YamlProblem,
    parse_source,
    parse_yaml,
)

from ..conftest import REAL_CATALOGUE

# `make fuzz-yaml` runs the long version: values of up to three characters (1.1 million
# texts) and 240,000 edited files, about a minute.
LONG = os.environ.get("NATIVE_YAML_FUZZ") == "long"
VALUE_LENGTHS = (1, 2, 3) if LONG else (1, 2)
EDITED_FILES = 240_000 if LONG else 3_000


def same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def outcome(read: Callable[[str], SourceDocument], text: str) -> Any:
    """What a reader makes of a text: its values, or the rules of what it reports."""
    try:
        doc = read(text).locate()
    except YamlProblem as problem:
        return ("problem", problem.rule)
    if doc.problems:
        return ("problems", [problem.rule for problem in doc.problems])
    return doc.data


def positional(text: str) -> Any:
    return outcome(parse_yaml, text)


def through_parse_source(text: str) -> Any:
    """What the path the catalogue reader takes (``parse_source``) makes of a text."""
    return outcome(parse_source, text)


def check(text: str) -> bool:
    """Asserts that a text the native path takes reads the same; True if it took it."""
    native = yaml_source._native_values(text)
    if native is None:
        return False
    expected = positional(text)
    assert same(native, expected), f"{text!r}: native {native!r}, positional {expected!r}"
    return True


ENTRY_FILES = sorted((REAL_CATALOGUE / "interventions").glob("*.yaml"))


def test_the_real_catalogue_is_read_natively_and_the_same() -> None:
    taken = [path.name for path in ENTRY_FILES if check(path.read_text(encoding="utf-8"))]
    for path in sorted(REAL_CATALOGUE.glob("*.yaml")):
        check(path.read_text(encoding="utf-8"))
    # The path is only worth having if ordinary files take it.
    assert len(taken) >= 0.9 * len(ENTRY_FILES), sorted(
        {path.name for path in ENTRY_FILES} - set(taken))


def test_synthetic_entries_are_read_natively_and_the_same(tmp_path: Path) -> None:
    root = generate(tmp_path / "catalogue", 200, seed=3)
    files = sorted((root / "interventions").glob("*.yaml"))
    taken = sum(check(path.read_text(encoding="utf-8")) for path in files)
    assert taken >= 0.9 * len(files)


# Every text the two readers were seen to read differently; the native path must leave
# each to the positional reader. The second check keeps the list honest: each case still
# differs in yaml-rs itself, so it proves something about the guard.
DIVERGING = {
    "leading zero": "k: 010\n", "octal": "k: 0o17\n", "hex": "k: [0x1F]\n",
    "binary": "k: 0b11\n", "underscore": "k: 1_000\n", "leading underscore": "k: _1\n",
    "signed underscore": "k: -_0\n", "trailing underscore": "k: 1._\n",
    "exponent without a dot": "k: 1e3\n", "zero exponent": "k: 0e1\n",
    "infinity": "k: .inf\n", "not a number": "k:\n- .NaN\n",
    "capital true": "k: True\n", "capital false": "k: {a: FALSE}\n", "capital null": "k: Null\n",
    "number key": "1: a\n", "boolean key": "true: a\n", "null key": "~: a\n",
    "empty key": ": a\n", "complex key": "? [a]\n: 1\n",
    "tag": "k: !!str 5\n", "tag on quoted": "k: !!int '5'\n",
    "anchor name": "k: [&~]\n", "merge key": "y:\n  <<: {b: 1}\n",
    "colon in flow": "k: [:0]\n", "question mark in flow": "k: {?}\n",
    "pipe in flow": "k: {max: |13}\n", "folded in flow": "k: [>a, b]\n",
    "kept empty block": "k: >+\n", "block with trailing space": "k: | \n",
    "empty folded at the end": "k:   >\n",
    "key over two lines in flow": "age: {m\nin: 10}\n",
    "control character": "k: a\x01b\n", "next line": "k: 'a\x85b'\n",
    "line separator": "k: a\u2028b\n", "byte order mark": "\ufeffa: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
}


@pytest.mark.parametrize("name", sorted(DIVERGING))
def test_texts_read_differently_are_left_to_the_positional_reader(name: str) -> None:
    text = DIVERGING[name]
    assert yaml_source._native_values(text) is None
    assert same(through_parse_source(text), positional(text))
    try:
        native: Any = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # a refusal differs from any reading
        native = ("refused",)
    assert not same(native, positional(text)), "yaml-rs reads this the same now"


# Every plain value of up to two (three) characters from an alphabet of the characters that
# decide how a value resolves, in the places a value can stand.
ALPHABET = "019.eE+-_xobinfaINFTrulsN~:#'\" |>?%@`!&*,[]{}"
PLACES = ["k: {}\n", "k:\n  {}\n", "- {}\n", "k: [{}]\n", "k: [a, {}]\n", "k: {{a: {}}}\n",
          "k: &x {}\n", "{}: v\n", "k:\n- {}\n", "k: {{{}: v}}\n", "k: [{}, b]\n", "--- {}\n"]


def test_short_values_in_every_place_read_the_same() -> None:
    taken = 0
    for length in VALUE_LENGTHS:
        for characters in itertools.product(ALPHABET, repeat=length):
            for place in PLACES:
                taken += check(place.format("".join(characters)))
    assert taken > 5_000  # the native path is exercised, not only declined


def test_numbers_read_the_same() -> None:
    rng = random.Random(5)
    values = ["123456789012345678901234567890", "9223372036854775808", "1.0e999", "-0.0",
              "+.5", "-.5e-3", ".5E+2", "5.e3", "+0.", "-0", "4.9e-324", "1." + "0" * 400]
    for _ in range(3_000):
        sign = rng.choice(["", "-", "+"])
        values += [str(rng.randint(-10 ** rng.randint(1, 30), 10 ** rng.randint(1, 30))),
                   repr(rng.uniform(-1e6, 1e6)),
                   f"{sign}{rng.randint(0, 999)}.{rng.randint(0, 10 ** rng.randint(0, 20))}",
                   f"{sign}{rng.randint(1, 99)}.{rng.randint(0, 99)}e{rng.randint(-400, 400)}"]
    taken = sum(check(f"k: {value}\nl: [{value}, x]\n") for value in values)
    assert taken > len(values) // 2


def mutate(text: str, rng: random.Random) -> str:
    """One to three edits of the kind a hurried editor makes."""
    pieces = [" ", ":", "-", "[", "]", "{", "}", ",", "#", "'", '"', "|", ">", "&", "*", "!",
              "?", "\n", "0", ".", "e", "_", "~", ": ", "- ", "\n  ", "\n- ", "\t", "\\"]
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        line = rng.randrange(len(lines))
        edit = rng.randrange(6)
        if edit == 0 and text:
            at = rng.randrange(len(text))
            text = text[:at] + text[at + 1:]
        elif edit == 1:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(pieces) + text[at:]
        elif edit == 2:
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif edit == 3:
            lines[line] = (" " * rng.choice([1, 2, 4]) + lines[line] if rng.random() < 0.5
                           else lines[line][rng.choice([1, 2]):])
            text = "\n".join(lines)
        elif edit == 4 and line + 1 < len(lines):
            lines[line:line + 2] = [lines[line] + " " + lines[line + 1].strip()]
            text = "\n".join(lines)
        else:
            other = rng.randrange(len(lines))
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
    return text


def test_edited_entry_files_read_the_same() -> None:
    """Broken and half-broken versions of the real entries: where yaml-rs takes one, it
    reads what the positional reader reads, and never a file that reader reports."""
    rng = random.Random(8)
    texts = [path.read_text(encoding="utf-8") for path in ENTRY_FILES]
    taken = sum(check(mutate(rng.choice(texts), rng)) for _ in range(EDITED_FILES))
    assert taken > EDITED_FILES // 10


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(st.text(min_size=1, max_size=8), values, min_size=1, max_size=5),
       flow=st.sampled_from([False, True, None]), width=st.sampled_from([20, 80, 1000]),
       style=st.sampled_from([None, "'", '"', "|", ">"]))
def test_emitted_documents_read_the_same(data: dict[str, Any], flow: bool | None, width: int,
                                         style: str | None) -> None:
    check(yaml.safe_dump(data, default_flow_style=flow, width=width, default_style=style,
                         allow_unicode=True, sort_keys=False))
