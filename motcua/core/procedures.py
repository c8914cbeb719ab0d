"""The procedure guide: papers, fees and times, searchable without diacritics."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Conflict, Invalid, NotFound
from motcua.core.models import Office, Procedure, Service
from motcua.core.office_admin import audit

TITLE_MAX, TEXT_MAX, PAPER_MAX, PAPERS_MAX = 300, 200, 500, 50
CSV_MAX_BYTES, CSV_MAX_ROWS = 2_000_000, 2000
CSV_COLUMNS = ("linh_vuc", "ten_thu_tuc", "giay_to", "le_phi", "thoi_gian")
BULLET = re.compile(r"^\s*(?:[-*+\u2022\u2013]\s+|\d{1,2}[.)]\s+)")
# A spreadsheet runs a cell starting with these as a formula.
FORMULA = ("=", "+", "-", "@")


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
        search_text=_index(spec),
    )
    session.add(row)
    return row


def _index(spec: ProcedureSpec) -> str:
    return fold(" ".join((spec.service_code, spec.title, *spec.papers)))


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


def split_papers(raw: str, semicolons: bool = False) -> tuple[str, ...]:
    """Papers one per line (or split at ";"), list bullets and numbers dropped."""
    parts = re.split(r"[;\r\n]+" if semicolons else r"[\r\n]+", raw)
    return tuple(_line(BULLET.sub("", p)) for p in parts if p.strip())


def _field_codes(session: Session, office: Office) -> dict[str, str]:
    """The office's field codes, found as typed or in capitals."""
    stmt = select(Service.code).where(Service.office_id == office.id)
    codes = list(session.scalars(stmt))
    return {**{c.upper(): c for c in codes}, **{c: c for c in codes}}


def _field_code(codes: dict[str, str], raw: str) -> str:
    code = raw.strip()
    if not code:
        raise Invalid("procedure_no_field")
    known = codes.get(code) or codes.get(code.upper())
    if known is None:
        raise Invalid("procedure_unknown_field", code=code[:16])
    return known


def checked_spec(codes: dict[str, str], spec: ProcedureSpec) -> ProcedureSpec:
    """The entry tidied (spaces, empty papers) and checked; Invalid if wrong."""
    title, fee, duration = (_line(t) for t in (spec.title, spec.fee, spec.duration))
    papers = tuple(_line(p) for p in spec.papers if p.strip())
    if not 0 < len(title) <= TITLE_MAX:
        raise Invalid("procedure_bad_title", most=TITLE_MAX)
    if len(papers) > PAPERS_MAX or any(len(p) > PAPER_MAX for p in papers):
        raise Invalid("procedure_bad_papers", count=PAPERS_MAX, most=PAPER_MAX)
    if len(fee) > TEXT_MAX:
        raise Invalid("procedure_bad_fee", most=TEXT_MAX)
    if len(duration) > TEXT_MAX:
        raise Invalid("procedure_bad_duration", most=TEXT_MAX)
    code = _field_code(codes, spec.service_code)
    return ProcedureSpec(code, title, papers, fee, duration)


def _line(text: str) -> str:
    return " ".join(text.split())


def _key(spec: ProcedureSpec) -> tuple[str, str]:
    return spec.service_code, fold(spec.title)


def _entries(session: Session, office: Office) -> list[Procedure]:
    stmt = select(Procedure).where(Procedure.office_id == office.id)
    return list(session.scalars(stmt.order_by(Procedure.service_code, Procedure.id)))


def _ensure_unique(
    session: Session, office: Office, spec: ProcedureSpec, own_id: int | None
) -> None:
    for row in _entries(session, office):
        if row.id != own_id and _key(spec_of(row)) == _key(spec):
            raise Conflict("procedure_exists", code=spec.service_code, title=spec.title)


def spec_of(row: Procedure) -> ProcedureSpec:
    """A stored entry as a spec."""
    papers = tuple(p for p in row.papers.split("\n") if p)
    return ProcedureSpec(row.service_code, row.title, papers, row.fee, row.duration)


def procedure_by_id(session: Session, office: Office, procedure_id: int) -> Procedure:
    """One entry of the office's guide."""
    row = session.get(Procedure, procedure_id)
    if row is None or row.office_id != office.id:
        raise NotFound("procedure_unknown")
    return row


def create_procedure(
    session: Session, office: Office, actor: Actor, clock: Clock, spec: ProcedureSpec
) -> Procedure:
    """A new guide entry, checked and audited."""
    require_role(actor, office, "admin")
    spec = checked_spec(_field_codes(session, office), spec)
    _ensure_unique(session, office, spec, None)
    row = add_procedure(session, office, spec)
    session.flush()
    audit(session, office, actor, clock, "procedure.added", spec.title, id=row.id)
    return row


def _apply(row: Procedure, spec: ProcedureSpec) -> dict[str, Any]:
    """Write the spec and its search text on the row; the old values that changed."""
    old = spec_of(row)
    names = ("service_code", "title", "papers", "fee", "duration")
    before = {n: getattr(old, n) for n in names if getattr(old, n) != getattr(spec, n)}
    row.service_code, row.title = spec.service_code, spec.title
    row.papers, row.fee, row.duration = "\n".join(spec.papers), spec.fee, spec.duration
    row.search_text = _index(spec)
    return before


def update_procedure(
    session: Session,
    office: Office,
    actor: Actor,
    clock: Clock,
    procedure_id: int,
    spec: ProcedureSpec,
) -> Procedure:
    """Change a guide entry; its search text follows. Audited with the old values."""
    require_role(actor, office, "admin")
    row = procedure_by_id(session, office, procedure_id)
    spec = checked_spec(_field_codes(session, office), spec)
    _ensure_unique(session, office, spec, row.id)
    before = _apply(row, spec)
    if before:
        audit(
            session, office, actor, clock, "procedure.changed", spec.title,
            id=row.id, before=before,
        )  # fmt: skip
    return row


def delete_procedure(
    session: Session, office: Office, actor: Actor, clock: Clock, procedure_id: int
) -> None:
    """Remove a guide entry; the audit log keeps what it said."""
    require_role(actor, office, "admin")
    row = procedure_by_id(session, office, procedure_id)
    kept = spec_of(row)
    audit(
        session, office, actor, clock, "procedure.deleted", row.title,
        id=row.id, field=kept.service_code, papers=kept.papers, fee=kept.fee,
        duration=kept.duration,
    )  # fmt: skip
    session.delete(row)


def seed_guide(session: Session, office: Office, actor: Actor, clock: Clock) -> int:
    """The ward list as a start for an empty guide, for the fields the office has."""
    require_role(actor, office, "admin")
    if _entries(session, office):
        raise Conflict("procedure_guide_not_empty")
    codes = _field_codes(session, office)
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


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: list[int] = field(default_factory=list)


def import_csv(
    session: Session, office: Office, actor: Actor, clock: Clock, data: bytes
) -> ImportReport:
    """Load entries from CSV (see CSV_COLUMNS); one bad line and nothing is loaded.

    An entry with the field and title of an existing one replaces its details.
    """
    require_role(actor, office, "admin")
    header, rows = _csv_rows(_decode(data))
    specs = _checked_rows(_field_codes(session, office), header, rows)
    existing = {_key(spec_of(row)): row for row in _entries(session, office)}
    report = ImportReport(lines=[line for line, _ in rows])
    for spec in specs:
        row = existing.get(_key(spec))
        if row is None:
            add_procedure(session, office, spec)
            report.added += 1
        elif _apply(row, spec):
            report.updated += 1
        else:
            report.unchanged += 1
    audit(
        session, office, actor, clock, "procedures.imported", "",
        added=report.added, updated=report.updated, unchanged=report.unchanged,
    )  # fmt: skip
    return report


def _decode(data: bytes) -> str:
    if len(data) > CSV_MAX_BYTES:
        raise Invalid("procedure_csv_too_large", most_mb=CSV_MAX_BYTES // 1_000_000)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid("procedure_csv_encoding") from None


def _csv_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header's column names and each non-blank row with its first line."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [fold(name).replace(" ", "_") for name in next(reader, [])]
        rows, end = [], reader.line_num
        for cells in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
    except csv.Error as err:
        raise Invalid("procedure_bad_csv") from err
    missing = [name for name in CSV_COLUMNS[:2] if name not in header]
    if missing:
        raise Invalid("procedure_csv_columns", missing=", ".join(missing))
    if len(rows) > CSV_MAX_ROWS:
        raise Invalid("procedure_csv_too_many", most=CSV_MAX_ROWS)
    return header, rows


def _row_spec(header: list[str], cells: list[str]) -> ProcedureSpec:
    if any(cell.strip() for cell in cells[len(header) :]):
        raise Invalid("procedure_csv_cells", found=len(cells), expected=len(header))
    row = {name: _unguarded(cell) for name, cell in zip(header, cells)}
    return ProcedureSpec(
        row.get("linh_vuc", ""),
        row.get("ten_thu_tuc", ""),
        split_papers(row.get("giay_to", ""), semicolons=True),
        row.get("le_phi", ""),
        row.get("thoi_gian", ""),
    )


def _checked_rows(
    codes: dict[str, str], header: list[str], rows: list[tuple[int, list[str]]]
) -> list[ProcedureSpec]:
    """Every row checked; Invalid listing each bad line, or the specs."""
    specs: list[ProcedureSpec] = []
    errors: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        try:
            spec = checked_spec(codes, _row_spec(header, cells))
            if _key(spec) in seen:
                raise Invalid("procedure_csv_duplicate", other=seen[_key(spec)])
            seen[_key(spec)] = line
            specs.append(spec)
        except Invalid as err:
            errors.append({"line": line, "code": err.code, "params": err.params})
    if errors:
        raise Invalid("procedure_csv_refused", count=len(errors), errors=errors)
    if not specs:
        raise Invalid("procedure_csv_empty")
    return specs


def export_csv(session: Session, office: Office) -> str:
    """The guide in the import's columns, papers one per line; BOM for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in _entries(session, office):
        cells = (row.service_code, row.title, row.papers, row.fee, row.duration)
        writer.writerow([_guarded(cell) for cell in cells])
    return "\ufeff" + out.getvalue()


def _guarded(cell: str) -> str:
    """A leading quote keeps a spreadsheet from running the cell as a formula."""
    return "'" + cell if cell.startswith(FORMULA) else cell


def _unguarded(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in FORMULA else cell
