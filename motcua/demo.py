"""The demo office: the ward fields of DOMAIN.md, six counters, accounts and devices."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from motcua.core.clock import Clock
from motcua.core.errors import NotFound
from motcua.core.lookup import office_by_slug
from motcua.core.procedure_seed import seed_ward_procedures
from motcua.core.setup import (
    ServiceSpec,
    add_counter,
    add_device,
    add_service,
    add_user,
    create_office,
)
from motcua.devices import KIND_NAMES

WARD_SERVICES = [
    ServiceSpec("CT", "Chứng thực", "Certification", 1001, 1999, avg_service_s=600),
    ServiceSpec("HT", "Hộ tịch", "Civil status", 2001, 2999, avg_service_s=480),
    ServiceSpec("DD", "Đất đai", "Land", 3001, 3999, avg_service_s=2100),
    ServiceSpec("XD", "Xây dựng", "Construction", 4001, 4999, avg_service_s=1200),
    ServiceSpec("KD", "Đăng ký hộ kinh doanh", "Household business", 5001, 5999),
    ServiceSpec(
        "BT", "Bảo trợ xã hội, trẻ em", "Social protection, children", 6001, 6999
    ),
    ServiceSpec("NCC", "Người có công", "People with meritorious service", 7001, 7999),
    ServiceSpec("NV", "Nội vụ", "Home affairs", 8001, 8999),
    ServiceSpec("GD", "Giáo dục", "Education", 9001, 9999),
]
# Which fields each counter serves, as a ward shares its work: the busy fields
# (Chứng thực, Hộ tịch) at two counters each, land with construction, the smaller
# fields together, and counter 6 serving every field (priority and spare).
COUNTER_FIELDS: dict[int, tuple[str, ...]] = {
    1: ("CT",),
    2: ("CT", "HT"),
    3: ("HT", "NV", "GD"),
    4: ("DD", "XD"),
    5: ("KD", "BT", "NCC"),
    6: tuple(spec.code for spec in WARD_SERVICES),
}
DEMO_PASSWORD = "motcua-demo"


@dataclass
class DemoOffice:
    slug: str
    users: dict[str, str] = field(default_factory=dict)
    devices: dict[str, str] = field(default_factory=dict)
    created: bool = True


def demo_users(slug: str) -> dict[str, str]:
    """The demo office's accounts by user name, with their roles."""
    roles = {"canbo": "staff", "quanly": "manager", "quantri": "admin"}
    return {(u if slug == "demo" else f"{slug}-{u}"): r for u, r in roles.items()}


def seed_demo(session: Session, clock: Clock, slug: str = "demo") -> DemoOffice:
    """Create the demo office once; on later runs report that it exists."""
    try:
        office_by_slug(session, slug)
        return DemoOffice(slug, users=demo_users(slug), created=False)
    except NotFound:
        pass
    office = create_office(session, clock, slug, "UBND Phường Demo")
    services = [add_service(session, office, spec) for spec in WARD_SERVICES]
    by_code = {s.code: s for s in services}
    counters = [
        add_counter(session, office, n, [by_code[code] for code in codes])
        for n, codes in COUNTER_FIELDS.items()
    ]
    seed_ward_procedures(session, office)
    demo = DemoOffice(slug, users=demo_users(slug))
    for username, role in demo.users.items():
        add_user(session, clock, username, DEMO_PASSWORD, office=office, role=role)
    for kind in ("kiosk", "display"):
        _, token = add_device(session, clock, office, kind, f"{KIND_NAMES[kind]} 1")
        demo.devices[kind] = token
    rating = f"{KIND_NAMES['rating']} 1"
    _, token = add_device(session, clock, office, "rating", rating, counters[0])
    demo.devices["rating"] = token
    return demo
