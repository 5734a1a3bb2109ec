# syntax=docker/dockerfile:1
# The pricing service. Build context: a folder with requirements.txt and service/, like the deploy lab's.
# One of its pinned dependencies has no wheel for this platform and compiles a C extension on install.

# Stage 1: the full image comes with a C compiler and headers. Build here and leave them all behind.
FROM python:3.13-trixie AS builder
RUN python -m venv /opt/venv
COPY requirements.txt .
RUN /opt/venv/bin/pip install --no-cache-dir --no-compile -r requirements.txt

# Stage 2: the same Python (3.13, Debian 13, /usr/local) without compilers, headers or pip's cache.
FROM python:3.13-slim-trixie AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY service/ ./service/
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["uvicorn", "service.app:app", "--host", "0.0.0.0", "--port", "8000"]
