"""What the kiosk, board and status pages cost a real browser on the LAN.

Starts one ward server (embedded database, the demo office), issues a ticket for its
status page, then loads each page in Debian's Chromium (Playwright, headless), every
load in a new browser context with an empty cache. The kiosk and board addresses
carry the device token and redirect once to the clean address; the redirect is part
of the load. A load lasts until the network is idle, plus a second for the Socket.IO
connection and its snapshot. For each load, through the DevTools protocol:

- bytes transferred: `encodedDataLength` of every HTTP response (headers and body as
  they came over the wire, redirects included) plus the payload of every websocket
  frame, sent or received; both are also reported apart;
- every request's host; `lan_only` holds when all of them are the server's own;
- first paint and first contentful paint (`performance.getEntriesByType('paint')`),
  DOMContentLoaded and load (navigation timing), in ms from the start of navigation,
  so the redirect counts.

One load of each page warms the server and the browser and is reported apart as
"cold"; the next --runs loads give the median and the worst. A page meets the target
when its worst load is under 150 KB (1 KB = 1,000 bytes), every request stays on the
server and first paint comes before 1,000 ms. Over loopback, on the same cores as the
server: no network latency, but no spare CPU either. Prints a table and writes the
figures to benchmarks/results/pages.json (or --output).

    python benchmarks/bench_pages.py [--runs 3]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from playwright.sync_api import Browser, CDPSession, ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ward_server import ward_server  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS  # noqa: E402

TARGET_BYTES = 150_000
TARGET_FIRST_PAINT_MS = 1_000
SETTLE_MS = 1_000
PORTRAIT: ViewportSize = {"width": 1080, "height": 1920}
TV: ViewportSize = {"width": 1920, "height": 1080}
DESK: ViewportSize = {"width": 1280, "height": 800}
TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = {};
  for (const p of performance.getEntriesByType('paint')) paint[p.name] = p.startTime;
  return {
    first_paint_ms: paint['first-paint'] ?? null,
    first_contentful_paint_ms: paint['first-contentful-paint'] ?? null,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventEnd,
    redirect_ms: nav.redirectEnd - nav.redirectStart,
    redirects: nav.redirectCount,
  };
}"""
FIGURES = [
    "transferred_bytes",
    "http_bytes",
    "websocket_bytes",
    "requests",
    "websocket_frames",
    "first_paint_ms",
    "first_contentful_paint_ms",
    "dom_content_loaded_ms",
    "load_ms",
    "redirect_ms",
]


class Traffic:
    """Every HTTP hop and websocket of one page, from the DevTools Network domain."""

    def __init__(self, cdp: CDPSession) -> None:
        self.hops: list[dict[str, Any]] = []
        self.current: dict[str, dict[str, Any]] = {}
        self.sockets: dict[str, dict[str, Any]] = {}
        handlers = {
            "requestWillBeSent": self._sent,
            "responseReceived": self._response,
            "dataReceived": self._data,
            "loadingFinished": self._finished,
            "loadingFailed": self._failed,
            "webSocketCreated": self._socket,
            "webSocketFrameReceived": lambda e: self._frame(e, "in"),
            "webSocketFrameSent": lambda e: self._frame(e, "out"),
        }
        for name, handler in handlers.items():
            cdp.on(f"Network.{name}", handler)

    def _sent(self, event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        if not url.startswith(("http:", "https:")):
            return  # data: and blob: never reach the network
        rid = event["requestId"]
        redirected = event.get("redirectResponse")
        if redirected and rid in self.current:
            hop = self.current[rid]
            self._describe(hop, redirected)
            hop.update(bytes=redirected.get("encodedDataLength", 0), done=True)
        hop = {"url": url, "bytes": 0, "body": 0, "status": None, "done": False}
        hop.update(mime="", encoding="", failed=None)
        self.hops.append(hop)
        self.current[rid] = hop

    @staticmethod
    def _describe(hop: dict[str, Any], response: dict[str, Any]) -> None:
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        hop.update(
            status=response.get("status"),
            mime=response.get("mimeType", ""),
            encoding=headers.get("content-encoding", ""),
        )

    def _response(self, event: dict[str, Any]) -> None:
        if hop := self.current.get(event["requestId"]):
            self._describe(hop, event["response"])

    def _data(self, event: dict[str, Any]) -> None:
        if hop := self.current.get(event["requestId"]):
            hop["body"] += event.get("dataLength", 0)

    def _finished(self, event: dict[str, Any]) -> None:
        if hop := self.current.get(event["requestId"]):
            hop.update(bytes=event.get("encodedDataLength", 0), done=True)

    def _failed(self, event: dict[str, Any]) -> None:
        if hop := self.current.get(event["requestId"]):
            hop.update(failed=event.get("errorText", "failed"), done=True)

    def _socket(self, event: dict[str, Any]) -> None:
        self.sockets[event["requestId"]] = {
            "url": event["url"],
            **{f"{k}_{d}": 0 for k in ("frames", "bytes") for d in ("in", "out")},
        }

    def _frame(self, event: dict[str, Any], direction: str) -> None:
        socket = self.sockets.get(event["requestId"])
        if socket is None:
            return
        frame = event["response"]
        payload = frame.get("payloadData", "")
        if frame.get("opcode") == 1:
            size = len(payload.encode())
        else:
            size = len(base64.b64decode(payload or ""))
        socket[f"frames_{direction}"] += 1
        socket[f"bytes_{direction}"] += size

    def hosts(self) -> list[str]:
        urls = [h["url"] for h in self.hops] + [s["url"] for s in self.sockets.values()]
        return sorted({urlsplit(u).netloc for u in urls})

    def summary(self) -> dict[str, Any]:
        http = sum(h["bytes"] for h in self.hops)
        ws = sum(s["bytes_in"] + s["bytes_out"] for s in self.sockets.values())
        frames = sum(s["frames_in"] + s["frames_out"] for s in self.sockets.values())
        largest = sorted(self.hops, key=lambda h: h["bytes"], reverse=True)[:3]
        return {
            "transferred_bytes": http + ws,
            "http_bytes": http,
            "websocket_bytes": ws,
            "requests": len(self.hops),
            "websocket_frames": frames,
            "websockets": len(self.sockets),
            "unfinished": [h["url"] for h in self.hops if not h["done"]],
            "failed": [h["url"] for h in self.hops if h["failed"]],
            "hosts": self.hosts(),
            "largest": [
                {
                    "path": urlsplit(h["url"]).path,
                    "bytes": h["bytes"],
                    "body_bytes": h["body"],
                    "mime": h["mime"],
                    "encoding": h["encoding"] or None,
                }
                for h in largest
            ],
        }


def load(browser: Browser, url: str, viewport: ViewportSize) -> dict[str, Any]:
    """One load in a fresh context: its traffic and its timings."""
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        traffic = Traffic(cdp)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        response = page.goto(url, wait_until="networkidle", timeout=30_000)
        page.wait_for_timeout(SETTLE_MS)
        timing = page.evaluate(TIMING_JS)
        return {
            "status": response.status if response else None,
            "final_path": urlsplit(page.url).path,
            **{
                k: round(v, 1) if isinstance(v, float) else v for k, v in timing.items()
            },
            **traffic.summary(),
        }
    finally:
        context.close()


def spread(runs: list[dict[str, Any]], key: str) -> dict[str, float | None]:
    values = [r[key] for r in runs if r[key] is not None]
    if not values:
        return {"median": None, "worst": None}
    return {"median": round(statistics.median(values), 1), "worst": max(values)}


def measure(
    browser: Browser, url: str, viewport: ViewportSize, base: str, runs: int
) -> dict[str, Any]:
    cold = load(browser, url, viewport)
    loads = [load(browser, url, viewport) for _ in range(runs)]
    figures = {k: spread(loads, k) for k in FIGURES}
    server = urlsplit(base).netloc
    hosts = sorted({h for r in [cold, *loads] for h in r["hosts"]})
    size, paint = (figures[k]["worst"] for k in ("transferred_bytes", "first_paint_ms"))
    met = {
        "bytes": size is not None and size < TARGET_BYTES,
        "lan_only": hosts == [server],
        "first_paint": paint is not None and paint < TARGET_FIRST_PAINT_MS,
    }
    met["all"] = all(met.values())
    return {
        "url": url.replace(base, ""),
        "viewport": f"{viewport['width']}x{viewport['height']}",
        "status": loads[-1]["status"],
        "final_path": loads[-1]["final_path"],
        **figures,
        "hosts": hosts,
        "lan_only": met["lan_only"],
        "largest": loads[-1]["largest"],
        "met": met,
        "cold": {k: cold[k] for k in FIGURES},
        "runs": loads,
    }


def issue_ticket(base: str, kiosk: str) -> str:
    issued = requests.post(
        base + "/api/v1/offices/demo/tickets",
        json={"service": "CT"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=10,
    )
    issued.raise_for_status()
    return str(issued.json()["id"])


def pages(base: str, devices: dict[str, str]) -> dict[str, tuple[str, ViewportSize]]:
    ticket = issue_ticket(base, devices["kiosk"])
    found = {
        "kiosk": (f"/o/demo/kiosk?device_token={devices['kiosk']}", PORTRAIT),
        "board": (f"/o/demo/display?device_token={devices['display']}", TV),
        "status": (f"/t/{ticket}", DESK),
        "counter sign-in": ("/o/demo/counter", DESK),
        "booking": ("/o/demo/book", DESK),
    }
    return {name: (base + path, size) for name, (path, size) in found.items()}


def kb(value: float | None) -> str:
    return "-" if value is None else f"{value / 1000:.1f}"


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def table(results: dict[str, Any]) -> None:
    head = (
        f"{'page':<16}{'KB med/worst':>14}{'http KB':>9}{'ws KB':>7}{'req':>5}"
        f"{'FP med/worst':>14}{'FCP med':>9}{'DCL med':>9}{'load med':>10}"
        f"{'LAN':>5}{'met':>5}"
    )
    print(head)
    print("-" * len(head))
    for name, r in results.items():
        if "skipped" in r:
            print(f"{name:<16}skipped: {r['skipped']}")
            continue
        t, fp = r["transferred_bytes"], r["first_paint_ms"]
        print(
            f"{name:<16}{kb(t['median']) + '/' + kb(t['worst']):>14}"
            f"{kb(r['http_bytes']['median']):>9}{kb(r['websocket_bytes']['median']):>7}"
            f"{r['requests']['worst']:>5}"
            f"{ms(fp['median']) + '/' + ms(fp['worst']):>14}"
            f"{ms(r['first_contentful_paint_ms']['median']):>9}"
            f"{ms(r['dom_content_loaded_ms']['median']):>9}"
            f"{ms(r['load_ms']['median']):>10}"
            f"{'yes' if r['lan_only'] else 'NO':>5}"
            f"{'yes' if r['met']['all'] else 'NO':>5}"
        )
    for name, r in results.items():
        for big in r.get("largest", []):
            print(
                f"  {name}: {big['path']} {kb(big['bytes'])} KB "
                f"({big['mime']}, {big['encoding'] or 'not compressed'})"
            )


def run_browser(base: str, devices: dict[str, str], runs: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        try:
            for name, (url, viewport) in pages(base, devices).items():
                probe = requests.get(url, timeout=10, allow_redirects=False)
                if probe.status_code not in (200, 302):
                    results[name] = {"skipped": f"HTTP {probe.status_code} at {url}"}
                    continue
                results[name] = measure(browser, url, viewport, base, runs)
            results["_chromium"] = browser.version
        finally:
            browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--output", default=str(ROOT / "benchmarks/results/pages.json"))
    args = parser.parse_args()
    with ward_server(args.port, 32, "pages") as (base, demo):
        results = run_browser(base, demo.devices, args.runs)
    chromium = results.pop("_chromium")
    table(results)
    report = {
        "cores": os.cpu_count(),
        "chromium": chromium,
        "runs": args.runs,
        "settle_ms": SETTLE_MS,
        "target": {
            "transferred_bytes": TARGET_BYTES,
            "first_paint_ms": TARGET_FIRST_PAINT_MS,
            "lan_only": True,
        },
        "met": all(r["met"]["all"] for r in results.values() if "met" in r),
        "pages": results,
    }
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
