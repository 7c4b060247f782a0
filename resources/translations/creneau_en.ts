<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>Curtain</name>
    <message>
        <source>Session verrouillée</source>
        <translation>Session locked</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Verrouiller la session</source>
        <translation>Lock the session</translation>
    </message>
    <message>
        <source>Créneau — session verrouillée</source>
        <translation>Créneau — session locked</translation>
    </message>
    <message>
        <source>Saisissez votre mot de passe.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Session de {name} ({role})</source>
        <translation>Session of {name} ({role})</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Général</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Se déplacer dans l&apos;agenda</source>
        <translation>Moving around the agenda</translation>
    </message>
    <message>
        <source>Rendez-vous</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <source>Liste des rendez-vous</source>
        <translation>List of appointments</translation>
    </message>
    <message>
        <source>Fenêtres de dialogue</source>
        <translation>Dialogs</translation>
    </message>
    <message>
        <source>Afficher cette liste des raccourcis</source>
        <translation>Show this list of shortcuts</translation>
    </message>
    <message>
        <source>Verrouiller la session maintenant</source>
        <translation>Lock the session now</translation>
    </message>
    <message>
        <source>Jour précédent (semaine précédente en vue semaine)</source>
        <translation>Previous day (previous week in the week view)</translation>
    </message>
    <message>
        <source>Jour suivant (semaine suivante en vue semaine)</source>
        <translation>Next day (next week in the week view)</translation>
    </message>
    <message>
        <source>Revenir à aujourd&apos;hui</source>
        <translation>Back to today</translation>
    </message>
    <message>
        <source>Montrer sur le planning le rendez-vous choisi dans la liste</source>
        <translation>Show the appointment chosen in the list on the planning</translation>
    </message>
    <message>
        <source>Valider (bouton par défaut : se connecter, déverrouiller…)</source>
        <translation>Confirm (the default button: sign in, unlock…)</translation>
    </message>
    <message>
        <source>Fermer la fenêtre de dialogue sans rien changer</source>
        <translation>Close the dialog without changing anything</translation>
    </message>
    <message>
        <source>Champ suivant (Maj+Tab : champ précédent)</source>
        <translation>Next field (Shift+Tab: previous field)</translation>
    </message>
    <message>
        <source>Rendez-vous choisi : patient arrivé</source>
        <translation>Chosen appointment: patient arrived</translation>
    </message>
    <message>
        <source>Rendez-vous choisi : patient vu</source>
        <translation>Chosen appointment: patient seen</translation>
    </message>
    <message>
        <source>Rendez-vous choisi : patient absent (lapin)</source>
        <translation>Chosen appointment: patient did not come (no-show)</translation>
    </message>
    <message>
        <source>Rendez-vous choisi : confirmé</source>
        <translation>Chosen appointment: confirmed</translation>
    </message>
    <message>
        <source>Rendez-vous choisi : revenir à « Réservé »</source>
        <translation>Chosen appointment: back to “Booked”</translation>
    </message>
    <message>
        <source>Déplacer le rendez-vous choisi…</source>
        <translation>Move the chosen appointment…</translation>
    </message>
    <message>
        <source>Annuler le rendez-vous choisi…</source>
        <translation>Cancel the chosen appointment…</translation>
    </message>
    <message>
        <source>Menu du rendez-vous choisi (ou Maj+F10, ou clic droit)</source>
        <translation>Menu of the chosen appointment (or Shift+F10, or right click)</translation>
    </message>
    <message>
        <source>Planning : rendez-vous suivant (↑ précédent, ← → colonne voisine)</source>
        <translation>Planning: next appointment (↑ previous, ← → neighbouring column)</translation>
    </message>
    <message>
        <source>Planning : abandonner le glisser-déposer en cours</source>
        <translation>Planning: abandon the drag and drop in progress</translation>
    </message>
    <message>
        <source>Prendre un rendez-vous (ou F2)</source>
        <translation>Book an appointment (or F2)</translation>
    </message>
    <message>
        <source>Prendre un rendez-vous (comme Ctrl+N)</source>
        <translation>Book an appointment (like Ctrl+N)</translation>
    </message>
    <message>
        <source>Nouveau patient, puis son rendez-vous</source>
        <translation>New patient, then their appointment</translation>
    </message>
    <message>
        <source>Prise de rendez-vous</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>Réserver le créneau choisi</source>
        <translation>Book the chosen slot</translation>
    </message>
    <message>
        <source>Fermer sans rien enregistrer</source>
        <translation>Close without saving anything</translation>
    </message>
    <message>
        <source>Patient suivant dans les résultats (↑ précédent)</source>
        <translation>Next patient in the results (↑ previous)</translation>
    </message>
    <message>
        <source>Choisir le patient, le motif, réserver le créneau</source>
        <translation>Choose the patient, the visit reason, book the slot</translation>
    </message>
    <message>
        <source>Accepter le motif proposé</source>
        <translation>Accept the proposed visit reason</translation>
    </message>
    <message>
        <source>Aller au patient</source>
        <translation>Go to the patient</translation>
    </message>
    <message>
        <source>Aller au motif</source>
        <translation>Go to the visit reason</translation>
    </message>
    <message>
        <source>Choisir le praticien (ou tout le service)</source>
        <translation>Choose the practitioner (or the whole department)</translation>
    </message>
    <message>
        <source>Matin, après-midi ou toute la journée</source>
        <translation>Morning, afternoon or the whole day</translation>
    </message>
    <message>
        <source>À partir de quelle date</source>
        <translation>From which date</translation>
    </message>
    <message>
        <source>Afficher ou masquer la fiche du rendez-vous et du patient</source>
        <translation>Show or hide the appointment and patient panel</translation>
    </message>
    <message>
        <source>Afficher ou masquer la liste d&apos;attente</source>
        <translation>Show or hide the waiting list</translation>
    </message>
    <message>
        <source>Saisir une absence de praticien et replanifier</source>
        <translation>Enter a practitioner&apos;s absence and rebook</translation>
    </message>
</context>
<context>
    <name>ShortcutsSheet</name>
    <message>
        <source>Raccourcis clavier — Créneau</source>
        <translation>Keyboard shortcuts — Créneau</translation>
    </message>
    <message>
        <source>Raccourcis clavier</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Créneau s&apos;utilise entièrement au clavier. Les touches ci-dessous valent dans la fenêtre de l&apos;agenda.</source>
        <translation>Créneau can be used entirely from the keyboard. The keys below work in the agenda window.</translation>
    </message>
    <message>
        <source>Liste des raccourcis clavier</source>
        <translation>List of keyboard shortcuts</translation>
    </message>
    <message>
        <source>Touches</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Fermer la liste des raccourcis</source>
        <translation>Close the list of shortcuts</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Connexion — Créneau</source>
        <translation>Sign in — Créneau</translation>
    </message>
    <message>
        <source>Agenda du secrétariat médical</source>
        <translation>The medical secretariat&apos;s agenda</translation>
    </message>
    <message>
        <source>Identifiez-vous pour ouvrir l&apos;agenda.</source>
        <translation>Sign in to open the agenda.</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Identifiant</source>
        <translation>&amp;Login</translation>
    </message>
    <message>
        <source>&amp;Mot de passe</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Message d&apos;erreur</source>
        <translation>Error message</translation>
    </message>
    <message>
        <source>Poste : {name}</source>
        <translation>Workstation: {name}</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Annuler la connexion</source>
        <translation>Cancel signing in</translation>
    </message>
    <message>
        <source>Se connecter</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Saisissez votre identifiant.</source>
        <translation>Enter your login.</translation>
    </message>
    <message>
        <source>Saisissez votre mot de passe.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Vérification…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>SignInRefused</name>
    <message>
        <source>Identifiant ou mot de passe incorrect.</source>
        <translation>Wrong login or password.</translation>
    </message>
    <message>
        <source>Compte verrouillé après plusieurs échecs : réessayez plus tard ou demandez à un administrateur.</source>
        <translation>Account locked after several failures: try again later or ask an administrator.</translation>
    </message>
    <message>
        <source>Le mot de passe n&apos;a pas pu être vérifié : réessayez, ou prévenez le support informatique si cela persiste.</source>
        <translation>The password could not be checked: try again, or tell the IT support if this goes on.</translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <source>Session verrouillée</source>
        <translation>Session locked</translation>
    </message>
    <message>
        <source>Les données des patients sont masquées. Votre travail en cours est conservé et réapparaîtra tel quel une fois la session déverrouillée.</source>
        <translation>Patient data is hidden. Your work in progress is kept and will reappear as it was once the session is unlocked.</translation>
    </message>
    <message>
        <source>Mot de passe pour déverrouiller</source>
        <translation>Password to unlock</translation>
    </message>
    <message>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Message d&apos;erreur</source>
        <translation>Error message</translation>
    </message>
    <message>
        <source>&amp;Déverrouiller</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Déverrouiller</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>secrétaire</source>
        <translation>secretary</translation>
    </message>
    <message>
        <source>médecin</source>
        <translation>physician</translation>
    </message>
    <message>
        <source>administrateur</source>
        <translation>administrator</translation>
    </message>
</context>
</TS>
