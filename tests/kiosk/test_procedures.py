"""The procedure guide: diacritic-free search, tenancy, the demo seed."""

from __future__ import annotations

import pytest

from motcua.core import procedure_seed, procedures
from motcua.core.lookup import office_by_slug
from motcua.demo import WARD_SERVICES, seed_demo


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Chứng thực", "chung thuc"),
        ("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh"),
        ("Hộ tịch, đất đai!", "ho tich dat dai"),
        ("Người có công", "nguoi co cong"),
        ("  trợ   cấp ", "tro cap"),
    ],
)
def test_fold_drops_diacritics_and_case(text, folded):
    assert procedures.fold(text) == folded


def test_search_finds_procedures_with_or_without_accents(db, clock):
    with db.transaction() as session:
        seed_demo(session, clock)
        seed_demo(session, clock, "khac")
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        every = procedures.search(session, office, "", limit=100)
        assert len(every) == len(procedure_seed.WARD_PROCEDURES)
        plain = procedures.search(session, office, "chung thuc")
        accented = procedures.search(session, office, "CHỨNG THỰC")
        assert [p["id"] for p in plain] == [p["id"] for p in accented]
        assert plain and all(p["service"]["code"] == "CT" for p in plain)
        birth = procedures.search(session, office, "khai sinh")
        assert birth[0]["title"] == "Đăng ký khai sinh"
        assert birth[0]["service"] == {
            "code": "HT",
            "name": "Hộ tịch",
            "name_en": "Civil status",
        }
        assert birth[0]["papers"][0] == "Tờ khai đăng ký khai sinh theo mẫu"
        assert "Cổng Dịch vụ công quốc gia" in birth[0]["source"]
        # A word of the papers list counts too.
        assert procedures.search(session, office, "giay chung sinh")
        assert procedures.search(session, office, "100%_") == []
        assert procedures.search(session, office, "qqqq zzzz") == []
        other = office_by_slug(session, "khac")
        ids = {p["id"] for p in procedures.search(session, other, "chung thuc")}
        assert ids and ids.isdisjoint(p["id"] for p in plain)


def test_every_field_of_the_demo_has_entries_with_all_details():
    fields = {s.code for s in WARD_SERVICES}
    seeded = {s.service_code for s in procedure_seed.WARD_PROCEDURES}
    assert seeded == fields
    for spec in procedure_seed.WARD_PROCEDURES:
        assert spec.papers and spec.fee and spec.duration, spec.title
        assert spec.source.startswith("Theo Bộ thủ tục hành chính cấp xã")


@pytest.mark.parametrize(
    "query, field, title",
    [
        ("khaisinh", "HT", "Đăng ký khai sinh"),
        ("KHAI SINH", "HT", "Đăng ký khai sinh"),
        ("dang ky khai sin", "HT", "Đăng ký khai sinh"),
        ("dangkykethon", "HT", "Đăng ký kết hôn"),
        ("đất đai", "DD", None),
        ("dat dai", "DD", None),
        ("xây dựng", "XD", None),
        ("giấy phép xây dựng", "XD", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
        ("giay phep xay dung", "XD", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
        ("giay fep xay dung", "XD", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
        ("sao y so do", "CT", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
        ("sang ten so do", "DD", None),
        (
            "xin giay phep sua nha",
            "XD",
            "Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ",
        ),
        ("giay xac nhan doc than", "HT", "Cấp Giấy xác nhận tình trạng hôn nhân"),
        ("hộ kinh doanh", "KD", None),
        ("chứng thực chữ ký", "CT", "Chứng thực chữ ký trong giấy tờ, văn bản"),
        # Telex keys left in when the keyboard's Vietnamese mode is off.
        ("chuwngs thuwcj chuwx kys", "CT", "Chứng thực chữ ký trong giấy tờ, văn bản"),
        ("ddawng kys khai sinh", "HT", "Đăng ký khai sinh"),
        # Everyday words are not "corrected" into guide words: "vừa" is not "vụ",
        # "ông nội" is not "Nội vụ"; "thủ tục" says nothing.
        ("ong noi vua mat o nha, lam thu tuc khai tu", "HT", "Đăng ký khai tử"),
        # A southern word, a number of floors, an age.
        ("cat nha 2 lau", "XD", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
        ("ba toi 82 tuoi xin tien tro cap", "BT", None),
    ],
)
def test_search_tolerates_spaces_typos_fields_and_synonyms(
    db, clock, query, field, title
):
    with db.transaction() as session:
        seed_demo(session, clock)
    with db.transaction() as session:
        found = procedures.search(session, office_by_slug(session, "demo"), query)
    assert found, query
    assert found[0]["service"]["code"] == field
    if title is not None:
        assert found[0]["title"] == title
