"""A throwaway local Meilisearch: the binary started on a free port with its own data folder.

Used by the test fixtures (tests/fixtures/meilisearch.py), the relevance report and the
benchmarks. Development and CI only; production runs Meilisearch as a service.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from interventions_api.settings import PROJECT_ROOT, Settings

DEFAULT_BINARY = PROJECT_ROOT / "search" / "bin" / "meilisearch"
START_TIMEOUT_S = 30.0


def meili_binary() -> Path:
    """``$INTERVENTIONS_MEILI_BIN``, or where search/install-meilisearch.sh puts it."""
    return Path(os.environ.get("INTERVENTIONS_MEILI_BIN") or DEFAULT_BINARY)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MeiliServer:
    """One Meilisearch process with its own data folder, port and master key."""

    def __init__(self, binary: Path, data_dir: Path) -> None:
        self.binary = binary
        self.data_dir = data_dir
        self.master_key = secrets.token_urlsafe(24)
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / "meilisearch.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- process control ----------------------------------------------------------
    def start(self) -> None:
        if self.running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3):
            log = self.log_path.open("ab")
            self.process = subprocess.Popen(
                [str(self.binary),
                 "--db-path", str(self.data_dir / "data.ms"),
                 "--dump-dir", str(self.data_dir / "dumps"),
                 "--snapshot-dir", str(self.data_dir / "snapshots"),
                 "--http-addr", f"127.0.0.1:{self.port}",
                 # One argument with "=": a URL-safe key may start with "-", which would
                 # otherwise be read as an option (1 start in 32 failed that way).
                 f"--master-key={self.master_key}",
                 "--env", "development",
                 "--no-analytics",
                 "--log-level", "WARN",
                 # Many people run the suite at once on two cores; keep indexing small.
                 "--max-indexing-threads", "1",
                 "--max-indexing-memory", "256MiB"],
                stdout=log, stderr=subprocess.STDOUT, cwd=self.data_dir,
            )
            log.close()
            if self._wait_healthy():
                return
            self.kill()
            self.port = _free_port()  # the port may have been taken in between
        raise RuntimeError(f"Meilisearch did not start; log:\n{self.log_tail()}")

    def _wait_healthy(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                if httpx.get(f"{self.url}/health", timeout=1.0).status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        return False

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """A clean shutdown (SIGTERM), as an operator would stop it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a paused server cannot handle SIGTERM
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def kill(self) -> None:
        """A crash (SIGKILL): whatever the server was doing stops mid-way."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def pause(self) -> None:
        """Freeze the process (SIGSTOP): it accepts connections but never answers — a hung
        or overloaded server, as a client sees it."""
        if self.process is not None:
            self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    # --- helpers for tests --------------------------------------------------------
    def client(self, timeout: float = 30.0) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=timeout,
                            headers={"Authorization": f"Bearer {self.master_key}"})

    def index_name(self, prefix: str = "test") -> str:
        """A name no other test uses (index uids allow [A-Za-z0-9_-])."""
        return f"{prefix}_{uuid.uuid4().hex[:12]}"

    def create_index(self, prefix: str = "test", primary_key: str = "id") -> str:
        uid = self.index_name(prefix)
        with self.client() as http:
            response = http.post("/indexes", json={"uid": uid, "primaryKey": primary_key})
            response.raise_for_status()
            task = self.wait_for_task(response.json()["taskUid"])
        assert task["status"] == "succeeded", task
        return uid

    def wait_for_task(self, task_uid: int, timeout: float = 60.0) -> dict[str, Any]:
        """Poll until the task is finished; returns it (check its ``status``)."""
        deadline = time.monotonic() + timeout
        with self.client() as http:
            while True:
                task: dict[str, Any] = http.get(f"/tasks/{task_uid}").raise_for_status().json()
                if task["status"] not in ("enqueued", "processing"):
                    return task
                if time.monotonic() > deadline:
                    raise TimeoutError(f"task {task_uid} still {task['status']} after {timeout}s")
                time.sleep(0.02)

    def settings(self, db_path: Path, index: str | None = None, **overrides: Any) -> Settings:
        """App settings that search this server (with the master key, as in development)."""
        values: dict[str, Any] = {
            "db_path": db_path,
            "catalogue_dir": PROJECT_ROOT / "catalogue",
            "meili_url": self.url,
            "meili_api_key": self.master_key,
            "meili_index": index or self.index_name(),
            # Generous for tests: eight people share two cores; degrade tests set their own.
            "meili_timeout_ms": 2000,
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)
