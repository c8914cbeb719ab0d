"""schemathesis fuzzes the OpenAPI document against the real server: no 500, no
response outside the documented schema. Bounded: examples per operation and time."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import requests

from tests.e2e.conftest import ARTIFACTS

CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"
# Sign-out would revoke the token the run carries.
EXCLUDE = ["--exclude-path", "/auth/logout"]


def fuzz(
    url: str, token: str, report: Path, examples: int, seconds: int, ticket: str
) -> str:
    # Real ids for path parameters, so operations get past the 404 to their logic.
    config = report.with_suffix(".toml")
    config.write_text(
        f'[parameters]\n"path.office" = "demo"\n"path.ticket_id" = "{ticket}"\n'
    )
    command = [
        shutil.which("schemathesis") or "schemathesis",
        "--config-file",
        str(config),
        "run",
        url + "/api/v1/openapi.json",
        "--url",
        url + "/api/v1",
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        CHECKS,
        "--max-examples",
        str(examples),
        "--max-time",
        str(seconds),
        "--request-timeout",
        "10",
        "--workers",
        "1",
        "--seed",
        "8",
        "--no-shrink",
        "--suppress-health-check",
        "all",
        "--continue-on-failure",
        *EXCLUDE,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 120, check=False
    )
    output = done.stdout + done.stderr
    report.write_text(output)
    assert done.returncode == 0, output[-6000:]
    return output


def test_openapi_fuzz_finds_no_500_and_no_schema_violation(live, request):
    server, ours, _ = live
    token = requests.post(
        server.url + "/api/v1/auth/token",
        json={"username": "demo-staff", "password": "matkhau123"},
        timeout=10,
    ).json()["token"]
    ticket = requests.post(
        server.url + "/api/v1/offices/demo/tickets",
        json={"service": "CT"},
        headers={"Authorization": f"Bearer {ours.kiosk_token}"},
        timeout=10,
    ).json()["id"]
    ARTIFACTS.mkdir(exist_ok=True)
    name = request.node.callspec.id
    staff = fuzz(
        server.url, token, ARTIFACTS / f"fuzz-staff-{name}.txt", 25, 90, ticket
    )
    kiosk = fuzz(
        server.url,
        ours.kiosk_token,
        ARTIFACTS / f"fuzz-kiosk-{name}.txt",
        10,
        45,
        ticket,
    )
    for output in (staff, kiosk):
        assert "operations" in output.lower() or "passed" in output.lower(), output
