"""What the SQL injection checks share: shops to run answers on, and a connection that records every SQL text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


def shop(users: Iterable[tuple[int, str, int]], products: Iterable[tuple[int, str, int]] = ()) -> sqlite3.Connection:
    """An in-memory shop with the lesson's schema and the rows given."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, is_admin INTEGER NOT NULL);
        CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL);
        """
    )
    conn.executemany("INSERT INTO users (id, email, is_admin) VALUES (?, ?, ?)", list(users))
    conn.executemany("INSERT INTO products (id, name, price_cents) VALUES (?, ?, ?)", list(products))
    conn.commit()
    return conn


@dataclass
class Recorder:
    """Every SQL text an answer sent, whichever way it sent it."""

    texts: list[str] = field(default_factory=list)

    def saw(self, value: str) -> list[str]:
        return [text for text in self.texts if value in text]


class RecordingCursor:
    def __init__(self, cursor: sqlite3.Cursor, recorder: Recorder) -> None:
        self._cursor = cursor
        self._recorder = recorder

    def execute(self, sql: str, parameters: Any = ()) -> RecordingCursor:
        self._recorder.texts.append(sql)
        self._cursor.execute(sql, parameters)
        return self

    def executemany(self, sql: str, parameters: Any) -> RecordingCursor:
        self._recorder.texts.append(sql)
        self._cursor.executemany(sql, parameters)
        return self

    def executescript(self, script: str) -> RecordingCursor:
        self._recorder.texts.append(script)
        self._cursor.executescript(script)
        return self

    def __iter__(self) -> Any:
        return iter(self._cursor)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


class RecordingConnection:
    """A sqlite3 connection that notes the text of every statement before it runs it.

    The checks hand this to an answer instead of a plain connection: a value that shows up in a recorded text
    was pasted into the SQL, whatever the answer did to it first."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.recorder = Recorder()

    def cursor(self) -> RecordingCursor:
        return RecordingCursor(self._conn.cursor(), self.recorder)

    def execute(self, sql: str, parameters: Any = ()) -> RecordingCursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any) -> RecordingCursor:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str) -> RecordingCursor:
        return self.cursor().executescript(script)

    def __enter__(self) -> RecordingConnection:
        self._conn.__enter__()
        return self

    def __exit__(self, *exc: object) -> Any:
        return self._conn.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)
