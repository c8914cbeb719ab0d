"""The procedure guide in and out of CSV, as a spreadsheet opens and saves it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from motcua.core.actors import Actor, require_role
from motcua.core.clock import Clock
from motcua.core.errors import Invalid
from motcua.core.models import Office
from motcua.core.office_admin import audit
from motcua.core.procedures import (
    ProcedureSpec,
    add_procedure,
    apply_spec,
    checked_spec,
    entry_key,
    field_codes,
    fold,
    guide_entries,
    spec_of,
    split_papers,
)

CSV_MAX_BYTES, CSV_MAX_ROWS = 2_000_000, 2000
CSV_COLUMNS = ("linh_vuc", "ten_thu_tuc", "giay_to", "le_phi", "thoi_gian", "nguon")
# Headings of the provinces' published lists, taken as our columns.
ALIASES = {
    "ten_tthc": "ten_thu_tuc", "thu_tuc": "ten_thu_tuc",
    "ten_thu_tuc_hanh_chinh": "ten_thu_tuc", "thanh_phan_ho_so": "giay_to",
    "ho_so": "giay_to", "phi_le_phi": "le_phi", "phi": "le_phi",
    "thoi_han_giai_quyet": "thoi_gian", "thoi_gian_giai_quyet": "thoi_gian",
    "nguon_trich": "nguon", "can_cu": "nguon",
}  # fmt: skip
XLSX_MAGIC = b"PK\x03\x04"
# A spreadsheet runs a cell starting with these as a formula.
FORMULA = ("=", "+", "-", "@")


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
    header, rows = _checked_table(*_table(data))
    specs = _checked_rows(field_codes(session, office), header, rows)
    existing = {entry_key(spec_of(row)): row for row in guide_entries(session, office)}
    report = ImportReport(lines=[line for line, _ in rows])
    for spec in specs:
        row = existing.get(entry_key(spec))
        if row is None:
            add_procedure(session, office, spec)
            report.added += 1
        elif apply_spec(row, spec):
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


def _table(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and non-blank rows of a CSV or XLSX file, as the reader saw them."""
    if data.startswith(XLSX_MAGIC):
        return _xlsx_rows(data)
    return _csv_rows(_decode(data))


def _csv_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header's cells and each non-blank row with its first line."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        rows, end = [], reader.line_num
        for cells in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
    except csv.Error as err:
        raise Invalid("procedure_bad_csv") from err
    return header, rows


def _xlsx_rows(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The first sheet of a workbook: its first row as header, then the others."""
    import openpyxl  # loaded when needed: it is heavy

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        cells = [
            ["" if v is None else str(v) for v in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    except Exception as err:  # a damaged or foreign zip: say so, whatever broke
        raise Invalid("procedure_bad_csv") from err
    header = cells[0] if cells else []
    rows = [(n, r) for n, r in enumerate(cells[1:], 2) if any(c.strip() for c in r)]
    return header, [(n, r[: len(header)] + [c for c in r[len(header) :] if c.strip()])
                    for n, r in rows]  # fmt: skip


def _checked_table(
    header: list[str], rows: list[tuple[int, list[str]]]
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    names = [fold(name).replace(" ", "_") for name in header]
    names = [ALIASES.get(name, name) for name in names]
    missing = [name for name in CSV_COLUMNS[:2] if name not in names]
    if missing:
        raise Invalid("procedure_csv_columns", missing=", ".join(missing))
    if len(rows) > CSV_MAX_ROWS:
        raise Invalid("procedure_csv_too_many", most=CSV_MAX_ROWS)
    return names, rows


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
        row.get("nguon", ""),
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
            if entry_key(spec) in seen:
                raise Invalid("procedure_csv_duplicate", other=seen[entry_key(spec)])
            seen[entry_key(spec)] = line
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
    for row in guide_entries(session, office):
        cells = (
            row.service_code, row.title, row.papers, row.fee, row.duration, row.source
        )  # fmt: skip
        writer.writerow([_guarded(cell) for cell in cells])
    return "\ufeff" + out.getvalue()


def _guarded(cell: str) -> str:
    """A leading quote keeps a spreadsheet from running the cell as a formula."""
    return "'" + cell if cell.startswith(FORMULA) else cell


def _unguarded(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in FORMULA else cell
