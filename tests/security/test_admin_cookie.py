"""The admin's session cookie: not sent with another site's form, not readable by
scripts, and https-only where the server is served over https."""

from __future__ import annotations

import pytest

from motcua.services import app_services
from tests.admin.pages import add_person, sign_in
from tests.conftest import build_world


@pytest.mark.parametrize("public", [None, "https://motcua.phuong.example"])
def test_the_admin_cookie_is_same_site_and_secure_over_https(
    db_url, clock, tmp_path, public
):
    from motcua import create_app

    app = create_app(
        {
            "DATABASE_URL": db_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "CLOCK": clock,
            "PUBLIC_URL": public,
        }
    )
    db = app_services(app).db
    build_world(db, clock)
    add_person(db, clock, "qt-demo", "demo", "admin")
    client = app.test_client()
    answer = sign_in(client, "qt-demo")
    assert answer.status_code == 302
    cookie = next(
        c for c in answer.headers.getlist("Set-Cookie") if c.startswith("session=")
    )
    parts = {p.strip().split("=")[0].lower() for p in cookie.split(";")}
    assert {"samesite", "httponly"} <= parts and "SameSite=Lax" in cookie
    assert ("secure" in parts) is (public is not None)
    db.dispose()
