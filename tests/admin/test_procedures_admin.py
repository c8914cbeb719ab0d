"""The procedure guide page: entries, CSV in and out, the ward list, who may use it."""

from __future__ import annotations

import csv
import html
import io

from sqlalchemy import func, select

from motcua.core import procedure_csv, procedure_seed
from motcua.core.models import Procedure
from motcua.services import app_services
from tests.admin.pages import add_person, audit_rows, csrf, post, sign_in, sign_in_admin
from tests.conftest import build_world

PAGE = "/admin/o/demo/procedures"
GUIDE = "/api/v1/offices/demo/procedures"
HEADER = "linh_vuc,ten_thu_tuc,giay_to,le_phi,thoi_gian\n"


def _admin(app, client, clock):
    return sign_in_admin(app, clock, client)


def _audit(db):
    return audit_rows(db)


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _guide(client, query: str = "") -> list[dict]:
    """What the kiosk shows for a search."""
    response = client.get(GUIDE, query_string={"q": query})
    assert response.status_code == 200
    return response.get_json()["procedures"]


def _upload(client, body: bytes, path: str = PAGE):
    data = {
        "csrf_token": csrf(client, path),
        "action": "import",
        "file": (io.BytesIO(body), "thutuc.csv"),
    }
    return client.post(path, data=data)


def _count(db) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Procedure))


ENTRY = {
    "service_code": "HT",
    "title": "Cấp giấy  xác nhận tình trạng hôn nhân",
    "papers": "- Tờ khai theo mẫu\n\n• Giấy tờ tuỳ thân\n",
    "fee": "3.000 đồng",
    "duration": "03 ngày làm việc",
}


def test_add_edit_delete_show_in_the_kiosk_guide(app, client, api_world, clock):
    db = _admin(app, client, clock)
    page = _text(client.get(PAGE))
    assert "Hướng dẫn thủ tục" in page and "Nạp danh mục mẫu" in page
    page = _text(post(client, PAGE, ENTRY))
    assert "Đã thêm thủ tục “Cấp giấy xác nhận tình trạng hôn nhân”." in page
    [found] = _guide(client, "xac nhan tinh trang hon nhan")
    assert found["service"]["code"] == "HT"
    assert found["papers"] == ["Tờ khai theo mẫu", "Giấy tờ tuỳ thân"]
    assert (found["fee"], found["duration"]) == ("3.000 đồng", "03 ngày làm việc")

    edit = _text(client.get(PAGE, query_string={"edit": found["id"]}))
    assert "Sửa thủ tục" in edit and "Tờ khai theo mẫu\nGiấy tờ tuỳ thân" in edit
    changed = {
        **ENTRY,
        "id": str(found["id"]),
        "service_code": "CT",
        "title": "Chứng thực di chúc",
        "papers": "Dự thảo di chúc\nGiấy tờ tuỳ thân",
    }
    page = _text(post(client, PAGE, changed))
    assert "Đã lưu thủ tục “Chứng thực di chúc”." in page
    assert _guide(client, "tinh trang hon nhan") == []  # the old words are gone
    [found] = _guide(client, "du thao di chuc")
    assert found["service"]["code"] == "CT" and found["title"] == "Chứng thực di chúc"

    page = _text(post(client, PAGE, {"action": "delete", "id": str(found["id"])}))
    assert "Đã xóa thủ tục." in page
    assert _guide(client) == []
    rows = _audit(db)
    assert [(a, who) for a, who, _, _ in rows] == [
        ("procedure.added", "qt-demo"),
        ("procedure.changed", "qt-demo"),
        ("procedure.deleted", "qt-demo"),
    ]
    before = rows[1][3]["before"]
    assert before["title"] == "Cấp giấy xác nhận tình trạng hôn nhân"
    assert before["service_code"] == "HT" and "fee" not in before
    assert rows[2][2] == "Chứng thực di chúc"
    assert rows[2][3]["papers"] == ["Dự thảo di chúc", "Giấy tờ tuỳ thân"]


def test_a_wrong_entry_is_refused_and_kept_in_the_form(app, client, api_world, clock):
    db = _admin(app, client, clock)
    page = _text(post(client, PAGE, {**ENTRY, "title": "   "}))
    assert "Tên thủ tục cần từ 1 đến 300 ký tự." in page
    assert 'value="3.000 đồng"' in page  # what was typed is still there
    page = _text(post(client, PAGE, {**ENTRY, "service_code": "XX"}))
    assert "Đơn vị không có lĩnh vực mã 'XX'." in page
    page = _text(post(client, PAGE, {**ENTRY, "fee": "x" * 201}))
    assert "Lệ phí dài quá 200 ký tự." in page
    assert _count(db) == 0 and _audit(db) == []
    post(client, PAGE, ENTRY)
    page = _text(post(client, PAGE, {**ENTRY, "title": ENTRY["title"].upper()}))
    assert "Lĩnh vực HT đã có thủ tục" in page
    page = _text(post(client, PAGE, {"action": "delete", "id": "999999"}))
    assert "Không tìm thấy thủ tục này" in page
    assert _count(db) == 1 and len(_audit(db)) == 1


GOOD_CSV = (
    HEADER + 'ct,Chứng thực di chúc,"Dự thảo di chúc; Giấy tờ tuỳ thân",'
    '"50.000 đồng/di chúc",Trong ngày\n'
    "\n"
    'HT,Đăng ký giám hộ,"Tờ khai đăng ký giám hộ\nVăn bản cử người giám hộ",'
    "Miễn lệ phí,03 ngày làm việc\n"
)


def test_csv_import_with_bom_then_export_round_trip(app, client, api_world, clock):
    db = _admin(app, client, clock)
    page = _text(_upload(client, b"\xef\xbb\xbf" + GOOD_CSV.encode()))
    assert "Đã nhập 2 dòng: thêm 2, cập nhật 0, giữ nguyên 0 thủ tục." in page
    [will] = _guide(client, "di chuc")
    assert will["service"]["code"] == "CT"
    assert will["papers"] == ["Dự thảo di chúc", "Giấy tờ tuỳ thân"]
    [guardian] = _guide(client, "van ban cu nguoi giam ho")
    assert guardian["papers"][0] == "Tờ khai đăng ký giám hộ"
    assert _audit(db)[-1][0] == "procedures.imported"
    assert _audit(db)[-1][3] == {"added": 2, "updated": 0, "unchanged": 0}

    again = GOOD_CSV.replace("Miễn lệ phí", "=HYPERLINK(1)").encode()  # no BOM
    page = _text(_upload(client, again))
    assert "thêm 0, cập nhật 1, giữ nguyên 1 thủ tục." in page
    assert _guide(client, "giam ho")[0]["fee"] == "=HYPERLINK(1)"

    response = client.get(PAGE + ".csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "thu-tuc-demo.csv" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == list(procedure_csv.CSV_COLUMNS)
    assert rows[2][3] == "'=HYPERLINK(1)"  # a spreadsheet does not run it
    page = _text(_upload(client, response.data))
    assert "thêm 0, cập nhật 0, giữ nguyên 2 thủ tục." in page
    assert _count(db) == 2


def test_a_bad_csv_is_refused_by_line_and_nothing_imported(
    app, client, api_world, clock
):
    db = _admin(app, client, clock)
    bad = GOOD_CSV + (
        "ZZ,Thủ tục lạ,,,\n"
        ",Không có lĩnh vực,,,\n"
        "ct,chứng thực DI CHÚC,,,\n"
        'CT,"Chứng thực, có phẩy",Giấy tờ,Miễn phí,Trong ngày,thừa\n'
    )
    page = _text(_upload(client, bad.encode()))
    assert "Chưa nhập thủ tục nào: tệp có 4 dòng lỗi." in page
    assert "Dòng 6: Đơn vị không có lĩnh vực mã 'ZZ'." in page  # after a 2-line cell
    assert "Dòng 7: Chưa chọn lĩnh vực." in page
    assert "Dòng 8: Trùng lĩnh vực và tên thủ tục với dòng 2." in page
    assert "Dòng 9: Dòng có 6 ô, nhiều hơn 5 cột" in page
    assert _count(db) == 0 and _guide(client) == []
    page = _text(_upload(client, GOOD_CSV.encode("utf-16")))
    assert "Tệp CSV cần lưu bằng mã UTF-8" in page
    page = _text(_upload(client, b"ma,ten\nCT,x\n"))
    assert "Dòng đầu của tệp thiếu cột: linh_vuc, ten_thu_tuc." in page
    page = _text(_upload(client, HEADER.encode()))
    assert "Tệp CSV không có dòng thủ tục nào." in page
    assert _count(db) == 0 and _audit(db) == []


def test_the_ward_list_seeds_an_empty_guide_once(app, client, api_world, clock):
    db = _admin(app, client, clock)
    page = _text(post(client, PAGE, {"action": "seed"}))
    fields = {"CT", "HT"}  # the office has no KD or BT field
    expected = [p for p in procedure_seed.WARD_PROCEDURES if p.service_code in fields]
    assert f"Đã nạp {len(expected)} thủ tục" in page
    assert "Nạp danh mục mẫu" not in page
    assert len(_guide(client, "chung thuc")) == sum(
        p.service_code == "CT" for p in expected
    )
    assert {p["service"]["code"] for p in _guide(client)} == fields
    page = _text(post(client, PAGE, {"action": "seed"}))
    assert "chỉ nạp danh mục mẫu khi còn trống" in page
    assert _count(db) == len(expected)
    assert [a for a, *_ in _audit(db)] == ["procedures.seeded"]
    page = _text(client.get(PAGE, query_string={"q": "KHAI SINH"}))
    assert "Đăng ký khai sinh" in page and "Đăng ký kết hôn" not in page


def test_staff_and_other_offices_admins_are_refused(app, client, api_world, clock):
    db = app_services(app).db
    build_world(db, clock, "khac")
    add_person(db, clock, "qt-khac", "khac", "admin")
    add_person(db, clock, "qt-demo", "demo", "admin")
    sign_in(client, "qt-demo")
    post(client, PAGE, ENTRY)
    [entry] = _guide(client)
    client.post("/admin/logout", data={"csrf_token": csrf(client, PAGE)})

    sign_in(client, "demo-staff")
    assert client.get(PAGE).status_code == 403
    assert client.get(PAGE + ".csv").status_code == 403
    refused = post(client, PAGE, {**ENTRY, "title": "Khác"}, "/admin/login")
    assert refused.status_code == 403
    client.post("/admin/logout", data={"csrf_token": csrf(client, "/admin/login")})

    sign_in(client, "qt-khac")
    assert client.get(PAGE).status_code == 403
    assert client.get(PAGE + ".csv").status_code == 403
    own = "/admin/o/khac/procedures"
    assert "thêm 2" in _text(_upload(client, GOOD_CSV.encode(), own))
    edit = _text(client.get(own, query_string={"edit": entry["id"]}))
    assert "Cấp giấy xác nhận" not in edit  # demo's entry is not shown
    form = {**ENTRY, "id": str(entry["id"]), "title": "Đổi tên"}
    assert "Không tìm thấy thủ tục này" in _text(post(client, own, form))
    deleted = post(client, own, {"action": "delete", "id": str(entry["id"])})
    assert "Không tìm thấy thủ tục này" in _text(deleted)
    assert _guide(client) == [entry]
    assert [p["service"]["code"] for p in _guide_of(client, "khac")] == ["CT", "HT"]
    assert [(a, who) for a, who, *_ in _audit(db)] == [
        ("procedure.added", "qt-demo"),
        ("procedures.imported", "qt-khac"),
    ]


def _guide_of(client, slug: str) -> list[dict]:
    return client.get(f"/api/v1/offices/{slug}/procedures").get_json()["procedures"]


def test_each_entry_shows_its_source_and_a_check_mark_the_admin_clears(
    app, client, api_world, clock
):
    db = _admin(app, client, clock)
    post(client, PAGE, {"action": "seed"})
    guide = _guide(client, "khai sinh")
    entry = guide[0]
    assert entry["source"].startswith("Theo Bộ thủ tục hành chính cấp xã")
    assert all(p["checked"] is False for p in _guide(client))
    page = _text(client.get(PAGE))
    count = len(_guide(client))
    assert page.count("Phường cần kiểm tra lệ phí, thời gian") == count
    assert page.count("Cổng Dịch vụ công quốc gia") == count
    done = _text(post(client, PAGE, {"action": "check", "id": str(entry["id"])}))
    assert f"lệ phí, thời gian của “{entry['title']}” đã được kiểm tra" in done
    assert done.count("Phường cần kiểm tra lệ phí, thời gian") == count - 1
    checked = {p["id"]: p["checked"] for p in _guide(client)}
    assert checked[entry["id"]] is True
    assert sum(checked.values()) == 1  # only that entry
    assert _audit(db)[-1][0] == "procedure.checked"
    post(client, PAGE, {"action": "uncheck", "id": str(entry["id"])})
    assert not any(p["checked"] for p in _guide(client))
    assert _audit(db)[-1][0] == "procedure.unchecked"
