<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>À propos de Créneau</source>
        <translation>About Créneau</translation>
    </message>
    <message>
        <source>Icône de Créneau</source>
        <translation>Créneau icon</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>L&apos;agenda du secrétariat médical de l&apos;hôpital.</source>
        <translation>The appointment book of the hospital&apos;s medical secretariat.</translation>
    </message>
    <message>
        <source>Logiciel libre publié sous la licence publique de l&apos;Union européenne (&lt;a href=&quot;{url}&quot;&gt;{license}&lt;/a&gt;) : chacun peut l&apos;utiliser, l&apos;étudier, le modifier et le redistribuer, sous cette même licence.</source>
        <translation>Free software published under the European Union Public Licence (&lt;a href=&quot;{url}&quot;&gt;{license}&lt;/a&gt;): anyone may use, study, modify and redistribute it under the same licence.</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Base de données</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Base de données :</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>Plateforme :</source>
        <translation>Platform:</translation>
    </message>
    <message>
        <source>&amp;Copier les informations</source>
        <translation>&amp;Copy the details</translation>
    </message>
    <message>
        <source>Copier les informations</source>
        <translation>Copy the details</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Base de données : {database}</source>
        <translation>Database: {database}</translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Menu Aide</source>
        <translation>Help menu</translation>
    </message>
    <message>
        <source>À &amp;propos de Créneau…</source>
        <translation>&amp;About…</translation>
    </message>
</context>
<context>
    <name>AbsenceDialog</name>
    <message>
        <source>Rendez-vous</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Remplacement proposé</source>
        <translation>Proposed replacement</translation>
    </message>
    <message>
        <source>Absence d&apos;un praticien</source>
        <translation>Practitioner&apos;s absence</translation>
    </message>
    <message>
        <source>Praticien absent</source>
        <translation>Absent practitioner</translation>
    </message>
    <message>
        <source>Début de l&apos;absence</source>
        <translation>Start of the absence</translation>
    </message>
    <message>
        <source>Fin de l&apos;absence</source>
        <translation>End of the absence</translation>
    </message>
    <message>
        <source>Motif de l&apos;absence</source>
        <translation>Reason for the absence</translation>
    </message>
    <message>
        <source>Congé, formation, maladie…</source>
        <translation>Leave, training, illness…</translation>
    </message>
    <message>
        <source>Praticien :</source>
        <translation>Practitioner:</translation>
    </message>
    <message>
        <source>Du :</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>Au :</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>Motif :</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Voir l&apos;impact</source>
        <translation>Show the impact</translation>
    </message>
    <message>
        <source>Enregistrer l&apos;absence</source>
        <translation>Save the absence</translation>
    </message>
    <message>
        <source>Rendez-vous touchés par l&apos;absence</source>
        <translation>Appointments affected by the absence</translation>
    </message>
    <message>
        <source>Tout replanifier</source>
        <translation>Rebook all</translation>
    </message>
    <message>
        <source>Replanifier tous les rendez-vous touchés sur le créneau proposé</source>
        <translation>Rebook every affected appointment on its proposed slot</translation>
    </message>
    <message>
        <source>Rendez-vous touchés</source>
        <translation>Affected appointments</translation>
    </message>
    <message>
        <source>Patients à appeler</source>
        <translation>Patients to call</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Connectez-vous pour saisir une absence.</source>
        <translation>Sign in to enter an absence.</translation>
    </message>
    <message>
        <source>Absence enregistrée.</source>
        <translation>Absence saved.</translation>
    </message>
    <message>
        <source>Connectez-vous pour replanifier.</source>
        <translation>Sign in to rebook.</translation>
    </message>
    <message>
        <source>rendez-vous replanifié</source>
        <translation>appointment rebooked</translation>
    </message>
    <message>
        <source>rendez-vous replanifiés</source>
        <translation>appointments rebooked</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>patient</translation>
    </message>
    <message>
        <source>patients</source>
        <translation>patients</translation>
    </message>
    <message>
        <source> ; {patients} à appeler.</source>
        <translation>; {patients} to call.</translation>
    </message>
    <message>
        <source>Pas de créneau à proposer : appelez le patient.</source>
        <translation>No slot to propose: call the patient.</translation>
    </message>
    <message>
        <source>{patient} : rendez-vous replanifié au {slot}.</source>
        <translation>{patient}: appointment rebooked on {slot}.</translation>
    </message>
    <message>
        <source>aucun créneau</source>
        <translation>no slot</translation>
    </message>
    <message>
        <source>Replanifier</source>
        <translation>Rebook</translation>
    </message>
    <message>
        <source>Replanifier le rendez-vous de {patient}</source>
        <translation>Rebook {patient}&apos;s appointment</translation>
    </message>
    <message>
        <source>rendez-vous touché</source>
        <translation>appointment affected</translation>
    </message>
    <message>
        <source>rendez-vous touchés</source>
        <translation>appointments affected</translation>
    </message>
    <message>
        <source> par cette absence.</source>
        <translation> by this absence.</translation>
    </message>
    <message>
        <source> : rien à replanifier.</source>
        <translation>: nothing to rebook.</translation>
    </message>
    <message>
        <source>pas de téléphone</source>
        <translation>no phone</translation>
    </message>
    <message>
        <source>{patient} — {phones}
rendez-vous du {when}</source>
        <translation>{patient} — {phones}
appointment on {when}</translation>
    </message>
    <message>
        <source> ; proposer le {slot}</source>
        <translation>; propose {slot}</translation>
    </message>
    <message>
        <source>Personne à appeler.</source>
        <translation>Nobody to call.</translation>
    </message>
    <message>
        <source>{when} avec {practitioner}</source>
        <translation>{when} with {practitioner}</translation>
    </message>
</context>
<context>
    <name>AbsencesTab</name>
    <message>
        <source>Absences à venir des praticiens</source>
        <translation>Practitioners&apos; coming absences</translation>
    </message>
    <message>
        <source>Nouvelle absence</source>
        <translation>New absence</translation>
    </message>
    <message>
        <source>Absence d&apos;un praticien</source>
        <translation>A practitioner&apos;s absence</translation>
    </message>
    <message>
        <source>Praticien absent</source>
        <translation>Absent practitioner</translation>
    </message>
    <message>
        <source>Début de l&apos;absence</source>
        <translation>Start of the absence</translation>
    </message>
    <message>
        <source>Fin de l&apos;absence</source>
        <translation>End of the absence</translation>
    </message>
    <message>
        <source>Motif de l&apos;absence</source>
        <translation>Reason for the absence</translation>
    </message>
    <message>
        <source>Congés, formation, congrès…</source>
        <translation>Leave, training, conference…</translation>
    </message>
    <message>
        <source>&amp;Praticien :</source>
        <translation>&amp;Practitioner:</translation>
    </message>
    <message>
        <source>&amp;Du :</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;Au :</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>&amp;Motif :</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Créez d&apos;abord un praticien (onglet Praticiens).</source>
        <translation>Create a practitioner first (Practitioners tab).</translation>
    </message>
</context>
<context>
    <name>AdminForms</name>
    <message>
        <source>Supprimer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Rouvrir (supprimer)</source>
        <translation>Reopen (remove)</translation>
    </message>
    <message>
        <source>Lettres, chiffres, - _ .</source>
        <translation>Letters, digits, - _ .</translation>
    </message>
</context>
<context>
    <name>AdminMenu</name>
    <message>
        <source>&amp;Administration</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <source>Menu Administration</source>
        <translation>Administration menu</translation>
    </message>
    <message>
        <source>&amp;Journal d&apos;audit…</source>
        <translation>&amp;Audit trail…</translation>
    </message>
    <message>
        <source>Qui a fait quoi, quand et depuis quel poste ; export CSV</source>
        <translation>Who did what, when and from which workstation; CSV export</translation>
    </message>
    <message>
        <source>&amp;Conservation des données…</source>
        <translation>Data &amp;retention…</translation>
    </message>
    <message>
        <source>Durées de conservation et purge du journal d&apos;audit et des rendez-vous</source>
        <translation>Retention periods and purge of the audit trail and appointments</translation>
    </message>
</context>
<context>
    <name>AdminModels</name>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Paires</source>
        <translation>Even</translation>
    </message>
    <message>
        <source>Impaires</source>
        <translation>Odd</translation>
    </message>
    <message>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <source>actif</source>
        <translation>active</translation>
    </message>
    <message>
        <source>désactivé</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>RPPS</source>
        <translation>RPPS</translation>
    </message>
    <message>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Libellé</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Durée</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Nouveaux</source>
        <translation>New patients</translation>
    </message>
    <message>
        <source>Prévenance</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>du {start}, sans fin</source>
        <translation>from {start}, no end</translation>
    </message>
    <message>
        <source>du {start} au {end}</source>
        <translation>from {start} to {end}</translation>
    </message>
    <message>
        <source>Jour</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Horaires</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Pas</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Semaines</source>
        <translation>Weeks</translation>
    </message>
    <message>
        <source>Validité</source>
        <translation>Validity</translation>
    </message>
    <message>
        <source>Motifs</source>
        <translation>Visit reasons</translation>
    </message>
    <message>
        <source>le {day}</source>
        <translation>on {day}</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Nom affiché</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Agenda lié</source>
        <translation>Linked agenda</translation>
    </message>
</context>
<context>
    <name>AdministrationDialog</name>
    <message>
        <source>Administration — structure et utilisateurs</source>
        <translation>Administration — structure and users</translation>
    </message>
    <message>
        <source>Rubriques de l&apos;administration</source>
        <translation>Sections of the administration</translation>
    </message>
    <message>
        <source>&amp;Hôpital</source>
        <translation>&amp;Hospital</translation>
    </message>
    <message>
        <source>&amp;Sites</source>
        <translation>&amp;Sites</translation>
    </message>
    <message>
        <source>S&amp;ervices</source>
        <translation>&amp;Departments</translation>
    </message>
    <message>
        <source>&amp;Praticiens</source>
        <translation>&amp;Practitioners</translation>
    </message>
    <message>
        <source>&amp;Motifs</source>
        <translation>&amp;Visit reasons</translation>
    </message>
    <message>
        <source>Plages &amp;horaires</source>
        <translation>&amp;Opening hours</translation>
    </message>
    <message>
        <source>&amp;Absences et fermetures</source>
        <translation>&amp;Absences and closures</translation>
    </message>
    <message>
        <source>&amp;Utilisateurs</source>
        <translation>&amp;Users</translation>
    </message>
    <message>
        <source>P&amp;ublication</source>
        <translation>Pu&amp;blication</translation>
    </message>
    <message>
        <source>&amp;Rappels</source>
        <translation>&amp;Reminders</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AdministrationEntry</name>
    <message>
        <source>&amp;Structure et utilisateurs…</source>
        <translation>&amp;Structure and users…</translation>
    </message>
    <message>
        <source>Sites, services, praticiens, motifs, plages horaires, fermetures, comptes, réglages</source>
        <translation>Sites, departments, practitioners, visit reasons, opening hours, closures, accounts, settings</translation>
    </message>
</context>
<context>
    <name>AgendaGrid</name>
    <message>
        <source>Grille de l&apos;agenda</source>
        <translation>Agenda grid</translation>
    </message>
</context>
<context>
    <name>AgendaHeading</name>
    <message>
        <source>Planning</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Les rendez-vous sur la grille horaire</source>
        <translation>The appointments on the time grid</translation>
    </message>
    <message>
        <source>Liste</source>
        <translation>List</translation>
    </message>
    <message>
        <source>Les rendez-vous en tableau</source>
        <translation>The appointments as a table</translation>
    </message>
</context>
<context>
    <name>AgendaLayout</name>
    <message>
        <source>Patient n° {id}</source>
        <translation>Patient no. {id}</translation>
    </message>
    <message>
        <source>Motif inconnu</source>
        <translation>Unknown visit reason</translation>
    </message>
    <message>
        <source>Fermé : {reason}</source>
        <translation>Closed: {reason}</translation>
    </message>
    <message>
        <source>Absence : {reason}</source>
        <translation>Absence: {reason}</translation>
    </message>
    <message>
        <source>Absence</source>
        <translation>Absence</translation>
    </message>
    <message>
        <source>rendez-vous</source>
        <comment>one</comment>
        <translation>appointment</translation>
    </message>
    <message>
        <source>rendez-vous</source>
        <comment>many</comment>
        <translation>appointments</translation>
    </message>
    <message>
        <source>Fermé</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>AgendaToolBar</name>
    <message>
        <source>Jour</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Semaine</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Vue jour</source>
        <translation>Day view</translation>
    </message>
    <message>
        <source>Vue semaine</source>
        <translation>Week view</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>‹  Précédent</source>
        <translation>‹  Previous</translation>
    </message>
    <message>
        <source>Jour précédent</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <source>Aujourd&apos;hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Revenir à aujourd&apos;hui</source>
        <translation>Back to today</translation>
    </message>
    <message>
        <source>Suivant  ›</source>
        <translation>Next  ›</translation>
    </message>
    <message>
        <source>Jour suivant</source>
        <translation>Next day</translation>
    </message>
    <message>
        <source>Précédent</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Suivant</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Date affichée</source>
        <translation>Date shown</translation>
    </message>
    <message>
        <source>Aller à une date</source>
        <translation>Go to a date</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Semaine précédente</source>
        <translation>Previous week</translation>
    </message>
    <message>
        <source>Semaine suivante</source>
        <translation>Next week</translation>
    </message>
    <message>
        <source>Revenir à aujourd&apos;hui (Alt+Origine)</source>
        <translation>Back to today (Alt+Home)</translation>
    </message>
</context>
<context>
    <name>AppointmentActions</name>
    <message>
        <source>&amp;Arrivé</source>
        <translation>&amp;Arrived</translation>
    </message>
    <message>
        <source>&amp;Vu</source>
        <translation>&amp;Seen</translation>
    </message>
    <message>
        <source>Absent (&amp;lapin)</source>
        <translation>&amp;No-show</translation>
    </message>
    <message>
        <source>&amp;Confirmé</source>
        <translation>&amp;Confirmed</translation>
    </message>
    <message>
        <source>Revenir à « &amp;Réservé »</source>
        <translation>Back to “&amp;Booked”</translation>
    </message>
    <message>
        <source>Votre rôle ne permet pas de forcer un rendez-vous (surbooking).</source>
        <translation>Your role does not allow forcing an appointment (overbooking).</translation>
    </message>
    <message>
        <source>Une erreur inattendue est survenue : rien n&apos;a été enregistré. L&apos;agenda affiché a été relu ; si l&apos;erreur persiste, prévenez le support informatique.</source>
        <translation>An unexpected error occurred: nothing was saved. The agenda shown has been read again; if the error persists, tell the IT support.</translation>
    </message>
    <message>
        <source>&amp;Déplacer…</source>
        <translation>&amp;Move…</translation>
    </message>
    <message>
        <source>A&amp;nnuler le rendez-vous…</source>
        <translation>Cance&amp;l the appointment…</translation>
    </message>
    <message>
        <source>Actions du rendez-vous</source>
        <translation>Appointment actions</translation>
    </message>
    <message>
        <source>{patient} : déjà « {status} ».</source>
        <translation>{patient}: already “{status}”.</translation>
    </message>
    <message>
        <source>{patient} : état « {status} ».</source>
        <translation>{patient}: status “{status}”.</translation>
    </message>
    <message>
        <source>Rendez-vous de {patient} du {when} annulé.</source>
        <translation>Appointment of {patient} on {when} cancelled.</translation>
    </message>
    <message>
        <source> avec {practitioner}</source>
        <translation> with {practitioner}</translation>
    </message>
    <message>
        <source>Rien n&apos;a été changé : le rendez-vous reste à sa place.</source>
        <translation>Nothing was changed: the appointment stays where it was.</translation>
    </message>
    <message>
        <source>{patient} : rendez-vous déplacé au {when}</source>
        <translation>{patient}: appointment moved to {when}</translation>
    </message>
    <message>
        <source> (surbooking).</source>
        <translation> (overbooking).</translation>
    </message>
    <message>
        <source>Connectez-vous pour modifier l&apos;agenda.</source>
        <translation>Sign in to change the agenda.</translation>
    </message>
    <message>
        <source>Choisissez d&apos;abord un rendez-vous sur le planning ou la liste.</source>
        <translation>First choose an appointment on the schedule or in the list.</translation>
    </message>
    <message>
        <source>Modifié sur un autre poste</source>
        <translation>Changed on another workstation</translation>
    </message>
    <message>
        <source>Base de données</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Refusé</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>un autre praticien</source>
        <translation>another practitioner</translation>
    </message>
</context>
<context>
    <name>AppointmentListView</name>
    <message>
        <source>Liste des rendez-vous</source>
        <translation>List of appointments</translation>
    </message>
</context>
<context>
    <name>AppointmentPanel</name>
    <message>
        <source>portable</source>
        <translation>mobile</translation>
    </message>
    <message>
        <source>fixe</source>
        <translation>landline</translation>
    </message>
    <message>
        <source>autre</source>
        <translation>other</translation>
    </message>
    <message>
        <source>Choisissez un rendez-vous sur le planning ou dans la liste pour voir la fiche du patient.</source>
        <translation>Choose an appointment on the schedule or in the list to see the patient&apos;s record.</translation>
    </message>
    <message>
        <source>Fiche du rendez-vous et du patient</source>
        <translation>Appointment and patient panel</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Né(e) le :</source>
        <translation>Born on:</translation>
    </message>
    <message>
        <source>Téléphones :</source>
        <translation>Phones:</translation>
    </message>
    <message>
        <source>Rendez-vous :</source>
        <translation>Appointment:</translation>
    </message>
    <message>
        <source>Rendez-vous à venir du patient</source>
        <translation>The patient&apos;s upcoming appointments</translation>
    </message>
    <message>
        <source>Rendez-vous passés du patient</source>
        <translation>The patient&apos;s past appointments</translation>
    </message>
    <message>
        <source>Rendez-vous du patient</source>
        <translation>The patient&apos;s appointments</translation>
    </message>
    <message>
        <source>À venir</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>Passés</source>
        <translation>Past</translation>
    </message>
    <message>
        <source>Note du rendez-vous</source>
        <translation>Appointment note</translation>
    </message>
    <message>
        <source>Note visible par tous les postes (sans diagnostic).</source>
        <translation>Note visible on every workstation (no diagnosis).</translation>
    </message>
    <message>
        <source>Enregistrer la note</source>
        <translation>Save the note</translation>
    </message>
    <message>
        <source>Enregistrer la note du rendez-vous</source>
        <translation>Save the appointment note</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Historique des modifications du rendez-vous</source>
        <translation>History of the appointment&apos;s changes</translation>
    </message>
    <message>
        <source>Historique du rendez-vous</source>
        <translation>Appointment history</translation>
    </message>
    <message>
        <source>Connectez-vous pour modifier la note.</source>
        <translation>Sign in to change the note.</translation>
    </message>
    <message>
        <source>Note du rendez-vous enregistrée.</source>
        <translation>Appointment note saved.</translation>
    </message>
    <message>
        <source>aucun numéro</source>
        <translation>no number</translation>
    </message>
    <message>
        <source>Absences non excusées sur 12 mois : {count}</source>
        <translation>Unexcused no-shows over 12 months: {count}</translation>
    </message>
    <message>
        <source>aucune</source>
        <translation>none</translation>
    </message>
    <message>
        <source>aucun rendez-vous</source>
        <translation>no appointments</translation>
    </message>
    <message>
        <source>Connectez-vous pour modifier le patient.</source>
        <translation>Sign in to change the patient.</translation>
    </message>
    <message>
        <source>Le patient accepte de nouveau les SMS : ses rappels sont replanifiés.</source>
        <translation>The patient accepts text messages again: their reminders are planned again.</translation>
    </message>
    <message>
        <source>Le patient refuse désormais les SMS : ses rappels en attente sont annulés.</source>
        <translation>The patient now refuses text messages: their pending reminders are cancelled.</translation>
    </message>
    <message>
        <source>Le patient refuse les SMS de rappel</source>
        <translation>The patient refuses reminder text messages</translation>
    </message>
    <message>
        <source>Refuse les SMS</source>
        <translation>Refuses text messages</translation>
    </message>
    <message>
        <source>SMS :</source>
        <translation>Text messages:</translation>
    </message>
    <message>
        <source>{kind} : annulé — {reason}</source>
        <translation>{kind}: cancelled — {reason}</translation>
    </message>
    <message>
        <source>{kind} : envoyé le {day} à {time}</source>
        <translation>{kind}: sent on {day} at {time}</translation>
    </message>
    <message>
        <source>{kind} : prévu le {day} à {time}</source>
        <translation>{kind}: due on {day} at {time}</translation>
    </message>
    <message>
        <source>{kind} : échec — {reason}</source>
        <translation>{kind}: failed — {reason}</translation>
    </message>
</context>
<context>
    <name>AppointmentTableModel</name>
    <message>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>{status} · surbooking</source>
        <translation>{status} · overbooked</translation>
    </message>
    <message>
        <source>Tél. {phone}</source>
        <translation>Tel. {phone}</translation>
    </message>
    <message>
        <source>État : {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Surbooking : {reason}</source>
        <translation>Overbooked: {reason}</translation>
    </message>
    <message>
        <source>Surbooking</source>
        <translation>Overbooked</translation>
    </message>
    <message>
        <source>Note : {notes}</source>
        <translation>Note: {notes}</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Rendez-vous (toutes actions)</source>
        <translation>Appointments (all actions)</translation>
    </message>
    <message>
        <source>Patients (toutes actions)</source>
        <translation>Patients (all actions)</translation>
    </message>
    <message>
        <source>Liste d&apos;attente (toutes actions)</source>
        <translation>Waiting list (all actions)</translation>
    </message>
    <message>
        <source>Absences (toutes actions)</source>
        <translation>Absences (all actions)</translation>
    </message>
    <message>
        <source>Utilisateurs et connexions</source>
        <translation>Users and sign-ins</translation>
    </message>
    <message>
        <source>Structure (toutes actions)</source>
        <translation>Structure (all actions)</translation>
    </message>
    <message>
        <source>Journal d&apos;audit</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>Filtrer par utilisateur</source>
        <translation>Filter by user</translation>
    </message>
    <message>
        <source>Tous les utilisateurs</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>N° du patient, ou nom, date de naissance, téléphone</source>
        <translation>Patient number, or name, date of birth, phone</translation>
    </message>
    <message>
        <source>Filtrer par patient</source>
        <translation>Filter by patient</translation>
    </message>
    <message>
        <source>Patient trouvé</source>
        <translation>Patient found</translation>
    </message>
    <message>
        <source>Filtrer par praticien</source>
        <translation>Filter by practitioner</translation>
    </message>
    <message>
        <source>Tous les praticiens</source>
        <translation>All practitioners</translation>
    </message>
    <message>
        <source>Filtrer par action</source>
        <translation>Filter by action</translation>
    </message>
    <message>
        <source>Toutes les actions</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>Premier jour de la période</source>
        <translation>First day of the period</translation>
    </message>
    <message>
        <source>Dernier jour de la période</source>
        <translation>Last day of the period</translation>
    </message>
    <message>
        <source>Toutes les dates</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>&amp;Utilisateur :</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Patient :</source>
        <translation>&amp;Patient:</translation>
    </message>
    <message>
        <source>Pra&amp;ticien :</source>
        <translation>Prac&amp;titioner:</translation>
    </message>
    <message>
        <source>&amp;Action :</source>
        <translation>&amp;Action:</translation>
    </message>
    <message>
        <source>au</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Péri&amp;ode du :</source>
        <translation>Peri&amp;od from:</translation>
    </message>
    <message>
        <source>&amp;Rechercher</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;Exporter en CSV…</source>
        <translation>&amp;Export to CSV…</translation>
    </message>
    <message>
        <source>&amp;Vérifier l&apos;intégrité</source>
        <translation>&amp;Verify integrity</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Enregistrements du journal d&apos;audit</source>
        <translation>Audit trail records</translation>
    </message>
    <message>
        <source>Aucun patient ne correspond à « {text} ».</source>
        <translation>No patient matches “{text}”.</translation>
    </message>
    <message>
        <source>{name}, né(e) le {birth} (n° {number})</source>
        <translation>{name}, born {birth} (no. {number})</translation>
    </message>
    <message>
        <source>Connectez-vous pour consulter le journal d&apos;audit.</source>
        <translation>Sign in to view the audit trail.</translation>
    </message>
    <message>
        <source>Recherche en cours…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Aucun enregistrement ne correspond à ces filtres.</source>
        <translation>No record matches these filters.</translation>
    </message>
    <message>
        <source>Les {n} enregistrements les plus récents sont affichés : précisez les filtres.</source>
        <translation>The {n} most recent records are shown: narrow the filters.</translation>
    </message>
    <message>
        <source>1 enregistrement, du plus récent au plus ancien.</source>
        <translation>1 record, newest first.</translation>
    </message>
    <message>
        <source>{n} enregistrements, du plus récent au plus ancien.</source>
        <translation>{n} records, newest first.</translation>
    </message>
    <message>
        <source>Connectez-vous pour exporter le journal d&apos;audit.</source>
        <translation>Sign in to export the audit trail.</translation>
    </message>
    <message>
        <source>Exporter le journal d&apos;audit</source>
        <translation>Export the audit trail</translation>
    </message>
    <message>
        <source>journal-audit.csv</source>
        <translation>audit-trail.csv</translation>
    </message>
    <message>
        <source>Fichiers CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Écriture impossible de {path} : {reason}.</source>
        <translation>Could not write {path}: {reason}.</translation>
    </message>
    <message>
        <source>Export en cours…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Journal d&apos;audit exporté dans {path}.</source>
        <translation>Audit trail exported to {path}.</translation>
    </message>
    <message>
        <source>Vérification du journal d&apos;audit…</source>
        <translation>Checking the audit trail…</translation>
    </message>
    <message>
        <source>Journal d&apos;audit intègre : 1 enregistrement vérifié.</source>
        <translation>Audit trail intact: 1 record checked.</translation>
    </message>
    <message>
        <source>Journal d&apos;audit intègre : {n} enregistrements vérifiés.</source>
        <translation>Audit trail intact: {n} records checked.</translation>
    </message>
    <message>
        <source>Journal d&apos;audit altéré : {reason}</source>
        <translation>Audit trail tampered with: {reason}</translation>
    </message>
    <message>
        <source>Le journal d&apos;audit n&apos;a pas pu être lu : réessayez ou prévenez l&apos;administrateur.</source>
        <translation>The audit trail could not be read: try again or tell the administrator.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Date et heure</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Utilisateur</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Poste</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Objet</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Détails</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Rendez-vous</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>Liste d&apos;attente</source>
        <translation>Waiting list</translation>
    </message>
    <message>
        <source>Absence</source>
        <translation>Absence</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>Journal d&apos;audit</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>Démonstration</source>
        <translation>Demonstration</translation>
    </message>
    <message>
        <source>état</source>
        <translation>status</translation>
    </message>
    <message>
        <source>début</source>
        <translation>start</translation>
    </message>
    <message>
        <source>fin</source>
        <translation>end</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>patient</translation>
    </message>
    <message>
        <source>praticien</source>
        <translation>practitioner</translation>
    </message>
    <message>
        <source>motif</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>site</source>
        <translation>site</translation>
    </message>
    <message>
        <source>canal</source>
        <translation>channel</translation>
    </message>
    <message>
        <source>surbooking</source>
        <translation>overbooked</translation>
    </message>
    <message>
        <source>motif du surbooking</source>
        <translation>overbooking reason</translation>
    </message>
    <message>
        <source>motif d&apos;annulation</source>
        <translation>cancellation reason</translation>
    </message>
    <message>
        <source>annulé à la demande de</source>
        <translation>cancelled at the request of</translation>
    </message>
    <message>
        <source>longueur de la note</source>
        <translation>note length</translation>
    </message>
    <message>
        <source>téléphones</source>
        <translation>phones</translation>
    </message>
    <message>
        <source>courriel</source>
        <translation>email</translation>
    </message>
    <message>
        <source>NIR</source>
        <translation>NIR</translation>
    </message>
    <message>
        <source>nom de naissance</source>
        <translation>birth name</translation>
    </message>
    <message>
        <source>action refusée</source>
        <translation>refused action</translation>
    </message>
    <message>
        <source>n° {number}</source>
        <translation>no. {number}</translation>
    </message>
    <message>
        <source>aucun changement</source>
        <translation>no change</translation>
    </message>
    <message>
        <source>{field} : {value}</source>
        <translation>{field}: {value}</translation>
    </message>
    <message>
        <source> ; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Enregistrement {number} — {action}</source>
        <translation>Record {number} — {action}</translation>
    </message>
    <message>
        <source>Avant : {state}</source>
        <translation>Before: {state}</translation>
    </message>
    <message>
        <source>Après : {state}</source>
        <translation>After: {state}</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Sauvegarde de la base</source>
        <translation>Database backup</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Sauvegarder maintenant</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Une copie cohérente de la base est écrite dans une archive .zip, avec son manifeste (nombre de lignes par table, somme de contrôle). Les autres postes continuent de travailler pendant la copie.</source>
        <translation>A consistent copy of the database is written into a .zip archive, with its manifest (number of rows per table, checksum). The other workstations go on working during the copy.</translation>
    </message>
    <message>
        <source>&amp;Sauvegarder maintenant…</source>
        <translation>&amp;Back up now…</translation>
    </message>
    <message>
        <source>Avancement de la sauvegarde</source>
        <translation>Backup progress</translation>
    </message>
    <message>
        <source>Sauvegardes programmées</source>
        <translation>Scheduled backups</translation>
    </message>
    <message>
        <source>Dossier des sauvegardes</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>Dossier (sur un autre disque de préférence)</source>
        <translation>Folder (preferably on another disk)</translation>
    </message>
    <message>
        <source>&amp;Choisir…</source>
        <translation>&amp;Choose…</translation>
    </message>
    <message>
        <source>Choisir le dossier des sauvegardes</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <source>désactivées</source>
        <translation>off</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Intervalle entre deux sauvegardes, en heures</source>
        <translation>Interval between two backups, in hours</translation>
    </message>
    <message>
        <source> sauvegardes</source>
        <translation> backups</translation>
    </message>
    <message>
        <source>Nombre de sauvegardes conservées</source>
        <translation>Number of backups kept</translation>
    </message>
    <message>
        <source>&amp;Enregistrer le réglage</source>
        <translation>&amp;Save the setting</translation>
    </message>
    <message>
        <source>Enregistrer le réglage</source>
        <translation>Save the setting</translation>
    </message>
    <message>
        <source>&amp;Dossier :</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <source>&amp;Toutes les :</source>
        <translation>&amp;Every:</translation>
    </message>
    <message>
        <source>&amp;Conserver :</source>
        <translation>&amp;Keep:</translation>
    </message>
    <message>
        <source>Sauvegardes du dossier</source>
        <translation>Backups in the folder</translation>
    </message>
    <message>
        <source>&amp;Actualiser</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Actualiser la liste des sauvegardes</source>
        <translation>Refresh the list of backups</translation>
    </message>
    <message>
        <source>Enregistrer la sauvegarde</source>
        <translation>Save the backup</translation>
    </message>
    <message>
        <source>Sauvegardes Créneau (*.zip)</source>
        <translation>Créneau backups (*.zip)</translation>
    </message>
    <message>
        <source>Sauvegarde en cours…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Sauvegarde écrite : {path} ({rows} lignes, SHA-256 {sha}…).</source>
        <translation>Backup written: {path} ({rows} rows, SHA-256 {sha}…).</translation>
    </message>
    <message>
        <source>Dossier des sauvegardes programmées</source>
        <translation>Folder of the scheduled backups</translation>
    </message>
    <message>
        <source>Sauvegardes programmées désactivées.</source>
        <translation>Scheduled backups are off.</translation>
    </message>
    <message>
        <source>Aucune sauvegarde programmée encore ; la première est due.</source>
        <translation>No scheduled backup yet; the first one is due.</translation>
    </message>
    <message>
        <source>Dernière : {last} · prochaine : {due}</source>
        <translation>Last: {last} · next: {due}</translation>
    </message>
    <message>
        <source>Réglage des sauvegardes programmées enregistré.</source>
        <translation>Scheduled backup setting saved.</translation>
    </message>
    <message>
        <source>Choisissez un dossier pour voir ses sauvegardes.</source>
        <translation>Choose a folder to see its backups.</translation>
    </message>
    <message>
        <source>Lecture du dossier…</source>
        <translation>Reading the folder…</translation>
    </message>
    <message>
        <source>Aucune sauvegarde dans ce dossier.</source>
        <translation>No backup in this folder.</translation>
    </message>
    <message>
        <source>sauvegarde</source>
        <translation>backup</translation>
    </message>
    <message>
        <source>sauvegardes</source>
        <translation>backups</translation>
    </message>
    <message>
        <source>{count} dans ce dossier.</source>
        <translation>{count} in this folder.</translation>
    </message>
    <message>
        <source>Erreur inattendue : {error}</source>
        <translation>Unexpected error: {error}</translation>
    </message>
</context>
<context>
    <name>BackupInstall</name>
    <message>
        <source>&amp;Sauvegarde…</source>
        <translation>&amp;Backup…</translation>
    </message>
    <message>
        <source>Sauvegarder la base, régler les sauvegardes programmées</source>
        <translation>Back up the database, set the scheduled backups</translation>
    </message>
    <message>
        <source>Sauvegarde programmée écrite : {path}</source>
        <translation>Scheduled backup written: {path}</translation>
    </message>
    <message>
        <source>La sauvegarde programmée a échoué : {reason}</source>
        <translation>The scheduled backup failed: {reason}</translation>
    </message>
    <message>
        <source>Sauvegarde</source>
        <translation>Backup</translation>
    </message>
</context>
<context>
    <name>BackupListModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Rendez-vous</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <source>Lignes</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>Taille</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>o</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Ko</source>
        <translation>KB</translation>
    </message>
    <message>
        <source>Mo</source>
        <translation>MB</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>GB</translation>
    </message>
    <message>
        <source>To</source>
        <translation>TB</translation>
    </message>
    <message>
        <source>{whole},{tenth}</source>
        <translation>{whole}.{tenth}</translation>
    </message>
    <message>
        <source>Base {engine} ({method}), révision {revision}, SHA-256 {sha}</source>
        <translation>{engine} database ({method}), revision {revision}, SHA-256 {sha}</translation>
    </message>
    <message>
        <source>illisible</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <source>lisible</source>
        <translation>readable</translation>
    </message>
</context>
<context>
    <name>BookingIntegration</name>
    <message>
        <source>Prise de rendez-vous</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>Prendre un rendez-vous</source>
        <translation>Book an appointment</translation>
    </message>
    <message>
        <source>Ouvrir la prise de rendez-vous</source>
        <translation>Open the booking panel</translation>
    </message>
    <message>
        <source>Nouveau patient</source>
        <translation>New patient</translation>
    </message>
    <message>
        <source>Créer un patient et lui donner un rendez-vous</source>
        <translation>Create a patient and give them an appointment</translation>
    </message>
    <message>
        <source> ou </source>
        <translation> or </translation>
    </message>
</context>
<context>
    <name>BookingPanel</name>
    <message>
        <source>Motif du rendez-vous</source>
        <translation>Appointment reason</translation>
    </message>
    <message>
        <source>&amp;Motif</source>
        <translation>Appoint&amp;ment reason</translation>
    </message>
    <message>
        <source>consignes à lire au patient</source>
        <translation>instructions to read to the patient</translation>
    </message>
    <message>
        <source>Aucun motif ne correspond à « {text} ».</source>
        <translation>No visit reason matches “{text}”.</translation>
    </message>
    <message>
        <source>{refusal} Rien n&apos;a été réservé ; les créneaux proposés sont à jour.</source>
        <translation>{refusal} Nothing was booked; the slots proposed are up to date.</translation>
    </message>
    <message>
        <source>Choisissez d&apos;abord le patient.</source>
        <translation>Choose the patient first.</translation>
    </message>
    <message>
        <source>Choisissez d&apos;abord le motif du rendez-vous.</source>
        <translation>Choose the visit reason first.</translation>
    </message>
    <message>
        <source>Recherche des créneaux en cours : réservez quand ils sont affichés.</source>
        <translation>Searching for slots: book once they are shown.</translation>
    </message>
    <message>
        <source>Aucun créneau à réserver.</source>
        <translation>No slot to book.</translation>
    </message>
    <message>
        <source>Attention : {count} sur les 12 derniers mois.</source>
        <translation>Warning: {count} over the last 12 months.</translation>
    </message>
    <message>
        <source>{count} sur les 12 derniers mois.</source>
        <translation>{count} over the last 12 months.</translation>
    </message>
</context>
<context>
    <name>BookingWording</name>
    <message>
        <source>janv.</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>févr.</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>mars</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>avr.</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>mai</source>
        <translation>May</translation>
    </message>
    <message>
        <source>juin</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>juil.</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>août</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>sept.</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>oct.</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>nov.</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>déc.</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>portable</source>
        <translation>mobile</translation>
    </message>
    <message>
        <source>fixe, pas de SMS</source>
        <translation>landline, no text messages</translation>
    </message>
    <message>
        <source>autre numéro, pas de SMS</source>
        <translation>other number, no text messages</translation>
    </message>
    <message>
        <source>née le {date}</source>
        <translation>born {date}</translation>
    </message>
    <message>
        <source>né le {date}</source>
        <translation>born {date}</translation>
    </message>
    <message>
        <source>né(e) le {date}</source>
        <translation>born {date}</translation>
    </message>
    <message>
        <source>{n} ans</source>
        <translation>{n} years</translation>
    </message>
    <message>
        <source>1 an</source>
        <translation>1 year</translation>
    </message>
    <message>
        <source>1 mois</source>
        <translation>1 month</translation>
    </message>
    <message>
        <source>{n} mois</source>
        <translation>{n} months</translation>
    </message>
    <message>
        <source>1 absence non excusée</source>
        <translation>1 unexcused no-show</translation>
    </message>
    <message>
        <source>{n} absences non excusées</source>
        <translation>{n} unexcused no-shows</translation>
    </message>
    <message>
        <source>Rendez-vous confirmé : {when} à {time} avec {practitioner}</source>
        <translation>Appointment confirmed: {when} at {time} with {practitioner}</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Annuler le rendez-vous</source>
        <translation>Cancel the appointment</translation>
    </message>
    <message>
        <source>Motifs d&apos;annulation</source>
        <translation>Cancellation reasons</translation>
    </message>
    <message>
        <source>&amp;Motif de l&apos;annulation :</source>
        <translation>&amp;Reason for cancelling:</translation>
    </message>
    <message>
        <source>Saisir un autre motif</source>
        <translation>Type another reason</translation>
    </message>
    <message>
        <source>Autre motif d&apos;annulation</source>
        <translation>Other cancellation reason</translation>
    </message>
    <message>
        <source>Ou un &amp;autre motif :</source>
        <translation>Or &amp;another reason:</translation>
    </message>
    <message>
        <source>le &amp;patient</source>
        <translation>the &amp;patient</translation>
    </message>
    <message>
        <source>l&apos;&amp;hôpital</source>
        <translation>the &amp;hospital</translation>
    </message>
    <message>
        <source>Annulé à la demande de :</source>
        <translation>Cancelled at the request of:</translation>
    </message>
    <message>
        <source>Le créneau redevient libre aussitôt ; le motif est conservé dans l&apos;historique.</source>
        <translation>The slot is free again at once; the reason is kept in the history.</translation>
    </message>
    <message>
        <source>Ne pas annuler</source>
        <translation>Don&apos;t cancel</translation>
    </message>
</context>
<context>
    <name>CancelReasons</name>
    <message>
        <source>Annulé par le patient</source>
        <translation>Cancelled by the patient</translation>
    </message>
    <message>
        <source>Empêchement du patient</source>
        <translation>Patient unable to come</translation>
    </message>
    <message>
        <source>Patient hospitalisé</source>
        <translation>Patient in hospital</translation>
    </message>
    <message>
        <source>Annulé par l&apos;hôpital</source>
        <translation>Cancelled by the hospital</translation>
    </message>
    <message>
        <source>Absence du praticien</source>
        <translation>Practitioner absent</translation>
    </message>
    <message>
        <source>Erreur de saisie</source>
        <translation>Entry error</translation>
    </message>
    <message>
        <source>Rendez-vous en double</source>
        <translation>Duplicate appointment</translation>
    </message>
</context>
<context>
    <name>ClosuresTab</name>
    <message>
        <source>Fermetures de site</source>
        <translation>Site closures</translation>
    </message>
    <message>
        <source>Nouvelle fermeture</source>
        <translation>New closure</translation>
    </message>
    <message>
        <source>Fermeture d&apos;un site</source>
        <translation>Closure of a site</translation>
    </message>
    <message>
        <source>Fermetures de site (dates incluses)</source>
        <translation>Site closures (dates included)</translation>
    </message>
    <message>
        <source>Site fermé</source>
        <translation>Closed site</translation>
    </message>
    <message>
        <source>Premier jour de fermeture</source>
        <translation>First day of the closure</translation>
    </message>
    <message>
        <source>Dernier jour de fermeture</source>
        <translation>Last day of the closure</translation>
    </message>
    <message>
        <source>Motif de la fermeture</source>
        <translation>Reason for the closure</translation>
    </message>
    <message>
        <source>Travaux, pont, inventaire…</source>
        <translation>Works, bridge day, stocktaking…</translation>
    </message>
    <message>
        <source>&amp;Site :</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <source>&amp;Du :</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;Au (inclus) :</source>
        <translation>&amp;To (included):</translation>
    </message>
    <message>
        <source>&amp;Motif :</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Créez d&apos;abord un site (onglet Sites).</source>
        <translation>Create a site first (Sites tab).</translation>
    </message>
    <message>
        <source> Les rendez-vous listés restent à déplacer.</source>
        <translation> The appointments listed are still to be moved.</translation>
    </message>
    <message>
        <source>Fermeture enregistrée.</source>
        <translation>Closure saved.</translation>
    </message>
</context>
<context>
    <name>ConfirmationBox</name>
    <message>
        <source>Pas de consigne particulière pour ce motif.</source>
        <translation>No particular instructions for this visit reason.</translation>
    </message>
    <message>
        <source>Échap : fermer · Ctrl+N : rendez-vous suivant · Alt+M : autre motif</source>
        <translation>Esc: close · Ctrl+N: next appointment · Alt+M: another reason</translation>
    </message>
    <message>
        <source>À lire au patient</source>
        <translation>To read to the patient</translation>
    </message>
    <message>
        <source>{title}. À lire au patient : {instructions}</source>
        <translation>{title}. To read to the patient: {instructions}</translation>
    </message>
</context>
<context>
    <name>Countries</name>
    <message>
        <source>France</source>
        <translation>France</translation>
    </message>
    <message>
        <source>Belgique</source>
        <translation>Belgium</translation>
    </message>
    <message>
        <source>Suisse</source>
        <translation>Switzerland</translation>
    </message>
    <message>
        <source>Luxembourg</source>
        <translation>Luxembourg</translation>
    </message>
    <message>
        <source>Monaco</source>
        <translation>Monaco</translation>
    </message>
    <message>
        <source>Allemagne</source>
        <translation>Germany</translation>
    </message>
    <message>
        <source>Espagne</source>
        <translation>Spain</translation>
    </message>
    <message>
        <source>Italie</source>
        <translation>Italy</translation>
    </message>
    <message>
        <source>Portugal</source>
        <translation>Portugal</translation>
    </message>
    <message>
        <source>Royaume-Uni</source>
        <translation>United Kingdom</translation>
    </message>
    <message>
        <source>Canada</source>
        <translation>Canada</translation>
    </message>
    <message>
        <source>Maroc</source>
        <translation>Morocco</translation>
    </message>
    <message>
        <source>Tunisie</source>
        <translation>Tunisia</translation>
    </message>
    <message>
        <source>Algérie</source>
        <translation>Algeria</translation>
    </message>
    <message>
        <source>Sénégal</source>
        <translation>Senegal</translation>
    </message>
</context>
<context>
    <name>CsvColumns</name>
    <message>
        <source>N° rendez-vous</source>
        <translation>Appointment no.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Début</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Fin</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>N° patient</source>
        <translation>Patient no.</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Nom de naissance</source>
        <translation>Birth name</translation>
    </message>
    <message>
        <source>Prénoms</source>
        <translation>Given names</translation>
    </message>
    <message>
        <source>Date de naissance</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Surbooking</source>
        <translation>Overbooked</translation>
    </message>
    <message>
        <source>Motif d&apos;annulation</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <source>Annulé par</source>
        <translation>Cancelled by</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Pris par</source>
        <translation>Booked by</translation>
    </message>
    <message>
        <source>Pris le</source>
        <translation>Booked on</translation>
    </message>
</context>
<context>
    <name>CsvExportDialog</name>
    <message>
        <source>Exporter les rendez-vous (CSV)</source>
        <translation>Export appointments (CSV)</translation>
    </message>
    <message>
        <source>Du</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Au</source>
        <translation>To</translation>
    </message>
    <message>
        <source>&amp;Du</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Au</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>Colonnes</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>Fichier UTF-8 pour tableur : séparateur « ; », formules neutralisées. Un export qui contient des données de patients est tracé dans le journal d&apos;audit.</source>
        <translation>UTF-8 file for spreadsheets: “;” separator, formulas neutralised. An export that holds patient data is recorded in the audit trail.</translation>
    </message>
    <message>
        <source>Exporter…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>La date de fin précède la date de début.</source>
        <translation>The end date is before the start date.</translation>
    </message>
    <message>
        <source>Choisissez au moins une colonne.</source>
        <translation>Choose at least one column.</translation>
    </message>
</context>
<context>
    <name>Curtain</name>
    <message>
        <source>Session verrouillée</source>
        <translation>Session locked</translation>
    </message>
</context>
<context>
    <name>DatabaseProblemDialog</name>
    <message>
        <source>Base de données inaccessible — Créneau</source>
        <translation>Database unavailable — Créneau</translation>
    </message>
    <message>
        <source>Créneau ne peut pas ouvrir sa base de données</source>
        <translation>Créneau cannot open its database</translation>
    </message>
    <message>
        <source>Problème de base de données</source>
        <translation>Database problem</translation>
    </message>
    <message>
        <source>Sauvegardes disponibles</source>
        <translation>Available backups</translation>
    </message>
    <message>
        <source>Avancement de la restauration</source>
        <translation>Restore progress</translation>
    </message>
    <message>
        <source>&amp;Restaurer une sauvegarde…</source>
        <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
        <source>Restaurer une sauvegarde</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Ré&amp;essayer</source>
        <translation>Try &amp;again</translation>
    </message>
    <message>
        <source>Réessayer d&apos;ouvrir la base</source>
        <translation>Try to open the database again</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Quitter Créneau</source>
        <translation>Quit Créneau</translation>
    </message>
    <message>
        <source>Aucune sauvegarde trouvée dans « {folder} » : choisissez le fichier.</source>
        <translation>No backup found in “{folder}”: choose the file.</translation>
    </message>
    <message>
        <source>Sauvegardes trouvées dans « {folder} » (double-clic pour restaurer) :</source>
        <translation>Backups found in “{folder}” (double-click to restore):</translation>
    </message>
    <message>
        <source>{when} — {rows} rendez-vous, {total} lignes — {name}</source>
        <translation>{when} — {rows} appointments, {total} rows — {name}</translation>
    </message>
    <message>
        <source>Choisir une sauvegarde à restaurer</source>
        <translation>Choose a backup to restore</translation>
    </message>
    <message>
        <source>Sauvegardes Créneau (*.zip);;Tous les fichiers (*)</source>
        <translation>Créneau backups (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>Restauration de « {name} »…</source>
        <translation>Restoring “{name}”…</translation>
    </message>
    <message>
        <source>Nouvelle tentative…</source>
        <translation>Trying again…</translation>
    </message>
    <message>
        <source>Sauvegarde restaurée.</source>
        <translation>Backup restored.</translation>
    </message>
    <message>
        <source>Erreur inattendue : {error}</source>
        <translation>Unexpected error: {error}</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <source>Ce motif demande d&apos;abord un avis de votre médecin traitant.</source>
        <translation>This visit reason first needs your GP&apos;s opinion.</translation>
    </message>
    <message>
        <source>Le praticien n&apos;est pas disponible à cette date.</source>
        <translation>The practitioner is not available on that date.</translation>
    </message>
    <message>
        <source>Demande en double : un rendez-vous existe déjà.</source>
        <translation>Duplicate request: an appointment already exists.</translation>
    </message>
    <message>
        <source>Ce rendez-vous doit être pris par téléphone.</source>
        <translation>This appointment must be made by phone.</translation>
    </message>
    <message>
        <source>Refuser la demande</source>
        <translation>Decline the request</translation>
    </message>
    <message>
        <source>Motif du refus</source>
        <translation>Reason for declining</translation>
    </message>
    <message>
        <source>Choisissez ou écrivez un motif</source>
        <translation>Choose or type a reason</translation>
    </message>
    <message>
        <source>Le patient est prévenu de ce motif ; le créneau redevient libre.</source>
        <translation>The patient is told this reason; the slot is free again.</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Motif du refus :</source>
        <translation>&amp;Reason for declining:</translation>
    </message>
</context>
<context>
    <name>DepartmentsTab</name>
    <message>
        <source>Liste des services</source>
        <translation>List of departments</translation>
    </message>
    <message>
        <source>Nouveau service</source>
        <translation>New department</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Code du service</source>
        <translation>Department code</translation>
    </message>
    <message>
        <source>Nom du service</source>
        <translation>Department name</translation>
    </message>
    <message>
        <source>Site du service</source>
        <translation>Department&apos;s site</translation>
    </message>
    <message>
        <source>&amp;Code :</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Site :</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <source>Créez d&apos;abord un site (onglet Sites).</source>
        <translation>Create a site first (Sites tab).</translation>
    </message>
</context>
<context>
    <name>EditorTab</name>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Connectez-vous pour modifier la structure.</source>
        <translation>Sign in to change the structure.</translation>
    </message>
    <message>
        <source>Enregistré.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Créer le premier compte administrateur</source>
        <translation>Create the first administrator account</translation>
    </message>
    <message>
        <source>Cette base ne contient encore aucun compte. Créez le compte de l&apos;administrateur qui configurera l&apos;hôpital et les autres comptes.</source>
        <translation>This database has no account yet. Create the account of the administrator who will set up the hospital and the other accounts.</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Nom affiché</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Confirmation du mot de passe</source>
        <translation>Password confirmation</translation>
    </message>
    <message>
        <source>&amp;Identifiant :</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <source>&amp;Nom affiché :</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>&amp;Mot de passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Confirmation :</source>
        <translation>&amp;Confirmation:</translation>
    </message>
    <message>
        <source>Mot de passe : 12 caractères au moins mêlant minuscules, majuscules, chiffres et caractères spéciaux, ou 14 caractères au moins avec trois de ces types.</source>
        <translation>Password: at least 12 characters mixing lower case, upper case, digits and special characters, or at least 14 characters with three of these types.</translation>
    </message>
    <message>
        <source>Message d&apos;erreur</source>
        <translation>Error message</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Créer et se connecter</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <source>Créer le compte et se connecter</source>
        <translation>Create the account and sign in</translation>
    </message>
    <message>
        <source>Saisissez un identifiant.</source>
        <translation>Enter a login.</translation>
    </message>
    <message>
        <source>Les deux mots de passe diffèrent.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>FormTab</name>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Connectez-vous pour modifier les réglages.</source>
        <translation>Sign in to change the settings.</translation>
    </message>
</context>
<context>
    <name>GatewayKind</name>
    <message>
        <source>Fichiers dans un dossier</source>
        <translation>Files in a folder</translation>
    </message>
    <message>
        <source>Passerelle HTTP</source>
        <translation>HTTP gateway</translation>
    </message>
</context>
<context>
    <name>GridPainting</name>
    <message>
        <source>Surbooking · {status}</source>
        <translation>Overbooked · {status}</translation>
    </message>
    <message>
        <source>Surbooking : {reason}</source>
        <translation>Overbooked: {reason}</translation>
    </message>
    <message>
        <source>Surbooking</source>
        <translation>Overbooked</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Rendez-vous pris</source>
        <translation>Appointment booked</translation>
    </message>
    <message>
        <source>Rendez-vous déplacé</source>
        <translation>Appointment moved</translation>
    </message>
    <message>
        <source>Rendez-vous reprogrammé (absence du praticien)</source>
        <translation>Appointment rebooked (practitioner absent)</translation>
    </message>
    <message>
        <source>Rendez-vous annulé</source>
        <translation>Appointment cancelled</translation>
    </message>
    <message>
        <source>État modifié</source>
        <translation>Status changed</translation>
    </message>
    <message>
        <source>Note modifiée</source>
        <translation>Note changed</translation>
    </message>
    <message>
        <source>Inscription en liste d&apos;attente</source>
        <translation>Added to the waiting list</translation>
    </message>
    <message>
        <source>Retrait de la liste d&apos;attente</source>
        <translation>Removed from the waiting list</translation>
    </message>
    <message>
        <source>Rendez-vous pris depuis la liste d&apos;attente</source>
        <translation>Appointment booked from the waiting list</translation>
    </message>
    <message>
        <source>Absence saisie</source>
        <translation>Absence entered</translation>
    </message>
    <message>
        <source>Absence supprimée</source>
        <translation>Absence deleted</translation>
    </message>
    <message>
        <source>Patient créé</source>
        <translation>Patient created</translation>
    </message>
    <message>
        <source>Patient modifié</source>
        <translation>Patient updated</translation>
    </message>
    <message>
        <source>Utilisateur créé</source>
        <translation>User created</translation>
    </message>
    <message>
        <source>Connexion</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <source>Échec de connexion</source>
        <translation>Failed sign-in</translation>
    </message>
    <message>
        <source>Structure chargée</source>
        <translation>Structure loaded</translation>
    </message>
    <message>
        <source>Action refusée</source>
        <translation>Action refused</translation>
    </message>
    <message>
        <source>Journal d&apos;audit exporté</source>
        <translation>Audit trail exported</translation>
    </message>
    <message>
        <source>Refus des SMS modifié</source>
        <translation>Text message refusal changed</translation>
    </message>
    <message>
        <source>Rappels SMS envoyés</source>
        <translation>SMS reminders sent</translation>
    </message>
    <message>
        <source>SMS renvoyé</source>
        <translation>Text message sent again</translation>
    </message>
    <message>
        <source>Créneaux libres publiés</source>
        <translation>Free slots published</translation>
    </message>
    <message>
        <source>Dossier de publication modifié</source>
        <translation>Publication folder changed</translation>
    </message>
    <message>
        <source>Politique de publication créée</source>
        <translation>Publication policy created</translation>
    </message>
    <message>
        <source>Politique de publication modifiée</source>
        <translation>Publication policy changed</translation>
    </message>
    <message>
        <source>Politique de publication supprimée</source>
        <translation>Publication policy deleted</translation>
    </message>
</context>
<context>
    <name>HospitalTab</name>
    <message>
        <source>Structure de l&apos;hôpital (*.toml)</source>
        <translation>Hospital structure (*.toml)</translation>
    </message>
    <message>
        <source>Hôpital</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <source>Nom de l&apos;hôpital</source>
        <translation>Hospital name</translation>
    </message>
    <message>
        <source>Fuseau horaire</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>Jours fériés</source>
        <translation>Public holidays</translation>
    </message>
    <message>
        <source>Aucun (ouvert les jours fériés)</source>
        <translation>None (open on public holidays)</translation>
    </message>
    <message>
        <source>Téléphone de l&apos;hôpital</source>
        <translation>Hospital phone</translation>
    </message>
    <message>
        <source>Adresse de réservation</source>
        <translation>Booking address</translation>
    </message>
    <message>
        <source>https://hopital.example/rendez-vous</source>
        <translation>https://hospital.example/appointments</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Fuseau horaire :</source>
        <translation>&amp;Time zone:</translation>
    </message>
    <message>
        <source>&amp;Jours fériés :</source>
        <translation>Public &amp;holidays:</translation>
    </message>
    <message>
        <source>&amp;Téléphone :</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>&amp;Réservation en ligne :</source>
        <translation>Online &amp;booking:</translation>
    </message>
    <message>
        <source>Structure de l&apos;hôpital (fichier TOML)</source>
        <translation>Hospital structure (TOML file)</translation>
    </message>
    <message>
        <source>Le fichier décrit sites, services, motifs, praticiens, plages horaires, absences et fermetures. Le recharger met à jour sans dupliquer ; une erreur est signalée avec sa ligne et sa clé, et rien n&apos;est chargé.</source>
        <translation>The file describes sites, departments, visit reasons, practitioners, opening hours, absences and closures. Loading it again updates without duplicating; a mistake is reported with its line and key, and nothing is loaded.</translation>
    </message>
    <message>
        <source>Importer un fichier…</source>
        <translation>Import a file…</translation>
    </message>
    <message>
        <source>Exporter la structure…</source>
        <translation>Export the structure…</translation>
    </message>
    <message>
        <source>Hôpital enregistré.</source>
        <translation>Hospital saved.</translation>
    </message>
    <message>
        <source>Impossible de lire « {name} » (fichier UTF-8 attendu).</source>
        <translation>Cannot read “{name}” (a UTF-8 file is expected).</translation>
    </message>
    <message>
        <source>« {name} » chargé : {loaded}.</source>
        <translation>“{name}” loaded: {loaded}.</translation>
    </message>
    <message>
        <source>rien à changer</source>
        <translation>nothing to change</translation>
    </message>
    <message>
        <source>Impossible d&apos;écrire « {path} ».</source>
        <translation>Cannot write “{path}”.</translation>
    </message>
    <message>
        <source>Structure exportée dans « {path} ».</source>
        <translation>Structure exported to “{path}”.</translation>
    </message>
    <message>
        <source>Importer la structure</source>
        <translation>Import the structure</translation>
    </message>
    <message>
        <source>Exporter la structure</source>
        <translation>Export the structure</translation>
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
    <name>MainWindow</name>
    <message>
        <source>Aucun service n&apos;est encore défini. Importez la structure de l&apos;hôpital :
creneau import-structure FICHIER.toml</source>
        <translation>No department is defined yet. Import the hospital&apos;s structure:
creneau import-structure FILE.toml</translation>
    </message>
    <message>
        <source>Votre compte de médecin n&apos;est relié à aucun agenda : demandez à un administrateur de le relier à votre fiche de praticien.</source>
        <translation>Your physician account is not linked to any agenda: ask an administrator to link it to your practitioner record.</translation>
    </message>
    <message>
        <source>Aucun praticien actif dans le service {name}.</source>
        <translation>No active practitioner in the {name} department.</translation>
    </message>
    <message>
        <source>Base : {where}</source>
        <translation>Database: {where}</translation>
    </message>
    <message>
        <source>rendez-vous</source>
        <comment>one</comment>
        <translation>appointment</translation>
    </message>
    <message>
        <source>rendez-vous</source>
        <comment>many</comment>
        <translation>appointments</translation>
    </message>
    <message>
        <source>Ma journée</source>
        <translation>My day</translation>
    </message>
    <message>
        <source> · aujourd&apos;hui</source>
        <translation> · today</translation>
    </message>
    <message>
        <source>praticien</source>
        <translation>practitioner</translation>
    </message>
    <message>
        <source>praticiens</source>
        <translation>practitioners</translation>
    </message>
    <message>
        <source>La base de données est injoignable : l&apos;agenda n&apos;a pas pu être lu. Réessayez.</source>
        <translation>The database cannot be reached: the agenda could not be read. Try again.</translation>
    </message>
    <message>
        <source>en mémoire</source>
        <translation>in memory</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>C&apos;est fait</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Fermer le message (Échap)</source>
        <translation>Close the message (Esc)</translation>
    </message>
    <message>
        <source>Fermer le message</source>
        <translation>Close the message</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title} :&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;{title}:&lt;/b&gt; {text}</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Déplacer le rendez-vous</source>
        <translation>Move the appointment</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>&amp;Praticien :</source>
        <translation>&amp;Practitioner:</translation>
    </message>
    <message>
        <source>&amp;Date :</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>&amp;Heure :</source>
        <translation>&amp;Time:</translation>
    </message>
    <message>
        <source>Prochains créneaux libres</source>
        <translation>Next free slots</translation>
    </message>
    <message>
        <source>Chercher dans &amp;tout le service</source>
        <translation>Search the &amp;whole department</translation>
    </message>
    <message>
        <source>Déplacer</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>C&apos;est déjà l&apos;horaire de ce rendez-vous : choisissez-en un autre.</source>
        <translation>That is already this appointment&apos;s time: choose another one.</translation>
    </message>
    <message>
        <source>Prochains créneau&amp;x libres du service à partir du {day} :</source>
        <translation>Ne&amp;xt free slots of the department from {day}:</translation>
    </message>
    <message>
        <source>Prochains créneau&amp;x libres de ce praticien à partir du {day} :</source>
        <translation>Ne&amp;xt free slots of this practitioner from {day}:</translation>
    </message>
    <message>
        <source>Aucun créneau libre dans les {days} jours.</source>
        <translation>No free slot in the next {days} days.</translation>
    </message>
</context>
<context>
    <name>NewPatientForm</name>
    <message>
        <source>Non renseigné</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Surname</translation>
    </message>
    <message>
        <source>Nom d&apos;usage</source>
        <translation>Surname in use</translation>
    </message>
    <message>
        <source>Prénom</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Prénom(s)</source>
        <translation>First name(s)</translation>
    </message>
    <message>
        <source>jj/mm/aaaa</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Date de naissance</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Sexe</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Si différent du nom</source>
        <translation>If different from the surname</translation>
    </message>
    <message>
        <source>Nom de naissance</source>
        <translation>Birth name</translation>
    </message>
    <message>
        <source>Créer le patient (Entrée)</source>
        <translation>Create the patient (Enter)</translation>
    </message>
    <message>
        <source>Annuler (Échap)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Prendre le dossier existant</source>
        <translation>Use the existing record</translation>
    </message>
    <message>
        <source>Nouveau patient</source>
        <translation>New patient</translation>
    </message>
    <message>
        <source>Nom *</source>
        <translation>Surname *</translation>
    </message>
    <message>
        <source>Prénom *</source>
        <translation>First name *</translation>
    </message>
    <message>
        <source>Né(e) le *</source>
        <translation>Date of birth *</translation>
    </message>
    <message>
        <source>La date de naissance est obligatoire, au format jj/mm/aaaa (par exemple 12/04/1958).</source>
        <translation>The date of birth is required, as dd/mm/yyyy (for example 12/04/1958).</translation>
    </message>
    <message>
        <source>{refusal}
Entrée : créer quand même un nouveau dossier ; ou prenez le dossier existant.</source>
        <translation>{refusal}
Enter: create a new record anyway; or use the existing record.</translation>
    </message>
    <message>
        <source>Créer quand même (Entrée)</source>
        <translation>Create anyway (Enter)</translation>
    </message>
    <message>
        <source>Format attendu : jj/mm/aaaa.</source>
        <translation>Expected format: dd/mm/yyyy.</translation>
    </message>
    <message>
        <source>Cette date est dans le futur.</source>
        <translation>This date is in the future.</translation>
    </message>
</context>
<context>
    <name>OpeningPreview</name>
    <message>
        <source>valable à partir du {date}</source>
        <translation>valid from {date}</translation>
    </message>
    <message>
        <source>terminée le {date}</source>
        <translation>ended on {date}</translation>
    </message>
    <message>
        <source>semaines paires seulement</source>
        <translation>even weeks only</translation>
    </message>
    <message>
        <source>semaines impaires seulement</source>
        <translation>odd weeks only</translation>
    </message>
    <message>
        <source>horaires ou pas invalides, aucun créneau</source>
        <translation>invalid hours or step, no slots</translation>
    </message>
    <message>
        <source>jour férié ({name})</source>
        <translation>public holiday ({name})</translation>
    </message>
    <message>
        <source>fermeture du site ({name})</source>
        <translation>site closure ({name})</translation>
    </message>
    <message>
        <source>fermeture du site</source>
        <translation>site closure</translation>
    </message>
    <message>
        <source>{span} : {why}</source>
        <translation>{span}: {why}</translation>
    </message>
    <message>
        <source>créneau</source>
        <translation>slot</translation>
    </message>
    <message>
        <source>créneaux</source>
        <translation>slots</translation>
    </message>
    <message>
        <source>Fermé
{why}</source>
        <translation>Closed
{why}</translation>
    </message>
    <message>
        <source>Fermé : {why}</source>
        <translation>Closed: {why}</translation>
    </message>
    <message>
        <source>S{number} · paire
{monday}</source>
        <translation>W{number} · even
{monday}</translation>
    </message>
    <message>
        <source>S{number} · impaire
{monday}</source>
        <translation>W{number} · odd
{monday}</translation>
    </message>
</context>
<context>
    <name>OpeningsTab</name>
    <message>
        <source>Plages horaires du praticien</source>
        <translation>The practitioner&apos;s opening hours</translation>
    </message>
    <message>
        <source>Nouvelle plage</source>
        <translation>New opening</translation>
    </message>
    <message>
        <source>Plage horaire hebdomadaire</source>
        <translation>Weekly opening hours</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Praticien :</source>
        <translation>Practitioner:</translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Site de la plage</source>
        <translation>Site of the opening</translation>
    </message>
    <message>
        <source>Jour de la semaine</source>
        <translation>Day of the week</translation>
    </message>
    <message>
        <source>Heure de début</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>Heure de fin</source>
        <translation>End time</translation>
    </message>
    <message>
        <source>à</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Pas entre deux créneaux</source>
        <translation>Step between two slots</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Semaines concernées</source>
        <translation>Weeks concerned</translation>
    </message>
    <message>
        <source>Valable à partir du</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>jusqu&apos;au</source>
        <translation>until</translation>
    </message>
    <message>
        <source>Fin de validité</source>
        <translation>End of validity</translation>
    </message>
    <message>
        <source>Valable jusqu&apos;au</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Motifs proposés</source>
        <translation>Visit reasons offered</translation>
    </message>
    <message>
        <source>&amp;Site :</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <source>&amp;Jour :</source>
        <translation>&amp;Day:</translation>
    </message>
    <message>
        <source>&amp;Horaires :</source>
        <translation>&amp;Hours:</translation>
    </message>
    <message>
        <source>&amp;Pas :</source>
        <translation>S&amp;tep:</translation>
    </message>
    <message>
        <source>S&amp;emaines :</source>
        <translation>&amp;Weeks:</translation>
    </message>
    <message>
        <source>&amp;Valable du :</source>
        <translation>&amp;Valid from:</translation>
    </message>
    <message>
        <source>&amp;Motifs :</source>
        <translation>Visit &amp;reasons:</translation>
    </message>
    <message>
        <source>Aperçu des {weeks} prochaines semaines (plage en cours comprise)</source>
        <translation>Preview of the next {weeks} weeks (opening being edited included)</translation>
    </message>
    <message>
        <source>{label} ({minutes} min)</source>
        <translation>{label} ({minutes} min)</translation>
    </message>
    <message>
        <source>Choisissez un praticien et un site (onglets Praticiens et Sites).</source>
        <translation>Choose a practitioner and a site (Practitioners and Sites tabs).</translation>
    </message>
    <message>
        <source>Plage horaire enregistrée.</source>
        <translation>Opening hours saved.</translation>
    </message>
    <message>
        <source>Plage horaire supprimée.</source>
        <translation>Opening hours deleted.</translation>
    </message>
    <message>
        <source> Les rendez-vous listés restent à déplacer.</source>
        <translation> The appointments listed are still to be moved.</translation>
    </message>
    <message>
        <source>{total} créneaux sur {weeks} semaines (numéros de semaine ISO) · survolez un jour pour voir ses créneaux et ce qui l&apos;empêche d&apos;ouvrir.</source>
        <translation>{total} slots over {weeks} weeks (ISO week numbers) · hover over a day to see its slots and what keeps it from opening.</translation>
    </message>
</context>
<context>
    <name>OrphanDialog</name>
    <message>
        <source>Rendez-vous hors des plages horaires</source>
        <translation>Appointments outside the opening hours</translation>
    </message>
    <message>
        <source>Rendez-vous qui seraient hors des plages horaires</source>
        <translation>Appointments that would be outside the opening hours</translation>
    </message>
    <message>
        <source>Enregistrer quand même</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <source>Ne pas enregistrer</source>
        <translation>Do not save</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>Tous les SMS</source>
        <translation>All SMS</translation>
    </message>
    <message>
        <source>En attente</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Envoyés</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Échecs</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Annulés</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Rappels SMS</source>
        <translation>SMS reminders</translation>
    </message>
    <message>
        <source>Filtrer par état</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Actualise&amp;r</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;État :</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>SMS de la file d&apos;envoi</source>
        <translation>SMS of the sending queue</translation>
    </message>
    <message>
        <source>Texte du SMS choisi</source>
        <translation>Text of the chosen SMS</translation>
    </message>
    <message>
        <source>Ré&amp;essayer</source>
        <translation>Re&amp;try</translation>
    </message>
    <message>
        <source>Réessayer l&apos;envoi du SMS choisi</source>
        <translation>Retry sending the chosen SMS</translation>
    </message>
    <message>
        <source>Envoyer &amp;maintenant</source>
        <translation>Send &amp;now</translation>
    </message>
    <message>
        <source>Envoyer maintenant les SMS dus</source>
        <translation>Send the SMS due now</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Texte du SMS :</source>
        <translation>SMS text:</translation>
    </message>
    <message>
        <source>{label} : {count}</source>
        <translation>{label}: {count}</translation>
    </message>
    <message>
        <source>Longueur : {length}</source>
        <translation>Length: {length}</translation>
    </message>
    <message>
        <source>Réponse ou raison : {reply}</source>
        <translation>Reply or reason: {reply}</translation>
    </message>
    <message>
        <source>SMS remis dans la file : il part au prochain envoi.</source>
        <translation>SMS queued again: it leaves with the next sending.</translation>
    </message>
    <message>
        <source>Un envoi est déjà en cours.</source>
        <translation>A sending is already under way.</translation>
    </message>
    <message>
        <source>Envoi en cours…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Envoi terminé : {summary}.</source>
        <translation>Sending done: {summary}.</translation>
    </message>
</context>
<context>
    <name>OutboxInstall</name>
    <message>
        <source>Rappels &amp;SMS…</source>
        <translation>&amp;SMS reminders…</translation>
    </message>
    <message>
        <source>Les SMS de rappel : en attente, envoyés, en échec ; renvoi</source>
        <translation>Reminder SMS: queued, sent, failed; sending again</translation>
    </message>
    <message>
        <source>Les rappels SMS n&apos;ont pas pu partir : {reason}</source>
        <translation>The SMS reminders could not be sent: {reason}</translation>
    </message>
    <message>
        <source>Rappels SMS</source>
        <translation>SMS reminders</translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>Échéance</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Numéro</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Essais</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Réponse ou raison</source>
        <translation>Reply or reason</translation>
    </message>
    <message>
        <source>Rendez-vous</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>Demande en ligne : {when}</source>
        <translation>Online request: {when}</translation>
    </message>
    <message>
        <source>{segments} SMS ({encoding}, {units} caractères)</source>
        <translation>{segments} SMS ({encoding}, {units} characters)</translation>
    </message>
    <message>
        <source>{segments} SMS ({encoding}, {units} caractères Unicode)</source>
        <translation>{segments} SMS ({encoding}, {units} Unicode characters)</translation>
    </message>
    <message>
        <source>{n} SMS envoyés</source>
        <translation>{n} SMS sent</translation>
    </message>
    <message>
        <source>{n} SMS envoyé</source>
        <translation>{n} SMS sent</translation>
    </message>
    <message>
        <source>{n} en échec</source>
        <translation>{n} failed</translation>
    </message>
    <message>
        <source>{n} à réessayer</source>
        <translation>{n} to retry</translation>
    </message>
    <message>
        <source>{n} sans destinataire</source>
        <translation>{n} without recipient</translation>
    </message>
    <message>
        <source>Envoyé le {day} à {time}</source>
        <translation>Sent on {day} at {time}</translation>
    </message>
    <message>
        <source>Nouvel essai à {time}</source>
        <translation>Next attempt at {time}</translation>
    </message>
</context>
<context>
    <name>OverbookDialog</name>
    <message>
        <source>Forcer en surbooking ?</source>
        <translation>Force as an overbooking?</translation>
    </message>
    <message>
        <source>Le rendez-vous peut être déplacé quand même ({target}), en surbooking : il sera marqué comme tel dans l&apos;agenda et tracé dans le journal, avec son motif.</source>
        <translation>The appointment can be moved anyway ({target}), as an overbooking: it will be marked as such in the agenda and recorded in the audit trail, with its reason.</translation>
    </message>
    <message>
        <source>Exemple : urgence, demande du praticien…</source>
        <translation>For example: emergency, practitioner&apos;s request…</translation>
    </message>
    <message>
        <source>Motif du surbooking</source>
        <translation>Overbooking reason</translation>
    </message>
    <message>
        <source>&amp;Motif du surbooking (obligatoire) :</source>
        <translation>&amp;Reason for overbooking (required):</translation>
    </message>
    <message>
        <source>Forcer le surbooking</source>
        <translation>Force the overbooking</translation>
    </message>
    <message>
        <source>Ne pas forcer</source>
        <translation>Don&apos;t force</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Nouveau mot de passe — {login}</source>
        <translation>New password — {login}</translation>
    </message>
    <message>
        <source>Nouveau mot de passe</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Nouveau mot de passe, encore</source>
        <translation>New password, again</translation>
    </message>
    <message>
        <source>&amp;Mot de passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Confirmation :</source>
        <translation>&amp;Confirmation:</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Les deux mots de passe diffèrent.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>Mot de passe trop faible : voyez la règle ci-dessus.</source>
        <translation>Password too weak: see the rule above.</translation>
    </message>
    <message>
        <source>Mot de passe de {login} changé.</source>
        <translation>Password of {login} changed.</translation>
    </message>
</context>
<context>
    <name>PatientPicker</name>
    <message>
        <source>Fenêtre en lecture seule : connectez-vous pour prendre un rendez-vous.</source>
        <translation>Read-only window: sign in to book an appointment.</translation>
    </message>
    <message>
        <source>Votre rôle ne permet pas de créer un patient.</source>
        <translation>Your role does not allow creating a patient.</translation>
    </message>
    <message>
        <source>Nom, date de naissance ou téléphone</source>
        <translation>Name, date of birth or phone</translation>
    </message>
    <message>
        <source>Rechercher un patient</source>
        <translation>Search for a patient</translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation>&amp;Patient</translation>
    </message>
    <message>
        <source>Patients trouvés</source>
        <translation>Patients found</translation>
    </message>
    <message>
        <source>Nouveau patient (Ctrl+Maj+N)</source>
        <translation>New patient (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Aucun patient ne correspond à « {text} ». Ctrl+Maj+N pour le créer.</source>
        <translation>No patient matches “{text}”. Ctrl+Shift+N to create one.</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>consulter l&apos;agenda</source>
        <translation>view the agenda</translation>
    </message>
    <message>
        <source>prendre un rendez-vous</source>
        <translation>book an appointment</translation>
    </message>
    <message>
        <source>déplacer un rendez-vous</source>
        <translation>move an appointment</translation>
    </message>
    <message>
        <source>annuler un rendez-vous</source>
        <translation>cancel an appointment</translation>
    </message>
    <message>
        <source>changer l&apos;état d&apos;un rendez-vous</source>
        <translation>change an appointment&apos;s status</translation>
    </message>
    <message>
        <source>forcer un rendez-vous (surbooking)</source>
        <translation>force an appointment (overbooking)</translation>
    </message>
    <message>
        <source>créer ou modifier un patient</source>
        <translation>create or edit a patient</translation>
    </message>
    <message>
        <source>modifier la structure de l&apos;hôpital</source>
        <translation>change the hospital&apos;s structure</translation>
    </message>
    <message>
        <source>gérer les utilisateurs</source>
        <translation>manage the users</translation>
    </message>
    <message>
        <source>consulter le journal d&apos;audit</source>
        <translation>view the audit trail</translation>
    </message>
    <message>
        <source>exporter des données</source>
        <translation>export data</translation>
    </message>
    <message>
        <source>sauvegarder ou restaurer la base</source>
        <translation>back up or restore the database</translation>
    </message>
    <message>
        <source>gérer la liste d&apos;attente</source>
        <translation>manage the waiting list</translation>
    </message>
    <message>
        <source>gérer les absences des praticiens</source>
        <translation>manage the practitioners&apos; absences</translation>
    </message>
    <message>
        <source>publier les créneaux libres</source>
        <translation>publish the free slots</translation>
    </message>
    <message>
        <source>gérer les rappels SMS</source>
        <translation>manage SMS reminders</translation>
    </message>
</context>
<context>
    <name>PractitionersTab</name>
    <message>
        <source>Liste des praticiens</source>
        <translation>List of practitioners</translation>
    </message>
    <message>
        <source>Nouveau praticien</source>
        <translation>New practitioner</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Code du praticien</source>
        <translation>Practitioner code</translation>
    </message>
    <message>
        <source>Nom du praticien</source>
        <translation>Practitioner name</translation>
    </message>
    <message>
        <source>Dr Marie Dupont</source>
        <translation>Dr Mary Smith</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Numéro RPPS</source>
        <translation>RPPS number</translation>
    </message>
    <message>
        <source>11 chiffres (facultatif)</source>
        <translation>11 digits (optional)</translation>
    </message>
    <message>
        <source>&amp;Code :</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>S&amp;ervice :</source>
        <translation>D&amp;epartment:</translation>
    </message>
    <message>
        <source>N° &amp;RPPS :</source>
        <translation>&amp;RPPS number:</translation>
    </message>
    <message>
        <source>Désactiver</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>Réactiver</source>
        <translation>Enable again</translation>
    </message>
    <message>
        <source>Créez d&apos;abord un service (onglet Services).</source>
        <translation>Create a department first (Departments tab).</translation>
    </message>
    <message>
        <source>Praticien réactivé.</source>
        <translation>Practitioner enabled again.</translation>
    </message>
    <message>
        <source>Praticien désactivé.</source>
        <translation>Practitioner disabled.</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <source>Aperçu des créneaux des semaines à venir</source>
        <translation>Preview of the slots of the coming weeks</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>Normale</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Haute</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Urgente</source>
        <translation>Urgent</translation>
    </message>
</context>
<context>
    <name>ProposeSlotDialog</name>
    <message>
        <source>Proposer un autre créneau</source>
        <translation>Propose another slot</translation>
    </message>
    <message>
        <source>Créneaux libres à proposer</source>
        <translation>Free slots to propose</translation>
    </message>
    <message>
        <source>Aucun créneau libre pour ce motif dans les {days} prochains jours.</source>
        <translation>No free slot for this visit reason in the next {days} days.</translation>
    </message>
    <message>
        <source>Le créneau choisi est retenu pour le patient, qui en est prévenu ; le premier créneau est libéré. Acceptez la demande quand le patient a confirmé.</source>
        <translation>The chosen slot is held for the patient, who is told; the first slot is released. Accept the request once the patient has confirmed.</translation>
    </message>
    <message>
        <source>Proposer ce créneau</source>
        <translation>Propose this slot</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Créneaux libres pour ce motif :</source>
        <translation>&amp;Free slots for this visit reason:</translation>
    </message>
</context>
<context>
    <name>PublicationInstall</name>
    <message>
        <source>&amp;Publier les créneaux maintenant</source>
        <translation>&amp;Publish the free slots now</translation>
    </message>
    <message>
        <source>Créneaux publiés : {slots} créneaux libres de {schedules} agendas sur {weeks} semaines, dans {folder}.</source>
        <translation>Slots published: {slots} free slots of {schedules} schedules over {weeks} weeks, in {folder}.</translation>
    </message>
    <message>
        <source>Créneaux republiés : {slots} créneaux libres.</source>
        <translation>Slots published again: {slots} free slots.</translation>
    </message>
    <message>
        <source>Dossier de publication, republication automatique, politiques</source>
        <translation>Publication folder, automatic republication, policies</translation>
    </message>
    <message>
        <source>La publication a échoué : {reason}</source>
        <translation>Publication failed: {reason}</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Publication des &amp;créneaux…</source>
        <translation>Slot &amp;publication…</translation>
    </message>
    <message>
        <source>Publication des créneaux libres…</source>
        <translation>Publishing the free slots…</translation>
    </message>
    <message>
        <source>Une publication est déjà en cours.</source>
        <translation>A publication is already running.</translation>
    </message>
    <message>
        <source>Écrire le flux des créneaux libres dans le dossier de publication</source>
        <translation>Write the feed of free slots into the publication folder</translation>
    </message>
</context>
<context>
    <name>PublicationPolicy</name>
    <message>
        <source>Horizon</source>
        <translation>Horizon</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Part publiée</source>
        <translation>Share published</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Périodes sans publication</source>
        <translation>Periods not published</translation>
    </message>
    <message>
        <source>du {start} au {end}</source>
        <translation>from {start} to {end}</translation>
    </message>
    <message>
        <source>Tous les motifs</source>
        <translation>All visit reasons</translation>
    </message>
    <message>
        <source>{weeks} sem.</source>
        <translation>{weeks} wk</translation>
    </message>
    <message>
        <source>par défaut</source>
        <translation>default</translation>
    </message>
</context>
<context>
    <name>PublicationPolicyDialog</name>
    <message>
        <source> semaines</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>&amp;Dossier :</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <source>&amp;Enregistrer la politique</source>
        <translation>&amp;Save the policy</translation>
    </message>
    <message>
        <source>&amp;Horizon :</source>
        <translation>&amp;Horizon:</translation>
    </message>
    <message>
        <source>&amp;Motif :</source>
        <translation>&amp;Visit reason:</translation>
    </message>
    <message>
        <source>&amp;Nouvelle politique</source>
        <translation>&amp;New policy</translation>
    </message>
    <message>
        <source>&amp;Parcourir…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Supprimer la politique</source>
        <translation>&amp;Delete the policy</translation>
    </message>
    <message>
        <source>A&amp;jouter</source>
        <translation>A&amp;dd</translation>
    </message>
    <message>
        <source>Ajouter la période</source>
        <translation>Add the period</translation>
    </message>
    <message>
        <source>Choisir le dossier de publication</source>
        <translation>Choose the publication folder</translation>
    </message>
    <message>
        <source>Dossier de publication</source>
        <translation>Publication folder</translation>
    </message>
    <message>
        <source>Dossier de publication enregistré.</source>
        <translation>Publication folder saved.</translation>
    </message>
    <message>
        <source>Début de la période</source>
        <translation>Start of the period</translation>
    </message>
    <message>
        <source>Enregistrer le &amp;dossier</source>
        <translation>Save the f&amp;older</translation>
    </message>
    <message>
        <source>Enregistrer le dossier</source>
        <translation>Save the folder</translation>
    </message>
    <message>
        <source>Fin de la période</source>
        <translation>End of the period</translation>
    </message>
    <message>
        <source>Horizon en semaines</source>
        <translation>Horizon in weeks</translation>
    </message>
    <message>
        <source>Horizon par défaut</source>
        <translation>Default horizon</translation>
    </message>
    <message>
        <source>La fin de la période précède son début.</source>
        <translation>The end of the period is before its start.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Motif de la période</source>
        <translation>Reason for the period</translation>
    </message>
    <message>
        <source>P&amp;raticien :</source>
        <translation>P&amp;ractitioner:</translation>
    </message>
    <message>
        <source>Part &amp;publiée :</source>
        <translation>Share &amp;published:</translation>
    </message>
    <message>
        <source>Part des créneaux libres publiés</source>
        <translation>Share of the free slots published</translation>
    </message>
    <message>
        <source>Politique</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>Politique de publication enregistrée.</source>
        <translation>Publication policy saved.</translation>
    </message>
    <message>
        <source>Politique de publication supprimée.</source>
        <translation>Publication policy deleted.</translation>
    </message>
    <message>
        <source>Politiques (sans politique : tous les créneaux libres, horizon par défaut) :</source>
        <translation>Policies (without a policy: every free slot, default horizon):</translation>
    </message>
    <message>
        <source>Politiques de publication</source>
        <translation>Publication policies</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Publication des créneaux libres</source>
        <translation>Publication of the free slots</translation>
    </message>
    <message>
        <source>Périodes sans publication</source>
        <translation>Periods not published</translation>
    </message>
    <message>
        <source>Périodes sans publication :</source>
        <translation>Periods not published:</translation>
    </message>
    <message>
        <source>Re&amp;tirer</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <source>Republication automatique</source>
        <translation>Automatic republication</translation>
    </message>
    <message>
        <source>Republier &amp;automatiquement après chaque changement</source>
        <translation>Publish &amp;again automatically after each change</translation>
    </message>
    <message>
        <source>Retirer la période choisie</source>
        <translation>Remove the chosen period</translation>
    </message>
    <message>
        <source>Tous les motifs en ligne</source>
        <translation>All online visit reasons</translation>
    </message>
    <message>
        <source>au</source>
        <translation>to</translation>
    </message>
    <message>
        <source>du</source>
        <translation>from</translation>
    </message>
    <message>
        <source>ex. /srv/www/creneaux</source>
        <translation>e.g. /srv/www/creneaux</translation>
    </message>
    <message>
        <source>motif (facultatif)</source>
        <translation>reason (optional)</translation>
    </message>
</context>
<context>
    <name>PublicationTab</name>
    <message>
        <source>Publication des créneaux libres</source>
        <translation>Publication of the free slots</translation>
    </message>
    <message>
        <source>Adresse publique du flux</source>
        <translation>Public address of the feed</translation>
    </message>
    <message>
        <source>https://creneaux.hopital.example</source>
        <translation>https://slots.hospital.example</translation>
    </message>
    <message>
        <source>Adresse de réservation</source>
        <translation>Booking address</translation>
    </message>
    <message>
        <source>https://hopital.example/rendez-vous</source>
        <translation>https://hospital.example/appointments</translation>
    </message>
    <message>
        <source>Horizon de publication</source>
        <translation>Publication horizon</translation>
    </message>
    <message>
        <source> semaines</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>Téléphone du secrétariat</source>
        <translation>Secretariat phone</translation>
    </message>
    <message>
        <source>Adresse &amp;publique du flux :</source>
        <translation>&amp;Public address of the feed:</translation>
    </message>
    <message>
        <source>Page de &amp;réservation :</source>
        <translation>&amp;Booking page:</translation>
    </message>
    <message>
        <source>&amp;Horizon par défaut :</source>
        <translation>Default &amp;horizon:</translation>
    </message>
    <message>
        <source>&amp;Téléphone du secrétariat :</source>
        <translation>Secretariat &amp;telephone:</translation>
    </message>
    <message>
        <source>Seuls les créneaux libres des motifs « réservables en ligne » sont publiés, sans aucune donnée de patient ; chaque créneau renvoie vers la page de réservation de l&apos;hôpital.</source>
        <translation>Only the free slots of the visit reasons “bookable online” are published, without any patient data; each slot links to the hospital&apos;s booking page.</translation>
    </message>
    <message>
        <source>Réglages de publication enregistrés.</source>
        <translation>Publication settings saved.</translation>
    </message>
</context>
<context>
    <name>ReasonPicker</name>
    <message>
        <source>Libellé ou code du motif</source>
        <translation>Visit reason label or code</translation>
    </message>
</context>
<context>
    <name>ReminderKind</name>
    <message>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>Rappel la veille</source>
        <translation>Reminder the day before</translation>
    </message>
    <message>
        <source>Rappel l&apos;avant-veille</source>
        <translation>Reminder two days before</translation>
    </message>
    <message>
        <source>Annulation</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <source>Déplacement</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Demande reçue</source>
        <translation>Request received</translation>
    </message>
    <message>
        <source>Autre créneau proposé</source>
        <translation>Another slot offered</translation>
    </message>
    <message>
        <source>Demande refusée</source>
        <translation>Request declined</translation>
    </message>
    <message>
        <source>Demande expirée</source>
        <translation>Request expired</translation>
    </message>
</context>
<context>
    <name>ReminderPolicyFields</name>
    <message>
        <source>La veille</source>
        <translation>The day before</translation>
    </message>
    <message>
        <source>L&apos;avant-veille</source>
        <translation>Two days before</translation>
    </message>
    <message>
        <source>Comme l&apos;hôpital</source>
        <translation>As the hospital</translation>
    </message>
    <message>
        <source>Aucun rappel</source>
        <translation>No reminder</translation>
    </message>
    <message>
        <source>Envoyer un rappel avant le rendez-vous</source>
        <translation>Send a reminder before the appointment</translation>
    </message>
    <message>
        <source>Quand envoyer le rappel</source>
        <translation>When to send the reminder</translation>
    </message>
    <message>
        <source>Heure d&apos;envoi du rappel</source>
        <translation>Time the reminder is sent</translation>
    </message>
    <message>
        <source>Rappel :</source>
        <translation>Reminder:</translation>
    </message>
    <message>
        <source>à</source>
        <translation>at</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>Annulation</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <source>Déplacement</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Messages :</source>
        <translation>Messages:</translation>
    </message>
    <message>
        <source>le praticien</source>
        <translation>the practitioner</translation>
    </message>
    <message>
        <source>la spécialité</source>
        <translation>the specialty</translation>
    </message>
    <message>
        <source>le motif</source>
        <translation>the visit reason</translation>
    </message>
    <message>
        <source>Information de santé : ne l&apos;envoyer que si l&apos;hôpital l&apos;a décidé.</source>
        <translation>Health information: send it only if the hospital has decided so.</translation>
    </message>
    <message>
        <source>Le SMS nomme :</source>
        <translation>The SMS names:</translation>
    </message>
    <message>
        <source>Seuil d&apos;alerte des absences</source>
        <translation>No-show warning threshold</translation>
    </message>
    <message>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Alerte à la prise :</source>
        <translation>Warning when booking:</translation>
    </message>
    <message>
        <source>absences non excusées sur 12 mois</source>
        <translation>unexcused no-shows over 12 months</translation>
    </message>
    <message>
        <source>Méthode HTTP</source>
        <translation>HTTP method</translation>
    </message>
    <message>
        <source>En-tête d&apos;authentification</source>
        <translation>Authentication header</translation>
    </message>
    <message>
        <source>Valeur d&apos;authentification</source>
        <translation>Authentication value</translation>
    </message>
    <message>
        <source>Corps JSON de la requête</source>
        <translation>JSON body of the request</translation>
    </message>
    <message>
        <source>Champs : {numero} (E.164), {texte}, {cle} (clé d&apos;idempotence)</source>
        <translation>Fields: {numero} (E.164), {texte}, {cle} (idempotency key)</translation>
    </message>
    <message>
        <source>Requête HTTP :</source>
        <translation>HTTP request:</translation>
    </message>
    <message>
        <source>en-tête</source>
        <translation>header</translation>
    </message>
    <message>
        <source>Corps JSON :</source>
        <translation>JSON body:</translation>
    </message>
    <message>
        <source>Textes des SMS</source>
        <translation>Texts of the SMS</translation>
    </message>
    <message>
        <source>Message à modifier</source>
        <translation>Message to edit</translation>
    </message>
    <message>
        <source>Texte du SMS</source>
        <translation>SMS text</translation>
    </message>
    <message>
        <source>Texte par défaut</source>
        <translation>Default text</translation>
    </message>
    <message>
        <source>Champs : {date} {heure} {site} {adresse} {telephone} ; {details}, {praticien}, {specialite}, {motif} restent vides tant que l&apos;hôpital ne les autorise pas.</source>
        <translation>Fields: {date} {heure} {site} {adresse} {telephone}; {details}, {praticien}, {specialite}, {motif} stay empty until the hospital allows them.</translation>
    </message>
    <message>
        <source>Rappel d&apos;un motif</source>
        <translation>Reminder of a visit reason</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Rappel du motif</source>
        <translation>Reminder of the visit reason</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>inchangée</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>valeur secrète</source>
        <translation>secret value</translation>
    </message>
    <message>
        <source> — un caractère comme ô, ê, ç ou ’ passe le SMS en Unicode (70 par SMS)</source>
        <translation> — a character such as ô, ê, ç or ’ turns the SMS into Unicode (70 per SMS)</translation>
    </message>
    <message>
        <source>Exemple : {length}{hint}</source>
        <translation>Example: {length}{hint}</translation>
    </message>
    <message>
        <source>Rappel du motif enregistré : {advance}.</source>
        <translation>Reminder of the visit reason saved: {advance}.</translation>
    </message>
</context>
<context>
    <name>ReminderStatus</name>
    <message>
        <source>En attente</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Envoyé</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Échec</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Annulé</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>RemindersTab</name>
    <message>
        <source>Rappels aux patients</source>
        <translation>Reminders to patients</translation>
    </message>
    <message>
        <source>Type de passerelle</source>
        <translation>Gateway type</translation>
    </message>
    <message>
        <source>Dossier d&apos;envoi</source>
        <translation>Outbox folder</translation>
    </message>
    <message>
        <source>Dossier où déposer les messages</source>
        <translation>Folder where the messages are dropped</translation>
    </message>
    <message>
        <source>Adresse de la passerelle</source>
        <translation>Gateway address</translation>
    </message>
    <message>
        <source>https://sms.hopital.example/envoi</source>
        <translation>https://sms.hospital.example/send</translation>
    </message>
    <message>
        <source>Début du silence</source>
        <translation>Start of the quiet hours</translation>
    </message>
    <message>
        <source>Fin du silence</source>
        <translation>End of the quiet hours</translation>
    </message>
    <message>
        <source>de</source>
        <translation>from</translation>
    </message>
    <message>
        <source>à</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Envoyer un rappel la veille du rendez-vous</source>
        <translation>Send a reminder the day before the appointment</translation>
    </message>
    <message>
        <source>Rappel la veille</source>
        <translation>Reminder the day before</translation>
    </message>
    <message>
        <source>&amp;Passerelle :</source>
        <translation>&amp;Gateway:</translation>
    </message>
    <message>
        <source>&amp;Dossier d&apos;envoi :</source>
        <translation>&amp;Outbox folder:</translation>
    </message>
    <message>
        <source>&amp;Adresse HTTP :</source>
        <translation>HTTP &amp;address:</translation>
    </message>
    <message>
        <source>Aucun envoi :</source>
        <translation>No sending:</translation>
    </message>
    <message>
        <source>Réglages des rappels enregistrés.</source>
        <translation>Reminder settings saved.</translation>
    </message>
</context>
<context>
    <name>ReportOptions</name>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Identité réduite (initiales, année de naissance)</source>
        <translation>Minimal identity (initials, year of birth)</translation>
    </message>
    <message>
        <source>Pour une feuille laissée sur un bureau</source>
        <translation>For a sheet left on a desk</translation>
    </message>
    <message>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Tout l&apos;hôpital</source>
        <translation>Whole hospital</translation>
    </message>
</context>
<context>
    <name>ReportPreviewDialog</name>
    <message>
        <source>Le document n&apos;a pas pu être préparé. Réessayez ; si cela persiste, prévenez l&apos;informatique.</source>
        <translation>The document could not be prepared. Try again; if this goes on, tell the IT department.</translation>
    </message>
    <message>
        <source>Aperçu du document</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <source>Préparation du document</source>
        <translation>Preparing the document</translation>
    </message>
    <message>
        <source>&amp;Imprimer…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Enregistrer…</source>
        <translation>&amp;Save…</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Préparation du document…</source>
        <translation>Preparing the document…</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 page</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <source>Imprimer</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Enregistrer le document</source>
        <translation>Save the document</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Enregistrement impossible : %1.</source>
        <translation>Could not save: %1.</translation>
    </message>
    <message>
        <source>Enregistré : %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>&amp;Rapports</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>Imprimer la &amp;journée…</source>
        <translation>Print the &amp;day…</translation>
    </message>
    <message>
        <source>Imprimer la &amp;semaine…</source>
        <translation>Print the &amp;week…</translation>
    </message>
    <message>
        <source>&amp;Liste du service…</source>
        <translation>Department &amp;list…</translation>
    </message>
    <message>
        <source>Lettre de &amp;confirmation du rendez-vous…</source>
        <translation>Appointment &amp;confirmation letter…</translation>
    </message>
    <message>
        <source>Rapport d&apos;&amp;activité…</source>
        <translation>&amp;Activity report…</translation>
    </message>
    <message>
        <source>Exporter les rendez-vous (&amp;CSV)…</source>
        <translation>Export appointments (&amp;CSV)…</translation>
    </message>
    <message>
        <source>Exporter l&apos;agenda du praticien (&amp;iCalendar)…</source>
        <translation>Export the practitioner&apos;s diary (&amp;iCalendar)…</translation>
    </message>
    <message>
        <source>&amp;Extrait des données du patient (RGPD)…</source>
        <translation>Patient&apos;s data &amp;extract (GDPR)…</translation>
    </message>
    <message>
        <source>Connectez-vous pour imprimer ou exporter.</source>
        <translation>Sign in to print or export.</translation>
    </message>
    <message>
        <source>Choisissez d&apos;abord un rendez-vous dans l&apos;agenda.</source>
        <translation>First choose an appointment in the diary.</translation>
    </message>
    <message>
        <source>Journée du praticien</source>
        <translation>Practitioner&apos;s day</translation>
    </message>
    <message>
        <source>Semaine du praticien</source>
        <translation>Practitioner&apos;s week</translation>
    </message>
    <message>
        <source>Liste du service</source>
        <translation>Department list</translation>
    </message>
    <message>
        <source>Lettre de confirmation</source>
        <translation>Confirmation letter</translation>
    </message>
    <message>
        <source>Rapport d&apos;activité</source>
        <translation>Activity report</translation>
    </message>
    <message>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Extrait des données du patient</source>
        <translation>Patient&apos;s data extract</translation>
    </message>
    <message>
        <source>Exporter les rendez-vous</source>
        <translation>Export appointments</translation>
    </message>
    <message>
        <source>Tableur CSV (*.csv)</source>
        <translation>CSV spreadsheet (*.csv)</translation>
    </message>
    <message>
        <source>Exporter l&apos;agenda</source>
        <translation>Export the diary</translation>
    </message>
    <message>
        <source>Calendrier iCalendar (*.ics)</source>
        <translation>iCalendar file (*.ics)</translation>
    </message>
    <message>
        <source>Écriture impossible de {path} : {reason}.</source>
        <translation>Cannot write {path}: {reason}.</translation>
    </message>
    <message>
        <source>%1 rendez-vous exporté(s) : %2</source>
        <translation>%1 appointment(s) exported: %2</translation>
    </message>
    <message>
        <source>Rapports</source>
        <translation>Reports</translation>
    </message>
</context>
<context>
    <name>RequestInbox</name>
    <message>
        <source>À traiter</source>
        <translation>To handle</translation>
    </message>
    <message>
        <source>Rejetées (invalides ou créneau pris)</source>
        <translation>Rejected (invalid or slot taken)</translation>
    </message>
    <message>
        <source>Traitées</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Demandes de rendez-vous en ligne</source>
        <translation>Online appointment requests</translation>
    </message>
    <message>
        <source>Demandes affichées</source>
        <translation>Requests shown</translation>
    </message>
    <message>
        <source>&amp;Afficher :</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <source>Demandes de rendez-vous</source>
        <translation>Appointment requests</translation>
    </message>
    <message>
        <source>Détail de la demande</source>
        <translation>Request details</translation>
    </message>
    <message>
        <source>&amp;Accepter</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <source>Accepter la demande : réserver le rendez-vous dans le créneau retenu</source>
        <translation>Accept the request: book the appointment in the held slot</translation>
    </message>
    <message>
        <source>&amp;Proposer un autre créneau…</source>
        <translation>&amp;Propose another slot…</translation>
    </message>
    <message>
        <source>Proposer un autre créneau au patient</source>
        <translation>Propose another slot to the patient</translation>
    </message>
    <message>
        <source>&amp;Refuser…</source>
        <translation>&amp;Decline…</translation>
    </message>
    <message>
        <source>Refuser la demande avec un motif</source>
        <translation>Decline the request with a reason</translation>
    </message>
    <message>
        <source>Connectez-vous pour voir les demandes.</source>
        <translation>Sign in to see the requests.</translation>
    </message>
    <message>
        <source>demande</source>
        <translation>request</translation>
    </message>
    <message>
        <source>demandes</source>
        <translation>requests</translation>
    </message>
    <message>
        <source>Aucune demande choisie.</source>
        <translation>No request chosen.</translation>
    </message>
    <message>
        <source>, né(e) le {date}</source>
        <translation>, born {date}</translation>
    </message>
    <message>
        <source>Demande illisible</source>
        <translation>Unreadable request</translation>
    </message>
    <message>
        <source>&lt;b&gt;Créneau :&lt;/b&gt; {when} · {who} · {reason}</source>
        <translation>&lt;b&gt;Slot:&lt;/b&gt; {when} · {who} · {reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Contact :&lt;/b&gt; {contact}</source>
        <translation>&lt;b&gt;Contact:&lt;/b&gt; {contact}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Message du patient :&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Patient&apos;s message:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consignes du motif :&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Visit reason instructions:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Motif :&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Reason:&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <source>Autre créneau proposé : acceptez quand le patient a confirmé.</source>
        <translation>Another slot proposed: accept once the patient has confirmed.</translation>
    </message>
    <message>
        <source>Demande acceptée : rendez-vous réservé pour {patient}.</source>
        <translation>Request accepted: appointment booked for {patient}.</translation>
    </message>
    <message>
        <source>Créneau du {when} proposé au patient.</source>
        <translation>Slot of {when} proposed to the patient.</translation>
    </message>
    <message>
        <source>Demande refusée : le créneau est de nouveau libre.</source>
        <translation>Request declined: the slot is free again.</translation>
    </message>
</context>
<context>
    <name>RequestInboxFeature</name>
    <message>
        <source>Demandes en ligne</source>
        <translation>Online requests</translation>
    </message>
    <message>
        <source>&amp;Demandes</source>
        <translation>&amp;Requests</translation>
    </message>
    <message>
        <source>&amp;Demandes en ligne</source>
        <translation>Online &amp;requests</translation>
    </message>
    <message>
        <source>demande en ligne</source>
        <translation>online request</translation>
    </message>
    <message>
        <source>demandes en ligne</source>
        <translation>online requests</translation>
    </message>
    <message>
        <source>Refusé</source>
        <translation>Refused</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Créneau</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Reçue le</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Reçue</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Créneau retenu</source>
        <translation>Slot held</translation>
    </message>
    <message>
        <source>Autre créneau proposé</source>
        <translation>Other slot proposed</translation>
    </message>
    <message>
        <source>Acceptée</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Refusée</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>Rejetée</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Expirée</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>délai écoulé</source>
        <translation>time is up</translation>
    </message>
    <message>
        <source>reste {minutes} min</source>
        <translation>{minutes} min left</translation>
    </message>
    <message>
        <source>reste {hours} h {minutes:02d}</source>
        <translation>{hours} h {minutes:02d} left</translation>
    </message>
    <message>
        <source>Dossier n° {id}</source>
        <translation>Record no. {id}</translation>
    </message>
    <message>
        <source>Nouveau patient</source>
        <translation>New patient</translation>
    </message>
    <message>
        <source>{n} dossiers possibles (n° {id} retenu)</source>
        <translation>{n} possible records (no. {id} chosen)</translation>
    </message>
    <message>
        <source>Dossier existant n° {id}</source>
        <translation>Existing record no. {id}</translation>
    </message>
    <message>
        <source>(demande illisible)</source>
        <translation>(unreadable request)</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Conservation des données</source>
        <translation>Data retention</translation>
    </message>
    <message>
        <source> mois</source>
        <translation> months</translation>
    </message>
    <message>
        <source>Conservation du journal d&apos;audit, en mois</source>
        <translation>Audit trail retention, in months</translation>
    </message>
    <message>
        <source> ans</source>
        <translation> years</translation>
    </message>
    <message>
        <source>Conservation des rendez-vous, en années</source>
        <translation>Appointment retention, in years</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Enregistrer les durées de conservation</source>
        <translation>Save the retention periods</translation>
    </message>
    <message>
        <source>Journal d&apos;audit :</source>
        <translation>Audit trail:</translation>
    </message>
    <message>
        <source>Rendez-vous terminés :</source>
        <translation>Ended appointments:</translation>
    </message>
    <message>
        <source>Durées de conservation</source>
        <translation>Retention periods</translation>
    </message>
    <message>
        <source>Ce que la purge supprimerait</source>
        <translation>What the purge would remove</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Purge</source>
        <translation>Purge</translation>
    </message>
    <message>
        <source>&amp;Purger</source>
        <translation>&amp;Purge</translation>
    </message>
    <message>
        <source>Purger les données anciennes</source>
        <translation>Purge old data</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Seraient supprimés : {audit} enregistrement(s) d&apos;audit antérieurs au {audit_day}, {appointments} rendez-vous terminés avant le {appointment_day} (et {reminders} rappel(s) SMS).</source>
        <translation>Would be removed: {audit} audit record(s) before {audit_day}, {appointments} appointment(s) ended before {appointment_day} (and {reminders} SMS reminder(s)).</translation>
    </message>
    <message>
        <source>Durées de conservation enregistrées.</source>
        <translation>Retention periods saved.</translation>
    </message>
    <message>
        <source>Les données plus anciennes que les durées de conservation seront supprimées définitivement. La purge sera inscrite au journal d&apos;audit. Continuer ?</source>
        <translation>Data older than the retention periods will be deleted for good. The purge will be recorded in the audit trail. Continue?</translation>
    </message>
    <message>
        <source>Purge faite : {audit} enregistrement(s) d&apos;audit et {appointments} rendez-vous supprimés.</source>
        <translation>Purge done: {audit} audit record(s) and {appointments} appointment(s) removed.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Imprimer la journée du praticien affiché</source>
        <translation>Print the day of the practitioner shown</translation>
    </message>
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
        <translation>Show the appointment chosen in the list on the schedule</translation>
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
        <translation>Schedule: next appointment (↑ previous, ← → neighbouring column)</translation>
    </message>
    <message>
        <source>Planning : abandonner le glisser-déposer en cours</source>
        <translation>Schedule: abandon the drag and drop in progress</translation>
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
    <message>
        <source>Afficher ou masquer les demandes de rendez-vous en ligne</source>
        <translation>Show or hide the online appointment requests</translation>
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
    <name>SitesTab</name>
    <message>
        <source>Liste des sites</source>
        <translation>List of sites</translation>
    </message>
    <message>
        <source>Nouveau site</source>
        <translation>New site</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Code du site</source>
        <translation>Site code</translation>
    </message>
    <message>
        <source>Nom du site</source>
        <translation>Site name</translation>
    </message>
    <message>
        <source>Adresse du site</source>
        <translation>Site address</translation>
    </message>
    <message>
        <source>&amp;Code :</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Adresse :</source>
        <translation>&amp;Address:</translation>
    </message>
</context>
<context>
    <name>SlotProposals</name>
    <message>
        <source>Prochains créneaux libres</source>
        <translation>Next free slots</translation>
    </message>
    <message>
        <source>Toute la journée</source>
        <translation>All day</translation>
    </message>
    <message>
        <source>Matin</source>
        <translation>Morning</translation>
    </message>
    <message>
        <source>Après-midi</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>Moment de la journée</source>
        <translation>Time of day</translation>
    </message>
    <message>
        <source>À partir du</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Créneaux libres proposés</source>
        <translation>Free slots proposed</translation>
    </message>
    <message>
        <source>Réserver (Entrée)</source>
        <translation>Book (Enter)</translation>
    </message>
    <message>
        <source>P&amp;raticien</source>
        <translation>P&amp;ractitioner</translation>
    </message>
    <message>
        <source>M&amp;oment</source>
        <translation>Time &amp;of day</translation>
    </message>
    <message>
        <source>À partir &amp;du</source>
        <translation>From &amp;date</translation>
    </message>
    <message>
        <source>Ctrl+Entrée réserve depuis n&apos;importe quel champ.</source>
        <translation>Ctrl+Enter books from any field.</translation>
    </message>
    <message>
        <source>Tout le service</source>
        <translation>The whole department</translation>
    </message>
    <message>
        <source>Aucun créneau libre pour ce motif du {start} au {end} avec ces critères.</source>
        <translation>No free slot for this visit reason from {start} to {end} with these criteria.</translation>
    </message>
    <message>
        <source>{title} — recherche…</source>
        <translation>{title} — searching…</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Réservé</source>
        <translation>Booked</translation>
    </message>
    <message>
        <source>Confirmé</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Arrivé</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>Vu</source>
        <translation>Seen</translation>
    </message>
    <message>
        <source>Absent (lapin)</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Annulé</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>StructureCounts</name>
    <message>
        <source>sites</source>
        <translation>sites</translation>
    </message>
    <message>
        <source>services</source>
        <translation>departments</translation>
    </message>
    <message>
        <source>motifs</source>
        <translation>visit reasons</translation>
    </message>
    <message>
        <source>praticiens</source>
        <translation>practitioners</translation>
    </message>
    <message>
        <source>plages</source>
        <translation>opening hours</translation>
    </message>
    <message>
        <source>absences</source>
        <translation>absences</translation>
    </message>
    <message>
        <source>fermetures</source>
        <translation>closures</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>1er</source>
        <translation>1</translation>
    </message>
    <message>
        <source>lundi</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>mardi</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>mercredi</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>jeudi</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>vendredi</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>samedi</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>dimanche</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>lun.</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>mar.</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>mer.</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>jeu.</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>ven.</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>sam.</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>dim.</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>janvier</source>
        <translation>January</translation>
    </message>
    <message>
        <source>février</source>
        <translation>February</translation>
    </message>
    <message>
        <source>mars</source>
        <translation>March</translation>
    </message>
    <message>
        <source>avril</source>
        <translation>April</translation>
    </message>
    <message>
        <source>mai</source>
        <translation>May</translation>
    </message>
    <message>
        <source>juin</source>
        <translation>June</translation>
    </message>
    <message>
        <source>juillet</source>
        <translation>July</translation>
    </message>
    <message>
        <source>août</source>
        <translation>August</translation>
    </message>
    <message>
        <source>septembre</source>
        <translation>September</translation>
    </message>
    <message>
        <source>octobre</source>
        <translation>October</translation>
    </message>
    <message>
        <source>novembre</source>
        <translation>November</translation>
    </message>
    <message>
        <source>décembre</source>
        <translation>December</translation>
    </message>
    <message>
        <source>{weekday} {day} {month} {year}</source>
        <translation>{weekday} {day} {month} {year}</translation>
    </message>
    <message>
        <source>{weekday} {day} {month}</source>
        <translation>{weekday} {day} {month}</translation>
    </message>
    <message>
        <source>{date} à {time}</source>
        <translation>{date} at {time}</translation>
    </message>
    <message>
        <source>aucun {singular}</source>
        <translation>no {plural}</translation>
    </message>
    <message>
        <source>1 {singular}</source>
        <translation>1 {singular}</translation>
    </message>
    <message>
        <source>{n} {plural}</source>
        <translation>{n} {plural}</translation>
    </message>
    <message>
        <source>Semaine {week} — du {first} au {last} {month} {year}</source>
        <translation>Week {week} — {first} to {last} {month} {year}</translation>
    </message>
</context>
<context>
    <name>TimeOfDay</name>
    <message>
        <source>Indifférent</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>Matin</source>
        <translation>Morning</translation>
    </message>
    <message>
        <source>Après-midi</source>
        <translation>Afternoon</translation>
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
    <name>UsersTab</name>
    <message>
        <source>12 caractères au moins mêlant minuscules, majuscules, chiffres et caractères spéciaux, ou 14 caractères au moins avec trois de ces types.</source>
        <translation>At least 12 characters mixing lower case, upper case, digits and special characters, or at least 14 characters with three of these kinds.</translation>
    </message>
    <message>
        <source>Liste des comptes</source>
        <translation>List of accounts</translation>
    </message>
    <message>
        <source>Nouveau compte</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>Compte</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Nom affiché</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Agenda du médecin</source>
        <translation>Physician&apos;s agenda</translation>
    </message>
    <message>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Mot de passe, encore</source>
        <translation>Password, again</translation>
    </message>
    <message>
        <source>&amp;Identifiant :</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <source>&amp;Nom affiché :</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>&amp;Rôle :</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>A&amp;genda lié :</source>
        <translation>Linked a&amp;genda:</translation>
    </message>
    <message>
        <source>&amp;Mot de passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Confirmation :</source>
        <translation>&amp;Confirmation:</translation>
    </message>
    <message>
        <source>Désactiver</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>Nouveau mot de passe…</source>
        <translation>New password…</translation>
    </message>
    <message>
        <source>Surbooking : rôles autorisés à forcer un rendez-vous</source>
        <translation>Overbooking: roles allowed to force an appointment</translation>
    </message>
    <message>
        <source>Surbooking permis : {role}</source>
        <translation>Overbooking allowed: {role}</translation>
    </message>
    <message>
        <source>Enregistrer les droits</source>
        <translation>Save the rights</translation>
    </message>
    <message>
        <source>(aucun)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Réactiver</source>
        <translation>Enable again</translation>
    </message>
    <message>
        <source>Les deux mots de passe diffèrent.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>Compte réactivé.</source>
        <translation>Account enabled again.</translation>
    </message>
    <message>
        <source>Compte désactivé.</source>
        <translation>Account disabled.</translation>
    </message>
    <message>
        <source>personne</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>Surbooking permis à : {names}.</source>
        <translation>Overbooking allowed to: {names}.</translation>
    </message>
</context>
<context>
    <name>VisitReasonsTab</name>
    <message>
        <source>Liste des motifs</source>
        <translation>List of visit reasons</translation>
    </message>
    <message>
        <source>Nouveau motif</source>
        <translation>New visit reason</translation>
    </message>
    <message>
        <source>Motif de consultation</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Libellé du motif</source>
        <translation>Label of the visit reason</translation>
    </message>
    <message>
        <source>Première consultation de cardiologie</source>
        <translation>First cardiology consultation</translation>
    </message>
    <message>
        <source>Code du motif</source>
        <translation>Visit reason code</translation>
    </message>
    <message>
        <source>Service du motif</source>
        <translation>Department of the visit reason</translation>
    </message>
    <message>
        <source>Durée en minutes</source>
        <translation>Duration in minutes</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Réservable en ligne (publié)</source>
        <translation>Bookable online (published)</translation>
    </message>
    <message>
        <source>Réservable en ligne</source>
        <translation>Bookable online</translation>
    </message>
    <message>
        <source>Ouvert aux nouveaux patients</source>
        <translation>Open to new patients</translation>
    </message>
    <message>
        <source>Nouveaux patients</source>
        <translation>New patients</translation>
    </message>
    <message>
        <source>Délai de prévenance en heures</source>
        <translation>Minimum notice in hours</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>aucun</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Couleur du motif</source>
        <translation>Colour of the visit reason</translation>
    </message>
    <message>
        <source>#RRVVBB</source>
        <translation>#RRGGBB</translation>
    </message>
    <message>
        <source>Choisir…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Choisir la couleur</source>
        <translation>Choose the colour</translation>
    </message>
    <message>
        <source>Consignes données au patient</source>
        <translation>Instructions given to the patient</translation>
    </message>
    <message>
        <source>Apporter vos derniers examens…</source>
        <translation>Bring your latest test results…</translation>
    </message>
    <message>
        <source>&amp;Libellé :</source>
        <translation>&amp;Label:</translation>
    </message>
    <message>
        <source>&amp;Code :</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>S&amp;ervice :</source>
        <translation>D&amp;epartment:</translation>
    </message>
    <message>
        <source>&amp;Durée :</source>
        <translation>&amp;Duration:</translation>
    </message>
    <message>
        <source>&amp;Prévenance :</source>
        <translation>&amp;Notice:</translation>
    </message>
    <message>
        <source>C&amp;ouleur :</source>
        <translation>C&amp;olour:</translation>
    </message>
    <message>
        <source>Co&amp;nsignes :</source>
        <translation>&amp;Instructions:</translation>
    </message>
    <message>
        <source>Retirer</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>Proposer à nouveau</source>
        <translation>Offer again</translation>
    </message>
    <message>
        <source>Créez d&apos;abord un service (onglet Services).</source>
        <translation>Create a department first (Departments tab).</translation>
    </message>
    <message>
        <source>Motif proposé à nouveau.</source>
        <translation>Visit reason offered again.</translation>
    </message>
    <message>
        <source>Motif retiré.</source>
        <translation>Visit reason withdrawn.</translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message>
        <source>Lun</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Mer</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Jeu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Ven</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Sam</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Ajouter à la liste d&apos;attente</source>
        <translation>Add to the waiting list</translation>
    </message>
    <message>
        <source>Nom, date de naissance ou téléphone</source>
        <translation>Name, date of birth or phone</translation>
    </message>
    <message>
        <source>Rechercher le patient</source>
        <translation>Search for the patient</translation>
    </message>
    <message>
        <source>Patients trouvés</source>
        <translation>Patients found</translation>
    </message>
    <message>
        <source>Motif de consultation</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Praticien ou service</source>
        <translation>Practitioner or department</translation>
    </message>
    <message>
        <source>Jour souhaité : {day}</source>
        <translation>Preferred day: {day}</translation>
    </message>
    <message>
        <source>Aucun jour coché : tous les jours conviennent.</source>
        <translation>No day ticked: any day will do.</translation>
    </message>
    <message>
        <source>Moment de la journée</source>
        <translation>Time of day</translation>
    </message>
    <message>
        <source>Avant le</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Échéance</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Priorité</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Remarque</source>
        <translation>Remark</translation>
    </message>
    <message>
        <source>Patient :</source>
        <translation>Patient:</translation>
    </message>
    <message>
        <source>Motif :</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Avec :</source>
        <translation>With:</translation>
    </message>
    <message>
        <source>Jours :</source>
        <translation>Days:</translation>
    </message>
    <message>
        <source>Moment :</source>
        <translation>Time of day:</translation>
    </message>
    <message>
        <source>Échéance :</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>Priorité :</source>
        <translation>Priority:</translation>
    </message>
    <message>
        <source>Remarque :</source>
        <translation>Remark:</translation>
    </message>
    <message>
        <source>Ajouter</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Choisissez le patient dans la liste (tapez son nom pour le trouver).</source>
        <translation>Choose the patient in the list (type their name to find them).</translation>
    </message>
    <message>
        <source>Choisissez le motif de consultation.</source>
        <translation>Choose the visit reason.</translation>
    </message>
    <message>
        <source>Connectez-vous pour modifier la liste d&apos;attente.</source>
        <translation>Sign in to change the waiting list.</translation>
    </message>
    <message>
        <source>{patient} — né(e) le {birth}</source>
        <translation>{patient} — born {birth}</translation>
    </message>
    <message>
        <source>Tout le service {department}</source>
        <translation>The whole {department} department</translation>
    </message>
</context>
<context>
    <name>WaitlistPanel</name>
    <message>
        <source>Liste d&apos;attente</source>
        <translation>Waiting list</translation>
    </message>
    <message>
        <source>Patients en attente pour le créneau libéré</source>
        <translation>Waiting patients for the freed slot</translation>
    </message>
    <message>
        <source>Réserver pour ce patient</source>
        <translation>Book for this patient</translation>
    </message>
    <message>
        <source>Réserver le créneau libéré pour le patient choisi</source>
        <translation>Book the freed slot for the chosen patient</translation>
    </message>
    <message>
        <source>Ignorer</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Patients en liste d&apos;attente</source>
        <translation>Patients on the waiting list</translation>
    </message>
    <message>
        <source>Ajouter un patient…</source>
        <translation>Add a patient…</translation>
    </message>
    <message>
        <source>Ajouter un patient à la liste d&apos;attente</source>
        <translation>Add a patient to the waiting list</translation>
    </message>
    <message>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Retirer le patient choisi de la liste d&apos;attente</source>
        <translation>Remove the chosen patient from the waiting list</translation>
    </message>
    <message>
        <source>patient en attente</source>
        <translation>patient waiting</translation>
    </message>
    <message>
        <source>patients en attente</source>
        <translation>patients waiting</translation>
    </message>
    <message>
        <source>Patient retiré de la liste d&apos;attente.</source>
        <translation>Patient removed from the waiting list.</translation>
    </message>
    <message>
        <source>Connectez-vous pour réserver ce créneau.</source>
        <translation>Sign in to book this slot.</translation>
    </message>
    <message>
        <source>Rendez-vous pris depuis la liste d&apos;attente : {patient}, {when}.</source>
        <translation>Appointment booked from the waiting list: {patient}, {when}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Créneau libéré&lt;/b&gt; ({day} à {time}) : {offers} de la liste d&apos;attente. Entrée ou « Réserver » pour le patient choisi.</source>
        <translation>&lt;b&gt;Slot freed&lt;/b&gt; ({day} at {time}): {offers} from the waiting list. Enter or “Book for this patient” for the chosen patient.</translation>
    </message>
    <message>
        <source>proposition</source>
        <translation>proposal</translation>
    </message>
    <message>
        <source>propositions</source>
        <translation>proposals</translation>
    </message>
    <message>
        <source>{when} · {practitioner} · {reason}
{patient} — priorité {priority}</source>
        <translation>{when} · {practitioner} · {reason}
{patient} — {priority} priority</translation>
    </message>
    <message>
        <source>Service {department}</source>
        <translation>{department} department</translation>
    </message>
</context>
<context>
    <name>WaitlistTableModel</name>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Visit reason</translation>
    </message>
    <message>
        <source>Praticien ou service</source>
        <translation>Practitioner or department</translation>
    </message>
    <message>
        <source>Jours souhaités</source>
        <translation>Preferred days</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>Time of day</translation>
    </message>
    <message>
        <source>Échéance</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Priorité</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Inscrit le</source>
        <translation>Added on</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Fiche du rendez-vous</source>
        <translation>Appointment panel</translation>
    </message>
    <message>
        <source>&amp;Fiche du rendez-vous et du patient</source>
        <translation>Appointment and patient &amp;panel</translation>
    </message>
    <message>
        <source>&amp;Secrétariat</source>
        <translation>&amp;Secretariat</translation>
    </message>
    <message>
        <source>Liste d&apos;attente</source>
        <translation>Waiting list</translation>
    </message>
    <message>
        <source>&amp;Liste d&apos;attente</source>
        <translation>&amp;Waiting list</translation>
    </message>
    <message>
        <source>&amp;Ajouter un patient à la liste d&apos;attente…</source>
        <translation>&amp;Add a patient to the waiting list…</translation>
    </message>
    <message>
        <source>Patient ajouté à la liste d&apos;attente.</source>
        <translation>Patient added to the waiting list.</translation>
    </message>
    <message>
        <source>Saisir une &amp;absence…</source>
        <translation>Enter an a&amp;bsence…</translation>
    </message>
    <message>
        <source>&amp;Supprimer cette absence et proposer le temps libéré…</source>
        <translation>&amp;Delete this absence and offer the freed time…</translation>
    </message>
    <message>
        <source>Supprimer l&apos;absence</source>
        <translation>Delete the absence</translation>
    </message>
    <message>
        <source>Supprimer cette absence ? Son temps redevient réservable et les patients de la liste d&apos;attente qui peuvent le prendre vous sont proposés.</source>
        <translation>Delete this absence? Its time becomes bookable again, and the patients of the waiting list who can take it are proposed to you.</translation>
    </message>
    <message>
        <source>Absence supprimée : ce temps est de nouveau réservable.</source>
        <translation>Absence deleted: this time is bookable again.</translation>
    </message>
    <message>
        <source>Refusé</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Patients à appeler</source>
        <translation>Patients to call</translation>
    </message>
</context>
<context>
    <name>_AddRemoveTab</name>
    <message>
        <source>Ajouter</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Supprimé.</source>
        <translation>Removed.</translation>
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
    <message>
        <source>Votre rôle ne permet pas de {action}.</source>
        <translation>Your role does not allow you to {action}.</translation>
    </message>
</context>
</TS>
