"""The analyst's app in a real browser: start `streamlit run` on a free loopback port in a process
group of its own, open its pages in headless Chromium (Debian's, driven by Playwright), stop it.

Used by tests/test_app_browser.py, and to take the README's screenshots:

    .venv/bin/python tests/app_browser.py docs/   # pages of data/warehouse.duckdb, 1200 px wide
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
MAIN = Path(__file__).resolve().parent.parent / "dagster_project" / "app" / "main.py"
BIN = Path(sys.executable).parent
STARTUP_TIMEOUT_S = 60.0
PAGES = {"overview": "", "region": "region", "findings": "findings", "review": "review"}


def unavailable() -> str | None:
    """Why no browser test can run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (`apt-get install chromium`; .ci/run does it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as err:
        return f"playwright cannot be imported: {err}"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(env: Mapping[str, str], log: Path) -> Iterator[str]:
    """The app's URL while `streamlit run` serves it; the whole process group killed after."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(BIN / "streamlit"), "run", str(MAIN), "--server.address", "127.0.0.1", "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"],
            env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit not ready after {STARTUP_TIMEOUT_S:.0f} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # streamlit and anything it started
        except ProcessLookupError:
            pass
        process.wait(timeout=30)


@contextmanager
def browser_page(width: int = 1200, height: int = 1000) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def settle(page: object) -> None:
    """Wait until Streamlit has finished running the page's script and drawn it: no placeholder
    (skeleton) or stale element left, and no script running."""
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"], [data-stale=\"true\"]')"
        " && !(document.querySelector('[data-testid=\"stStatusWidget\"]')?.innerText || '').includes('Running')")
    page.wait_for_timeout(1000)  # charts and tables draw after the script's last message


def open_page(page: object, url: str, name: str) -> None:
    page.goto(f"{url}/{PAGES[name]}")
    page.get_by_role("heading", name=name.capitalize()).first.wait_for()
    settle(page)


def screenshots(folder: Path, env: Mapping[str, str] | None = None) -> list[Path]:
    """A PNG of each page (the region page on Kalimantan Selatan), `folder`/app_<page>.png."""
    folder.mkdir(parents=True, exist_ok=True)
    shots = []
    with running_app(env or {}, folder / "streamlit.log") as url, browser_page() as page:
        for name in PAGES:
            open_page(page, url, name)
            if name == "region":
                page.get_by_label("Search a region").fill("Kalsel")
                page.keyboard.press("Enter")
                page.get_by_text("Kalimantan Selatan (63").first.wait_for()
                settle(page)
            page.wait_for_timeout(4000)  # the first draw of charts and tables on a busy machine
            path = folder / f"app_{name}.png"
            page.screenshot(path=str(path), full_page=False)
            shots.append(path)
    (folder / "streamlit.log").unlink(missing_ok=True)
    return shots


if __name__ == "__main__":
    for shot in screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(shot)
