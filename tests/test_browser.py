"""The HTML report in a real browser: Chromium (headless) loads it without console errors,
axe-core finds no WCAG 2.1 A/AA violations, and a screenshot is saved to build/ for people to see.

Chromium is driven over the DevTools protocol (websocket-client). The test skips only where
Chromium is missing and CI is not set; in CI (`.ci/run` installs Chromium) it must run (see
`systeem` in conftest.py).
"""

from __future__ import annotations

import base64
import json
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import chromium

REPO = Path(__file__).resolve().parent.parent
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SCREENSHOTS = REPO / "build"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

Run = Callable[..., tuple[int, str, str]]

pytestmark = pytest.mark.systeem("chromium")


class DevTools:
    """A minimal DevTools protocol client for one page."""

    def __init__(self, url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(url, timeout=30)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                assert "error" not in message, message["error"]
                result: dict[str, Any] = message["result"]
                return result
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    process = subprocess.Popen(
        [
            str(chromium()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1024,768",
            "--remote-debugging-port=0",
            f"--user-data-dir={tmp_path / 'profiel'}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        port = _devtools_port(process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            pages = [t for t in json.load(resp) if t["type"] == "page"]
        client = DevTools(pages[0]["webSocketDebuggerUrl"])
        yield client
        client.ws.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _devtools_port(process: subprocess.Popen[str]) -> int:
    assert process.stderr is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if "DevTools listening on ws://" in line:
            return int(line.split("ws://")[1].split("/")[0].rsplit(":", 1)[1])
        if not line and process.poll() is not None:
            break
    raise AssertionError("Chromium gaf geen DevTools-poort")


def _open(browser: DevTools, page: Path) -> None:
    browser.call("Runtime.enable")
    browser.call("Log.enable")
    browser.call("Page.enable")
    browser.call("Page.navigate", url=page.as_uri())
    deadline = time.monotonic() + 30
    while browser.evaluate("document.readyState") != "complete":
        assert time.monotonic() < deadline, "pagina laadt niet"
        time.sleep(0.1)


def _violations(browser: DevTools) -> list[str]:
    """What axe-core finds against WCAG 2.1 A/AA on the open page."""
    browser.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    return list(
        browser.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: " + json.dumps(WCAG) + "}})"
            ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' ' +"
            " v.nodes.map(n => n.target.join(' ')).join(', ')))"
        )
    )


@pytest.mark.parametrize("editie", ["openbaar", "intern"])  # intern: the redaction marks too
def test_report_in_chromium(workspace: Path, run: Run, browser: DevTools, editie: str) -> None:
    code, _, err = run("build", "2018-06", "--editie", editie, "--format", "html")
    assert code == 0, err
    page = workspace / "build" / editie / "2018-06" / f"maandmonitor-2018-06-{editie}.html"

    _open(browser, page)

    assert browser.evaluate("document.documentElement.lang") == "nl"
    assert browser.evaluate("document.title").startswith("Maandmonitor juni 2018")

    screenshot = _screenshot(browser, f"screenshot-2018-06-{editie}.png")
    assert screenshot.stat().st_size > 10_000

    assert _violations(browser) == []

    errors = [
        e
        for e in browser.events
        if e.get("method") == "Runtime.exceptionThrown"
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
        or (
            e.get("method") == "Runtime.consoleAPICalled"
            and e["params"]["type"] in ("error", "assert")
        )
    ]
    assert errors == []


def _screenshot(browser: DevTools, name: str) -> Path:
    """The whole page as a PNG in SCREENSHOTS (kept for a person to look at)."""
    width, height = browser.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    shot = browser.call(
        "Page.captureScreenshot",
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / name).write_bytes(base64.b64decode(shot["data"]))
    return SCREENSHOTS / name


def test_year_view_in_chromium(archive: Path, run: Run, browser: DevTools) -> None:
    (archive / "data" / "2018-04.yaml").unlink()  # a month filled from May's report
    for month in ("2018-11", "2018-12"):  # not out yet
        (archive / "data" / f"{month}.yaml").unlink()
    code, _, err = run("build", "2018", "--editie", "openbaar", "--format", "html")
    assert code == 0, err
    _open(browser, archive / "build" / "openbaar" / "2018" / "maandmonitor-2018-openbaar.html")
    assert browser.evaluate("document.title").startswith("Maandmonitor 2018: jaaroverzicht")
    _screenshot(browser, "screenshot-2018-jaar-openbaar.png")
    assert _violations(browser) == []


# Every legend entry's box as Chromium draws it, and each pair that overlaps.
_OVERLAPPING_LEGEND = """
[...document.querySelectorAll('svg')].flatMap(svg => {
  const boxes = [...svg.querySelectorAll('g.legenda')].map(g => g.getBBox());
  const width = svg.viewBox.baseVal.width;
  const out = boxes.filter(b => b.x < 0 || b.x + b.width > width).map(b => 'outside');
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
      out.push(svg.id + ': ' + JSON.stringify([a, b]));
  }));
  return out;
})
"""


def test_legends_with_long_labels_do_not_overlap_in_chromium(
    archive: Path, run: Run, browser: DevTools
) -> None:
    monitor = archive / "data" / "monitor.yaml"
    text = monitor.read_text(encoding="utf-8").replace(
        "label: Facilitators/ recruiters",
        "label: Facilitators/ recruiters die zich bezighouden met werving in binnen- en buitenland",
    )
    monitor.write_text(
        text.replace("label: Overig radicaal", "label: " + "Overig_radicaal_" * 6), "utf-8"
    )
    code, _, err = run("build", "2018", "--editie", "intern", "--format", "html")
    assert code == 0, err
    _open(browser, archive / "build" / "intern" / "2018" / "maandmonitor-2018-intern.html")
    assert browser.evaluate("document.querySelectorAll('g.legenda').length") >= 15
    assert browser.evaluate(_OVERLAPPING_LEGEND) == []
    assert _violations(browser) == []


@pytest.mark.parametrize("editie", ["openbaar", "intern"])
def test_archive_page_in_chromium(archive: Path, run: Run, browser: DevTools, editie: str) -> None:
    code, _, err = run("build", "--all", "--editie", editie, "--format", "html")
    assert code == 0, err
    _open(browser, archive / "build" / editie / "index.html")
    assert browser.evaluate("document.title").startswith("Maandmonitor: archief")
    # every link leads to a page beside it
    for href in browser.evaluate("[...document.querySelectorAll('a')].map(a => a.href)"):
        assert Path(urllib.request.url2pathname(href.removeprefix("file://"))).is_file(), href
    _screenshot(browser, f"screenshot-archief-{editie}.png")
    assert _violations(browser) == []
