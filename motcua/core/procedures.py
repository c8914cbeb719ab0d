"""The procedure guide: papers, fees and times, searchable without diacritics."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.models import Office, Procedure, Service


def fold(text: str) -> str:
    """Lower case without Vietnamese diacritics: "Chứng thực" -> "chung thuc"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", " ", bare.lower()).strip()


@dataclass(frozen=True)
class ProcedureSpec:
    service_code: str
    title: str
    papers: tuple[str, ...]
    fee: str
    duration: str


def add_procedure(session: Session, office: Office, spec: ProcedureSpec) -> Procedure:
    """A guide entry of the office, indexed for diacritic-free search."""
    row = Procedure(
        office_id=office.id,
        service_code=spec.service_code,
        title=spec.title,
        papers="\n".join(spec.papers),
        fee=spec.fee,
        duration=spec.duration,
        search_text=fold(" ".join((spec.service_code, spec.title, *spec.papers))),
    )
    session.add(row)
    return row


def _escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(
    session: Session, office: Office, query: str = "", limit: int = 30
) -> list[dict[str, Any]]:
    """Entries whose words contain every word of the query, accents or not."""
    stmt = select(Procedure).where(Procedure.office_id == office.id)
    for term in fold(query).split()[:8]:
        stmt = stmt.where(Procedure.search_text.like(f"%{_escape(term)}%", escape="\\"))
    stmt = stmt.order_by(Procedure.service_code, Procedure.id).limit(limit)
    names = _service_names(session, office)
    return [procedure_view(row, names) for row in session.scalars(stmt)]


def _service_names(session: Session, office: Office) -> dict[str, tuple[str, str]]:
    rows = session.execute(
        select(Service.code, Service.name_vi, Service.name_en).where(
            Service.office_id == office.id
        )
    )
    return {code: (vi, en) for code, vi, en in rows}


def procedure_view(row: Procedure, names: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """What the guide shows of one procedure."""
    vi, en = names.get(row.service_code, (row.service_code, row.service_code))
    return {
        "id": row.id,
        "service": {"code": row.service_code, "name": vi, "name_en": en},
        "title": row.title,
        "papers": [p for p in row.papers.split("\n") if p],
        "fee": row.fee,
        "duration": row.duration,
    }


# A few real ward procedures (national catalogue, 2025), for the demo office.
WARD_PROCEDURES = (
    ProcedureSpec(
        "CT",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        ("Bản chính giấy tờ, văn bản", "Bản sao cần chứng thực"),
        "2.000 đồng/trang; từ trang thứ 3 là 1.000 đồng/trang, tối đa 200.000 đồng/bản",
        "Trong ngày làm việc (nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)",
    ),
    ProcedureSpec(
        "CT",
        "Chứng thực chữ ký trong giấy tờ, văn bản",
        ("Giấy tờ tuỳ thân còn giá trị (CCCD, hộ chiếu)", "Giấy tờ cần ký"),
        "10.000 đồng/trường hợp",
        "Trong ngày làm việc",
    ),
    ProcedureSpec(
        "CT",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        (
            "Dự thảo hợp đồng, giao dịch",
            "Bản sao giấy tờ tuỳ thân của người yêu cầu chứng thực",
            "Bản sao giấy chứng nhận quyền sở hữu tài sản",
        ),
        "50.000 đồng/hợp đồng, giao dịch",
        "Không quá 02 ngày làm việc",
    ),
    ProcedureSpec(
        "HT",
        "Đăng ký khai sinh",
        (
            "Tờ khai đăng ký khai sinh theo mẫu",
            "Giấy chứng sinh (hoặc văn bản của người làm chứng)",
            "Giấy tờ tuỳ thân của người đi đăng ký",
        ),
        "Miễn lệ phí đăng ký khai sinh đúng hạn",
        "Ngay trong ngày tiếp nhận hồ sơ",
    ),
    ProcedureSpec(
        "HT",
        "Đăng ký kết hôn",
        ("Tờ khai đăng ký kết hôn theo mẫu", "Giấy tờ tuỳ thân của hai bên nam, nữ"),
        "Miễn lệ phí (kết hôn trong nước)",
        "Ngay trong ngày tiếp nhận hồ sơ",
    ),
    ProcedureSpec(
        "HT",
        "Đăng ký khai tử",
        (
            "Tờ khai đăng ký khai tử theo mẫu",
            "Giấy báo tử hoặc giấy tờ thay giấy báo tử",
        ),
        "Miễn lệ phí đăng ký khai tử đúng hạn",
        "Ngay trong ngày tiếp nhận hồ sơ",
    ),
    ProcedureSpec(
        "HT",
        "Cấp bản sao trích lục hộ tịch",
        ("Tờ khai cấp bản sao trích lục hộ tịch", "Giấy tờ tuỳ thân"),
        "8.000 đồng/bản sao trích lục",
        "Ngay trong ngày tiếp nhận yêu cầu",
    ),
    ProcedureSpec(
        "KD",
        "Đăng ký thành lập hộ kinh doanh",
        (
            "Giấy đề nghị đăng ký hộ kinh doanh",
            "Bản sao giấy tờ pháp lý của chủ hộ kinh doanh",
        ),
        "Theo quy định của Hội đồng nhân dân cấp tỉnh",
        "03 ngày làm việc",
    ),
    ProcedureSpec(
        "BT",
        "Trợ cấp xã hội hằng tháng đối với người cao tuổi",
        ("Tờ khai đề nghị trợ giúp xã hội theo mẫu",),
        "Không thu phí",
        "Theo quy định, tối đa 22 ngày làm việc",
    ),
)


def seed_ward_procedures(session: Session, office: Office) -> int:
    """Put the demo ward's guide entries in place; returns how many were added."""
    for spec in WARD_PROCEDURES:
        add_procedure(session, office, spec)
    session.flush()
    return len(WARD_PROCEDURES)
