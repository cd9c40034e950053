"""Real processes for benchmarks and fault tests: the API, datasette and Meilisearch.

The API runs as its users run it, through the public CLI (``interventions serve``), and
catalogues are loaded with ``interventions load [--index]``, so the benchmarks keep
measuring the same thing when the code behind those commands changes. Each server here
is a subprocess on a free loopback port with its own log file; ``stop()`` ends only the
process it started.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

# The one place bench/ imports the throwaway local Meilisearch (the same server class the
# test fixtures use): if the helper moves, only this import changes.
from devtools.meili_server import MeiliServer, meili_binary
from interventions_api.settings import PROJECT_ROOT

__all__ = ["ApiServer", "DatasetteServer", "MeiliServer", "api_env", "cli", "free_port",
           "load_catalogue", "meili_binary"]

START_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def api_env(db_path: Path, *, meili_url: str | None = None, meili_key: str | None = None,
            meili_index: str | None = None, **extra: Any) -> dict[str, str]:
    """The environment of an API or CLI process: only what it needs, nothing from a .env
    file."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("INTERVENTIONS_")}
    env.update({
        "INTERVENTIONS_DB_PATH": str(db_path),
        "INTERVENTIONS_CATALOGUE_DIR": str(PROJECT_ROOT / "catalogue"),
        "INTERVENTIONS_LOG_LEVEL": "warning",
        "INTERVENTIONS_LOG_FORMAT": "text",
    })
    if meili_url:
        env["INTERVENTIONS_MEILI_URL"] = meili_url
        if meili_key:
            env["INTERVENTIONS_MEILI_API_KEY"] = meili_key
        if meili_index:
            env["INTERVENTIONS_MEILI_INDEX"] = meili_index
    env.update({f"INTERVENTIONS_{key.upper()}": str(value) for key, value in extra.items()})
    return env


def cli() -> str:
    """The ``interventions`` command of the environment running the benchmark."""
    local = Path(sys.executable).parent / "interventions"
    found = str(local) if local.exists() else shutil.which("interventions")
    if found is None:
        raise RuntimeError("the interventions command is not installed: make install")
    return found


def load_catalogue(catalogue: Path, env: dict[str, str], *, index: bool) -> float:
    """``interventions load [--index]`` of ``catalogue`` into the database and index that
    ``env`` names; returns the seconds the command took, start-up included, as a user
    waits for it."""
    command = [cli(), "load", "--catalogue", str(catalogue)] + (["--index"] if index else [])
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n"
                           f"{done.stdout[-2000:]}{done.stderr[-4000:]}")
    return seconds


class Process:
    """A server subprocess that is ready when ``ready_path`` answers 200."""

    ready_path = "/"

    def __init__(self, log_path: Path) -> None:
        self.port = free_port()
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def command(self) -> list[str]:
        raise NotImplementedError

    def popen_kwargs(self) -> dict[str, Any]:
        return {}

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(self.command(), stdout=log,
                                            stderr=subprocess.STDOUT, **self.popen_kwargs())
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if httpx.get(self.url + self.ready_path, timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{type(self).__name__} did not start; log:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def rss_bytes(self) -> int:
        """Resident memory of the process and its children (uvicorn workers)."""
        import psutil

        process = psutil.Process(self.pid)
        return int(process.memory_info().rss + sum(
            child.memory_info().rss for child in process.children(recursive=True)))

    def __enter__(self) -> Process:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


class ApiServer(Process):
    """``interventions serve``: the API as it is deployed, with the default worker count
    unless ``workers`` is given."""

    ready_path = "/healthz"

    def __init__(self, env: dict[str, str], log_path: Path, *, workers: int | None = None,
                 wrapper: list[str] | None = None, cwd: Path | None = None) -> None:
        super().__init__(log_path)
        self.env = env
        self.workers = workers
        self.wrapper = wrapper or []  # e.g. setpriv, to run with fewer privileges
        self.cwd = cwd or log_path.parent

    def command(self) -> list[str]:
        workers = ["--workers", str(self.workers)] if self.workers else []
        return [*self.wrapper, cli(), "serve", "--host", "127.0.0.1", "--port",
                str(self.port), *workers]

    def popen_kwargs(self) -> dict[str, Any]:
        return {"env": self.env, "cwd": self.cwd}


class DatasetteServer(Process):
    """datasette (from PyPI) serving one SQLite file, immutable, as its JSON API."""

    ready_path = "/-/versions.json"

    def __init__(self, db_path: Path, log_path: Path) -> None:
        super().__init__(log_path)
        self.db_path = db_path

    @staticmethod
    def binary() -> str | None:
        local = Path(sys.executable).parent / "datasette"
        return str(local) if local.exists() else shutil.which("datasette")

    def command(self) -> list[str]:
        binary = self.binary()
        if binary is None:
            raise RuntimeError("datasette is not installed: pip install -e '.[bench]'")
        return [binary, "serve", "-i", str(self.db_path), "--host", "127.0.0.1",
                "--port", str(self.port), "--setting", "default_page_size", "20",
                # Its best configuration for this: no facet suggestions (the API's listing
                # computes no facets unless asked), which otherwise dominate its time.
                "--setting", "suggest_facets", "off"]

    @property
    def database(self) -> str:
        return self.db_path.stem
