"""A real SMS gateway stand-in for the tests: ``http.server`` on 127.0.0.1 in a thread.

It answers each request from a script (status, headers, body — or ``STALL``: hold the request
until the client gave up), then with 200; it records every request (method, headers, JSON body)
and which idempotency keys it delivered, so that tests can count sends.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STALL = "stall"
OK = (200, {}, b'{"status": "queued"}')


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: dict


class SmsServer:
    """``with SmsServer([(429, {"Retry-After": "2"}, b"slow down"), OK]) as server: …``"""

    def __init__(self, script=(), *, stall_seconds: float = 5.0) -> None:
        self.script = deque(script)
        self.received: list[Received] = []
        self.delivered: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._stall_seconds = stall_seconds
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"raw": raw.decode("utf-8", "replace")}
                status, headers, reply = server._next(
                    Received(self.command, self.path, dict(self.headers.items()), body)
                )
                if status == STALL:
                    server._release.wait(server._stall_seconds)
                    return  # the client gave up long ago: no answer
                if status == 200:
                    with server._lock:
                        server.delivered[self.headers.get("Idempotency-Key", "")] += 1
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            do_POST = do_PUT = do_PATCH = _handle

            def log_message(self, *_args) -> None:  # quiet
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def _next(self, request: Received):
        with self._lock:
            self.received.append(request)
            step = self.script.popleft() if self.script else OK
        if step == STALL:
            return STALL, {}, b""
        return step

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/sms"

    def __enter__(self) -> SmsServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
