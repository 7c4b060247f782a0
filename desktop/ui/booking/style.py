"""The booking dock's style sheet (applied to the dock only; colours of application.py)."""

STYLE_SHEET = """
QDockWidget#bookingDock {
    font-weight: 600;
}
QDockWidget#bookingDock::title {
    background: #ffffff;
    border-bottom: 1px solid #dde1e7;
    padding: 8px 12px;
    text-align: left;
}
QScrollArea#bookingScroll, QWidget#bookingPanel {
    background: #ffffff;
    font-weight: normal;
}
QLabel#sectionLabel {
    color: #1f2933;
    font-weight: 600;
    font-size: 11pt;
    padding-top: 2px;
}
QLabel#fieldLabel, QLabel#hintLabel {
    color: #5b6472;
}
QLabel#chosenPatient {
    color: #14532d;
    background: #ecfdf3;
    border: 1px solid #a6e3bd;
    border-radius: 5px;
    padding: 6px 8px;
}
QLabel#readOnlyBanner {
    color: #7a4b00;
    background: #fff7e0;
    border: 1px solid #f0d48a;
    border-radius: 5px;
    padding: 6px 8px;
}
QLineEdit {
    padding: 4px 6px;
    border: 1px solid #cfd5de;
    border-radius: 4px;
    background: #ffffff;
    min-height: 20px;
}
QLineEdit:focus {
    border: 1px solid #4a78d0;
}
QComboBox, QDateEdit {
    min-height: 24px;
}
QDateEdit QLineEdit, QComboBox QLineEdit {
    border: none;
    padding: 0;
    min-height: 0;
}
QListView#patientList, QListView#slotList {
    border: 1px solid #dde1e7;
    border-radius: 4px;
    background: #ffffff;
    selection-background-color: #dbe7ff;
    selection-color: #102a66;
}
QListView#slotList:focus {
    border: 1px solid #4a78d0;
}
QLabel#slotMessage, QLabel#formMessage {
    color: #374151;
}
QLabel#slotMessage[error="true"], QLabel#formMessage[error="true"] {
    color: #b42318;
    background: #fef3f2;
    border: 1px solid #f5c2bd;
    border-radius: 4px;
    padding: 6px 8px;
}
QLabel#noShowWarning {
    color: #374151;
    border: 1px solid transparent;
    border-radius: 4px;
    padding: 4px 8px;
}
QLabel#noShowWarning[error="true"] {
    color: #7a2e0e;
    background: #fff4e5;
    border-color: #f5c27a;
}
QLabel#birthFeedback, QLabel#phoneFeedback {
    color: #15803d;
}
QLabel#birthFeedback[error="true"], QLabel#phoneFeedback[error="true"] {
    color: #b42318;
}
QFrame#newPatientForm {
    background: #f7f8fa;
    border: 1px solid #dde1e7;
    border-radius: 6px;
}
QLabel#formTitle {
    font-weight: 600;
}
QPushButton {
    padding: 5px 12px;
    border: 1px solid #cfd5de;
    border-radius: 5px;
    background: #ffffff;
}
QPushButton:hover {
    background: #eef3fc;
}
QPushButton:focus {
    border: 1px solid #4a78d0;
}
QPushButton#bookButton, QPushButton#createPatientButton {
    background: #1d4ed8;
    border-color: #1d4ed8;
    color: #ffffff;
    font-weight: 600;
}
QPushButton#bookButton:disabled {
    background: #c7cfdc;
    border-color: #c7cfdc;
}
QFrame#confirmationBox {
    background: #ecfdf3;
    border: 2px solid #2f9e6e;
    border-radius: 6px;
}
QFrame#confirmationBox:focus {
    border-color: #14532d;
}
QLabel#confirmationTitle {
    color: #14532d;
    font-weight: 700;
    font-size: 11pt;
}
QLabel#confirmationDetails {
    color: #1f2933;
}
QLabel#instructionsTitle {
    color: #7a4b00;
    font-weight: 700;
    text-transform: uppercase;
}
QLabel#instructionsText {
    color: #1f2933;
    background: #fffbeb;
    border: 1px solid #f0d48a;
    border-radius: 4px;
    padding: 8px;
    font-size: 11pt;
}
"""
