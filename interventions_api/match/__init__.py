"""Matching a school profile against the catalogue: ``POST /v1/match``.

``profile`` (the strict input), ``needs`` (what the profile implies), ``candidates`` (hard
constraints), ``scoring`` (soft criteria), ``plan`` (three levels), ``markdown`` (safety
plan section), ``service`` (the orchestration); every tunable number in ``weights``.
"""

from .profile import MatchProfile, parse_profile
from .service import MatchResult, match, run_match

__all__ = ["MatchProfile", "MatchResult", "match", "parse_profile", "run_match"]
