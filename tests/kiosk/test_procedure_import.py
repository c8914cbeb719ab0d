"""A province's published procedure list, as CSV or XLSX, into the guide."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook

from motcua.core import procedure_csv, procedures
from motcua.core.auth import user_actor
from motcua.core.errors import Invalid
from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_user
from motcua.demo import seed_demo

SOURCE = "Quyết định công bố danh mục TTHC cấp xã của UBND tỉnh, 2025"
# Headings as the provinces publish them; fields by name, not code.
HEADINGS = ["STT", "Tên thủ tục hành chính", "Lĩnh vực", "Thành phần hồ sơ",
            "Phí, lệ phí", "Thời hạn giải quyết", "Nguồn"]  # fmt: skip
ROWS = [
    ["1", "Đăng ký khai sinh lưu động", "Hộ tịch", "Tờ khai\nGiấy chứng sinh",
     "Miễn", "Trong ngày", SOURCE],
    ["2", "Cấp giấy phép di dời công trình", "Xây dựng", "Đơn đề nghị; Bản vẽ",
     "Theo tỉnh", "15 ngày", SOURCE],
]  # fmt: skip


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [HEADINGS, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _admin(session, clock):  # type: ignore[no-untyped-def]
    office = office_by_slug(session, "demo")
    admin = add_user(session, clock, "boss", "matkhau123", office=office, role="admin")
    return office, user_actor(session, admin)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_published_list_is_imported_with_fields_by_name_and_source(db, clock, kind):
    with db.transaction() as session:
        seed_demo(session, clock)
        office, admin = _admin(session, clock)
        if kind == "xlsx":
            data = _xlsx(ROWS)
        else:
            out = io.StringIO()
            csv.writer(out).writerows([HEADINGS, *ROWS])
            data = out.getvalue().encode()
        report = procedure_csv.import_csv(session, office, admin, clock, data)
        assert report.added == 2 and report.lines == (
            [2, 3] if kind == "xlsx" else [2, 4]
        )
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        [found] = procedures.search(session, office, "di doi cong trinh", limit=1)
        assert found["service"]["code"] == "XD"
        assert found["papers"] == ["Đơn đề nghị", "Bản vẽ"]
        assert found["source"] == SOURCE
        exported = procedure_csv.export_csv(session, office)
        assert exported.splitlines()[0].endswith("thoi_gian,nguon")


def test_a_bad_workbook_or_unknown_field_changes_nothing(db, clock):
    with db.transaction() as session:
        seed_demo(session, clock)
        office, admin = _admin(session, clock)
        before = len(procedures.guide_entries(session, office))
        with pytest.raises(Invalid) as broken:
            procedure_csv.import_csv(session, office, admin, clock, b"PK\x03\x04junk")
        assert broken.value.code == "procedure_bad_csv"
        bad = [["1", "Thủ tục lạ", "Thuế", "x", "", "", ""]]
        with pytest.raises(Invalid) as refused:
            procedure_csv.import_csv(session, office, admin, clock, _xlsx(bad))
        assert refused.value.code == "procedure_csv_refused"
        assert refused.value.params["errors"][0]["line"] == 2
        assert len(procedures.guide_entries(session, office)) == before
