"""Printer connections: python-escpos objects per kind, a plain TCP sender with
timeouts and reasons staff can act on, and a best-effort status query.

A config is a dict with "kind" and, per kind:
  network: host, port (9100), timeout (seconds)
  usb:     vendor_id, product_id (ints or "0x0416" strings), in_ep, out_ep, timeout
  serial:  device, baudrate (9600), timeout
  cups:    printer (queue name), host, port
  file:    path
and optionally "profile", a python-escpos printer profile name.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import CupsPrinter, File, Network, Serial, Usb
from usb.core import NoBackendError

from motcua.i18n import message
from printer import messages as _messages  # noqa: F401  (registers its words)

try:  # unacknowledged-byte count, to spot a printer that closed mid-job
    import fcntl
    import termios
except ImportError:  # Windows: that check is skipped
    pass

KINDS = ("network", "usb", "serial", "cups", "file")
DEFAULT_PORT = 9100
#: Keeps sendall from returning long before the printer has read the job, so
#: a printer that stopped reading shows up as a timeout.
SEND_BUFFER = 8192
#: After the last byte, how long to wait for the printer to close or reset.
SETTLE_S = 0.5

_CLOSED_ERRNOS = {errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.ENOTCONN}
_UNREACHABLE_ERRNOS = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN}


class PrinterError(Exception):
    """A print or status call failed; `reason` is a key of group printer_fault."""

    def __init__(self, reason: str, message_vi: str) -> None:
        super().__init__(f"{reason}: {message_vi}")
        self.reason = reason
        self.message_vi = message_vi


def _detail(code: str, **params: Any) -> str:
    return message(f"printer_fault.{code}", "vi", **params)


def printer_error(reason: str, where: str, seconds: float = 0.0) -> PrinterError:
    """A PrinterError with the Vietnamese message for `reason`."""
    said = message(f"printer_fault.{reason}", "vi", where=where, seconds=seconds)
    return PrinterError(reason, said)


@dataclass(frozen=True)
class PrinterStatus:
    """code: ok, paper_low, paper_out, cover_open, error, offline or unknown."""

    code: str
    message_vi: str


def status_message_vi(code: str) -> str:
    """What people read of a printer's state, in Vietnamese."""
    return message(f"printer_state.{code}", "vi")


def open_printer(config: Mapping[str, Any]) -> Escpos:
    """A python-escpos printer object for `config` (opened on first use)."""
    kind = config.get("kind")
    builder = _BUILDERS.get(str(kind))
    if builder is None:
        raise printer_error("config", _detail("kind_unknown", kind=repr(kind)))
    try:
        return builder(config)
    except KeyError as missing:
        raise printer_error(
            "config", _detail("entry_missing", entry=missing, kind=kind)
        ) from None
    except (TypeError, ValueError) as bad:
        raise printer_error("config", f"{kind}: {bad}") from None
    except RuntimeError:  # python-escpos: pyusb, pyserial or pycups missing
        raise printer_error("unavailable", str(kind)) from None


def send_bytes(config: Mapping[str, Any], data: bytes, timeout: float = 5.0) -> None:
    """Send a whole job; raise PrinterError with the reason when it fails."""
    if config.get("kind") == "network":
        host, port = _address(config)
        _send_network(host, port, data, timeout)
    else:
        _send_with_escpos(config, data)


def status(config: Mapping[str, Any], timeout: float = 1.0) -> PrinterStatus:
    """Best effort: DLE EOT 2 and 4 on network printers, else "unknown"."""
    if config.get("kind") != "network":
        return _status("unknown")
    host, port = _address(config)
    deadline = time.monotonic() + timeout
    try:
        sock = _connect(host, port, deadline)
    except PrinterError as error:
        return PrinterStatus("offline", error.message_vi)
    with sock:
        offline_cause = _query(sock, 2, deadline)
        paper = _query(sock, 4, deadline) if offline_cause is not None else None
    return _status(status_code(offline_cause, paper))


def status_code(offline_cause: int | None, paper: int | None) -> str:
    """Map DLE EOT 2 (offline cause) and DLE EOT 4 (paper sensor) bytes."""
    if offline_cause is None and paper is None:
        return "unknown"
    cause, roll = offline_cause or 0, paper or 0
    if cause & 0x04:
        return "cover_open"
    if cause & 0x20 or roll & 0x60:
        return "paper_out"
    if cause & 0x40:
        return "error"
    if roll & 0x0C:
        return "paper_low"
    return "ok"


def _status(code: str) -> PrinterStatus:
    return PrinterStatus(code, status_message_vi(code))


def _address(config: Mapping[str, Any]) -> tuple[str, int]:
    try:
        return str(config["host"]), int(config.get("port", DEFAULT_PORT))
    except KeyError:
        raise printer_error("config", _detail("host_missing")) from None


def _send_network(host: str, port: int, data: bytes, timeout: float) -> None:
    where = f"{host}:{port}"
    deadline = time.monotonic() + timeout
    with _connect(host, port, deadline) as sock:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
            sock.settimeout(_remaining(deadline, where, timeout))
            sock.sendall(data)  # the timeout bounds the whole call (Python >= 3.5)
            sock.shutdown(socket.SHUT_WR)
            _settle(sock, min(deadline, time.monotonic() + SETTLE_S))
        except TimeoutError:
            raise printer_error("timeout", where, timeout) from None
        except OSError as error:
            reason = "closed" if error.errno in _CLOSED_ERRNOS else "io"
            raise printer_error(reason, where) from error


def _settle(sock: socket.socket, until: float) -> None:
    """Read until the printer closes, resets, or `until` passes.

    A reset means the printer dropped the connection with part of the job
    unread. Draining also keeps our close from resetting the connection over
    unread status bytes, which could cost the printer the job's tail.
    """
    while (left := until - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            if not sock.recv(256):
                _await_acknowledged(sock, until)
                return
        except TimeoutError:
            return


def _await_acknowledged(sock: socket.socket, until: float) -> None:
    """The printer closed its side: fine once it has acknowledged every byte,
    a dropped job if it reset or bytes stay unacknowledged past `until`."""
    while True:
        error = _socket_error(sock)  # reading SO_ERROR clears it: read once
        if error:
            raise OSError(error, os.strerror(error))
        pending = _unacknowledged(sock)
        if pending <= 0:
            return
        if time.monotonic() >= until:
            raise OSError(errno.ECONNRESET, f"{pending} bytes never acknowledged")
        time.sleep(0.005)


def _unacknowledged(sock: socket.socket) -> int:
    """Bytes sent but not yet acknowledged (Linux SIOCOUTQ; 0 where unknown)."""
    try:
        raw = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
    except (NameError, OSError):
        return 0
    return int.from_bytes(raw, sys.byteorder, signed=True)


def _socket_error(sock: socket.socket) -> int:
    return sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)


def _connect(host: str, port: int, deadline: float) -> socket.socket:
    where = f"{host}:{port}"
    timeout = max(deadline - time.monotonic(), 0.001)
    try:
        return socket.create_connection((host, port), timeout=timeout)
    except ConnectionRefusedError:
        raise printer_error("refused", where) from None
    except TimeoutError:
        raise printer_error("timeout", where, round(timeout, 1)) from None
    except socket.gaierror:
        raise printer_error("unreachable", where) from None
    except OSError as error:
        if error.errno in _UNREACHABLE_ERRNOS:
            raise printer_error("unreachable", where) from None
        raise printer_error("io", where) from error


def _remaining(deadline: float, where: str, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise printer_error("timeout", where, timeout)
    return left


def _query(sock: socket.socket, n: int, deadline: float) -> int | None:
    """Send DLE EOT n and return the first byte shaped like its answer
    (0xx1xx10: automatic status back blocks look different), or None."""
    try:
        sock.sendall(b"\x10\x04" + bytes((n,)))
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            answer = sock.recv(16)
            if not answer:
                return None
            for byte in answer:
                if byte & 0x93 == 0x12:
                    return byte
    except OSError:  # timeouts included
        return None
    return None


def _send_with_escpos(config: Mapping[str, Any], data: bytes) -> None:
    where = str(config.get("kind"))
    printer = open_printer(config)
    try:
        printer.open()
        printer._raw(data)
        printer.close()  # CUPS submits the job here
    except DeviceNotFoundError:
        raise printer_error("not_found", where) from None
    except NoBackendError:  # pyusb without libusb on this machine
        raise printer_error("unavailable", where) from None
    except RuntimeError:
        raise printer_error("unavailable", where) from None
    except OSError as error:  # pyusb and pyserial errors derive from it
        raise printer_error("io", where) from error


def _int(value: int | str) -> int:
    return value if isinstance(value, int) else int(str(value), 0)


def _network(config: Mapping[str, Any]) -> Escpos:
    host, port = _address(config)
    timeout = float(config.get("timeout", 5.0))
    return Network(host, port, timeout, profile=config.get("profile"))


def _usb(config: Mapping[str, Any]) -> Escpos:
    ids = _int(config["vendor_id"]), _int(config["product_id"])
    options = {
        "timeout": int(float(config.get("timeout", 5.0)) * 1000),  # pyusb: ms
        "in_ep": _int(config.get("in_ep", 0x82)),
        "out_ep": _int(config.get("out_ep", 0x01)),
    }
    _require(Usb, "usb")
    return Usb(*ids, profile=config.get("profile"), **options)


def _serial(config: Mapping[str, Any]) -> Escpos:
    device, baudrate = str(config["device"]), int(config.get("baudrate", 9600))
    timeout = float(config.get("timeout", 1.0))
    _require(Serial, "serial")
    return Serial(device, baudrate, timeout=timeout, profile=config.get("profile"))


def _cups(config: Mapping[str, Any]) -> Escpos:
    server = {key: config[key] for key in ("host", "port") if key in config}
    name = str(config["printer"])
    _require(CupsPrinter, "cups")
    return CupsPrinter(name, profile=config.get("profile"), **server)


def _require(kind_class: type[Escpos], kind: str) -> None:
    # Checked before building: python-escpos objects whose library is missing
    # raise again from __del__ ("Exception ignored in Escpos.__del__").
    if not kind_class.is_usable():
        raise printer_error("unavailable", kind)


def _file(config: Mapping[str, Any]) -> Escpos:
    return File(config["path"], profile=config.get("profile"))


_BUILDERS: dict[str, Callable[[Mapping[str, Any]], Escpos]] = {
    "network": _network,
    "usb": _usb,
    "serial": _serial,
    "cups": _cups,
    "file": _file,
}
