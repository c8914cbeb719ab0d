"""No face runs a query on the session it is handed: it calls the core.

The import contract ("Faces run no queries") keeps SQLAlchemy out of the faces;
this catches what needs no import: `session.get(...)`, `session.execute(...)`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACES = ("kiosk", "counter", "display", "printer", "booking")
QUERIES = {"get", "get_one", "execute", "scalar", "scalars", "query", "add", "delete"}


def queries_in(source: str) -> list[str]:
    """The `session.<query>(...)` calls in a module's source (`s` counts too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        if isinstance(owner, ast.Name) and owner.id in ("session", "s"):
            if node.func.attr in QUERIES:
                found.append(f"{node.lineno}: {owner.id}.{node.func.attr}")
    return found


def test_no_face_queries_its_session() -> None:
    found = {
        str(path.relative_to(ROOT)): queries
        for face in FACES
        for path in sorted((ROOT / face).rglob("*.py"))
        if (queries := queries_in(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_planted_query_is_found() -> None:
    planted = "def op(session):\n    return session.get(Device, 1)\n"
    assert queries_in(planted) == ["2: session.get"]
    assert queries_in("def op(session):\n    return view(session)\n") == []
