"""Read values out of a Prometheus text exposition."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families


def sample(text: str, name: str, **labels: str) -> float:
    """The value of the one sample ``name{labels}`` (0 when it is absent)."""
    total = 0.0
    for family in text_string_to_metric_families(text):
        for item in family.samples:
            if item.name == name and all(item.labels.get(k) == v for k, v in labels.items()):
                total += item.value
    return total


def names(text: str) -> set[str]:
    return {item.name for family in text_string_to_metric_families(text)
            for item in family.samples}
