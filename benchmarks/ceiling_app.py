"""The raw ceiling: Flask + gunicorn gthread + one SQLite upsert per request.

What a ward server could do on this machine with no application logic at all; the
writers queue in the process (one lock), as motcua's do. Served by
bench_ceiling.py with the same worker shape as motcua:

    gunicorn -k gthread --threads 64 -w 1 benchmarks.ceiling_app:app
"""

from __future__ import annotations

import os
import sqlite3
import threading

from flask import Flask, jsonify, request

app = Flask(__name__)
PATH = os.environ.get("CEILING_DB", "/tmp/motcua-ceiling.db")
writers = threading.Lock()
local = threading.local()


def connection() -> sqlite3.Connection:
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(PATH, isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS numbers (field TEXT PRIMARY KEY, n INTEGER)"
        )
        local.conn = conn
    return conn


@app.post("/upsert")
def upsert():  # type: ignore[no-untyped-def]
    field = str((request.get_json(silent=True) or {}).get("service", "X"))
    conn = connection()
    with writers:
        conn.execute("BEGIN IMMEDIATE")
        number = conn.execute(
            "INSERT INTO numbers VALUES (?, 1) ON CONFLICT(field) "
            "DO UPDATE SET n = n + 1 RETURNING n",
            (field,),
        ).fetchone()[0]
        conn.execute("COMMIT")
    return jsonify({"service": field, "number": number}), 201
