"""The assistant's matcher on the demo ward's guide, without a database: words citizens
use that name no guide word, and everyday words it must not take for guide words."""

from __future__ import annotations

import pytest

from motcua.core.assistant import best_fields
from motcua.core.procedure_seed import WARD_PROCEDURES
from motcua.core.textmatch import Matcher, docs_of
from motcua.demo import WARD_SERVICES


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    fields = {s.code: s.name_vi for s in WARD_SERVICES}
    entries = [
        (n, s.service_code, s.title, s.papers) for n, s in enumerate(WARD_PROCEDURES, 1)
    ]
    return Matcher(docs_of(entries, fields))


def test_words_are_repaired_but_everyday_words_are_kept(matcher: Matcher) -> None:
    # Telex keys left in, a run without spaces, filler dropped, "vừa" left as it is.
    assert matcher.tokens("chuwngs thuwcj") == ["chung", "thuc"]
    assert matcher.tokens("ddaats") == ["dat"]
    assert matcher.tokens("dangkykethon") == ["dang", "ky", "ket", "hon"]
    assert matcher.tokens("ong vua mat, lam thu tuc o dau") == [
        "ong", "vua", "mat", "lam",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "question, field",
    [
        ("ong noi vua mat o nha, lam thu tuc khai tu", "HT"),  # not "Nội vụ"
        ("lam giay chung tu cho ba", "HT"),
        ("nhan con rieng", "HT"),  # not "nhà ở riêng lẻ"
        ("ba noi 85 tuoi", "BT"),  # an age of sixty or more
        ("con bi bai nao", "BT"),
        ("chia dat cho may dua con", "DD"),
        ("đăng ký hộ kinh doanh", "KD"),
        ("dang ky kinh doanh ho ca the", "KD"),
        ("cap lai giay chung nhan ho kinh doanh", "KD"),
    ],
)
def test_questions_route_to_their_field(matcher: Matcher, question, field) -> None:  # type: ignore[no-untyped-def]
    answers = best_fields(matcher, question)
    assert answers and answers[0].field == field, answers


@pytest.mark.parametrize(
    "question", ["cap lai so ho khau", "cấp lại sổ hộ khẩu", "hộ", "xin cap lai"]
)
def test_words_most_fields_hold_choose_no_field(matcher: Matcher, question) -> None:  # type: ignore[no-untyped-def]
    """The household book is no ward matter: "cấp lại" is said in three fields and the
    folded "ho" (hộ, họ, hồ, hỗ) in seven, so nothing tells the field and the kiosk
    asks the citizen to see the staff, not "Đăng ký hộ kinh doanh"."""
    assert best_fields(matcher, question) == []


def test_the_household_book_brushes_household_business_without_telling_it(
    matcher: Matcher,
) -> None:
    hits = matcher.rank("cấp lại sổ hộ khẩu", limit=5)
    business = [h for h in hits if h.doc.field == "KD"]
    assert business and business[0].score > 0  # "cấp", "lại", "cấp lại", "ho"
    assert not any(h.telling for h in hits)
    assert "ho" not in matcher.telling and "cap lai" not in matcher.telling
    assert "kinh doanh" in matcher.telling
