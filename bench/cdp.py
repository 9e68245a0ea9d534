"""A Chromium driven without network instrumentation, for timing warm queries.

Playwright enables the DevTools Network domain on every page it drives, so
each request the page makes also sends events to its driver. On these 2-core
machines that costs a page about 0.7 ms a request (measured: ten parallel
fetches 17-22 ms under Playwright, 12-16 ms without). A reader's browser
has no driver attached. PipeBrowser starts the same Debian chromium with
--remote-debugging-pipe and speaks only the Target and Runtime domains.
Standard library only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time


class PipeBrowser:
    def __init__(self, args: list[str]):
        path = shutil.which("chromium") or "/usr/bin/chromium"
        self.profile = tempfile.mkdtemp(prefix="bench-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def pipes_to_3_and_4():  # the fds Chromium's --remote-debugging-pipe uses
            # Through free high numbers first: either end may already be 3 or 4.
            os.dup2(to_browser_r, 100)
            os.dup2(from_browser_w, 101)
            os.dup2(100, 3)
            os.dup2(101, 4)

        self.proc = subprocess.Popen(
            [path, "--headless", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             *args, "about:blank"],
            preexec_fn=pipes_to_3_and_4, pass_fds=(3, 4),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next = 0
        self._replies: dict[int, dict] = {}
        self._arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_browser, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:  # events are ignored
                    with self._arrived:
                        self._replies[message["id"]] = message
                        self._arrived.notify_all()

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 60) -> dict:
        self._next += 1
        ident = self._next
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        with self._arrived:
            if not self._arrived.wait_for(lambda: ident in self._replies, timeout):
                raise TimeoutError(f"no reply to {method} in {timeout} s")
            reply = self._replies.pop(ident)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def open(self, url: str) -> str:
        """A new tab at url; returns its session for evaluate()."""
        target = self.send("Target.createTarget", {"url": url})["targetId"]
        return self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"]

    def evaluate(self, session: str, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, session)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "page error"))
        return result["result"].get("value")

    def wait_for(self, session: str, expression: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        guarded = f"(() => {{ try {{ return Boolean({expression}); }}"
        guarded += " catch { return false; } })()"
        while True:
            try:
                if self.evaluate(session, guarded):  # false, too, while the page still loads
                    return
            except RuntimeError as error:  # the tab navigated between two polls
                if "navigated" not in str(error):
                    raise
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout} s: {expression}")
            time.sleep(0.02)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._to_browser)
        shutil.rmtree(self.profile, ignore_errors=True)
