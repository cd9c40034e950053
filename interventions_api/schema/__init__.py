"""The catalogue's schema: the one owner of field names and types."""

from .common import Localized, StrictModel
from .intervention import Intervention
from .vocabulary import EvidenceScale, Vocabularies

__all__ = ["EvidenceScale", "Intervention", "Localized", "StrictModel", "Vocabularies"]
