"""Development tools: what the tests, the docs and bench/ use, and the service never runs.

Each module runs from the repository root with ``python -m devtools.NAME`` (or a make
target). They import ``interventions_api``; the package never imports them, and they
are not installed with it nor copied into the image.
"""
