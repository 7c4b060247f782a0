"""The request receiver: a small HTTP server the hospital's web server forwards requests to.

``POST`` (any path) with a JSON body: the request is handed to ``RequestService.receive`` and
answered in JSON, ``{"ok": …, "message": "…", "errors": {field: "…"}}`` with a French message:

- 201 held; 400 unreadable (not JSON, not an object); 422 a field is wrong or the visit reason
  is not booked online; 409 the slot is no longer free; 413 the body is over
  ``MAX_BODY_BYTES`` (the connection is closed, the start of the body kept with the rejection);
  429 too many requests from one address within the hour (``Retry-After``); 503 the database
  is unavailable.
- ``OPTIONS``: the CORS preflight of the browser; ``Access-Control-Allow-Origin`` is sent only
  to the origins allowed (the hospital's site), or to all with ``*``.

The sender's address is the peer's, or — when the peer is this machine (a reverse proxy on
the same host) — the last address of ``X-Forwarded-For``. Expired holds are released every
``RELEASE_EVERY`` seconds while the server runs.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from desktop.domain.booking_requests import MAX_BODY_BYTES, RateLimiter
from desktop.domain.errors import CreneauError
from desktop.services.requests import ReceiptKind

log = logging.getLogger(__name__)

RELEASE_EVERY = 60.0
STATUS = {
    ReceiptKind.HELD: HTTPStatus.CREATED,
    ReceiptKind.INVALID: HTTPStatus.UNPROCESSABLE_ENTITY,
    ReceiptKind.NOT_ONLINE: HTTPStatus.UNPROCESSABLE_ENTITY,
    ReceiptKind.SLOT_GONE: HTTPStatus.CONFLICT,
    ReceiptKind.TOO_LARGE: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
}


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class RequestReceiver(ThreadingHTTPServer):
    """The server: the services, the allowed origins and one rate limiter for all threads."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        services,
        *,
        allowed_origins: Iterable[str] = (),
        per_hour: int = 10,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(address, RequestHandler)
        self.services = services
        self.allowed_origins = {o.rstrip("/") for o in allowed_origins if o}
        self.limiter = RateLimiter(per_hour, 3600.0)
        self.monotonic = monotonic
        self._limit_lock = threading.Lock()
        self._stop_release = threading.Event()
        self._release_thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def allow(self, client: str) -> tuple[bool, int]:
        """Whether ``client`` may send now, and else in how many seconds."""
        with self._limit_lock:
            now = self.monotonic()
            if self.limiter.allow(client, now):
                return True, 0
            return False, self.limiter.retry_after(client, now)

    def start_releasing(self, every: float = RELEASE_EVERY) -> None:
        """Release expired holds now and then every ``every`` seconds, on a thread of its own."""

        def loop() -> None:
            while True:
                try:
                    released = self.services.requests.release_expired()
                    if released:
                        log.info("%d expired hold(s) released", len(released))
                except CreneauError as exc:
                    log.warning("releasing expired holds failed: %s", exc.message)
                if self._stop_release.wait(every):
                    return

        self._release_thread = threading.Thread(target=loop, name="release-holds", daemon=True)
        self._release_thread.start()

    def server_close(self) -> None:
        self._stop_release.set()
        if self._release_thread is not None:
            self._release_thread.join(timeout=5)
        super().server_close()


class RequestHandler(BaseHTTPRequestHandler):
    server: RequestReceiver
    server_version = "Creneau-demandes"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:
        # Method, path and status only: never a body (it names a patient).
        log.info("%s %s", self.address_string(), format % args)

    def client(self) -> str:
        peer = self.client_address[0]
        forwarded = self.headers.get("X-Forwarded-For", "")
        if forwarded and _is_loopback(peer):
            last = forwarded.split(",")[-1].strip()
            if last:
                return last[:100]
        return peer

    def _cors(self) -> None:
        origin = (self.headers.get("Origin") or "").rstrip("/")
        allowed = self.server.allowed_origins
        if "*" in allowed:
            self.send_header("Access-Control-Allow-Origin", "*")
        elif origin and origin in allowed:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _answer(
        self,
        status: HTTPStatus,
        message: str,
        errors: dict | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        ok = 200 <= status < 300
        body = json.dumps(
            {"ok": ok, "message": message, "errors": errors or {}}, ensure_ascii=False
        ).encode("utf-8")
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self._answer(
            HTTPStatus.METHOD_NOT_ALLOWED,
            "Envoyez la demande de rendez-vous en POST, au format JSON.",
            headers={"Allow": "POST, OPTIONS"},
        )

    def do_POST(self) -> None:
        client = self.client()
        allowed, retry = self.server.allow(client)
        if not allowed:
            self.close_connection = True
            self._answer(
                HTTPStatus.TOO_MANY_REQUESTS,
                "Trop de demandes envoyées depuis votre connexion : réessayez dans "
                f"{max(1, retry // 60)} minute(s), ou appelez le secrétariat.",
                headers={"Retry-After": str(retry), "Connection": "close"},
            )
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
            if length < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            self._answer(HTTPStatus.LENGTH_REQUIRED, "Longueur de la demande manquante.")
            return
        body = self.rfile.read(min(length, MAX_BODY_BYTES + 1))
        if length > MAX_BODY_BYTES:
            self.close_connection = True  # the rest of the body is not read
        try:
            receipt = self.server.services.requests.receive(body, client)
        except CreneauError as exc:
            log.warning("request not stored: %s", exc.message)
            self._answer(
                HTTPStatus.SERVICE_UNAVAILABLE,
                "La demande n'a pas pu être enregistrée pour l'instant : réessayez plus tard.",
            )
            return
        status = STATUS[receipt.kind]
        if receipt.kind is ReceiptKind.INVALID and not receipt.errors:
            status = HTTPStatus.BAD_REQUEST
        closing = {"Connection": "close"} if length > MAX_BODY_BYTES else None
        self._answer(status, receipt.message, receipt.errors, closing)


def make_receiver(
    services,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    allowed_origins: Iterable[str] = (),
    per_hour: int | None = None,
    monotonic: Callable[[], float] = time.monotonic,
) -> RequestReceiver:
    """A receiver bound to ``host:port`` (0: any free port); ``per_hour`` defaults to the
    hospital's setting."""
    if per_hour is None:
        per_hour = services.requests.settings().requests_per_hour
    return RequestReceiver(
        (host, port),
        services,
        allowed_origins=allowed_origins,
        per_hour=per_hour,
        monotonic=monotonic,
    )
