"""Local accounts and signed-in windows for the session tests (sign-in, idle lock, F1, access)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

from desktop.domain.model import Actor, Role
from desktop.services.container import Services
from tests.fakes import ADMIN
from tests.ui.scenes import ids_of

# ASCII only: QTest.keyClicks cannot type other characters.
PASSWORD = "Motdepasse-Sur-2027!"
WORKSTATION = "poste-accueil-cardio"


def add_user(
    services: Services,
    login: str,
    role: Role,
    display_name: str,
    practitioner: str | None = None,
) -> None:
    """An account with ``PASSWORD``; ``practitioner``: the code of the physician's agenda."""
    practitioner_id = ids_of(services).practitioners[practitioner] if practitioner else None
    services.auth.create_user(ADMIN, login, display_name, role, PASSWORD, practitioner_id)


def signed_in(services: Services, login: str, role: Role, display_name: str, **extra) -> Actor:
    """Create the account and sign it in through the real service."""
    add_user(services, login, role, display_name, **extra)
    return services.auth.authenticate(login, PASSWORD, WORKSTATION)


def when(steps: list[tuple[Callable[[], object], Callable[[object], None]]]) -> QTimer:
    """Run each step's action on what its probe finds, in order, from a 20 ms timer: a way to
    drive dialogs that run their own event loop (``exec``). Keep the returned timer alive."""
    timer = QTimer()
    timer.setInterval(20)

    def tick() -> None:
        if not steps:
            timer.stop()
            return
        probe, action = steps[0]
        found = probe()
        if found is not None and found is not False:
            steps.pop(0)
            if not steps:
                timer.stop()
            action(found)

    timer.timeout.connect(tick)
    timer.start()
    return timer
