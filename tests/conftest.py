"""Hermetic test set-up: offscreen Qt, temporary data folders, never the developer's settings."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
