"""Driving the admin pages with Flask's test client: sign in, forms with CSRF."""

from __future__ import annotations

import re

from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_user
from motcua.services import app_services

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(client, path: str = "/admin/login") -> str:
    page = client.get(path).get_data(as_text=True)
    found = TOKEN.search(page)
    assert found, page[:500]
    return found.group(1)


def post(client, path: str, data: dict, token_from: str | None = None):
    token = csrf(client, token_from or path)
    return client.post(path, data={**data, "csrf_token": token})


def sign_in(client, username: str, password: str = "matkhau123"):
    return post(client, "/admin/login", {"username": username, "password": password})


def add_person(db, clock, username, slug=None, role="admin", city=False):
    with db.transaction() as session:
        office = office_by_slug(session, slug) if slug else None
        add_user(
            session,
            clock,
            username,
            "matkhau123",
            office=office,
            role=role,
            city_admin=city,
        )


def sign_in_admin(app, clock, client, username: str = "qt-demo"):
    """An admin of the demo office, signed in on the client; returns the database."""
    db = app_services(app).db
    add_person(db, clock, username, "demo", "admin")
    sign_in(client, username)
    return db


def audit_rows(db) -> list:
    """The audit log, oldest first: action, username, target, data."""
    from sqlalchemy import select

    from motcua.core.models import AuditLog, User

    with db.sessions() as session:
        stmt = select(AuditLog.action, User.username, AuditLog.target, AuditLog.data)
        stmt = stmt.join(User, User.id == AuditLog.user_id)
        return list(session.execute(stmt.order_by(AuditLog.id)))
