# syntax=docker/dockerfile:1
# The pricing service. Build context: a folder with requirements.txt and service/, like the deploy lab's.
# One of its pinned dependencies has no wheel for this platform and compiles a C extension on install.
# The slim image failed with "error: command 'gcc' failed: No such file or directory", so this uses the full one,
# which comes with compilers and headers.
FROM python:3.13-trixie
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY service/ ./service/
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["uvicorn", "service.app:app", "--host", "0.0.0.0", "--port", "8000"]
