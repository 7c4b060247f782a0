"""The booking page in a real headless Chromium (Debian's ``chromium`` driven by Playwright).

A published folder is served by a plain static HTTP server on 127.0.0.1 and the request
receiver listens on another port: the page reads the feed, a patient books with the keyboard,
the request is held in the services, the secretary accepts it, and the slot is gone from the
next publication. "Now" is the real time, as the browser's clock is.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desktop.cli.request_server import make_receiver
from desktop.domain.booking_requests import RequestStatus
from desktop.domain.slot_ids import parse_slot_id
from desktop.services.patients import PatientInput
from tests.e2e.feed import has_publisher, published_slot_ids, write_feed
from tests.e2e.hospital import booking_hospital, set_request_settings
from tests.fakes import ADMIN, SECRETARY

CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is missing (/usr/bin/chromium): apt-get install -y chromium",
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


class Hospital:
    """The services, the published folder, the static server and the request receiver."""

    def __init__(self, url: str, folder: Path) -> None:
        self.services = booking_hospital(url, datetime.now(UTC).replace(microsecond=0))
        self.folder = folder
        self.receiver = make_receiver(self.services, per_hour=50)
        self.static = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
        )
        self.origin = f"http://127.0.0.1:{self.static.server_address[1]}"
        self.receiver.allowed_origins = {self.origin}
        set_request_settings(self.services, request_url=self.receiver.url)
        self.threads = [_serve(self.receiver), _serve(self.static)]

    def publish(self) -> set[str]:
        if has_publisher():
            self.services.publication.publish(ADMIN, self.folder, weeks=3)
        else:
            write_feed(self.services, self.folder, self.receiver.url)
        return published_slot_ids(self.folder)

    @property
    def page_url(self) -> str:
        return f"{self.origin}/index.html"

    def close(self) -> None:
        for server in (self.receiver, self.static):
            server.shutdown()
            server.server_close()
        self.services.db.dispose()


@pytest.fixture
def hospital(sqlite_url, tmp_path) -> Iterator[Hospital]:
    found = Hospital(sqlite_url, tmp_path / "creneaux")
    yield found
    found.close()


@pytest.fixture
def browser_page(hospital):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        page = browser.new_page(viewport={"width": 900, "height": 1100}, locale="fr-FR")
        page.problems = []  # script errors, CSP violations, files missing from the folder
        page.urls = []
        page.on("request", lambda r: page.urls.append(r.url))
        page.on("console", lambda m: _console(page, m))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on(
            "response",
            lambda r: r.request.method == "GET" and r.status >= 400
            and not r.url.endswith("/favicon.ico") and page.problems.append(f"{r.status} {r.url}"),
        )  # fmt: skip
        yield page
        browser.close()


def _console(page, message) -> None:
    # A failed load is reported with its URL by the response handler (the browser asks for
    # /favicon.ico by itself; the folder has none, on purpose: no image at all).
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        page.problems.append(message.text)


def _choose_first_slot(page, practitioner: str) -> str:
    page.wait_for_selector("#booking:not([hidden])")
    page.focus("#department")
    page.select_option("#department", label="Cardiologie")
    page.select_option("#reason", label="Première consultation de cardiologie")
    assert page.inner_text("#instructions-text") == "Apporter vos derniers examens."
    page.select_option("#practitioner", label=practitioner)
    page.wait_for_selector("#times input")
    first = page.locator("#times input").first
    first.focus()  # keyboard: Space chooses the focused time
    page.keyboard.press("Space")
    assert first.is_checked()
    return first.get_attribute("value")


def _fill_identity(page, phone: str) -> None:
    page.fill("#family_name", "Durand")
    page.fill("#given_names", "Léa")
    page.fill("#birth_date", "1990-05-04")
    page.fill("#phone", phone)
    page.fill("#email", "lea.durand@example.org")


def test_a_patient_books_a_slot_end_to_end(hospital, browser_page):
    page = browser_page
    published = hospital.publish()
    assert published
    if has_publisher():  # the page's files are listed in the manifest with their digests
        assert hospital.services.publication.verify(hospital.folder).ok
    page.goto(hospital.page_url)
    chosen = _choose_first_slot(page, "Dr Marie Dupont")
    assert chosen in published
    assert "Dr Marie Dupont" in page.inner_text("#summary-text")

    # A phone the page refuses before sending: said next to the field, focus on the summary.
    _fill_identity(page, "06 12")
    page.keyboard.press("Tab")
    page.click("#send")
    page.wait_for_selector("#form-errors:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert page.get_attribute("#phone", "aria-invalid") == "true"
    assert "10 chiffres" in page.inner_text("#phone-error")
    assert hospital.services.requests.inbox(SECRETARY, None) == []

    page.fill("#phone", "06 12 34 56 78")
    page.focus("#send")
    page.keyboard.press("Enter")
    page.wait_for_selector("#done:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "done-title"
    assert "L'hôpital vous confirmera le rendez-vous" in page.inner_text("#done")

    [entry] = hospital.services.requests.inbox(SECRETARY)
    assert entry.request.status is RequestStatus.HELD
    assert entry.request.requested_slot == chosen
    assert (entry.request.family_name, entry.request.phone) == ("Durand", "+33612345678")
    assert chosen not in hospital.publish()  # held: not published

    appointment = hospital.services.requests.accept(SECRETARY, entry.request.id)
    assert appointment.start == parse_slot_id(chosen).start
    assert chosen not in hospital.publish()  # booked: still not published

    assert page.problems == []
    assert {u.split("/")[2] for u in page.urls} == {
        hospital.origin.split("/")[2],
        hospital.receiver.url.split("/")[2],
    }


def test_a_slot_taken_while_the_patient_types_is_refused_in_the_page(hospital, browser_page):
    page = browser_page
    hospital.publish()
    page.goto(hospital.page_url)
    chosen = _choose_first_slot(page, "Premier disponible")
    _fill_identity(page, "+32 470 12 34 56")
    ref = parse_slot_id(chosen)
    someone = hospital.services.patients.create(
        SECRETARY, PatientInput("Roux", "Gabriel", datetime(1953, 8, 19).date())
    )
    hospital.services.booking.book(
        SECRETARY, ref.practitioner_id, ref.visit_reason_id, someone.id, ref.start
    )
    page.click("#send")
    page.wait_for_selector("#form-errors:not([hidden])")
    assert "Créneau indisponible" in page.inner_text("#form-errors")
    assert "plus disponible" in page.inner_text("#slot-error")
    assert page.locator(f'#times input[value="{chosen}"]').count() == 0
    [rejected] = hospital.services.requests.inbox(SECRETARY, [RequestStatus.REJECTED])
    assert rejected.request.requested_slot == chosen
    assert page.problems == []


def test_the_booking_link_of_a_slot_opens_it_chosen(hospital, browser_page):
    page = browser_page
    published = sorted(hospital.publish())
    wanted = published[len(published) // 2]
    page.goto(f"{hospital.page_url}?slot={wanted}")
    page.wait_for_selector(f'#times input[value="{wanted}"]:checked')
    assert page.input_value("#practitioner") == str(parse_slot_id(wanted).practitioner_id)
    assert page.inner_text("#summary-text") != "Aucun créneau choisi pour l'instant."
    assert page.problems == []


def test_later_weeks_are_read_on_demand(hospital, browser_page):
    page = browser_page
    hospital.publish()
    page.goto(hospital.page_url)
    page.wait_for_selector("#booking:not([hidden])")
    page.select_option("#department", label="Cardiologie")
    page.select_option("#reason", label="Première consultation de cardiologie")
    page.wait_for_selector("#days input")
    before = page.locator("#days input").count()
    page.focus("#more-days")
    page.keyboard.press("Enter")
    # A locator waits without evaluating a string in the page (its CSP forbids eval).
    page.locator("#days input").nth(before).wait_for(state="attached")
    assert "de plus avec des créneaux libres" in page.inner_text("#when-status")
    assert page.problems == []
