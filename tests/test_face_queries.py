"""No face runs a query on the session it is handed: it calls the core.

The faces, the admin pages, the site pages and the socket server: the import
contracts ("Faces run no queries", "Admin pages, site pages and sockets run no
queries") keep SQLAlchemy out of them; this catches what needs no import:
`session.get(...)`, `session.execute(...)`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACES = ("kiosk", "counter", "display", "printer", "booking", "motcua/admin")
MODULES = ("motcua/pages.py", "motcua/realtime.py")
QUERIES = {"get", "get_one", "execute", "scalar", "scalars", "query", "add", "delete"}
QUERIES |= {"refresh", "flush", "merge"}
# What the session is called where it is handed on (`db` beside Flask's `session`).
SESSIONS = ("session", "s", "db")


def queries_in(source: str) -> list[str]:
    """The `session.<query>(...)` calls in a module's source (`s`, `db` count too)."""
    tree = ast.parse(source)
    sessions = set(SESSIONS) - cookies(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        if isinstance(owner, ast.Name) and owner.id in sessions:
            if node.func.attr in QUERIES:
                found.append(f"{node.lineno}: {owner.id}.{node.func.attr}")
    return found


def cookies(tree: ast.Module) -> set[str]:
    """Names bound to Flask's `session` (the signed cookie, not the database's)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "flask"
        for alias in node.names
        if alias.name == "session"
    }


def checked_modules() -> list[Path]:
    faces = [path for face in FACES for path in sorted((ROOT / face).rglob("*.py"))]
    return faces + [ROOT / module for module in MODULES]


def test_no_face_queries_its_session() -> None:
    modules = checked_modules()
    assert ROOT / "motcua/admin/health.py" in modules
    found = {
        str(path.relative_to(ROOT)): queries
        for path in modules
        if (queries := queries_in(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_planted_query_is_found() -> None:
    planted = "def op(session):\n    return session.get(Device, 1)\n"
    assert queries_in(planted) == ["2: session.get"]
    refreshed = "with database().sessions() as db:\n    db.refresh(ticket)\n"
    assert queries_in(refreshed) == ["2: db.refresh"]
    cookie = "from flask import session\n\ndef user():\n    return session.get('u')\n"
    assert queries_in(cookie) == []
    assert queries_in(cookie + "def op(db):\n    return db.get(User, 1)\n") == [
        "6: db.get"
    ]
    assert queries_in("def op(session):\n    return view(session)\n") == []
