; Inno Setup script of Créneau (Inno Setup 6.3 or later; this file is UTF-8 with a BOM).
;
; Build the frozen folder first, on Windows (packaging/build.sh does the same on Linux):
;   python -m pip install -e . "pyinstaller>=6.10,<7"
;   python -m PyInstaller --noconfirm --distpath packaging\dist --workpath packaging\build packaging\creneau.spec
; then the installer (written to packaging\dist\creneau-<version>-installation.exe):
;   iscc packaging\windows\creneau.iss
;
; What it installs, for every user of the machine (administrator rights):
; - the application in {autopf}\Créneau (C:\Program Files\Créneau): creneau.exe (the
;   application, no console window) and creneau-cli.exe (the same commands, for scripts);
; - a Start-menu entry « Créneau », an optional desktop shortcut, and the uninstaller;
; - the machine-wide configuration file {commonappdata}\Créneau\creneau.toml
;   (C:\ProgramData\Créneau\creneau.toml), written only when absent: an upgrade, a reinstall or
;   an uninstall never touches the file IT prepared. Its lines can be filled on the command line:
;     creneau-0.1.0-installation.exe /VERYSILENT /DBURL="postgresql://creneau@bdd.hopital.local/creneau"
;         /PASSWORDFILE="C:\ProgramData\Créneau\motdepasse-bdd.txt" /BACKUPFOLDER="D:\Sauvegardes"
;   (also /PUBLICATIONFOLDER= and /PUBLICATIONURL=), or edited before or after deployment;
;   `creneau-cli config show` prints the result.

#define AppName "Créneau"
#define DistDir "..\dist\creneau"
#ifndef AppVersion
  ; The version of pyproject.toml, which creneau.spec writes into the executable's resources.
  #define AppVersion GetStringFileInfo(AddBackslash(SourcePath) + DistDir + "\creneau.exe", "ProductVersion")
#endif

[Setup]
AppId={{6E0C9B1E-3C1D-4F7B-9A57-2B1F3C6D8E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Créneau
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\resources\icons\creneau.ico
UninstallDisplayIcon={app}\creneau.exe
UninstallDisplayName={#AppName}
OutputDir=..\dist
OutputBaseFilename=creneau-{#AppVersion}-installation
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; Kept on uninstall: it holds the configuration IT prepared.
Name: "{commonappdata}\{#AppName}"; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\creneau.exe"; WorkingDir: "{userdocs}"; Comment: "L'agenda du secrétariat médical"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\creneau.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\creneau.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
const
  ConfigFileName = 'creneau.toml';

{ A TOML string: a literal string when it holds no quote (Windows paths stay readable). }
function TomlString(Value: String): String;
begin
  if Pos('''', Value) = 0 then
    Result := '''' + Value + ''''
  else begin
    StringChangeEx(Value, '\', '\\', True);
    StringChangeEx(Value, '"', '\"', True);
    Result := '"' + Value + '"';
  end;
end;

{ A key given on the command line (/DBURL=...), else left as a commented example. }
function Setting(Key, Param, Example: String): String;
var
  Value: String;
begin
  Value := ExpandConstant('{param:' + Param + '|}');
  if Value <> '' then
    Result := Key + ' = ' + TomlString(Value)
  else
    Result := '# ' + Key + ' = ' + TomlString(Example);
end;

procedure WriteMachineConfig(Path: String);
var
  Lines: TArrayOfString;
begin
  SetArrayLength(Lines, 24);
  Lines[0] := '# Configuration de Créneau pour tous les utilisateurs de ce poste, préparée par le';
  Lines[1] := '# service informatique. Le fichier de l''utilisateur (%LOCALAPPDATA%\creneau\creneau.toml)';
  Lines[2] := '# passe avant celui-ci, l''option --db et la variable CRENEAU_DB avant les deux.';
  Lines[3] := '# « creneau-cli config show » affiche le résultat. Sans url, chaque utilisateur a sa';
  Lines[4] := '# propre base SQLite. Ce fichier n''est jamais remplacé par une mise à jour.';
  Lines[5] := '';
  Lines[6] := '[database]';
  Lines[7] := '# La base PostgreSQL partagée, SANS mot de passe :';
  Lines[8] := Setting('url', 'DBURL', 'postgresql://creneau@bdd.hopital.local:5432/creneau?sslmode=require');
  Lines[9] := '# Le mot de passe, seul dans un fichier lisible par les seuls utilisateurs de Créneau :';
  Lines[10] := Setting('password_file', 'PASSWORDFILE', ExpandConstant('{commonappdata}\{#AppName}\motdepasse-bdd.txt'));
  Lines[11] := '';
  Lines[12] := '[publication]';
  Lines[13] := Setting('folder', 'PUBLICATIONFOLDER', '\\serveur-web\creneaux');
  Lines[14] := Setting('base_url', 'PUBLICATIONURL', 'https://www.hopital.fr/creneaux/');
  Lines[15] := '';
  Lines[16] := '[reminders]';
  Lines[17] := '# gateway = ''outbox''';
  Lines[18] := '# outbox = ''\\serveur-sms\depot''';
  Lines[19] := '# url = ''https://sms.hopital.local/envoi''';
  Lines[20] := '';
  Lines[21] := '[backup]';
  Lines[22] := Setting('folder', 'BACKUPFOLDER', 'D:\Sauvegardes\Creneau');
  Lines[23] := '';
  if not SaveStringsToUTF8File(Path, Lines, False) then
    MsgBox('Impossible d''écrire ' + Path + '.', mbError, MB_OK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Path: String;
begin
  if CurStep = ssPostInstall then begin
    Path := ExpandConstant('{commonappdata}\{#AppName}\') + ConfigFileName;
    { Never overwrite what IT prepared (upgrades, reinstalls). }
    if not FileExists(Path) then
      WriteMachineConfig(Path);
  end;
end;
