"""Open evidence database of anti-bullying and social-safety interventions for Dutch schools."""

__version__ = "0.1.0"
