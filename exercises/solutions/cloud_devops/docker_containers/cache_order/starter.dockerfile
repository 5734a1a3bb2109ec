# syntax=docker/dockerfile:1
# The orders service. Build context: the deploy lab folder (requirements.txt, service/).
FROM python:3.13-slim-trixie AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
RUN python -m venv /opt/venv
# Only the dependency list: a code change can no longer invalidate the pip install below.
COPY requirements.txt .
RUN /opt/venv/bin/pip install --no-compile -r requirements.txt

FROM python:3.13-slim-trixie AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/opt/venv/bin:$PATH"
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
# The code comes straight from the context, after the venv: the last thing that changes is copied last.
COPY service/ ./service/
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["uvicorn", "service.app:app", "--host", "0.0.0.0", "--port", "8000"]
