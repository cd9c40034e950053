"""The monitor (``POST /v1/monitor``): a school's pupil-survey results over the years,
the trend per indicator, what its interventions were expected to move, and a chart."""
