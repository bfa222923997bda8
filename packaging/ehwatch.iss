; Inno Setup script: the Windows installer for the one-folder ehwatch application.
;
; Build on Windows after ``make bundle`` (or the same pyinstaller command) and
; ``python packaging\build_icons.py build\icons``:
;     iscc /DSourceDir=..\build\dist\ehwatch /DIconFile=..\build\icons\ehwatch.ico packaging\ehwatch.iss
; ehwatch.exe is the command line, ehwatchw.exe the same program without a console window (the
; daemon at login). It installs per user (no administrator rights: a practice PC is often locked down), adds a Start
; menu entry, and offers "Start ehwatch when I log in", which writes the same HKCU\...\Run value as
; ``ehwatch autostart enable``; uninstalling removes it.

#ifndef SourceDir
  #define SourceDir "..\..\build\dist\ehwatch"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\ehwatch.ico"
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E2B7C1A-4F0D-4B8E-9C52-3A1E0D7B5C21}
AppName=ehwatch
AppVersion={#AppVersion}
AppPublisher=ehwatch
DefaultDirName={localappdata}\Programs\ehwatch
DefaultGroupName=ehwatch
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputBaseFilename=ehwatch-setup-{#AppVersion}
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\ehwatch.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
fr.StartAtLogin=Démarrer ehwatch à l'ouverture de session
nl.StartAtLogin=ehwatch starten bij het aanmelden
en.StartAtLogin=Start ehwatch when I log in
fr.StartNow=Démarrer ehwatch maintenant
nl.StartNow=ehwatch nu starten
en.StartNow=Start ehwatch now

[Tasks]
Name: "startatlogin"; Description: "{cm:StartAtLogin}"; Flags: checkedonce

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ehwatch"; Filename: "{app}\ehwatchw.exe"; Parameters: "run"; IconFilename: "{app}\ehwatch.exe"

[Registry]
; Same value as ``ehwatch autostart enable`` (ehwatch/desktop/autostart.py): the tray's check mark agrees.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "ehwatch"; \
    ValueData: """{app}\ehwatchw.exe"" run"; Flags: uninsdeletevalue; Tasks: startatlogin

[Run]
Filename: "{app}\ehwatchw.exe"; Parameters: "run"; Description: "{cm:StartNow}"; \
    Flags: nowait postinstall skipifsilent runhidden

[UninstallDelete]
; ehwatch's own files (settings, state, log, caches). The keystores live in the user's folders and are never
; touched; passwords stay in the Credential Manager (ehwatch password forget removes one).
Type: filesandordirs; Name: "{localappdata}\ehwatch"

[UninstallRun]
; Stop a running ehwatch before its files are removed (/F: its hidden tray window ignores a polite close;
; ehwatch writes every file by temp + rename and its state in SQLite transactions, so a kill loses nothing).
Filename: "{sys}\taskkill.exe"; Parameters: "/F /IM ehwatchw.exe"; Flags: runhidden; RunOnceId: "StopEhwatch"
