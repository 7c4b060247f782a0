"""How the audit trail's actions read on screen, in French."""

from __future__ import annotations

ACTION_LABELS = {
    "appointment.book": "Rendez-vous pris",
    "appointment.move": "Rendez-vous déplacé",
    "appointment.rebook": "Rendez-vous reprogrammé (absence du praticien)",
    "appointment.cancel": "Rendez-vous annulé",
    "appointment.status": "État modifié",
    "appointment.notes": "Note modifiée",
    "waitlist.add": "Inscription en liste d'attente",
    "waitlist.remove": "Retrait de la liste d'attente",
    "waitlist.book": "Rendez-vous pris depuis la liste d'attente",
    "absence.add": "Absence saisie",
    "absence.remove": "Absence supprimée",
    "patient.create": "Patient créé",
    "patient.update": "Patient modifié",
    "patient.sms_opt_out": "Refus des SMS modifié",
    "reminder.send": "Rappels SMS envoyés",
    "reminder.retry": "SMS renvoyé",
    "user.create": "Utilisateur créé",
    "user.signin": "Connexion",
    "user.signin_failed": "Échec de connexion",
    "structure.import": "Structure chargée",
    "refused": "Action refusée",
    "audit.export": "Journal d'audit exporté",
    "publication.publish": "Créneaux libres publiés",
    "publication.target": "Dossier de publication modifié",
    "publication_policy.create": "Politique de publication créée",
    "publication_policy.update": "Politique de publication modifiée",
    "publication_policy.delete": "Politique de publication supprimée",
}


def action_label(action: str) -> str:
    """The French label of an audited action (the action itself when it has none)."""
    return ACTION_LABELS.get(action, action)
