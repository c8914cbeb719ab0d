"""No face runs a query on the session it is handed: it calls the core.

Nor does the server outside its core (admin and site pages, the REST API, the socket
server). The import contracts ("Faces run no queries", "Admin pages, site pages, the
API and sockets run no queries") keep SQLAlchemy out of them; this catches what needs
no import: `session.get(...)`, `session.execute(...)`. Models they name are types
only: a model class used as a value (`select(Ticket)`, `session.get(Ticket, id)`,
`Ticket(...)`) is a query or a write the core should make.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACES = ("kiosk", "counter", "display", "printer", "booking")
# Besides the faces: every package of the server but the core, and its own modules.
SERVER = ("motcua/admin", "motcua/api")
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
    held = [path for part in FACES + SERVER for path in (ROOT / part).rglob("*.py")]
    return sorted(held) + sorted((ROOT / "motcua").glob("*.py"))


def test_no_face_queries_its_session() -> None:
    modules = checked_modules()
    named = {str(path.relative_to(ROOT)) for path in modules}
    assert {"motcua/admin/health.py", "motcua/realtime.py"} <= named
    assert not any(name.startswith("motcua/core/") for name in named)
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


def _annotations(node: ast.AST) -> list[ast.expr | None]:
    """The type expressions a node holds: its annotations, a type alias's value."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        args = node.args
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg]
        every.append(args.kwarg)
        return [node.returns, *(a.annotation for a in every if a is not None)]
    if isinstance(node, ast.AnnAssign):
        alias = isinstance(node.annotation, ast.Name) and (
            node.annotation.id == "TypeAlias"
        )
        return [node.annotation, node.value if alias else None]
    return []


def models_as_values(source: str) -> list[str]:
    """Where a module uses a model it imports from motcua.core.models as a value."""
    tree = ast.parse(source)
    models = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "motcua.core.models"
        for alias in node.names
    }
    typed = {
        id(part)
        for node in ast.walk(tree)
        for held in _annotations(node)
        if held is not None
        for part in ast.walk(held)
    }
    return [
        f"{node.lineno}: {node.id}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id in models and id(node) not in typed
    ]


def test_faces_name_models_as_types_only() -> None:
    found = {
        str(path.relative_to(ROOT)): used
        for path in checked_modules()
        if (used := models_as_values(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_model_used_as_a_value_is_found() -> None:
    head = "from motcua.core.models import Office, Ticket\n"
    typed = "def view(office: Office) -> list[Ticket]:\n    return []\n"
    alias = "Pair: TypeAlias = tuple[Office, Ticket]\n"
    assert models_as_values(head + typed + alias) == []
    queried = "def op(s):\n    return s.scalars(select(Ticket))\n"
    assert models_as_values(head + queried) == ["3: Ticket"]
    assert models_as_values(head + "made = Office(slug='x')\n") == ["2: Office"]
