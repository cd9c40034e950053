"""Every rule code the validator can report is documented, and every documented one exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from interventions_api.catalogue import rules
from interventions_api.catalogue.problems import Problem
from interventions_api.catalogue.rules import RULES
from interventions_api.schema import common
from interventions_api.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "validation-rules.md"
PACKAGE = PROJECT_ROOT / "interventions_api"
HEADING = re.compile(r"^### `([a-z0-9-]+)`\n\*(error|warning)\*", re.MULTILINE)

# Where a rule code is written in the source: the argument position of these callables.
RULE_ARGUMENT = {"Problem": 5, "YamlProblem": 2, "at": 2}


def documented() -> dict[str, str]:
    return dict(HEADING.findall(DOC.read_text(encoding="utf-8")))


def _constants(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)}


def codes_in_source() -> dict[str, set[str]]:
    """Rule codes written in the package: as the rule argument of Problem/YamlProblem,
    assigned to a variable or field named ``rule``, or in the error-type mapping."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "rules.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: set[str] = set()
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                index = RULE_ARGUMENT.get(str(name))
                if index is not None and len(node.args) > index:
                    values |= _constants(node.args[index])
                for keyword in node.keywords:
                    if keyword.arg == "rule":
                        values |= _constants(keyword.value)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {getattr(t, "id", None) for t in targets}
                if "rule" in names and node.value is not None:
                    values |= _constants(node.value)
                if "RULE_BY_ERROR_TYPE" in names and isinstance(node.value, ast.Dict):
                    values |= {v.value for v in node.value.values
                               if isinstance(v, ast.Constant)}
            for value in values:
                found.setdefault(value, set()).add(str(path.relative_to(PROJECT_ROOT)))
    return found


def test_every_rule_is_documented_with_its_severity() -> None:
    docs = documented()
    assert set(docs) == set(RULES), (
        f"undocumented: {sorted(set(RULES) - set(docs))}; "
        f"documented but unknown: {sorted(set(docs) - set(RULES))}")
    wrong = {code: (docs[code], rule.severity) for code, rule in RULES.items()
             if docs[code] != rule.severity}
    assert not wrong, f"severity in the doc differs from rules.py: {wrong}"


def test_every_code_used_in_the_source_is_a_known_rule() -> None:
    used = codes_in_source()
    unknown = {code: files for code, files in used.items() if code not in RULES}
    assert not unknown, f"rule codes used in the code but not in rules.py / the doc: {unknown}"


def test_every_known_rule_is_used_somewhere() -> None:
    unused = set(RULES) - set(codes_in_source())
    assert not unused, f"rules.py lists codes that nothing reports: {sorted(unused)}"


def test_a_problem_refuses_an_unknown_code() -> None:
    with pytest.raises(ValueError, match="unknown rule code"):
        Problem("f.yaml", 1, 1, "", "message", "no-such-rule")


def test_severity_comes_from_the_rule_unless_given() -> None:
    assert Problem("f", 1, 1, "", "m", "review-overdue").severity == "warning"
    assert Problem("f", 1, 1, "", "m", "vocabulary").severity == "error"


def test_github_format_escapes_and_locates() -> None:
    problem = Problem("catalogue/interventions/a,b.yaml", 7, 3, "themes[1]",
                      "100% wrong:\nsecond line", "vocabulary")
    assert problem.format_github() == (
        "::error file=catalogue/interventions/a%2Cb.yaml,line=7,col=3,title=vocabulary::"
        "themes[1]: 100%25 wrong:%0Asecond line [vocabulary]")
    warning = Problem("f.yaml", 1, 1, "", "old", "review-overdue")
    assert warning.format_github().startswith("::warning file=f.yaml,line=1,col=1,")


def test_the_doc_file_exists_where_the_cli_help_says() -> None:
    assert Path(DOC).is_file()


def test_the_limits_in_the_doc_are_those_of_the_code() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for limit in (rules.MAX_FILE_BYTES, rules.MAX_DEPTH, rules.MAX_ENTRIES, common.NAME_MAX,
                  common.KEY_MAX, common.URL_MAX, common.NOTE_MAX, common.TEXT_MAX,
                  common.ALIASES_MAX, common.KEYS_MAX, common.ITEMS_MAX):
        assert f"{limit:,}" in doc, f"docs/validation-rules.md does not mention {limit:,}"
