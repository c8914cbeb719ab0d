"""The procedure guide: diacritic-free search, tenancy, the demo seed."""

from __future__ import annotations

import pytest

from motcua.core import procedure_seed, procedures
from motcua.core.lookup import office_by_slug
from motcua.demo import seed_demo


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
        every = procedures.search(session, office, "")
        assert len(every) == len(procedure_seed.WARD_PROCEDURES)
        plain = procedures.search(session, office, "chung thuc")
        accented = procedures.search(session, office, "CHỨNG THỰC")
        assert [p["id"] for p in plain] == [p["id"] for p in accented]
        assert len(plain) == 3
        assert all("Chứng thực" in p["title"] for p in plain)
        birth = procedures.search(session, office, "khai sinh")
        assert [p["title"] for p in birth] == ["Đăng ký khai sinh"]
        assert birth[0]["service"] == {
            "code": "HT",
            "name": "Hộ tịch",
            "name_en": "Civil status",
        }
        assert birth[0]["papers"][0] == "Tờ khai đăng ký khai sinh theo mẫu"
        # A word of the papers list counts too; every word must match.
        assert procedures.search(session, office, "giay chung sinh")
        assert procedures.search(session, office, "khai sinh dat dai") == []
        assert procedures.search(session, office, "100%_") == []
        other = office_by_slug(session, "khac")
        ids = {p["id"] for p in procedures.search(session, other, "chung thuc")}
        assert ids and ids.isdisjoint(p["id"] for p in plain)
