"""Loading a broken catalogue while the API serves: the load is refused, and every
answer during and after it is the answer from before."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.driver import Request
from bench.harness import ApiServer, api_env

from .conftest import BackgroundLoad, describe
from .requests import traffic


def break_catalogue(root: Path) -> None:
    """Errors of several kinds, and a removed entry, so that a partial load would show."""
    interventions = root / "interventions"
    kiva = interventions / "kiva.yaml"
    kiva.write_text(kiva.read_text(encoding="utf-8").replace(
        "school_types: [po]", "school_types: [lyceum]"), encoding="utf-8")
    (interventions / "broken-syntax.yaml").write_text("id: broken-syntax\nname: [unclosed\n",
                                                      encoding="utf-8")
    (interventions / "taakspel.yaml").unlink()


def test_broken_catalogue_load_during_traffic(make_catalogue: Callable[..., Path],
                                              make_db: Callable[[Path], Path],
                                              start_api: Callable[..., ApiServer]) -> None:
    db_path = make_db(make_catalogue())
    api = start_api(api_env(db_path))
    requests = [*traffic(), Request("detail", "/v1/interventions/taakspel"),
                Request("catalogue", "/v1/catalogue")]
    before = {r.path: httpx.get(api.url + r.path).json() for r in requests}
    file_before = os.stat(db_path)

    def check(request: Request, response: httpx.Response) -> str | None:
        if response.status_code != 200:
            return f"status {response.status_code}"
        body = response.json()
        if body != before[request.path]:
            return "the answer changed"
        return None

    broken = make_catalogue()
    break_catalogue(broken)
    load = BackgroundLoad(api.url, requests, clients=4, duration=30.0, check=check)
    time.sleep(0.5)
    command = [sys.executable, "-m", "interventions_api.cli", "load",
               "--catalogue", str(broken), "--db", str(db_path)]
    loaded = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    time.sleep(0.5)
    result = load.result(stop=True)

    assert loaded.returncode == 1, loaded.stderr
    assert "is unchanged" in loaded.stderr
    assert len(result.outcomes) > 20, describe(result)
    assert not result.failures, describe(result)
    file_after = os.stat(db_path)
    assert (file_after.st_ino, file_after.st_mtime_ns) == (file_before.st_ino,
                                                           file_before.st_mtime_ns)
    after = {r.path: httpx.get(api.url + r.path).json() for r in requests}
    assert after == before
