# syntax=docker/dockerfile:1
# The gateway image: the project installed into a venv (no dev tools), run as a non-root user.
# Build and run with PostgreSQL: `docker compose up --build` (see docker-compose.yml).

# 3.11 is the version the test suite runs on; both stages must use the same Python,
# because the venv's interpreter is a link to the base image's.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python -m venv /opt/venv
WORKDIR /src
COPY . .
# Every dependency ships binary wheels, so the builder needs no compiler.
# The cache mount keeps downloaded wheels between builds without putting them in a layer.
RUN --mount=type=cache,target=/root/.cache/pip \
    /opt/venv/bin/pip install .


FROM ${PYTHON_IMAGE} AS runtime

# GATEWAY_DATA_DIR only matters without DATABASE_URL (embedded PostgreSQL and its secret file);
# it points at a directory the non-root user may write.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    GATEWAY_ENVIRONMENT=production \
    GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=8000 \
    GATEWAY_DATA_DIR=/var/lib/gateway

RUN groupadd --system --gid 10001 gateway \
    && useradd --system --uid 10001 --gid gateway --no-create-home \
        --home-dir /var/lib/gateway --shell /usr/sbin/nologin gateway \
    && install --directory --owner=gateway --group=gateway --mode=0700 /var/lib/gateway

COPY --from=builder /opt/venv /opt/venv
COPY --chmod=0755 docker/entrypoint.sh /app/docker/entrypoint.sh

# The application directory stays owned by root: the gateway user cannot change its code.
# A numeric user lets Kubernetes' runAsNonRoot verify it without reading /etc/passwd.
WORKDIR /app
USER 10001:10001

EXPOSE 8000

# Liveness only (/healthz); the start period covers the entrypoint waiting for the database.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('GATEWAY_PORT', '8000') + '/healthz', timeout=4)"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["serve"]
