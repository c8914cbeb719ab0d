"""Reports: the REST daily report, the report page with charts, stored daily reports."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Response, g, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from motcua.admin import auth, export, scheduler
from motcua.admin.language import page_lang
from motcua.admin.settings import services_of
from motcua.admin.views import admin
from motcua.api import answers, bodies
from motcua.api.contract import contract
from motcua.core import daily, reports
from motcua.core.actors import Actor, require_role
from motcua.core.db import Session, Written
from motcua.core.dossiers import parse_date
from motcua.core.lookup import office_by_slug
from motcua.core.models import DailyReport, Office
from motcua.web import ApiError, clock, database, read, run

FORMATS = ("json", "csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(name: str, default: date | None = None) -> date:
    raw = request.args.get(name)
    if raw is None and default is not None:
        return default
    try:
        return parse_date(raw or "")
    except ValueError:
        raise ApiError(400, "invalid_field", field=name, reason="YYYY-MM-DD") from None


def _format() -> str:
    chosen = request.args.get("format", "json")
    if chosen not in FORMATS:
        raise ApiError(400, "invalid_field", field="format", reason="csv, xlsx")
    return chosen


def report_file(report: dict[str, Any], chosen: str) -> ResponseReturnValue:
    """The report as JSON, or as a file to download."""
    if chosen == "json":
        return jsonify(report)
    name = f"bao-cao-{report['office']}-{report.get('date') or report['from']}"
    if chosen == "csv":
        body, mimetype = export.to_csv(report), "text/csv"
    else:
        body, mimetype = export.to_xlsx(report), XLSX
    disposition = f'attachment; filename="{name}.{chosen}"'
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": disposition}
    )


@admin.get("/api/v1/offices/<office>/reports/daily")
@contract(
    "The day's figures (API.md); format=csv or xlsx for a file",
    {200: {"application/json": answers.Report, "text/csv": None, XLSX: None}},
    errors=(400, 401, 403, 404),
    query=bodies.DailyReport,
    auth=auth.api_actor,
)
def daily_api(office: str, query: bodies.DailyReport) -> ResponseReturnValue:
    actor = auth.api_actor()
    day, chosen = query.date, query.format

    def op(session: Session) -> dict[str, Any]:
        found = office_by_slug(session, office)
        require_role(actor, found, "manager")
        return reports.daily_report(session, found, day)

    return report_file(read(op), chosen)


def _range(office: Office) -> tuple[date, date]:
    today = reports.today(office, clock())
    first = _day("from", today)
    return first, _day("to", first if request.args.get("from") else today)


@admin.get("/admin/o/<slug>/reports")
@auth.office_page("manager")
def report_page(actor: Actor, office: Office) -> ResponseReturnValue:
    first, last = _range(office)
    report = read(
        lambda s: reports.range_report(s, office_by_slug(s, office.slug), first, last)
    )
    for row in report.get("by_day", []):
        row["day"] = export.vn_date(row["date"])
    if page_lang() == "en":  # the fields by their English names, where they have one
        english = {s.code: s.name_en for s in services_of(office)}
        for row in report["by_service"]:
            row["name"] = english.get(row["code"]) or row["name"]
    return render_template(
        "admin/reports.html",
        office=office,
        report=report,
        first=first,
        last=last,
        week=first - timedelta(days=6),
        charts=_charts(report),
    )


@admin.get("/admin/o/<slug>/reports/export")
@auth.office_page("manager")
def report_export(actor: Actor, office: Office) -> ResponseReturnValue:
    first, last = _range(office)
    report = read(
        lambda s: reports.range_report(s, office_by_slug(s, office.slug), first, last)
    )
    return report_file(report, _format())


def _bars(
    rows: list[dict[str, Any]], label: str, key: str, unit: str = ""
) -> dict[str, Any]:
    """Bars for an inline SVG chart: no script, no CDN."""
    top = max([r[key] for r in rows] + [1])
    return {
        "bars": [
            {
                "label": f"{r[label]}{unit}",
                "value": r[key],
                "share": r[key] / top,
            }
            for r in rows
        ]
    }


def _charts(report: dict[str, Any]) -> dict[str, Any]:
    return {
        "hour": _bars(report["by_hour"], "hour", "issued", "h"),  # "8h", not "8"
        # Field names are long: their bars lie flat, the name on the left.
        "service": _bars(report["by_service"], "name", "issued"),
    }


def _stored(office: Office) -> list[DailyReport]:
    return read(lambda s: daily.stored_reports(s, office, 60))


@admin.get("/admin/o/<slug>/daily")
@auth.office_page("manager")
def daily_page(actor: Actor, office: Office) -> ResponseReturnValue:
    return render_template(
        "admin/daily.html",
        office=office,
        stored=_stored(office),
        due=daily.due_time(office, clock().now()),
        key=_key(office) if g.role == "admin" else None,
    )


def _key(office: Office, rotate: bool = False) -> str:
    def op(session: Session) -> Written[str]:
        found = office_by_slug(session, office.slug)
        key = daily.rotate_push_key(found) if rotate else daily.push_key(found)
        return key, []

    return str(run(op))


@admin.post("/admin/o/<slug>/daily/key")
@auth.office_page("admin")
def daily_key(actor: Actor, office: Office) -> ResponseReturnValue:
    """A new signing key, for when the old one leaked or the city asks for one."""
    _key(office, rotate=True)
    return redirect(url_for("admin.daily_page", slug=office.slug))


@admin.post("/admin/o/<slug>/daily/build")
@auth.office_page("manager")
def daily_build(actor: Actor, office: Office) -> ResponseReturnValue:
    def op(session: Session) -> Written[int]:
        found = office_by_slug(session, office.slug)
        day = reports.today(found, clock())
        return reports.store_daily_report(session, found, clock(), day).id, []

    report_id = run(op)
    scheduler.push_now(database(), clock(), report_id)
    return redirect(url_for("admin.daily_page", slug=office.slug))


@admin.post("/admin/o/<slug>/daily/<int:report_id>/push")
@auth.office_page("manager")
def daily_push(actor: Actor, office: Office, report_id: int) -> ResponseReturnValue:
    stored = [r.id for r in _stored(office)]
    if report_id in stored:
        scheduler.push_now(database(), clock(), report_id)
    return redirect(url_for("admin.daily_page", slug=office.slug))


@admin.get("/admin/o/<slug>/daily/<int:report_id>.<any(json, csv, xlsx):chosen>")
@auth.office_page("manager")
def daily_file(
    actor: Actor, office: Office, report_id: int, chosen: str
) -> ResponseReturnValue:
    found = {r.id: r for r in _stored(office)}
    if report_id not in found:
        raise ApiError(404, "not_found")
    return report_file(found[report_id].data, chosen)
