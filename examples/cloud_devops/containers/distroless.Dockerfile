# syntax=docker/dockerfile:1
# The deploy lab's service on a distroless runtime: no shell, no package manager, no apt metadata to scan.
# Build with the lab folder as the context:
#   docker build -f examples/cloud_devops/containers/distroless.Dockerfile -t deploy-lab:distroless labs/deploy_lab
# --8<-- [start:distroless]
# The builder runs Debian 13's own Python 3.13, the interpreter the runtime image ships at /usr/bin/python3.13:
# a virtual environment points at the interpreter that created it, so both stages must agree on where it lives.
FROM debian:13-slim AS builder
RUN apt-get update \
    && apt-get install --yes --no-install-recommends python3-venv \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv
COPY requirements.txt .
RUN /opt/venv/bin/pip install --no-cache-dir --no-compile -r requirements.txt

FROM gcr.io/distroless/python3-debian13:nonroot AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY service/ ./service/
# The nonroot variant's user, by number so Kubernetes can check runAsNonRoot.
USER 65532:65532
EXPOSE 8000
# There is no shell: RUN cannot work in this stage, and every command must be in exec form.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["/opt/venv/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
# The image's own ENTRYPOINT is the bare interpreter; replace it rather than pass uvicorn to it as arguments.
ENTRYPOINT ["/opt/venv/bin/python", "-m", "uvicorn", "service.app:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
# --8<-- [end:distroless]
