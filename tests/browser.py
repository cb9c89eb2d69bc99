"""Open a page in headless Chromium with the network cut off, and read what the page reports."""

from __future__ import annotations

import html
import json
import re
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

HARNESS = """<script>
setTimeout(function () {
  var d = window.diplograph || {};
  var c = document.querySelector("#net canvas"); var drawn = 0;
  if (c) { var px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    for (var i = 0; i < px.length; i += 4) { if (px[i + 3] > 0) drawn++; } }
  var result = {
    ready: !!d.ready, nodes: d.nodes ? d.nodes.length : -1, edges: d.edges ? d.edges.length : -1, drawn: drawn,
    shown: d.shown ? d.shown() : -1, xss: window.__xss || 0, imgs: document.querySelectorAll("img").length,
    stillAt: d.stillAt || null};
  try { var extra = (function (d) { @ACTIONS@ })(d) || {}; for (var k in extra) result[k] = extra[k]; }
  catch (err) { result.error = String(err); }
  result.xssAfter = window.__xss || 0; result.imgsAfter = document.querySelectorAll("img").length;
  document.body.setAttribute("data-result", JSON.stringify(result));
}, @WAIT@);
</script>"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class SocketTrap:
    """A local listener that counts connections and does what `mode` says with each: "close" at once
    (a trap for requests that must not happen), "drop" after reading part of the request, or "silent"
    (keep it open and never answer)."""

    def __init__(self, mode: str = "close") -> None:
        self.mode = mode
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self.stop = False
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            if self.mode == "silent":
                self.conns.append(conn)
                continue
            if self.mode == "drop":
                conn.recv(512)
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        for c in self.conns:
            c.close()
        self.sock.close()


def open_page(html_path: Path, wait_ms: int = 3000, timeout: int = 90, actions: str = "",
              screenshot: Path | None = None, size: str = "1280,800") -> tuple[dict, int]:
    """(what the page reported, how many network requests it tried).

    `actions` is the body of a JavaScript function of `d` (the page's `window.diplograph`) run once the page
    has had `wait_ms`: what it returns is added to the report. `screenshot` saves the window as a PNG too.
    """
    exe = chromium()
    assert exe, "chromium not installed"
    text = html_path.read_text(encoding="utf-8")
    cut = text.rindex("</body>")
    page = text[:cut] + HARNESS.replace("@ACTIONS@", actions).replace("@WAIT@", str(wait_ms)) + text[cut:]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "page.html"
        copy.write_text(page, encoding="utf-8")
        trap = SocketTrap()
        try:
            out = subprocess.run(
                [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-extensions", "--disable-default-apps", f"--user-data-dir={tmp}/profile",
                 f"--proxy-server=http://127.0.0.1:{trap.port}", "--proxy-bypass-list=<-loopback>",
                 "--host-resolver-rules=MAP * ~NOTFOUND", f"--window-size={size}",
                 f"--virtual-time-budget={wait_ms + 2000}",
                 "--dump-dom", copy.as_uri()],
                capture_output=True, text=True, timeout=timeout)
            if screenshot is not None:  # a second run: Chromium either prints the page or saves a picture
                subprocess.run(
                    [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                     f"--user-data-dir={tmp}/profile2", f"--proxy-server=http://127.0.0.1:{trap.port}",
                     "--host-resolver-rules=MAP * ~NOTFOUND", f"--window-size={size}",
                     f"--virtual-time-budget={wait_ms + 2000}", f"--screenshot={screenshot}", copy.as_uri()],
                    capture_output=True, text=True, timeout=timeout, cwd=tmp)
        finally:
            trap.close()
    m = re.search(r'data-result="([^"]*)"', out.stdout)
    assert m, f"the page reported nothing: {out.stderr[-500:]}"
    return json.loads(html.unescape(m.group(1))), trap.hits
