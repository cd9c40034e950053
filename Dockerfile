# syntax=docker/dockerfile:1
# The interventions API in one image: the catalogue is validated and loaded into the
# image's own SQLite file at build time, so every container of one image serves the same
# catalogue release without any shared disk. See docs/deploy.md.
#
#   docker build -t interventions-api .
#   docker run -p 8000:8000 interventions-api        # SQLite search, development mode

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- build: dependencies, then the package, then the database --------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
WORKDIR /app

# Dependencies come from the lock alone (requirements/runtime.txt, written by `make lock`
# from pyproject.toml; every file checked against its hash): the image runs the versions
# the tests ran, and a change to the code or the catalogue reuses this layer.
COPY requirements/runtime.txt ./requirements/
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt

# The package, installed in place without resolving anything again: Alembic finds
# migrations/ next to it.
COPY pyproject.toml README.md alembic.ini ./
COPY migrations ./migrations
COPY interventions_api ./interventions_api
RUN pip install --no-cache-dir --no-deps --editable . \
    && python -m compileall -q /app/interventions_api /app/migrations

# The catalogue last: an editor's change rebuilds only what follows. A catalogue with
# any error fails the build, so a broken catalogue never becomes an image.
COPY catalogue ./catalogue
ENV INTERVENTIONS_CATALOGUE_DIR=/app/catalogue \
    INTERVENTIONS_DB_PATH=/app/var/interventions.db
RUN interventions validate \
    && interventions load

# ---- runtime ------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ARG GIT_COMMIT=""
LABEL org.opencontainers.image.title="interventions-api" \
      org.opencontainers.image.description="Evidence database of social-safety interventions for Dutch schools" \
      org.opencontainers.image.revision="${GIT_COMMIT}"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    INTERVENTIONS_CATALOGUE_DIR=/app/catalogue \
    INTERVENTIONS_DB_PATH=/app/var/interventions.db \
    INTERVENTIONS_LOG_FORMAT=json \
    INTERVENTIONS_WORKERS=2

# A system user without a shell; /var/lib/interventions/keys is where compose's indexer
# leaves the search-only key for the API (a named volume takes this owner).
RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --uid 10001 --gid app --home-dir /app \
       --shell /usr/sbin/nologin app \
    && mkdir -p /var/lib/interventions/keys \
    && chown app:app /var/lib/interventions/keys \
    && chmod 700 /var/lib/interventions/keys

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# Only the database folder is the app user's: a one-shot `interventions load` (the
# compose indexer) may replace the file; the code stays read-only to it.
COPY --from=build --chown=app:app /app/var /app/var

USER 10001:10001
WORKDIR /app
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]

# Worker count: INTERVENTIONS_WORKERS (default above). Production mode checks the
# Meilisearch key before serving (docs/deploy.md).
CMD ["interventions", "serve", "--host", "0.0.0.0", "--port", "8000"]
