"""The booking panel driven as a secretary on the phone drives it: with the keyboard only.

Every key goes to ``QApplication.focusWidget()``, so a test also proves where the focus is after
each step; nothing is selected by calling the panel's methods or by the mouse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.domain.model import Channel, Patient, Sex, Slot
from desktop.domain.scheduling import AFTERNOON, MORNING
from desktop.services.container import Services
from desktop.ui.booking.delegate import BADGE_ROLE, DETAILS_ROLE
from desktop.ui.booking.patient_model import PatientListModel
from desktop.ui.booking.proposals import SEARCH_DAYS
from desktop.ui.booking.reason_picker import REASON_ROLE, VisitReasonListModel
from desktop.ui.booking.slot_model import ProposedSlot, SlotListModel
from desktop.ui.main_window import MainWindow
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY, small_hospital
from tests.ui.scenes import MONDAY, PARIS, book, ids_of, patient

# The small hospital, plus instructions for the follow-up visit and a Monday afternoon (a
# practitioner's openings in a structure file replace theirs, so the morning is repeated).
EXTRA_TOML = """
[[visit_reasons]]
code = "CARDIO-SUIVI"
department = "CARDIO"
label = "Consultation de suivi"
duration_min = 15
instructions = "Apporter votre dernier électrocardiogramme et la liste de vos médicaments."

[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "monday"
start = "09:00"
end = "12:30"
step_min = 15
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "monday"
start = "14:00"
end = "17:00"
step_min = 15
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI"]
valid_from = "2026-01-05"
"""
INSTRUCTIONS = "Apporter votre dernier électrocardiogramme et la liste de vos médicaments."


@dataclass
class Clinic:
    url: str
    services: Services
    patients: dict[str, int]

    def reason_id(self, code: str) -> int:
        return ids_of(self.services).visit_reasons[code]

    def first_slots(self, code: str, n: int = 5, **filters) -> list[Slot]:
        start = filters.pop("start", MONDAY)
        return self.services.agenda.free_slots(
            self.reason_id(code), start, start + timedelta(days=SEARCH_DAYS - 1), limit=n,
            **filters,
        )  # fmt: skip

    def appointments_of(self, patient_id: int, day: date = MONDAY):
        ids = ids_of(self.services).practitioners.values()
        period = self.services.agenda.period(list(ids), day, day + timedelta(days=SEARCH_DAYS))
        return [a for a in period.appointments if a.patient_id == patient_id]


@pytest.fixture
def clinic(sqlite_url) -> Clinic:
    """Now is Monday 15 March 2027, 10:00 in Paris; Dupont has a 10:30 booked."""
    services = small_hospital(sqlite_url, TEST_NOW)
    services.structure.import_text(ADMIN, EXTRA_TOML, "extra.toml")
    found = {
        "dupont-1970": patient(
            services, "Dupont", "Jean", "1970-05-03", sex="M", phones=("06 11 22 33 44",)
        ),
        "dupont-1985": patient(services, "Dupont", "Jean", "1985-11-20", sex="M"),
        "dupuis": patient(services, "Dupuis", "Anne", "1962-01-09", sex="F"),
        "bernard": patient(services, "Bernard", "Lucie", "1958-04-12", sex="F"),
    }
    book(services, "DUPONT", "CARDIO-1", found["bernard"], MONDAY, "10:30")
    yield Clinic(sqlite_url, services, found)
    services.db.dispose()


def open_window(qtbot, clinic: Clinic, actor=SECRETARY) -> MainWindow:
    window = MainWindow(clinic.services, actor=actor)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


@pytest.fixture
def window(qtbot, clinic) -> MainWindow:
    return open_window(qtbot, clinic)


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)
    between_keys()


def between_keys() -> None:
    """What the event loop does between two real keystrokes (a popup's window activation,
    repaints): without it, events queued by the offscreen platform arrive all at once later."""
    QApplication.processEvents()


def type_text(qtbot, text: str) -> None:
    """Type like a French keyboard: ``keyClicks`` only knows ASCII, "é" is its own key."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(focused(), char)
        else:
            key = Qt.Key(ord(char.upper())) if ord(char.upper()) < 0x100 else Qt.Key.Key_unknown
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, focused(), key, char, Qt.KeyboardModifier.NoModifier
            )
        between_keys()


def settle(qtbot, panel) -> None:
    """Wait until the free slots searched on the worker thread are shown."""
    qtbot.waitUntil(lambda: not panel.searching, timeout=5000)


def open_panel(
    qtbot, window: MainWindow, key=Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier
):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
    panel = window.booking.panel
    qtbot.waitUntil(lambda: window.booking.dock.isVisible(), timeout=2000)
    assert focused() is panel.patient_edit
    return panel


def listed_patients(panel) -> list[tuple[str, str]]:
    model = panel.patient_model
    return [
        (model.index(r, 0).data(), model.index(r, 0).data(DETAILS_ROLE))
        for r in range(model.rowCount())
    ]


def choose_patient_and_reason(qtbot, window, search="dup", downs=1, reason="suiv"):
    panel = open_panel(qtbot, window)
    type_text(qtbot, search)
    for _ in range(downs):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is panel.reason_edit
    type_text(qtbot, reason)
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, panel)
    assert focused() is panel.slot_list
    return panel


def proposed_slots(panel) -> list[Slot]:
    return [row.slot for row in panel.slot_model.rows()]


# --- the whole booking, keys only --------------------------------------------------------------


def test_keyboard_only_booking_of_an_existing_patient(qtbot, window, clinic):
    services = clinic.services
    expected = clinic.first_slots("CARDIO-SUIVI")
    # The agenda shows another day: the booking will bring it back to the appointment's.
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier
    )
    assert window.day == MONDAY + timedelta(days=1)
    panel = open_panel(qtbot, window)

    type_text(qtbot, "dup")
    assert focused() is panel.patient_edit
    # Homonyms are told apart by their birth date (and phone when there is one).
    assert listed_patients(panel) == [
        ("DUPONT Jean", "né le 03/05/1970 (56 ans) · 06 11 22 33 44"),
        ("DUPONT Jean", "né le 20/11/1985 (41 ans)"),
        ("DUPUIS Anne", "née le 09/01/1962 (65 ans)"),
    ]
    assert panel.patient_list.currentIndex().row() == 0
    press(qtbot, Qt.Key.Key_Down)
    assert panel.patient_list.currentIndex().row() == 1
    assert focused() is panel.patient_edit
    press(qtbot, Qt.Key.Key_Return)
    assert panel.patient.id == clinic.patients["dupont-1985"]
    assert "né le 20/11/1985" in panel.chosen_patient.text()

    assert focused() is panel.reason_edit
    type_text(qtbot, "suiv")
    press(qtbot, Qt.Key.Key_Return)
    assert panel.reason.code == "CARDIO-SUIVI"
    settle(qtbot, panel)
    assert panel.reason_edit.text() == "Consultation de suivi"

    # The proposals are there at once, the first one current, and the focus on them.
    assert focused() is panel.slot_list
    assert proposed_slots(panel) == expected
    assert panel.slot_list.currentIndex().row() == 0
    assert panel.slot_model.index(0, 0).data() == "lun. 15 mars 10:00"
    assert panel.slot_model.index(0, 0).data(DETAILS_ROLE).startswith("Dr Marie Dupont")

    press(qtbot, Qt.Key.Key_Return)

    [booked] = clinic.appointments_of(clinic.patients["dupont-1985"])
    first = expected[0]
    assert (booked.practitioner_id, booked.start, booked.visit_reason_id) == (
        first.practitioner_id,
        first.start,
        clinic.reason_id("CARDIO-SUIVI"),
    )
    assert booked.channel is Channel.PHONE
    assert booked.created_by == SECRETARY.login
    # The agenda shows its day with the new appointment selected, in the grid and the list.
    assert window.day == MONDAY
    assert window.grid.selected_id == booked.id
    assert booked.id in {b.appointment_id for b in window.grid.blocks}
    selected = window.table_view.selectionModel().selectedRows()
    assert [window.table_model.rows()[i.row()].id for i in selected] == [booked.id]
    # The confirmation, with the instructions to read.
    box = panel.confirmation
    assert box.isVisible()
    assert box.title_label.text() == (
        "Rendez-vous confirmé : lundi 15 mars 2027 à 10:00 avec Dr Marie Dupont"
    )
    assert box.instructions_label.text() == INSTRUCTIONS
    # Enter, even Ctrl+Enter, books nothing more: the proposals gave way to the confirmation.
    assert focused() is box
    assert not panel.slot_list.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(clinic.appointments_of(clinic.patients["dupont-1985"])) == 1
    assert services.booking.appointment(booked.id).status.value == "booked"
    # Another reason for the same patient brings the proposals back, without the booked slot.
    press(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert focused() is panel.reason_edit
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "suivi")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, panel)
    assert panel.slot_list.isVisible() and focused() is panel.slot_list
    assert first not in proposed_slots(panel)


def test_f2_opens_the_panel_and_escape_forgets_everything(qtbot, window, clinic):
    panel = open_panel(qtbot, window, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    type_text(qtbot, "bern")
    press(qtbot, Qt.Key.Key_Return)
    assert panel.patient.id == clinic.patients["bernard"]
    press(qtbot, Qt.Key.Key_Escape)
    assert not window.booking.dock.isVisible()
    assert panel.patient is None and panel.patient_edit.text() == ""
    panel = open_panel(qtbot, window)
    assert panel.patient_edit.text() == "" and not panel.patient_list.isVisible()


def test_search_ignores_accents_and_case_and_reads_dates_and_phones(qtbot, window, clinic):
    panel = open_panel(qtbot, window)
    type_text(qtbot, "DÛP")
    assert [name for name, _ in listed_patients(panel)] == [
        "DUPONT Jean",
        "DUPONT Jean",
        "DUPUIS Anne",
    ]
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "20/11/1985")
    assert [details for _, details in listed_patients(panel)] == ["né le 20/11/1985 (41 ans)"]
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "06.11.22.33.44")
    assert listed_patients(panel)[0][1].endswith("06 11 22 33 44")
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "zz")
    assert listed_patients(panel) == []
    assert "Aucun patient ne correspond à « zz »" in panel.patient_hint.text()


def test_the_reason_is_found_by_code_or_accentless_label_and_tab_accepts(qtbot, window, clinic):
    panel = open_panel(qtbot, window)
    type_text(qtbot, "bern")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "PREMIERE")
    press(qtbot, Qt.Key.Key_Tab)
    settle(qtbot, panel)
    assert panel.reason.code == "CARDIO-1"
    assert focused() is panel.slot_list
    assert proposed_slots(panel) == clinic.first_slots("CARDIO-1")
    # Editing the reason away drops the proposals until a reason is chosen again.
    qtbot.keyClick(panel, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert focused() is panel.reason_edit
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "cardio-suiv")
    assert panel.reason is None and panel.slot_model.rowCount() == 0
    press(qtbot, Qt.Key.Key_Return)
    assert panel.reason.code == "CARDIO-SUIVI"
    settle(qtbot, panel)
    press(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "radiothérapie")
    press(qtbot, Qt.Key.Key_Return)
    assert panel.reason is None
    assert panel.reason_details.text() == "Aucun motif ne correspond à « radiothérapie »."


def test_the_matches_popup_is_walked_with_the_arrows_like_a_real_keyboard(qtbot, window, clinic):
    """Keys through the window system, as a keyboard sends them: an open popup gets them."""

    def key(k, modifier=Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(window.windowHandle(), k, modifier)
        between_keys()

    def keys(text):
        for char in text:
            key(char)

    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    panel = window.booking.panel
    keys("bern")
    key(Qt.Key.Key_Return)
    assert focused() is panel.reason_edit
    keys("cons")
    popup = panel.reason_edit.completer.popup()
    assert popup.isVisible()
    assert popup.model().rowCount() == 2  # "consultation" is in both labels
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    highlighted = popup.currentIndex().data(REASON_ROLE)
    assert popup.currentIndex().row() == 1
    key(Qt.Key.Key_Return)
    settle(qtbot, panel)
    assert panel.reason == highlighted
    assert not popup.isVisible()
    assert focused() is panel.slot_list
    # Escape with the matches open closes them, and only them; the next one closes the panel.
    key(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys("ech")
    assert popup.isVisible() is False  # no reason matches "ech" in this hospital
    key(Qt.Key.Key_Backspace)
    key(Qt.Key.Key_Backspace)
    assert popup.isVisible()
    key(Qt.Key.Key_Escape)
    assert not popup.isVisible() and window.booking.dock.isVisible()
    key(Qt.Key.Key_Escape)
    assert not window.booking.dock.isVisible()


# --- filters -----------------------------------------------------------------------------------


def local_times(panel) -> list[datetime]:
    return [row.local_start for row in panel.slot_model.rows()]


def test_morning_afternoon_practitioner_and_from_date_change_the_proposals(qtbot, window, clinic):
    panel = choose_patient_and_reason(qtbot, window)
    assert all(t.date() == MONDAY and t.hour < 12 for t in local_times(panel))

    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Moment
    assert focused() is panel.window_combo
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    settle(qtbot, panel)
    assert panel.window_combo.currentText() == "Après-midi"
    assert proposed_slots(panel) == clinic.first_slots("CARDIO-SUIVI", window=AFTERNOON)
    # 12:00 and 12:15 still fit in the morning openings (until 12:30), then the afternoon.
    assert [t.time() for t in local_times(panel)] == [
        time(12, 0), time(12, 0), time(12, 15), time(12, 15), time(14, 0)
    ]  # fmt: skip
    press(qtbot, Qt.Key.Key_Up)
    settle(qtbot, panel)
    assert panel.window_combo.currentText() == "Matin"
    assert all(t.hour < 12 for t in local_times(panel))

    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Praticien
    assert focused() is panel.practitioner_combo
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    settle(qtbot, panel)
    assert panel.practitioner_combo.currentText() == "Dr Paul Martin"
    martin = ids_of(clinic.services).practitioners["MARTIN"]
    assert {s.practitioner_id for s in proposed_slots(panel)} == {martin}

    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # À partir du
    assert focused() is panel.from_edit
    # The day section is current: "22" typed moves the search one week on.
    type_text(qtbot, "22")
    settle(qtbot, panel)
    assert panel.from_edit.date() == QDate(2027, 3, 22)
    assert proposed_slots(panel) == clinic.first_slots(
        "CARDIO-SUIVI", start=date(2027, 3, 22), practitioner_ids=[martin],
        window=MORNING,
    )  # fmt: skip
    assert local_times(panel)[0] == datetime(2027, 3, 22, 9, 0, tzinfo=PARIS)
    # Ctrl+Enter books from any field of the panel: here, the date.
    first = proposed_slots(panel)[0]
    assert focused() is panel.from_edit
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [booked] = clinic.appointments_of(clinic.patients["dupont-1985"])
    assert (booked.start, booked.practitioner_id) == (first.start, martin)


# --- refusals ----------------------------------------------------------------------------------


def test_a_slot_taken_meanwhile_is_refused_in_french_and_the_proposals_refresh(
    qtbot, window, clinic
):
    panel = choose_patient_and_reason(qtbot, window)
    first = proposed_slots(panel)[0]
    # Another workstation books that slot between the proposal and Enter.
    other = Services.open(clinic.url, clinic.services.clock)
    try:
        other.booking.book(
            ADMIN, first.practitioner_id, first.visit_reason_id, clinic.patients["dupuis"],
            first.start,
        )  # fmt: skip
    finally:
        other.db.dispose()
    press(qtbot, Qt.Key.Key_Return)
    assert clinic.appointments_of(clinic.patients["dupont-1985"]) == []
    settle(qtbot, panel)

    message = panel.slot_message.text()
    assert message.startswith("Le 15/03/2027 à 10:00 chevauche un autre rendez-vous (10:00–10:15).")
    assert "Rien n'a été réservé" in message
    assert panel.slot_message.isVisible()
    assert not panel.confirmation.isVisible()
    assert first not in proposed_slots(panel)
    assert proposed_slots(panel) == clinic.first_slots("CARDIO-SUIVI")
    assert focused() is panel.slot_list
    # The next Enter books the first slot still free: the same time with the other doctor.
    second = proposed_slots(panel)[0]
    assert (second.start, second.practitioner_id) == (
        first.start, ids_of(clinic.services).practitioners["MARTIN"],
    )  # fmt: skip
    press(qtbot, Qt.Key.Key_Return)
    [booked] = clinic.appointments_of(clinic.patients["dupont-1985"])
    assert (booked.start, booked.practitioner_id) == (second.start, second.practitioner_id)
    assert panel.confirmation.isVisible()


def test_a_read_only_window_proposes_but_does_not_book(qtbot, clinic):
    window = open_window(qtbot, clinic, actor=None)
    panel = choose_patient_and_reason(qtbot, window)
    assert panel.read_only_label.isVisible()
    assert panel.read_only_label.text() == (
        "Fenêtre en lecture seule : connectez-vous pour prendre un rendez-vous."
    )
    assert not panel.book_button.isEnabled()
    assert not panel.new_patient_button.isEnabled()
    assert panel.slot_model.rowCount() == 5
    press(qtbot, Qt.Key.Key_Return)
    assert clinic.appointments_of(clinic.patients["dupont-1985"]) == []
    assert panel.slot_message.text() == panel.read_only_label.text()


# --- new patient inline ------------------------------------------------------------------------


def test_new_patient_inline_with_live_phone_check(qtbot, window, clinic):
    panel = open_panel(qtbot, window)
    type_text(qtbot, "lefèvre")
    press(
        qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    form = panel.patient_form
    assert form.isVisible()
    assert form.family_edit.text() == "LEFÈVRE"
    assert focused() is form.given_edit
    type_text(qtbot, "Chloé")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.birth_edit
    type_text(qtbot, "31/02/1990")
    assert form.birth_feedback.text() == "Format attendu : jj/mm/aaaa."
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "14/07/1990")
    assert form.birth_feedback.text() == "✓ 36 ans"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.sex_combo
    type_text(qtbot, "F")
    assert form.sex_combo.currentData() == "F"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.phone_edit
    type_text(qtbot, "06 12 34")
    assert form.phone_feedback.isVisible()
    assert form.phone_feedback.text() == (
        "« 06 12 34 » n'est pas un numéro de téléphone valide : il est trop court."
    )
    press(qtbot, Qt.Key.Key_Return)  # refused by the service, nothing created
    assert form.message_label.text() == form.phone_feedback.text()
    assert clinic.services.patients.search("lefevre") == []
    type_text(qtbot, " 56 78")
    assert form.phone_feedback.text() == "✓ 06 12 34 56 78 (portable)"
    press(qtbot, Qt.Key.Key_Return)

    [created] = clinic.services.patients.search("lefevre chloe")
    assert (created.family_name, created.given_names, created.birth_date, created.sex) == (
        "LEFÈVRE", "Chloé", date(1990, 7, 14), Sex.F,
    )  # fmt: skip
    assert [p.e164 for p in created.phones] == ["+33612345678"]
    assert not form.isVisible()
    assert panel.patient == created
    assert focused() is panel.reason_edit


def test_a_possible_duplicate_asks_before_creating(qtbot, window, clinic):
    panel = open_panel(qtbot, window)
    press(
        qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    form = panel.patient_form
    assert focused() is form.family_edit
    for text in ("Dupuis", "Anne", "09011962"):
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    assert form.message_label.text().startswith(
        "Doublon possible : DUPUIS Anne, né(e) le 09/01/1962, existe déjà"
    )
    assert form.create_button.text() == "Créer quand même (Entrée)"
    assert form.existing_button.isVisible()
    assert len(clinic.services.patients.search("dupuis")) == 1
    # Escape leaves the form without creating anything; the panel stays open.
    press(qtbot, Qt.Key.Key_Escape)
    assert not form.isVisible() and window.booking.dock.isVisible()
    assert focused() is panel.patient_edit
    assert len(clinic.services.patients.search("dupuis")) == 1
    # Confirmed the second time: a new record, chosen for the booking.
    press(
        qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    for text in ("Dupuis", "Anne", "09011962"):
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    twins = clinic.services.patients.search("dupuis")
    assert len(twins) == 2
    assert panel.patient.id == max(t.id for t in twins)


def test_a_physician_cannot_create_a_patient(qtbot, clinic):
    window = open_window(qtbot, clinic, actor=PHYSICIAN)
    panel = open_panel(qtbot, window)
    assert not panel.new_patient_button.isEnabled()
    press(
        qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not panel.patient_form.isVisible()
    assert panel.patient_hint.text() == "Votre rôle ne permet pas de créer un patient."


# --- the models --------------------------------------------------------------------------------


def test_the_list_models_pass_the_model_tester(qtmodeltester, clinic):
    patients = clinic.services.patients.search("dup")
    model = PatientListModel()
    qtmodeltester.check(model)
    model.set_rows(patients, MONDAY)
    qtmodeltester.check(model)
    model.set_no_shows({patients[0].id: 2})
    qtmodeltester.check(model)
    assert model.index(0, 0).data(BADGE_ROLE) == "2 absences non excusées"
    assert model.index(1, 0).data(BADGE_ROLE) == ""
    model.set_rows([], MONDAY)
    qtmodeltester.check(model)

    slots = SlotListModel()
    qtmodeltester.check(slots)
    slots.set_rows(
        [
            ProposedSlot(s, s.start.astimezone(PARIS), "Dr Marie Dupont", "Site Saint-Antoine")
            for s in clinic.first_slots("CARDIO-1")
        ]
    )
    qtmodeltester.check(slots)
    assert slots.index(0, 0).data(DETAILS_ROLE) == "Dr Marie Dupont · Site Saint-Antoine"

    reasons = VisitReasonListModel()
    qtmodeltester.check(reasons)
    reasons.set_rows(clinic.services.agenda.visit_reasons())
    qtmodeltester.check(reasons)


def test_patient_model_details_for_unknown_sex_and_babies():
    baby = Patient(1, "Martin", "Léa", date(2026, 11, 2))
    model = PatientListModel()
    model.set_rows([baby], MONDAY)
    assert model.index(0, 0).data(DETAILS_ROLE) == "né(e) le 02/11/2026 (4 mois)"
    assert model.index(0, 0).data(Qt.ItemDataRole.DisplayRole) == "MARTIN Léa"
