"""The ward list: real procedures to start a guide with, and the demo seed."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Invalid
from motcua.core.models import Office
from motcua.core.office_admin import audit
from motcua.core.procedures import (
    ProcedureSpec,
    add_procedure,
    field_codes,
    guide_entries,
)

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


def seed_guide(session: Session, office: Office, actor: Actor, clock: Clock) -> int:
    """The ward list as a start for an empty guide, for the fields the office has."""
    require_role(actor, office, "admin")
    if guide_entries(session, office):
        raise Conflict("procedure_guide_not_empty")
    codes = field_codes(session, office)
    specs = [
        replace(s, service_code=codes[s.service_code])
        for s in WARD_PROCEDURES
        if s.service_code in codes
    ]
    if not specs:
        ward = sorted({s.service_code for s in WARD_PROCEDURES})
        raise Invalid("procedure_seed_no_field", codes=", ".join(ward))
    for spec in specs:
        add_procedure(session, office, spec)
    audit(session, office, actor, clock, "procedures.seeded", "", added=len(specs))
    return len(specs)
