# syntax=docker/dockerfile:1
# What NOT to do: a single stage that copies the whole context before installing dependencies.
# --8<-- [start:slow]
FROM python:3.13-slim-trixie
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"]
CMD ["uvicorn", "service.app:app", "--host", "0.0.0.0", "--port", "8000"]
# --8<-- [end:slow]
