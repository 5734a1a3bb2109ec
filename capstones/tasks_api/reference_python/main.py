"""Start the tasks API: apply migrations, then serve on HOST:PORT (defaults 127.0.0.1:8080).

Environment: DATABASE_URL (required), TOKEN_SECRET (required, at least 32 characters: tokens stay valid
across restarts and instances only if it stays the same), MIGRATIONS_DIR, HOST, PORT.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import uvicorn
from credentials import TokenSigner
from database import Pool, migrate
from service import create_app

DEFAULT_MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    database_url = os.environ.get("DATABASE_URL")
    secret = os.environ.get("TOKEN_SECRET", "")
    if not database_url or len(secret) < 32:
        print("set DATABASE_URL and TOKEN_SECRET (at least 32 characters)", file=sys.stderr)
        return 2
    applied = migrate(database_url, Path(os.environ.get("MIGRATIONS_DIR", DEFAULT_MIGRATIONS)))
    logging.getLogger("tasks-api").info("migrations applied: %s", ", ".join(applied) or "none pending")
    pool = Pool(database_url)
    app = create_app(pool, TokenSigner(secret.encode()))
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8080"))
    # uvicorn stops on SIGTERM after finishing the requests in flight.
    uvicorn.run(app, host=host, port=port, log_level="warning")
    pool.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
