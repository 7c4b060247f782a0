"""How reminder SMS leave the hospital: a file outbox (the default) or a generic HTTP gateway.

- ``FileOutbox``: one JSON file per message (``{"id", "to", "text"}``) in a folder the hospital's
  own SMS gateway picks up, named after the idempotency key and written atomically (a hidden
  temporary file, flushed, then linked under its final name: a reader never sees half a file,
  and a file already there is never written twice).
- ``HttpGateway``: a request (URL, method, JSON body template with ``{numero}``, ``{texte}``,
  ``{cle}``, an optional authentication header) per message, with an ``Idempotency-Key`` header
  so that the gateway can drop a repeat. Timeouts, connection errors, 429 and 5xx are retried
  with exponential backoff (``Retry-After`` honoured); a 4xx is a refusal, not retried. ``sleep``
  and ``now`` are injectable: tests run without waiting.

A gateway never raises: it returns a ``SendResult`` (the sender records it). Replies and logs
never carry the authentication value, the number or the text.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http.client import HTTPException
from pathlib import Path
from typing import Any, Protocol

from desktop.domain.sms_text import clean

log = logging.getLogger(__name__)

MAX_REPLY = 300


@dataclass(frozen=True, slots=True)
class OutgoingSms:
    """What a gateway sends: the idempotency key, the number (E.164) and the text."""

    key: str
    e164: str
    text: str


@dataclass(frozen=True, slots=True)
class SendResult:
    """What became of one message: sent, or not with the reason; ``permanent``: retrying would
    not help; ``retry_after``: seconds the gateway asked to wait."""

    ok: bool
    reply: str = ""
    permanent: bool = False
    retry_after: float | None = None


class Gateway(Protocol):
    def send(self, sms: OutgoingSms) -> SendResult: ...


def _short(text: str) -> str:
    return clean(text).replace("\n", " ")[:MAX_REPLY]


class FileOutbox:
    """One JSON file per message in ``folder`` (created when missing)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def send(self, sms: OutgoingSms) -> SendResult:
        final = self.folder / f"{sms.key}.json"
        body = json.dumps({"id": sms.key, "to": sms.e164, "text": sms.text}, ensure_ascii=False)
        partial = self.folder / f".{sms.key}.{uuid.uuid4().hex}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if final.exists():
                return SendResult(True, f"Déjà déposé : {final.name}")
            with partial.open("w", encoding="utf-8", newline="\n") as f:
                f.write(body + "\n")
                f.flush()
                os.fsync(f.fileno())
            try:
                _publish(partial, final)
            except FileExistsError:  # another sender put it there meanwhile
                return SendResult(True, f"Déjà déposé : {final.name}")
            _sync_folder(self.folder)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return SendResult(False, _short(f"Dossier d'envoi inutilisable : {reason}"))
        finally:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
        return SendResult(True, f"Déposé : {final.name}")


def _publish(partial: Path, final: Path) -> None:
    """Give the file its final name, never replacing one already there."""
    try:
        os.link(partial, final)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: a rename (atomic, may replace)
        os.replace(partial, final)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirected POST would arrive as an empty GET: a redirect is a configuration error."""

    def redirect_request(self, *args, **kwargs):
        return None


def render_body(template: str, sms: OutgoingSms) -> bytes:
    """The JSON body: the template's strings with ``{numero}``, ``{texte}``, ``{cle}`` replaced
    (as JSON values, so a quote in a text cannot break the document)."""

    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return (
                value.replace("{numero}", sms.e164)
                .replace("{texte}", sms.text)
                .replace("{cle}", sms.key)
            )
        if isinstance(value, dict):
            return {fill(k): fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value

    return json.dumps(fill(json.loads(template)), ensure_ascii=False).encode("utf-8")


class HttpGateway:
    """The hospital's SMS gateway over HTTP(S)."""

    def __init__(
        self,
        url: str,
        *,
        method: str = "POST",
        body_template: str = '{"to": "{numero}", "text": "{texte}", "id": "{cle}"}',
        auth_header: str = "",
        auth_value: str = "",
        timeout: float = 10.0,
        attempts: int = 3,
        base_delay: float = 1.0,
        max_delay: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.url, self.method, self.body_template = url, method, body_template
        self._auth = (auth_header, auth_value) if auth_header else None
        self.timeout, self.attempts = timeout, max(1, attempts)
        self.base_delay, self.max_delay = base_delay, max_delay
        self._sleep, self._now = sleep, now
        self._opener = urllib.request.build_opener(_NoRedirect())

    def __repr__(self) -> str:  # never the authentication value
        return f"HttpGateway({self.method} {self.url})"

    def send(self, sms: OutgoingSms) -> SendResult:
        result = SendResult(False, "Aucune tentative.")
        for attempt in range(1, self.attempts + 1):
            result = self._once(sms)
            if result.ok or result.permanent:
                return result
            if attempt == self.attempts:
                break
            delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
            if result.retry_after is not None:
                if result.retry_after > self.max_delay:
                    break  # too long to wait here: the queue tries again later
                delay = max(delay, result.retry_after)
            log.info("SMS %s: attempt %d failed, retry in %.1fs", sms.key, attempt, delay)
            self._sleep(delay)
        return result

    def _once(self, sms: OutgoingSms) -> SendResult:
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": sms.key}
        if self._auth is not None:
            headers[self._auth[0]] = self._auth[1]
        request = urllib.request.Request(
            self.url, data=render_body(self.body_template, sms), headers=headers, method=self.method
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                reply = response.read(2000).decode("utf-8", "replace")
                return SendResult(True, _short(f"HTTP {response.status} {reply}"))
        except urllib.error.HTTPError as exc:
            return self._refused(exc)
        except TimeoutError:
            return SendResult(False, "Délai dépassé : la passerelle SMS n'a pas répondu.")
        except (urllib.error.URLError, ConnectionError, HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                return SendResult(False, "Délai dépassé : la passerelle SMS n'a pas répondu.")
            name = type(reason).__name__
            return SendResult(False, _short(f"Passerelle SMS injoignable : {name}"))

    def _refused(self, exc: urllib.error.HTTPError) -> SendResult:
        try:
            body = exc.read(2000).decode("utf-8", "replace")
        except (OSError, HTTPException):
            body = ""
        code = exc.code
        if code == 429 or code >= 500:
            what = "trop de demandes" if code == 429 else "erreur de la passerelle"
            return SendResult(
                False,
                _short(f"HTTP {code} ({what}) {body}"),
                retry_after=self._retry_after(exc.headers.get("Retry-After")),
            )
        if 300 <= code < 400:
            return SendResult(
                False, f"HTTP {code} : la passerelle redirige, vérifiez son adresse.", True
            )
        return SendResult(False, _short(f"Refusé par la passerelle (HTTP {code}) {body}"), True)

    def _retry_after(self, value: str | None) -> float | None:
        """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - self._now()).total_seconds())
