"""The booking page of the published folder: ``resources/web/`` copied, and its ``config.json``.

The page (``index.html``, ``booking.css``, ``booking.js``) reads the feed published beside it
(``$bulk-publish``, ``locations.ndjson``, ``schedules.ndjson`` and the slot files) and
``config.json``, which holds **public data only**: the hospital's name and phone, where to
send requests, the departments and the online visit reasons with their labels, durations and
instructions. Nothing about any patient.

``write_site(folder, context)`` is called by the publisher with a ``context`` mapping; each
value may be a dict or the domain object (``Hospital``, ``PublicationSettings``,
``Department``, ``VisitReason``):

- ``hospital``: name, phone, timezone (or the keys ``hospital_name``, ``phone``, ``timezone``);
- ``settings`` (optional): ``request_url`` and ``secretariat_phone`` (or the key
  ``request_url``);
- ``departments``: id and name; ``visit_reasons``: id, department_id, label, duration_min,
  instructions, online, active (only active online ones are written).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop.domain.phones import format_phone
from desktop.resources import resource_path

ASSETS = ("index.html", "booking.css", "booking.js")
CONFIG_NAME = "config.json"
MANIFEST_NAME = "$bulk-publish"
CONNECT_SRC = "connect-src 'self'"


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def site_config(context: Mapping[str, Any]) -> dict[str, Any]:
    """What ``config.json`` holds: public data picked field by field from ``context``."""
    hospital = context.get("hospital")
    settings = context.get("settings")
    phone = (
        context.get("phone") or _get(settings, "secretariat_phone") or _get(hospital, "phone") or ""
    )
    departments = [
        {"id": int(_get(d, "id")), "name": str(_get(d, "name", ""))}
        for d in context.get("departments", ())
    ]
    known = {d["id"] for d in departments}
    reasons = [
        {
            "id": int(_get(v, "id")),
            "departmentId": int(_get(v, "department_id")),
            "label": str(_get(v, "label", "")),
            "durationMin": int(_get(v, "duration_min", 0)),
            "instructions": str(_get(v, "instructions", "") or ""),
        }
        for v in context.get("visit_reasons", ())
        if _get(v, "online", True)
        and _get(v, "active", True)
        and int(_get(v, "department_id")) in known
    ]
    return {
        "version": 1,
        "hospital": {
            "name": str(context.get("hospital_name") or _get(hospital, "name", "") or ""),
            "phone": format_phone(phone) if phone else "",
            "phoneUri": f"tel:{phone.replace(' ', '')}" if phone else "",
        },
        "timezone": str(
            context.get("timezone") or _get(hospital, "timezone", "Europe/Paris") or ""
        ),
        "requestUrl": str(context.get("request_url") or _get(settings, "request_url", "") or ""),
        "manifest": MANIFEST_NAME,
        "departments": departments,
        "visitReasons": reasons,
    }


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def page_html(request_url: str) -> str:
    """``index.html`` with its Content-Security-Policy opened to the request URL's origin only."""
    html = resource_path("web", "index.html").read_text(encoding="utf-8")
    origin = _origin(request_url)
    if origin:
        html = html.replace(CONNECT_SRC, f"{CONNECT_SRC} {origin}", 1)
    return html


def write_site(folder: Path, context: Mapping[str, Any]) -> list[Path]:
    """Copy the booking page into ``folder`` and write its ``config.json``; the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    config = site_config(context)
    written = []
    for name in ASSETS:
        target = folder / name
        if name == "index.html":
            target.write_text(page_html(config["requestUrl"]), encoding="utf-8")
        else:
            shutil.copyfile(resource_path("web", name), target)
        written.append(target)
    target = folder / CONFIG_NAME
    target.write_text(
        json.dumps(config, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    written.append(target)
    return written
