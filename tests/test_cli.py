"""The `motcua` command line, run as a user would, on a fresh instance folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from motcua.core.auth import actor_for_token, check_password
from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from motcua.core.models import Counter, Device, Service
from motcua.demo import seed_demo


def _run(tmp_path, *args, password=None):
    env = {
        **os.environ,
        "MOTCUA_INSTANCE_PATH": str(tmp_path),
        "MOTCUA_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
    }
    if password:
        env["MOTCUA_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "motcua.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_office_user_device_from_the_command_line(tmp_path):
    assert _run(tmp_path, "db", "upgrade").returncode == 0
    assert (
        _run(tmp_path, "office", "add", "phuong-1", "--name", "Phường 1").returncode
        == 0
    )
    again = _run(tmp_path, "office", "add", "phuong-1", "--name", "Phường 1")
    assert again.returncode == 2 and "đã tồn tại" in again.stderr
    user = _run(
        tmp_path,
        "user",
        "add",
        "an",
        "--office",
        "phuong-1",
        "--role",
        "admin",
        password="mat-khau-dai",
    )
    assert user.returncode == 0, user.stderr
    device = _run(
        tmp_path,
        "device",
        "add",
        "--office",
        "phuong-1",
        "--kind",
        "display",
        "--name",
        "TV sảnh",
    )
    assert device.returncode == 0, device.stderr
    token = device.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", token)
    database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
    with database.transaction() as session:
        actor = actor_for_token(session, SystemClock(), token)
        assert actor is not None and actor.device_kind == "display"
        office = office_by_slug(session, "phuong-1")
        assert actor.office_id == office.id
        admin = check_password(session, "an", "mat-khau-dai")
        assert admin.password_hash.startswith("scrypt$")
    database.dispose()


def test_bad_input_on_the_command_line_is_explained(tmp_path):
    bad = _run(tmp_path, "office", "add", "Phường Một!", "--name", "x")
    assert bad.returncode == 2 and "không hợp lệ" in bad.stderr
    missing = _run(
        tmp_path,
        "device",
        "add",
        "--office",
        "khong-co",
        "--kind",
        "kiosk",
        "--name",
        "k",
    )
    assert missing.returncode == 2 and "Không có đơn vị" in missing.stderr
    weak = _run(tmp_path, "user", "add", "b", password="ngan")
    assert weak.returncode == 2 and "8 ký tự" in weak.stderr


def test_a_rating_tablet_from_the_command_line_belongs_to_a_counter(tmp_path):
    """Without its counter a rating tablet could never show a citizen: refused,
    with the reason; with --counter it is bound to that counter."""
    assert _run(tmp_path, "db", "upgrade").returncode == 0
    database = Database(f"sqlite:///{tmp_path / 'cli.db'}")
    with database.transaction() as session:
        seed_demo(session, SystemClock())
    args = ("device", "add", "--office", "demo", "--kind", "rating", "--name", "r")
    alone = _run(tmp_path, *args)
    assert alone.returncode == 2 and "chọn số quầy" in alone.stderr, alone.stderr
    unknown = _run(tmp_path, *args, "--counter", "9")
    assert unknown.returncode == 2 and "9" in unknown.stderr, unknown.stderr
    made = _run(tmp_path, *args, "--counter", "2")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    with database.transaction() as session:
        actor = actor_for_token(session, SystemClock(), token)
        assert actor is not None and actor.device_kind == "rating"
        counter = session.get(Counter, actor.counter_id)
        assert counter is not None and counter.number == 2
        names = [d.name for d in session.query(Device).filter_by(name="r")]
        assert names == ["r"]  # the refused tries made nothing
    database.dispose()


def test_demo_office_has_the_ward_fields_and_six_counters(db):
    clock = SystemClock()
    with db.transaction() as session:
        demo = seed_demo(session, clock)
    assert demo.created and set(demo.devices) == {"kiosk", "display", "rating"}
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        services = (
            session.query(Service)
            .filter_by(office_id=office.id)
            .order_by(Service.sort)
            .all()
        )
        counters = session.query(Counter).filter_by(office_id=office.id).all()
        assert [s.code for s in services][:3] == ["CT", "HT", "DD"]
        assert len(services) == 9 and len(counters) == 6
        # A ward's split: each counter its fields, every field at two counters or
        # more, one counter for every field.
        served = {c.number: {s.code for s in c.services} for c in counters}
        assert served[1] == {"CT"} and served[4] == {"DD", "XD"}
        assert [n for n, codes in served.items() if len(codes) == 9] == [6]
        for service in services:
            assert sum(service.code in codes for codes in served.values()) >= 2
        # Staff read these names ("công dân đang gọi ở Ki-ốt lấy số 1").
        devices = session.query(Device).filter_by(office_id=office.id)
        assert sorted(d.name for d in devices) == [
            "Ki-ốt lấy số 1",
            "Màn hình phòng chờ 1",
            "Thiết bị đánh giá 1",
        ]
        assert not seed_demo(session, clock).created  # a second run changes nothing


def test_serve_demo_names_the_accounts_roles_in_vietnamese(db, capsys):
    from motcua.cli import _print_demo

    _print_demo(db, "0.0.0.0", 5252)
    accounts = [
        line.strip()
        for line in capsys.readouterr().out.splitlines()
        if "canbo" in line or "quanly" in line or "quantri" in line
    ]
    assert accounts == [
        "Tài khoản cán bộ: canbo / motcua-demo",
        "Tài khoản lãnh đạo: quanly / motcua-demo",
        "Tài khoản quản trị: quantri / motcua-demo",
    ]


def test_serve_demo_again_prints_every_address_and_how_to_pair(db, capsys):
    """A ward restarting its demo server sees the same addresses and accounts; the
    devices' links carry no token (made once), and a new device pairs by code."""
    from motcua.cli import _print_demo

    _print_demo(db, "0.0.0.0", 5252)
    first = capsys.readouterr().out
    _print_demo(db, "0.0.0.0", 5252)
    again = capsys.readouterr().out
    assert "device_token=" in first and "device_token=" not in again
    for line in (
        "Đơn vị demo đã có sẵn: http://127.0.0.1:5252",
        "Quản trị:        http://127.0.0.1:5252/admin",
        "Ki-ốt:           http://127.0.0.1:5252/o/demo/kiosk",
        "Màn hình chờ:    http://127.0.0.1:5252/o/demo/display",
        "mở http://127.0.0.1:5252/pair trên thiết bị đó",
        "Tài khoản quản trị: quantri / motcua-demo",
        "Đặt lịch từ nhà:  http://127.0.0.1:5252/o/demo/book",
    ):
        assert line in again, again
