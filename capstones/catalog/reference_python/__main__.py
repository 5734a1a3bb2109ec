"""Run the service: python -m capstones.catalog.reference_python (PORT, default 8000)."""

import os

import uvicorn

from .app import create_app

if __name__ == "__main__":
    # Uvicorn turns SIGTERM into a graceful stop: no new connections, requests in flight finish, then lifespan
    # shutdown closes the database connections.
    uvicorn.run(create_app(), host="127.0.0.1", port=int(os.environ.get("PORT", "8000")), log_level="warning")
