"""Keyboard-first booking: the panel a secretary uses while a patient waits on the phone."""

from desktop.ui.booking.integration import BookingIntegration, install_booking_panel
from desktop.ui.booking.panel import BookingPanel

__all__ = ["BookingIntegration", "BookingPanel", "install_booking_panel"]
