"""The gateways against the real thing: the HTTP gateway talks to a real server on 127.0.0.1
(200, 429, 500, a stalled request), the file outbox writes into a real folder. Sleeps and the
clock are injected: the tests never wait for a backoff."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from desktop.services.gateways import FileOutbox, HttpGateway, OutgoingSms, render_body
from tests.services.sms_server import OK, STALL, SmsServer

SMS = OutgoingSms("12-day_before-20270321T0900Z", "+33612345678", 'Rappel : RDV "demain" à 09h30')
NOW = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


class Sleeps(list):
    """The injected sleep: records the delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def gateway(server: SmsServer, sleeps: Sleeps, **options) -> HttpGateway:
    options = {"timeout": 2.0, "sleep": sleeps, "now": lambda: NOW} | options
    return HttpGateway(server.url, **options)


def test_200_sends_once_with_the_body_the_key_and_the_secret(tmp_path):
    sleeps = Sleeps()
    with SmsServer([OK]) as server:
        http = gateway(
            server, sleeps, auth_header="Authorization", auth_value="Bearer s3cret",
            body_template='{"msisdn": "{numero}", "message": {"text": "{texte}"}, "ref": "{cle}"}',
        )  # fmt: skip
        result = http.send(SMS)
    assert result.ok and not sleeps
    assert result.reply == 'HTTP 200 {"status": "queued"}'
    [request] = server.received
    assert (request.method, request.path) == ("POST", "/sms")
    assert request.body == {
        "msisdn": "+33612345678",
        "message": {"text": 'Rappel : RDV "demain" à 09h30'},
        "ref": SMS.key,
    }
    assert request.headers["Authorization"] == "Bearer s3cret"
    assert request.headers["Idempotency-Key"] == SMS.key
    assert request.headers["Content-Type"].startswith("application/json")
    assert "s3cret" not in repr(http) and "s3cret" not in result.reply
    assert server.delivered == {SMS.key: 1}


def test_429_is_retried_after_what_retry_after_says():
    sleeps = Sleeps()
    with SmsServer([(429, {"Retry-After": "7"}, b"slow down"), OK]) as server:
        result = gateway(server, sleeps).send(SMS)
    assert result.ok
    assert sleeps == [7.0]  # more than the first backoff (1 s): the server's wish wins
    assert len(server.received) == 2 and server.delivered == {SMS.key: 1}


def test_retry_after_as_an_http_date():
    sleeps = Sleeps()
    later = format_datetime(NOW + timedelta(seconds=12), usegmt=True)
    with SmsServer([(429, {"Retry-After": later}, b""), OK]) as server:
        assert gateway(server, sleeps).send(SMS).ok
    assert sleeps == [12.0]


def test_a_long_retry_after_is_left_to_the_queue_instead_of_waiting_here():
    sleeps = Sleeps()
    with SmsServer([(429, {"Retry-After": "600"}, b"quota")]) as server:
        result = gateway(server, sleeps).send(SMS)
    assert not result.ok and not result.permanent
    assert result.retry_after == 600.0 and not sleeps
    assert "HTTP 429" in result.reply and len(server.received) == 1


def test_5xx_is_retried_with_exponential_backoff():
    sleeps = Sleeps()
    with SmsServer([(500, {}, b"oops"), (502, {}, b""), OK]) as server:
        result = gateway(server, sleeps, attempts=4).send(SMS)
    assert result.ok and sleeps == [1.0, 2.0]
    assert server.delivered == {SMS.key: 1}


def test_5xx_every_time_gives_up_after_the_attempts_without_delivering():
    sleeps = Sleeps()
    with SmsServer([(503, {}, b"maintenance")] * 3) as server:
        result = gateway(server, sleeps, base_delay=0.5).send(SMS)
    assert not result.ok and not result.permanent
    assert sleeps == [0.5, 1.0]
    assert result.reply.startswith("HTTP 503 (erreur de la passerelle) maintenance")
    assert len(server.received) == 3 and not server.delivered


def test_a_timeout_is_retried_with_the_same_key():
    sleeps = Sleeps()
    with SmsServer([STALL, OK]) as server:
        result = gateway(server, sleeps, timeout=0.3).send(SMS)
    assert result.ok and sleeps == [1.0]
    keys = [r.headers["Idempotency-Key"] for r in server.received]
    assert keys == [SMS.key, SMS.key]  # the gateway can drop the repeat
    assert server.delivered == {SMS.key: 1}


def test_a_timeout_every_time_says_so():
    sleeps = Sleeps()
    with SmsServer([STALL, STALL]) as server:
        result = gateway(server, sleeps, timeout=0.2, attempts=2).send(SMS)
    assert not result.ok and not result.permanent
    assert result.reply == "Délai dépassé : la passerelle SMS n'a pas répondu."


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_4xx_is_a_refusal_never_retried(status):
    sleeps = Sleeps()
    with SmsServer([(status, {}, b'{"error": "numero inconnu"}')]) as server:
        result = gateway(server, sleeps).send(SMS)
    assert not result.ok and result.permanent and not sleeps
    assert result.reply.startswith(f"Refusé par la passerelle (HTTP {status})")
    assert "numero inconnu" in result.reply
    assert len(server.received) == 1


def test_a_redirect_is_not_followed():
    with SmsServer([(302, {"Location": "http://127.0.0.1:1/elsewhere"}, b"")]) as server:
        result = gateway(server, Sleeps()).send(SMS)
    assert result.permanent and "redirige" in result.reply
    assert len(server.received) == 1


def test_an_unreachable_gateway_is_retried_then_said():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: connection refused
    sleeps = Sleeps()
    http = HttpGateway(f"http://127.0.0.1:{port}/sms", sleep=sleeps, timeout=1.0)
    result = http.send(SMS)
    assert not result.ok and not result.permanent
    assert result.reply.startswith("Passerelle SMS injoignable")
    assert sleeps == [1.0, 2.0]


def test_the_body_template_cannot_be_broken_by_the_text():
    body = json.loads(render_body('{"t": "{texte} ({cle})", "n": ["{numero}", 1]}', SMS))
    assert body == {"t": f"{SMS.text} ({SMS.key})", "n": ["+33612345678", 1]}


# --- the file outbox -----------------------------------------------------------------------------


def test_the_file_outbox_writes_one_json_file_per_message_once(tmp_path):
    outbox = FileOutbox(tmp_path / "sortants")  # created when missing
    result = outbox.send(SMS)
    assert result.ok and result.reply == f"Déposé : {SMS.key}.json"
    path = tmp_path / "sortants" / f"{SMS.key}.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "id": SMS.key,
        "to": "+33612345678",
        "text": SMS.text,
    }
    before = path.stat().st_mtime_ns
    again = outbox.send(OutgoingSms(SMS.key, "+33700000000", "autre"))
    assert again.ok and again.reply.startswith("Déjà déposé")
    assert path.stat().st_mtime_ns == before
    assert json.loads(path.read_text(encoding="utf-8"))["to"] == "+33612345678"
    assert sorted(p.name for p in (tmp_path / "sortants").iterdir()) == [path.name]  # no temp


def test_an_unusable_outbox_folder_keeps_the_message_for_later(tmp_path):
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("x", encoding="utf-8")
    result = FileOutbox(blocker).send(SMS)
    assert not result.ok and not result.permanent
    assert result.reply.startswith("Dossier d'envoi inutilisable")
