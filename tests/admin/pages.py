"""Driving the admin pages with Flask's test client: sign in, forms with CSRF."""

from __future__ import annotations

import re

from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_user

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
