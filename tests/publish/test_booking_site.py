"""The booking page's files: self-contained assets, a strict CSP, and a public-only config."""

from __future__ import annotations

import json
import re

from desktop.domain.model import Department, Hospital, VisitReason
from desktop.domain.settings import PublicationSettings
from desktop.publish.site import ASSETS, CONFIG_NAME, write_site
from desktop.resources import resource_path

HOSPITAL = Hospital("Hôpital d'essai", phone="+33149282000")
SETTINGS = PublicationSettings(
    base_url="https://hopital.example/creneaux/",
    request_url="https://demandes.hopital.example/rdv",
    secretariat_phone="+33149282001",
)
REASONS = [
    VisitReason(1, "CARDIO-1", 1, "Première consultation", 30, online=True,
                instructions="Apporter vos examens."),
    VisitReason(2, "CARDIO-SUIVI", 1, "Suivi", 15, online=False),
    VisitReason(3, "CARDIO-OLD", 1, "Ancien motif", 15, online=True, active=False),
    VisitReason(4, "AUTRE", 9, "Service non publié", 15, online=True),
]  # fmt: skip


def test_the_page_and_its_config_are_written(tmp_path):
    written = write_site(
        tmp_path / "site",
        {"hospital": HOSPITAL, "settings": SETTINGS,
         "departments": [Department(1, "CARDIO", "Cardiologie", 1)], "visit_reasons": REASONS},
    )  # fmt: skip
    assert sorted(p.name for p in written) == sorted([*ASSETS, CONFIG_NAME])
    config = json.loads((tmp_path / "site" / CONFIG_NAME).read_text(encoding="utf-8"))
    assert config["hospital"] == {
        "name": "Hôpital d'essai", "phone": "01 49 28 20 01", "phoneUri": "tel:+33149282001",
    }  # fmt: skip
    assert config["requestUrl"] == "https://demandes.hopital.example/rdv"
    assert config["departments"] == [{"id": 1, "name": "Cardiologie"}]
    assert config["visitReasons"] == [
        {"id": 1, "departmentId": 1, "label": "Première consultation", "durationMin": 30,
         "instructions": "Apporter vos examens."},
    ]  # fmt: skip
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "connect-src 'self' https://demandes.hopital.example;" in html


def test_plain_dicts_are_accepted_too(tmp_path):
    write_site(
        tmp_path,
        {"hospital_name": "CH", "phone": "", "request_url": "", "timezone": "Europe/Paris",
         "departments": [{"id": 1, "name": "Cardiologie"}],
         "visit_reasons": [{"id": 1, "department_id": 1, "label": "Consultation",
                            "duration_min": 20, "online": True, "active": True}]},
    )  # fmt: skip
    config = json.loads((tmp_path / CONFIG_NAME).read_text(encoding="utf-8"))
    assert config["hospital"]["name"] == "CH" and config["requestUrl"] == ""
    assert "connect-src 'self';" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_the_assets_load_nothing_from_elsewhere():
    html = resource_path("web", "index.html").read_text(encoding="utf-8")
    css = resource_path("web", "booking.css").read_text(encoding="utf-8")
    js = resource_path("web", "booking.js").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "'unsafe" not in csp
    assert sorted(re.findall(r'(?:src|href)="([^"]+)"', html)) == [
        "#booking",
        "booking.css",
        "booking.js",
    ]
    assert "<script>" not in html and "style=" not in html and " on" + "click=" not in html
    assert "url(" not in css and "@import" not in css
    assert not re.search(r"https?://", css + js)
    assert "innerHTML" not in js and "eval(" not in js
    assert '<html lang="fr">' in html
    assert "L'hôpital vous confirmera le rendez-vous" in html
