"""Driving the real app in a real browser, for the browser tests and `benchmarks/bench_ui.py`.

`marketbrief ui` runs as a subprocess on a free loopback port with its own data directory; its
readiness is polled on `/_stcore/health` in a bounded loop. Chromium is Debian's
(`/usr/bin/chromium`, installed by .ci/apt-packages): `playwright install` cannot download here.
Every wait is Playwright's `expect(...)` with a timeout, never a fixed sleep.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import services
from assistant.settings import load_settings
from benchmarks.harness.loopback import free_port
from benchmarks.harness.machine import CHROMIUM, chromium_missing, shared_missing
from ingest.pipeline import ingest_sources

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY_TIMEOUT_S = 60.0


def missing_requirements(shared: Path) -> str | None:
    """Why a browser run cannot happen here, or None when it can (for the benchmark)."""
    return chromium_missing() or shared_missing(shared)


def prepare_home(home: Path, shared: Path, extra: list[str] | None = None) -> int:
    """Import the shared prices and ingest the seeds (plus `extra` sources) into `home`;
    returns the number of articles."""
    settings = load_settings(home=home, embedding="local")
    services.market_data(settings).import_csv([shared / "data" / "prices"])
    index = services.commentary_index(settings)
    try:
        report = ingest_sources([str(shared / "seeds"), *(extra or [])], index)
        assert report.ok, report.errors
        return index.count()
    finally:
        index.close()


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as reply:
                return bool(reply.status == 200)
        except OSError:
            return False

    def wait_healthy(self, timeout_s: float = READY_TIMEOUT_S) -> float:
        """Seconds until the health endpoint answered OK (bounded; raises on timeout)."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout_s:
            if self.process.poll() is not None:
                raise RuntimeError(f"marketbrief ui exited: {self.log.read_text()[-2000:]}")
            if self.healthy():
                return time.perf_counter() - started
            time.sleep(0.05)
        raise TimeoutError(f"marketbrief ui not healthy after {timeout_s} s")


@contextmanager
def running_ui(home: Path, log_dir: Path) -> Iterator[Server]:
    """`marketbrief ui` on a free loopback port, stopped (its whole process group) on exit."""
    port = free_port()
    log = log_dir / f"ui-{port}.log"
    binary = Path(sys.executable).with_name("marketbrief")
    command = [str(binary), "ui", "--port", str(port), "--address", "127.0.0.1"]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MARKETBRIEF_") and k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")
    }
    env["MARKETBRIEF_HOME"] = str(home)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        yield Server(f"http://127.0.0.1:{port}", process, log)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@contextmanager
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def chat_input(page: Page) -> Locator:
    return page.get_by_test_id("stChatInputTextArea")


def set_as_of(page: Page, day: str) -> None:
    """Type an as-of date (YYYY-MM-DD) into the sidebar's date field.

    Streamlit's date field is a row of year/month/day segments (react-aria) over a hidden
    `<input type=date>`: type into the first segment as a person would, then read the hidden
    input back to know the widget took the date.
    """
    from playwright.sync_api import expect

    # `.first`: while a rerun replaces the sidebar, the old field may still be in the page
    field = page.get_by_test_id("stSidebar").get_by_test_id("stDateInput").first
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(day.replace("-", ""))
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # close the calendar, were it open, which would cover the page
    expect(page.locator("[data-baseweb=calendar]")).to_have_count(0, timeout=30_000)
    expect(field.locator("input[type=date]")).to_have_value(day, timeout=30_000)


def ask(page: Page, question: str) -> None:
    box = chat_input(page)
    box.fill(question)
    box.press("Enter")
