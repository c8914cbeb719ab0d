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
    ],
)
def test_questions_route_to_their_field(matcher: Matcher, question, field) -> None:  # type: ignore[no-untyped-def]
    answers = best_fields(matcher, question)
    assert answers and answers[0].field == field, answers
