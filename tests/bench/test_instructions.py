"""bench/instructions.py: reading callgrind's count and the per-request arithmetic."""

from __future__ import annotations

import pytest

from bench.instructions import collected_instructions, per_request

VALGRIND_TAIL = """==14674==
==14674== Events    : Ir
==14674== Collected : 2583551083
==14674==
==14674== I   refs:      2,583,551,083
"""


def test_the_count_is_read_from_valgrinds_summary() -> None:
    assert collected_instructions(VALGRIND_TAIL) == 2_583_551_083


def test_output_without_a_count_is_an_error_that_shows_the_output() -> None:
    with pytest.raises(ValueError, match="Traceback"):
        collected_instructions("Traceback (most recent call last): ...")


def test_one_request_is_the_difference_over_the_difference_in_requests() -> None:
    # Start-up and warm-up are in both totals and cancel out.
    startup = 900_000_000
    assert per_request({600: startup + 600 * 2_000_000,
                        100: startup + 100 * 2_000_000}) == 2_000_000
