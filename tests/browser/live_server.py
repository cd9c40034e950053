"""A real API server in a subprocess, and a plain static site on another port.

Used by the browser tests' fixtures and by ``tests/browser/docs_screenshot.py``. The API
runs with ``python -m interventions_api.cli serve`` — the real command — on a SQLite file
loaded from the real catalogue, searching on SQLite.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from interventions_api.catalogue import read_catalogue
from interventions_api.db.load import load_catalogue
from interventions_api.settings import PROJECT_ROOT

REAL_CATALOGUE = PROJECT_ROOT / "catalogue"
STARTUP_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def load_real_catalogue(db_path: Path) -> None:
    result = read_catalogue(REAL_CATALOGUE)
    assert result.catalogue is not None, "\n".join(p.format() for p in result.errors)
    load_catalogue(result.catalogue, db_path)


@contextlib.contextmanager
def api_server(workdir: Path, **settings: str) -> Iterator[str]:
    """Serve the API on a free port; yields its base URL (``http://127.0.0.1:PORT``).

    ``settings`` become ``INTERVENTIONS_*`` variables (``cors_origins='["…"]'``).
    The server's output goes to ``workdir/server.log`` for a failing run to inspect.
    """
    db_path = workdir / "interventions.db"
    if not db_path.exists():
        load_real_catalogue(db_path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVENTIONS_")}
    env.update({
        "INTERVENTIONS_DB_PATH": str(db_path),
        "INTERVENTIONS_CATALOGUE_DIR": str(REAL_CATALOGUE),
        "INTERVENTIONS_LOG_LEVEL": "warning",
        # The package even where it is not installed in this interpreter's site-packages.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")])),
        **{f"INTERVENTIONS_{k.upper()}": v for k, v in settings.items()},
    })
    log_path = workdir / f"server-{port}.log"
    with open(log_path, "wb") as log:
        # cwd = workdir: no stray .env of the developer is read.
        process = subprocess.Popen(
            [sys.executable, "-m", "interventions_api.cli", "serve", "--host", "127.0.0.1",
             "--port", str(port)],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, process, log_path)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the API server exited with {process.returncode}:\n"
                               + log_path.read_text(errors="replace")[-3000:])
        try:
            if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the API server did not answer within {STARTUP_TIMEOUT_S}s:\n"
                       + log_path.read_text(errors="replace")[-3000:])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@contextlib.contextmanager
def static_site(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on another free port: another origin, like a partner's site."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
