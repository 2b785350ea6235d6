"""Serving the built site on localhost and the headless Chromium that reads it,
shared by the browser tests and the benchmark."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path

#: Names a system Chromium (or Chrome) goes by on PATH, tried in order.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")


def find_chromium() -> str | None:
    """The Chromium to drive: ``$CHROMIUM``, else the first on PATH, else Playwright's own.

    Returns None when there is none (``tools/ensure_chromium.sh`` installs one).
    """
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    try:  # a browser installed with `python -m playwright install chromium`
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
        return path if path and Path(path).exists() else None
    except Exception:
        return None


#: Flags that keep the browser off the network.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys

        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the browser went on to another page before a file was sent: nothing wrong
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on a free localhost port; yield its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":  # `python tools/localsite.py`: print the Chromium found, or fail
    import sys

    CHROMIUM = find_chromium()
    if CHROMIUM is None:
        sys.exit("no Chromium: none on PATH (" + ", ".join(CHROMIUM_NAMES) + "), no $CHROMIUM, "
                 "none installed by Playwright")
    print(CHROMIUM)
