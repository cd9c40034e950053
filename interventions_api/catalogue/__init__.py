"""Reading and validating the YAML catalogue."""

from .problems import Problem
from .reader import Catalogue, CatalogueEntry, ReadResult, read_catalogue

__all__ = ["Catalogue", "CatalogueEntry", "Problem", "ReadResult", "read_catalogue"]
