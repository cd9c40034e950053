"""The database file and its folder are read-only for the API: it serves all the same.

File modes do not stop root, so when the tests run as root the API process runs without
the capabilities that bypass them (``setpriv``: no CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
CAP_FOWNER); the test first proves that such a process cannot write the file.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bench.harness import ApiServer, api_env

from .requests import traffic

DROP_PRIVILEGES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.fail("running as root needs setpriv (util-linux) to drop the capabilities "
                    "that ignore file modes", pytrace=False)
    return DROP_PRIVILEGES


@pytest.fixture
def read_only_copy(loaded_db: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "read-only"
    folder.mkdir()
    db_path = folder / "interventions.db"
    shutil.copy2(loaded_db, db_path)
    db_path.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield db_path
    finally:
        folder.chmod(0o755)


def can_write(db_path: Path, wrapper: list[str]) -> bool:
    probe = (f"open({str(db_path)!r}, 'r+b').close()\n"
             f"open({str(db_path.parent / 'probe')!r}, 'w').close()")
    done = subprocess.run([*wrapper, sys.executable, "-c", probe], capture_output=True,
                          timeout=30, check=False)
    return done.returncode == 0


def test_serves_from_a_read_only_database(read_only_copy: Path,
                                          start_api: Callable[..., ApiServer]) -> None:
    wrapper = unprivileged()
    assert not can_write(read_only_copy, wrapper), "writable: the test would prove nothing"
    assert not stat.S_IMODE(read_only_copy.stat().st_mode) & 0o222

    api = start_api(api_env(read_only_copy), wrapper=wrapper)
    ready = httpx.get(api.url + "/readyz").json()
    assert ready["status"] == "ok", ready
    for request in traffic():
        response = httpx.get(api.url + request.path)
        assert response.status_code == 200, (request.path, response.text)
        if request.name != "detail":
            assert response.json()["data"], request.path
    assert list(read_only_copy.parent.iterdir()) == [read_only_copy]  # nothing written
