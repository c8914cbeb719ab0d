"""Admin pages keep each field's numbers its own, and the health page says when not."""

from __future__ import annotations

from sqlalchemy import select

from motcua.core.lookup import office_by_slug
from motcua.core.models import Service
from motcua.services import app_services
from tests.admin.pages import post, sign_in_admin
from tests.helpers import add_old_field


def _codes(db) -> dict[str, tuple[int, int]]:
    with db.sessions() as session:
        rows = session.scalars(select(Service).order_by(Service.sort))
        return {s.code: (s.range_start, s.range_end) for s in rows}


def _add(client, **form):
    data = {"code": "DD", "name_vi": "Đất đai", "name_en": "Land", **form}
    return post(client, "/admin/o/demo/fields", data).get_data(as_text=True)


def test_fields_page_offers_the_next_free_block(app, client, api_world, clock):
    sign_in_admin(app, clock, client)
    page = client.get("/admin/o/demo/fields").get_data(as_text=True)
    assert 'name="range_start" size="5" value="3001"' in page
    assert "Dãy số còn trống tiếp theo: 3001-3999" in page


def test_fields_page_refuses_an_overlap_in_vietnamese(app, client, api_world, clock):
    db = sign_in_admin(app, clock, client)
    page = _add(client, range_start="1500", range_end="2500")
    assert "Dãy số 1500-2500 trùng với dãy 1001-1999 của lĩnh vực “Chứng thực”" in page
    assert "dãy còn trống 3001-3999" in page
    assert "DD" not in _codes(db)
    page = _add(client, range_start="3001")
    assert "Hãy điền cả “Số đầu” và “Số cuối”" in page
    assert "DD" not in _codes(db)


def test_a_field_added_without_a_range_gets_a_free_one(app, client, api_world, clock):
    db = sign_in_admin(app, clock, client)
    response = post(
        client, "/admin/o/demo/fields", {"code": "DD", "name_vi": "Đất đai"}
    )
    assert response.status_code == 302
    assert _codes(db)["DD"] == (3001, 3999)


def test_wizard_refuses_overlapping_rows_and_offers_free_ones(app, client, clock):
    db = app_services(app).db
    post(
        client,
        "/admin/setup",
        {
            "office_name": "Phường Hòa",
            "slug": "phuong-hoa",
            "hours_mon_fri": "07:30-11:30",
            "username": "quantri",
            "password": "matkhau123",
            "password2": "matkhau123",
        },
    )
    path = "/admin/o/phuong-hoa/setup/fields"
    rows = {
        "use_0": "on",
        "0_code": "CT",
        "0_name_vi": "Chứng thực",
        "0_range_start": "1001",
        "0_range_end": "1999",
        "use_9": "on",
        "9_code": "BHXH",
        "9_name_vi": "Bảo hiểm xã hội",
        "9_range_start": "1900",
        "9_range_end": "2100",
    }
    page = post(client, path, rows).get_data(as_text=True)
    assert "trùng với dãy 1001-1999 của lĩnh vực “Chứng thực”" in page
    assert _codes(db) == {}  # nothing half-made
    rows.update({"9_range_start": "", "9_range_end": ""})
    response = post(client, path, rows)
    assert response.headers["Location"].endswith("/setup/counters")
    assert _codes(db) == {"CT": (1001, 1999), "BHXH": (2001, 2999)}
    # Hộ tịch's usual 2001-2999 is taken now: the wizard offers a free block.
    page = client.get(path).get_data(as_text=True)
    assert 'name="1_range_start" value="2001"' not in page
    assert 'name="1_range_start" value="' in page


def test_health_page_shows_clashing_and_unserved_fields(app, client, api_world, clock):
    db = sign_in_admin(app, clock, client)
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        add_old_field(session, office, "OLD", "Lĩnh vực cũ")
    page = client.get("/admin/o/demo/health").get_data(as_text=True)
    assert (
        "Dãy số của lĩnh vực “Chứng thực” (1001-1999) trùng với “Lĩnh vực cũ”" in page
    )
    assert "đổi dãy số của “Lĩnh vực cũ”, ví dụ dãy còn trống 3001-3999" in page
    assert "Lĩnh vực “Lĩnh vực cũ” đang cấp số nhưng không quầy nào phục vụ" in page
    assert "Mọi thứ đang hoạt động bình thường" not in page
