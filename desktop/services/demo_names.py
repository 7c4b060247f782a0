"""French names and labels for the demonstration hospitals (data only, no logic but lookups).

Family names mix the most common French names with compound names, particles, apostrophes
and names of every origin found in a French hospital's patient list.
"""

from __future__ import annotations


def _words(text: str, *more: str) -> tuple[str, ...]:
    return (*text.split(), *more)


FAMILY_NAMES = _words(
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel "
    "Lefèvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine "
    "Rousseau Vincent Muller Lefebvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier "
    "François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu "
    "Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun "
    "Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche "
    "Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud "
    "Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq "
    "Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sánchez Dupuis Moulin "
    "Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier "
    "Marty Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly "
    "Hervé Schneider Fernandez Collet Léger Bouvier Julien Prévost Millet Perrot Daniel "
    "Cousin Germain Breton Besson Langlois Rémy Pelletier Lévêque Perrier "
    "Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodríguez "
    "Guichard Gillet Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Bouchet "
    "Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier "
    "Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte Nguyen Ferreira Benali "
    "Haddad Traoré Diallo Cissé Kaya Yılmaz Mendes Pereira Gonçalves Rossi Ferrari Schäfer "
    "Nowak Kowalski Chen Wang Tran Pham Mansouri Bensaïd Chérif "
    "Amrani Meziane Belkacem"
)

# Names written with spaces, particles, hyphens or apostrophes.
COMPOUND_FAMILY_NAMES = _words(
    "N'Diaye",
    "N'Guessan",
    "D'Almeida",
    "D'Arcy",
    "O'Neill",
    "de La Fontaine",
    "de Saint-Exupéry",
    "Le Bihan",
    "Le Gall",
    "Le Roux",
    "Le Goff",
    "Da Silva",
    "Dos Santos",
    "De Oliveira",
    "Ould Ahmed",
    "Le Floc'h",
    "Le Guen",
    "Le Corre",
    "Da Costa",
    "Dos Reis",
    "Van der Berg",
    "Martin-Dubois",
    "Lefèvre-Pontalis",
    "Bernard-Lévy",
    "Giscard-Rousseau",
    "Ben Youssef",
    "Abou-Khalil",
    "Saint-Cyr",
    "Nguyễn Văn",
    "Lê Thị",
    "Rivière-Ménard",
    "du Plessis",
    "de Beaumont",
    "L'Hôte",
    "Lagarde-Brézé",
)

FEMALE_GIVEN = _words(
    "Marie Nathalie Isabelle Sylvie Catherine Françoise Christine Valérie Sandrine Stéphanie "
    "Véronique Sophie Céline Chantal Patricia Anne Brigitte Julie Camille Léa Manon Chloé Emma "
    "Inès Jade Louise Alice Lina Rose Anna Ambre Juliette Léna Zoé Mila Agathe Élodie Émilie "
    "Aurélie Mélanie Hélène Gaëlle Maëlle Noémie Océane Laëtitia Joëlle Thérèse Geneviève "
    "Odette Madeleine Yvette Denise Monique Jacqueline Fatima Aïcha Yasmine Amina Nour Khadija "
    "Mariam Fatoumata Awa Leïla Salomé Capucine Apolline Clémence Bérénice Héloïse Maïwenn "
    "Anaïs Margaux Eugénie Colette Ginette Lucie Pauline Charlotte",
    *("Marie-Claire", "Marie-Hélène", "Anne-Sophie", "Marie-Thérèse", "Anne-Laure"),
)

MALE_GIVEN = _words(
    "Jean Pierre Michel Philippe Alain Patrick Nicolas Christophe Christian Daniel Bernard "
    "Éric Frédéric Laurent Stéphane David Julien Sébastien Olivier Thierry Pascal Gabriel Léo "
    "Raphaël Louis Arthur Jules Adam Hugo Lucas Maël Noé Paul Nathan Tom Théo Sacha Mathis "
    "Timéo Clément Baptiste Aurélien Jérôme Benoît Grégoire Rémi Loïc Gaël Joël Noël Hervé "
    "Gérard Roger René Marcel André Lucien Émile Mohamed Ahmed Youssef Karim Mehdi Moussa "
    "Mamadou Ibrahim Amadou Ismaël Bilal Anis Rayan Kylian Enzo Yanis Valentin Maxime Antoine "
    "Thibault Gaspard Côme Évariste",
    *("Jean-Pierre", "Jean-Luc", "Jean-François", "Pierre-Yves", "Jean-Baptiste"),
)

# Metropolitan department numbers for the birth place part of a NIR.
BIRTH_DEPARTMENTS = tuple(f"{d:02d}" for d in range(1, 96) if d != 20)

EMAIL_DOMAINS = ("exemple.fr", "courriel.example", "messagerie.example", "mail.example")

# (code, name) of the six departments of the small hospital, then its visit reasons:
# (department, label, duration in minutes, online, new patients, minimum notice hours,
# colour, instructions).
SMALL_DEPARTMENTS = (
    ("CARDIO", "Cardiologie"),
    ("DERMATO", "Dermatologie"),
    ("PEDIATRIE", "Pédiatrie"),
    ("GYNECO", "Gynécologie-obstétrique"),
    ("OPHTALMO", "Ophtalmologie"),
    ("RHUMATO", "Rhumatologie"),
)

_BRING = "Apportez votre carte Vitale, votre ordonnance et vos derniers examens."
_FAST = "Venez à jeun depuis 6 heures ; apportez la liste de vos traitements."
_EYES = "Ne conduisez pas après l'examen : vos pupilles seront dilatées."
_CHILD = "Apportez le carnet de santé de l'enfant."

SMALL_REASONS = (
    ("CARDIO", "Première consultation de cardiologie", 30, True, True, 24, "#d94f4f", _BRING),
    ("CARDIO", "Consultation de suivi cardiologique", 20, True, False, None, "#e07a7a", ""),
    ("CARDIO", "Électrocardiogramme (ECG)", 15, False, True, None, "#c23b3b", ""),
    ("CARDIO", "Échographie cardiaque", 45, False, True, 48, "#a83232", _BRING),
    ("CARDIO", "Épreuve d'effort", 60, False, True, 72, "#8f2a2a", "Venez en tenue de sport."),
    ("CARDIO", "Holter ECG : pose du boîtier", 15, False, True, None, "#f09a9a", ""),
    ("CARDIO", "Téléconsultation de cardiologie", 20, True, False, None, "#f4b4b4", ""),
    ("DERMATO", "Première consultation de dermatologie", 30, True, True, 24, "#9b59b6", _BRING),
    ("DERMATO", "Dépistage des grains de beauté", 20, True, True, None, "#a569bd", ""),
    ("DERMATO", "Consultation de suivi dermatologique", 15, True, False, None, "#bb8fce", ""),
    ("DERMATO", "Petite chirurgie cutanée", 45, False, False, 72, "#7d3c98", _FAST),
    ("DERMATO", "Séance de photothérapie", 15, False, False, None, "#d2b4de", ""),
    ("DERMATO", "Avis sur une lésion suspecte", 15, False, True, None, "#6c3483", ""),
    ("PEDIATRIE", "Consultation pédiatrique", 30, True, True, None, "#27ae60", _CHILD),
    ("PEDIATRIE", "Suivi du nourrisson", 20, True, True, None, "#52be80", _CHILD),
    ("PEDIATRIE", "Vaccination", 15, True, True, None, "#7dcea0", _CHILD),
    ("PEDIATRIE", "Consultation d'allergologie pédiatrique", 45, False, True, 48, "#1e8449", ""),
    ("PEDIATRIE", "Bilan de croissance", 30, False, False, None, "#a9dfbf", _CHILD),
    ("PEDIATRIE", "Consultation d'asthme de l'enfant", 30, False, False, None, "#145a32", ""),
    ("PEDIATRIE", "Certificat de sport", 10, True, True, None, "#abebc6", _CHILD),
    ("GYNECO", "Consultation de gynécologie", 30, True, True, 24, "#e67e22", _BRING),
    ("GYNECO", "Suivi de grossesse", 30, True, False, None, "#eb984e", ""),
    ("GYNECO", "Échographie obstétricale", 30, False, False, 48, "#f0b27a", "Vessie pleine."),
    ("GYNECO", "Pose de stérilet", 30, False, False, 72, "#ca6f1e", ""),
    ("GYNECO", "Frottis de dépistage", 15, True, True, None, "#f5cba7", ""),
    ("GYNECO", "Consultation de contraception", 20, True, True, None, "#dc7633", ""),
    ("GYNECO", "Entretien prénatal précoce", 60, False, False, None, "#af601a", ""),
    ("OPHTALMO", "Consultation d'ophtalmologie", 20, True, True, 24, "#2e86c1", _EYES),
    ("OPHTALMO", "Renouvellement de lunettes", 10, True, True, None, "#5dade2", ""),
    ("OPHTALMO", "Fond d'œil", 20, False, True, None, "#85c1e9", _EYES),
    ("OPHTALMO", "Champ visuel", 20, False, False, None, "#1b4f72", ""),
    ("OPHTALMO", "Suivi du glaucome", 20, False, False, None, "#2874a6", _EYES),
    (
        "OPHTALMO",
        "Consultation pré-opératoire de la cataracte",
        30,
        False,
        False,
        72,
        "#21618c",
        "",
    ),
    ("OPHTALMO", "Contrôle post-opératoire", 10, False, False, None, "#aed6f1", ""),
    ("RHUMATO", "Première consultation de rhumatologie", 40, True, True, 24, "#16a085", _BRING),
    ("RHUMATO", "Consultation de suivi rhumatologique", 20, True, False, None, "#48c9b0", ""),
    ("RHUMATO", "Infiltration", 30, False, False, 48, "#117a65", ""),
    ("RHUMATO", "Ostéodensitométrie", 20, False, True, None, "#76d7c4", "Retirez vos bijoux."),
    ("RHUMATO", "Échographie ostéo-articulaire", 30, False, True, None, "#0e6655", ""),
    ("RHUMATO", "Consultation de la douleur chronique", 60, False, False, None, "#a3e4d7", ""),
)

# Specialties of the large hospital: 15 specialties x 4 sites = 60 departments.
HOSPITAL_SPECIALTIES = (
    ("CARDIO", "Cardiologie"),
    ("DERMATO", "Dermatologie"),
    ("PEDIA", "Pédiatrie"),
    ("GYNECO", "Gynécologie"),
    ("OPHTA", "Ophtalmologie"),
    ("RHUMATO", "Rhumatologie"),
    ("NEURO", "Neurologie"),
    ("PNEUMO", "Pneumologie"),
    ("GASTRO", "Gastro-entérologie"),
    ("ENDOC", "Endocrinologie"),
    ("ORL", "Oto-rhino-laryngologie"),
    ("URO", "Urologie"),
    ("ORTHO", "Chirurgie orthopédique"),
    ("NEPHRO", "Néphrologie"),
    ("ONCO", "Oncologie médicale"),
)

HOSPITAL_SITES = (
    ("NORD", "Hôpital Nord", "12 boulevard Pasteur, 69004 Lyon"),
    ("SUD", "Hôpital Sud", "165 chemin du Grand Revoyet, 69310 Pierre-Bénite"),
    ("EST", "Hôpital de l'Est", "59 boulevard Pinel, 69500 Bron"),
    ("CENTRE", "Hôpital Centre", "5 place d'Arsonval, 69003 Lyon"),
)

# Patterns of visit reason labels (the specialty is added), with their durations.
REASON_PATTERNS = (
    ("Première consultation de {s}", 30),
    ("Consultation de suivi de {s}", 15),
    ("Téléconsultation de {s}", 15),
    ("Avis spécialisé de {s}", 30),
    ("Consultation pré-opératoire de {s}", 30),
    ("Contrôle post-opératoire de {s}", 15),
    ("Bilan annuel de {s}", 45),
    ("Résultats d'examens de {s}", 15),
    ("Consultation d'annonce de {s}", 60),
    ("Éducation thérapeutique en {s}", 45),
    ("Consultation de {s} pédiatrique", 30),
    ("Consultation de {s} du sujet âgé", 30),
    ("Urgence différée de {s}", 15),
    ("Consultation de second avis de {s}", 30),
    ("Examen complémentaire de {s}", 30),
    ("Consultation infirmière de {s}", 15),
    ("Renouvellement d'ordonnance de {s}", 15),
)

PALETTE = _words(
    "#d94f4f #e67e22 #f1c40f #27ae60 #16a085 #2e86c1 #8e44ad #c0392b #d35400 #1abc9c "
    "#3498db #9b59b6 #34495e #7f8c8d #e84393 #00b894"
)
