"""Fuzz the API with schemathesis against its /openapi.json: at least 2,000 generated
requests (valid and deliberately invalid), with every check schemathesis has (``--checks
all``): 0 server errors, 0 responses that differ from the document (status code, content
type, body schema), every schema-valid request accepted and every invalid one rejected.

Without ``--url`` it loads the real catalogue into a temporary SQLite file, indexes it
in a real Meilisearch (``--sqlite``: skip that), and serves it
(``interventions load [--index]``, ``interventions serve``).

    python -m bench.fuzz                               # make fuzz
    python -m bench.fuzz --max-examples 400 --seed 1
    python -m bench.fuzz --url http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from interventions_api.settings import PROJECT_ROOT

from .harness import ApiServer, MeiliServer, api_env, load_catalogue, meili_binary

CHECKS = "all"
CONFIG = Path(__file__).with_name("schemathesis.toml")  # which statuses count as a rejection
MIN_REQUESTS = 2000
LINE_MAX = 2000  # characters of one report line


@contextmanager
def own_api(workdir: Path, with_meili: bool) -> Iterator[str]:
    db_path = workdir / "interventions.db"
    with ExitStack() as stack:
        env = api_env(db_path)
        if with_meili:
            meili = MeiliServer(meili_binary(), workdir / "meilisearch")
            meili.start()
            stack.callback(meili.stop)
            env = api_env(db_path, meili_url=meili.url, meili_key=meili.master_key,
                          meili_index="interventions")
        load_catalogue(PROJECT_ROOT / "catalogue", env, index=with_meili)
        api = stack.enter_context(ApiServer(env, workdir / "api.log"))
        yield api.url


def generated(output: str) -> int:
    """The number of test cases (= requests) schemathesis reports."""
    match = re.search(r"Test cases:\s*\n\s*(\d+) generated", output)
    return int(match.group(1)) if match else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="schemathesis run against the API.")
    parser.add_argument("--url", help="an API that is already running")
    parser.add_argument("--max-examples", type=int, default=250,
                        help="test cases per operation and phase")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--sqlite", action="store_true", help="serve without Meilisearch")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="interventions-fuzz-"))
    try:
        with ExitStack() as stack:
            url = args.url or stack.enter_context(own_api(workdir, not args.sqlite))
            command = [str(Path(sys.executable).parent / "st"), "--config-file",
                       str(CONFIG), "run",
                       f"{url}/openapi.json", "--checks", CHECKS,
                       "--max-examples", str(args.max_examples), "--seed", str(args.seed),
                       "--phases", "examples,coverage,fuzzing", "--mode", "all",
                       "--workers", "2", "--no-color", "--suppress-health-check", "all"]
            print(" ".join(command), file=sys.stderr, flush=True)
            # Rules between fields that JSON Schema cannot state (bench/fuzz_hooks.py).
            env = {**os.environ, "SCHEMATHESIS_HOOKS": "bench.fuzz_hooks"}
            done = subprocess.run(command, capture_output=True, text=True, check=False,
                                  env=env, cwd=PROJECT_ROOT)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    # A failure's curl line holds the whole generated body (it can be 80 kB): shorten
    # long lines rather than cut the report, so every failure keeps its explanation.
    print("\n".join(line if len(line) <= LINE_MAX else line[:LINE_MAX] + " …"
                    for line in done.stdout.splitlines()))
    if done.stderr.strip():
        print(done.stderr[-5_000:], file=sys.stderr)
    count = generated(done.stdout)
    print(f"{count} generated requests (at least {MIN_REQUESTS} wanted); "
          f"schemathesis exit code {done.returncode}")
    if count < MIN_REQUESTS:
        print("too few requests: raise --max-examples", file=sys.stderr)
        return 1
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
