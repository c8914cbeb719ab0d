"""Building python-escpos printers from config, and non-network sending."""

from __future__ import annotations

import pytest
from escpos.printer import CupsPrinter, File, Network, Serial, Usb

from printer.drivers import PrinterError, open_printer, send_bytes, status, status_code


def test_network_printer_from_config():
    printer = open_printer(
        {"kind": "network", "host": "10.0.0.5", "timeout": 3, "profile": "TM-T88V"}
    )

    assert isinstance(printer, Network)
    assert (printer.host, printer.port, printer.timeout) == ("10.0.0.5", 9100, 3.0)
    assert printer.profile.profile_data["media"]["width"]["pixels"] == 512


def test_usb_printer_ids_may_be_hex_strings():
    assert Usb.is_usable()  # pyusb is a dependency
    printer = open_printer({"kind": "usb", "vendor_id": "0x0416", "product_id": 0x5011})

    assert isinstance(printer, Usb)
    assert printer.usb_args == {"idVendor": 0x0416, "idProduct": 0x5011}


def test_file_printer_gets_the_bytes(tmp_path):
    target = tmp_path / "lp0"
    config = {"kind": "file", "path": str(target)}

    assert isinstance(open_printer(config), File)
    send_bytes(config, b"\x1b@hello\n")

    assert target.read_bytes() == b"\x1b@hello\n"


def test_file_printer_missing_device(tmp_path):
    config = {"kind": "file", "path": str(tmp_path / "no-such-dir" / "lp0")}

    with pytest.raises(PrinterError) as failure:
        send_bytes(config, b"\x1b@")

    assert failure.value.reason == "not_found"


@pytest.mark.parametrize(
    "config",
    [
        {"kind": "bluetooth"},
        {"kind": "network"},
        {"kind": "usb", "vendor_id": 0x0416},
        {"kind": "file"},
        {"kind": "usb", "vendor_id": "zebra", "product_id": 1},
    ],
)
def test_bad_config_is_a_config_error(config):
    with pytest.raises(PrinterError) as failure:
        open_printer(config)

    assert failure.value.reason == "config"


def test_usb_printer_that_is_not_plugged_in(tmp_path):
    # No device with these ids exists here (nor on any CI machine: 0xFFFE is
    # not an assigned vendor id), so pyusb finds nothing.
    config = {"kind": "usb", "vendor_id": "0xfffe", "product_id": "0x0001"}

    with pytest.raises(PrinterError) as failure:
        send_bytes(config, b"\x1b@")

    assert failure.value.reason == "not_found"
    assert failure.value.message_vi == (
        "Không tìm thấy máy in usb: kiểm tra cáp và nguồn."
    )


def test_usb_without_libusb_says_what_is_missing(monkeypatch):
    # The edge of the world: a machine whose pyusb finds no libusb backend.
    import usb.core

    def no_backend(*args, **kwargs):
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)
    config = {"kind": "usb", "vendor_id": "0xfffe", "product_id": "0x0001"}

    with pytest.raises(PrinterError) as failure:
        send_bytes(config, b"\x1b@")

    assert failure.value.reason == "unavailable"
    assert failure.value.message_vi == "Máy này thiếu thư viện cho loại máy in usb."


def test_serial_port_that_does_not_exist(tmp_path):
    assert Serial.is_usable()  # pyserial is a dependency
    config = {"kind": "serial", "device": str(tmp_path / "ttyUSB9")}

    with pytest.raises(PrinterError) as failure:
        send_bytes(config, b"\x1b@")

    assert failure.value.reason == "not_found"
    assert "serial" in failure.value.message_vi


def test_serial_port_that_is_not_a_serial_device(tmp_path):
    # A plain file opens, but is no tty: pyserial cannot configure it.
    fake = tmp_path / "ttyS0"
    fake.write_bytes(b"")
    config = {"kind": "serial", "device": str(fake)}

    with pytest.raises(PrinterError) as failure:
        send_bytes(config, b"\x1b@")

    assert failure.value.reason == "not_found"
    assert fake.read_bytes() == b""


def test_cups_without_pycups_is_reported_not_crashed():
    assert not CupsPrinter.is_usable()  # pycups is not a dependency

    with pytest.raises(PrinterError) as failure:
        send_bytes({"kind": "cups", "printer": "kiosk"}, b"\x1b@")

    assert failure.value.reason == "unavailable"
    assert "cups" in failure.value.message_vi


def test_status_is_unknown_where_it_cannot_be_read(tmp_path):
    assert status({"kind": "file", "path": str(tmp_path / "x")}).code == "unknown"


@pytest.mark.parametrize(
    ("offline_cause", "paper", "code"),
    [
        (None, None, "unknown"),
        (0x12, 0x12, "ok"),
        (0x16, 0x12, "cover_open"),
        (0x32, 0x72, "paper_out"),
        (0x12, 0x72, "paper_out"),
        (0x12, 0x1E, "paper_low"),
        (0x52, 0x12, "error"),
    ],
)
def test_status_bits(offline_cause, paper, code):
    assert status_code(offline_cause, paper) == code
