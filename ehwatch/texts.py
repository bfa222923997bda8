"""Texts of the core: configuration, keyring, state store, generic CLI messages, reminders, the daemon and doctor."""

TEXTS = {
    "config.error": {
        "en": "The configuration file {file} cannot be used (line {line}, key {setting}): {problem}.",
        "fr": "Le fichier de configuration {file} est inutilisable (ligne {line}, clé {setting}) : {problem}.",
        "nl": "Het configuratiebestand {file} is onbruikbaar (regel {line}, sleutel {setting}): {problem}.",
    },
    "config.problem.unknown_key": {
        "en": "this key is unknown (check its spelling)",
        "fr": "cette clé est inconnue (vérifiez l'orthographe)",
        "nl": "deze sleutel is onbekend (controleer de spelling)",
    },
    "config.problem.syntax": {
        "en": "this is not valid TOML ({detail})",
        "fr": "ce n'est pas du TOML valide ({detail})",
        "nl": "dit is geen geldige TOML ({detail})",
    },
    "config.problem.unreadable": {
        "en": "the file cannot be read ({detail})",
        "fr": "le fichier ne peut pas être lu ({detail})",
        "nl": "het bestand kan niet gelezen worden ({detail})",
    },
    "config.problem.not_utf8": {
        "en": "the file is not UTF-8 text",
        "fr": "le fichier n'est pas du texte UTF-8",
        "nl": "het bestand is geen UTF-8-tekst",
    },
    "config.problem.nul": {
        "en": "the text holds a NUL character (\\u0000), which no file name or address can contain",
        "fr": "le texte contient un caractère NUL (\\u0000), qu'aucun nom de fichier ni adresse ne peut contenir",
        "nl": "de tekst bevat een NUL-teken (\\u0000), dat geen bestandsnaam of adres kan bevatten",
    },
    "config.problem.url": {
        "en": "expected an https:// address (plain http:// only to this computer, for the sandbox)",
        "fr": "une adresse https:// est attendue (http:// simple uniquement vers cet ordinateur, pour le bac à sable)",
        "nl": "een https://-adres wordt verwacht (gewone http:// enkel naar deze computer, voor de sandbox)",
    },
    "config.problem.too_deep": {
        "en": "lists or tables are nested more than {limit} levels deep",
        "fr": "des listes ou des tables sont imbriquées sur plus de {limit} niveaux",
        "nl": "lijsten of tabellen zijn meer dan {limit} niveaus diep genest",
    },
    "config.problem.too_big": {
        "en": "the file is larger than {limit} bytes, far too big for a configuration; it was not read",
        "fr": "le fichier dépasse {limit} octets, bien trop pour une configuration ; il n'a pas été lu",
        "nl": "het bestand is groter dan {limit} bytes, veel te groot voor een configuratie; het werd niet gelezen",
    },
    "config.problem.bool": {
        "en": "expected true or false",
        "fr": "valeur attendue : true ou false",
        "nl": "verwachte waarde: true of false",
    },
    "config.problem.int": {
        "en": "expected a whole number",
        "fr": "un nombre entier est attendu",
        "nl": "een geheel getal wordt verwacht",
    },
    "config.problem.min": {
        "en": "must be at least {limit}",
        "fr": "doit valoir au moins {limit}",
        "nl": "moet minstens {limit} zijn",
    },
    "config.problem.max": {
        "en": "must be at most {limit}",
        "fr": "doit valoir au plus {limit}",
        "nl": "mag hoogstens {limit} zijn",
    },
    "config.problem.str": {
        "en": "expected text in quotes",
        "fr": "un texte entre guillemets est attendu",
        "nl": "tekst tussen aanhalingstekens wordt verwacht",
    },
    "config.problem.choices": {
        "en": "must be one of {choices}",
        "fr": "doit être l'une des valeurs {choices}",
        "nl": "moet een van {choices} zijn",
    },
    "config.problem.list": {
        "en": "expected a list, e.g. [\"…\"]",
        "fr": "une liste est attendue, par ex. [\"…\"]",
        "nl": "een lijst wordt verwacht, bv. [\"…\"]",
    },
    "config.problem.list_int": {
        "en": "expected a list of whole numbers",
        "fr": "une liste de nombres entiers est attendue",
        "nl": "een lijst van gehele getallen wordt verwacht",
    },
    "config.problem.list_str": {
        "en": "expected a list of texts in quotes",
        "fr": "une liste de textes entre guillemets est attendue",
        "nl": "een lijst van teksten tussen aanhalingstekens wordt verwacht",
    },
    "config.problem.table": {
        "en": "expected a [{name}] section",
        "fr": "une section [{name}] est attendue",
        "nl": "een sectie [{name}] wordt verwacht",
    },
    "config.problem.listen": {
        "en": "{value} is not a loopback address with a port, such as 127.0.0.1:9877 (metrics are never served to the network)",
        "fr": "{value} n'est pas une adresse de bouclage avec un port, comme 127.0.0.1:9877 (les métriques ne sont jamais servies au réseau)",
        "nl": "{value} is geen loopbackadres met een poort, zoals 127.0.0.1:9877 (metrieken worden nooit aan het netwerk aangeboden)",
    },
    "config.path.none": {
        "en": "(no file yet: ehwatch uses its defaults)",
        "fr": "(pas encore de fichier : ehwatch utilise ses valeurs par défaut)",
        "nl": "(nog geen bestand: ehwatch gebruikt zijn standaardwaarden)",
    },
    "keyring.unavailable": {
        "en": "No password safe (keyring) is available on this computer, so ehwatch cannot store the password. "
              "On Linux, install and unlock GNOME Keyring or KWallet, then try again.",
        "fr": "Aucun coffre à mots de passe (trousseau) n'est disponible sur cet ordinateur : ehwatch ne peut pas "
              "enregistrer le mot de passe. Sous Linux, installez et déverrouillez GNOME Keyring ou KWallet, puis réessayez.",
        "nl": "Er is geen wachtwoordkluis (sleutelhanger) beschikbaar op deze computer, dus ehwatch kan het wachtwoord "
              "niet bewaren. Installeer en ontgrendel onder Linux GNOME Keyring of KWallet en probeer opnieuw.",
    },
    "keyring.failed": {
        "en": "The password safe (keyring) refused the operation: {detail}. Unlock it and try again.",
        "fr": "Le coffre à mots de passe (trousseau) a refusé l'opération : {detail}. Déverrouillez-le et réessayez.",
        "nl": "De wachtwoordkluis (sleutelhanger) weigerde de bewerking: {detail}. Ontgrendel ze en probeer opnieuw.",
    },
    "store.unavailable": {
        "en": "ehwatch cannot open its state file {file} ({detail}). Check that the folder is writable.",
        "fr": "ehwatch ne peut pas ouvrir son fichier d'état {file} ({detail}). Vérifiez que le dossier est accessible en écriture.",
        "nl": "ehwatch kan zijn statusbestand {file} niet openen ({detail}). Controleer of de map schrijfbaar is.",
    },
    "cli.interrupted": {
        "en": "Stopped at your request; nothing was changed.",
        "fr": "Arrêté à votre demande ; rien n'a été modifié.",
        "nl": "Gestopt op uw verzoek; er werd niets gewijzigd.",
    },
    "cli.unexpected": {
        "en": "Something unexpected went wrong ({detail}). Nothing was changed. Details are in the log file {log}.",
        "fr": "Un problème inattendu est survenu ({detail}). Rien n'a été modifié. Les détails sont dans le journal {log}.",
        "nl": "Er ging onverwacht iets mis ({detail}). Er werd niets gewijzigd. Details staan in het logbestand {log}.",
    },
    # --- reminders -------------------------------------------------------------------------------
    "reminder.threshold.title": {
        "en": "eHealth certificate: {days} days left",
        "fr": "Certificat eHealth : encore {days} jours",
        "nl": "eHealth-certificaat: nog {days} dagen",
    },
    "reminder.threshold.body": {
        "en": "The eHealth certificate of {holder} expires on {date}. Renew it now so that your software keeps "
              "working: click Renew (your eID card and its reader are needed).",
        "fr": "Le certificat eHealth de {holder} expire le {date}. Renouvelez-le maintenant pour que vos logiciels "
              "continuent de fonctionner : cliquez sur Renouveler (votre carte eID et son lecteur sont nécessaires).",
        "nl": "Het eHealth-certificaat van {holder} vervalt op {date}. Vernieuw het nu zodat uw software blijft "
              "werken: klik op Vernieuwen (uw eID-kaart en kaartlezer zijn nodig).",
    },
    "reminder.threshold.body_one": {
        "en": "The eHealth certificate of {holder} expires on {date} ({days} day left). Renew it today: click Renew "
              "(your eID card and its reader are needed). Once expired it cannot be renewed, only requested anew.",
        "fr": "Le certificat eHealth de {holder} expire le {date} (encore {days} jour). Renouvelez-le aujourd'hui : "
              "cliquez sur Renouveler (carte eID et lecteur nécessaires). Une fois expiré, il ne peut plus être "
              "renouvelé, seulement redemandé.",
        "nl": "Het eHealth-certificaat van {holder} vervalt op {date} (nog {days} dag). Vernieuw het vandaag: klik op "
              "Vernieuwen (eID-kaart en kaartlezer nodig). Eenmaal vervallen kan het niet meer vernieuwd worden, "
              "enkel opnieuw aangevraagd.",
    },
    "reminder.expired.title": {
        "en": "eHealth certificate expired",
        "fr": "Certificat eHealth expiré",
        "nl": "eHealth-certificaat vervallen",
    },
    "reminder.expired.body": {
        "en": "The eHealth certificate of {holder} expired on {date} ({file}). It can no longer be renewed: request "
              "a new one (ehwatch request, or \"Request a new certificate…\" in the tray).",
        "fr": "Le certificat eHealth de {holder} a expiré le {date} ({file}). Il ne peut plus être renouvelé : "
              "demandez-en un nouveau (ehwatch request, ou « Demander un nouveau certificat… » dans la barre des "
              "tâches).",
        "nl": "Het eHealth-certificaat van {holder} is vervallen op {date} ({file}). Het kan niet meer vernieuwd "
              "worden: vraag een nieuw aan (ehwatch request, of \"Nieuw certificaat aanvragen…\" in het "
              "systeemvak).",
    },
    "reminder.failure.title": {
        "en": "ehwatch needs you",
        "fr": "ehwatch a besoin de vous",
        "nl": "ehwatch heeft u nodig",
    },
    "reminder.failure.body": {
        "en": "{problem}",
        "fr": "{problem}",
        "nl": "{problem}",
    },
    # --- the daemon -------------------------------------------------------------------------------
    "daemon.already_running": {
        "en": "ehwatch is already running; it now shows its status.",
        "fr": "ehwatch fonctionne déjà ; il affiche maintenant son état.",
        "nl": "ehwatch draait al; het toont nu zijn status.",
    },
    "daemon.already_running_silent": {
        "en": "ehwatch is already running but did not answer. If it seems stuck, log out and in again.",
        "fr": "ehwatch fonctionne déjà mais n'a pas répondu. S'il semble bloqué, fermez puis rouvrez votre session.",
        "nl": "ehwatch draait al maar antwoordde niet. Lijkt het vast te zitten, meld u dan af en opnieuw aan.",
    },
    "daemon.no_tray": {
        "en": "No tray icon is possible on this desktop: ehwatch keeps watching without an icon and shows "
              "its warnings as notifications (and in its log).",
        "fr": "Aucune icône n'est possible dans la barre de ce bureau : ehwatch continue de surveiller sans icône "
              "et affiche ses avertissements en notifications (et dans son journal).",
        "nl": "Op dit bureaublad is geen pictogram in het systeemvak mogelijk: ehwatch blijft bewaken zonder "
              "pictogram en toont zijn waarschuwingen als meldingen (en in zijn logboek).",
    },
    "daemon.started_headless": {
        "en": "ehwatch is watching your eHealth certificates (no tray icon). Stop it with Ctrl+C.",
        "fr": "ehwatch surveille vos certificats eHealth (sans icône). Arrêtez-le avec Ctrl+C.",
        "nl": "ehwatch bewaakt uw eHealth-certificaten (zonder pictogram). Stop het met Ctrl+C.",
    },
    "daemon.status.title": {
        "en": "ehwatch is watching",
        "fr": "ehwatch surveille",
        "nl": "ehwatch bewaakt",
    },
    "daemon.about.title": {
        "en": "About ehwatch",
        "fr": "À propos d'ehwatch",
        "nl": "Over ehwatch",
    },
    "daemon.about.body": {
        "en": "ehwatch {version} watches your eHealth certificates, warns before they expire and helps renew them.",
        "fr": "ehwatch {version} surveille vos certificats eHealth, prévient avant leur expiration et aide à les "
              "renouveler.",
        "nl": "ehwatch {version} bewaakt uw eHealth-certificaten, waarschuwt voor ze vervallen en helpt ze te "
              "vernieuwen.",
    },
    "daemon.password_cli.title": {
        "en": "Keystore password",
        "fr": "Mot de passe du keystore",
        "nl": "Wachtwoord van de keystore",
    },
    "daemon.password_cli.body": {
        "en": "The password window is not available here. Give the password of {file} with the ehwatch command "
              "line; it is kept in your system's password safe.",
        "fr": "La fenêtre de mot de passe n'est pas disponible ici. Donnez le mot de passe de {file} avec la ligne "
              "de commande d'ehwatch ; il est conservé dans le coffre à mots de passe du système.",
        "nl": "Het wachtwoordvenster is hier niet beschikbaar. Geef het wachtwoord van {file} via de ehwatch-"
              "opdrachtregel; het wordt bewaard in de wachtwoordkluis van het systeem.",
    },
    "daemon.password_wrong": {
        "en": "This password does not open {file}. Try again (it is the one chosen when the certificate was requested).",
        "fr": "Ce mot de passe n'ouvre pas {file}. Réessayez (c'est celui choisi lors de la demande du certificat).",
        "nl": "Dit wachtwoord opent {file} niet. Probeer opnieuw (het is het wachtwoord gekozen bij de aanvraag "
              "van het certificaat).",
    },
    "daemon.mail_stopped": {
        "en": "ehwatch stopped watching your mailbox after an unexpected error ({detail}). Restart ehwatch; if it "
              "happens again, run ehwatch doctor.",
        "fr": "ehwatch a cessé de surveiller votre boîte mail après une erreur inattendue ({detail}). Relancez "
              "ehwatch ; si cela se reproduit, lancez ehwatch doctor.",
        "nl": "ehwatch is gestopt met het bewaken van uw mailbox na een onverwachte fout ({detail}). Start ehwatch "
              "opnieuw; gebeurt het nog eens, voer dan ehwatch doctor uit.",
    },
    "daemon.no_manager.title": {
        "en": "eHealth Certificate Manager",
        "fr": "Gestionnaire de certificats eHealth",
        "nl": "eHealth Certificate Manager",
    },
    "daemon.no_manager.body": {
        "en": "ehwatch does not know where the eHealth Certificate Manager is. Set certificate_manager in the "
              "settings (tray menu, Settings) to its program.",
        "fr": "ehwatch ne sait pas où se trouve le gestionnaire de certificats eHealth. Indiquez son programme dans "
              "certificate_manager (menu de l'icône, Paramètres).",
        "nl": "ehwatch weet niet waar de eHealth Certificate Manager staat. Vul het programma in bij "
              "certificate_manager (menu van het pictogram, Instellingen).",
    },
    "daemon.manager_failed": {
        "en": "The eHealth Certificate Manager ({command}) could not be started: {detail}. Check certificate_manager "
              "in the settings.",
        "fr": "Le gestionnaire de certificats eHealth ({command}) n'a pas pu démarrer : {detail}. Vérifiez "
              "certificate_manager dans les paramètres.",
        "nl": "De eHealth Certificate Manager ({command}) kon niet starten: {detail}. Controleer certificate_manager "
              "in de instellingen.",
    },
    "daemon.notifications_failed": {
        "en": "Notifications cannot be shown on this desktop: check the tray icon (or ehwatch doctor).",
        "fr": "Les notifications ne peuvent pas s'afficher sur ce bureau : consultez l'icône (ou ehwatch doctor).",
        "nl": "Meldingen kunnen op dit bureaublad niet getoond worden: kijk naar het pictogram (of ehwatch doctor).",
    },
    # --- doctor -----------------------------------------------------------------------------------
    "doctor.config.ok": {
        "en": "{setting}: {path} is there.",
        "fr": "{setting} : {path} est présent.",
        "nl": "{setting}: {path} is aanwezig.",
    },
    "doctor.config.missing": {
        "en": "{setting}: {path} does not exist (or cannot be read).",
        "fr": "{setting} : {path} n'existe pas (ou ne peut pas être lu).",
        "nl": "{setting}: {path} bestaat niet (of kan niet gelezen worden).",
    },
    "doctor.config.missing_fix": {
        "en": "Correct the path in the configuration file (ehwatch config path says where it is), or put the file back.",
        "fr": "Corrigez le chemin dans le fichier de configuration (ehwatch config path indique où il se trouve), "
              "ou remettez le fichier en place.",
        "nl": "Verbeter het pad in het configuratiebestand (ehwatch config path zegt waar het staat), of zet het "
              "bestand terug.",
    },
    "doctor.config.not_executable": {
        "en": "{setting}: {path} exists but cannot be run.",
        "fr": "{setting} : {path} existe mais ne peut pas être exécuté.",
        "nl": "{setting}: {path} bestaat maar kan niet uitgevoerd worden.",
    },
    "doctor.config.not_executable_fix": {
        "en": "Make it executable (chmod +x), or name the program that runs it (for example: sh {path}).",
        "fr": "Rendez-le exécutable (chmod +x), ou nommez le programme qui le lance (par exemple : sh {path}).",
        "nl": "Maak het uitvoerbaar (chmod +x), of noem het programma dat het uitvoert (bijvoorbeeld: sh {path}).",
    },
    "doctor.config.no_command": {
        "en": "{setting}: the command {path} is not found on this computer.",
        "fr": "{setting} : la commande {path} est introuvable sur cet ordinateur.",
        "nl": "{setting}: het commando {path} is niet gevonden op deze computer.",
    },
    "doctor.config.no_command_fix": {
        "en": "Install it, or write its full path in the configuration file.",
        "fr": "Installez-la, ou écrivez son chemin complet dans le fichier de configuration.",
        "nl": "Installeer het, of schrijf het volledige pad in het configuratiebestand.",
    },
    "doctor.config.url": {
        "en": "{setting}: {path} is not an https:// address; ehwatch will not send a signed request there.",
        "fr": "{setting} : {path} n'est pas une adresse https:// ; ehwatch n'y enverra pas de demande signée.",
        "nl": "{setting}: {path} is geen https://-adres; ehwatch stuurt er geen ondertekende aanvraag naartoe.",
    },
    "doctor.config.url_fix": {
        "en": "Leave the setting empty (the official eHealth address is used) or give an https:// address.",
        "fr": "Laissez le réglage vide (l'adresse officielle d'eHealth est utilisée) ou donnez une adresse https://.",
        "nl": "Laat de instelling leeg (het officiële eHealth-adres wordt gebruikt) of geef een https://-adres.",
    },
    "doctor.folder.ok": {
        "en": "Keystore folder {folder}: {count} keystore(s).",
        "fr": "Dossier des keystores {folder} : {count} keystore(s).",
        "nl": "Keystoremap {folder}: {count} keystore(s).",
    },
    "doctor.folder.missing": {
        "en": "The keystore folder {folder} does not exist.",
        "fr": "Le dossier des keystores {folder} n'existe pas.",
        "nl": "De keystoremap {folder} bestaat niet.",
    },
    "doctor.folder.missing_fix": {
        "en": "If your keystores are elsewhere, list that folder in keystore_dirs (ehwatch config path shows the "
              "settings file).",
        "fr": "Si vos keystores sont ailleurs, indiquez ce dossier dans keystore_dirs (ehwatch config path montre "
              "le fichier de paramètres).",
        "nl": "Staan uw keystores elders, vermeld die map dan in keystore_dirs (ehwatch config path toont het "
              "instellingenbestand).",
    },
    "doctor.folder.empty": {
        "en": "The keystore folder {folder} holds no keystore (.p12).",
        "fr": "Le dossier des keystores {folder} ne contient aucun keystore (.p12).",
        "nl": "De keystoremap {folder} bevat geen keystore (.p12).",
    },
    "doctor.folder.empty_fix": {
        "en": "Copy your keystore there, or list the folder where it is in keystore_dirs.",
        "fr": "Copiez-y votre keystore, ou indiquez dans keystore_dirs le dossier où il se trouve.",
        "nl": "Kopieer uw keystore daarheen, of vermeld de map waar hij staat in keystore_dirs.",
    },
    "doctor.keyring.ok": {
        "en": "Password safe (keyring) in use: {backend}.",
        "fr": "Coffre à mots de passe (trousseau) utilisé : {backend}.",
        "nl": "Gebruikte wachtwoordkluis (sleutelhanger): {backend}.",
    },
    "doctor.keyring.none": {
        "en": "No password safe (keyring) is available: ehwatch cannot remember keystore passwords.",
        "fr": "Aucun coffre à mots de passe (trousseau) n'est disponible : ehwatch ne peut pas retenir les mots "
              "de passe des keystores.",
        "nl": "Er is geen wachtwoordkluis (sleutelhanger) beschikbaar: ehwatch kan de wachtwoorden van de "
              "keystores niet onthouden.",
    },
    "doctor.keyring.none_fix": {
        "en": "On Linux, install and unlock GNOME Keyring or KWallet, then start ehwatch again.",
        "fr": "Sous Linux, installez et déverrouillez GNOME Keyring ou KWallet, puis relancez ehwatch.",
        "nl": "Installeer en ontgrendel onder Linux GNOME Keyring of KWallet en start ehwatch opnieuw.",
    },
    "doctor.password.ok": {
        "en": "The password of {file} is known.",
        "fr": "Le mot de passe de {file} est connu.",
        "nl": "Het wachtwoord van {file} is gekend.",
    },
    "doctor.password.missing": {
        "en": "The password of {file} is not known: its expiry date cannot be read.",
        "fr": "Le mot de passe de {file} n'est pas connu : sa date d'expiration ne peut pas être lue.",
        "nl": "Het wachtwoord van {file} is niet gekend: de vervaldatum kan niet gelezen worden.",
    },
    "doctor.password.missing_fix": {
        "en": "Choose \"Set the password…\" for this certificate in the ehwatch tray menu.",
        "fr": "Choisissez « Définir le mot de passe… » pour ce certificat dans le menu de l'icône ehwatch.",
        "nl": "Kies \"Wachtwoord instellen…\" voor dit certificaat in het menu van het ehwatch-pictogram.",
    },
    "doctor.eid.ok": {
        "en": "eID middleware found ({module}); card: {detail}.",
        "fr": "Logiciel eID trouvé ({module}) ; carte : {detail}.",
        "nl": "eID-middleware gevonden ({module}); kaart: {detail}.",
    },
    "doctor.online.ok": {
        "en": "eHealth knows {count} certificate(s) for this eID holder; each valid one is on this computer.",
        "fr": "eHealth connaît {count} certificat(s) pour le titulaire de cette eID ; chaque certificat valable est "
              "sur cet ordinateur.",
        "nl": "eHealth kent {count} certifica(a)t(en) voor de houder van deze eID; elk geldig certificaat staat op "
              "deze computer.",
    },
    "doctor.online.missing": {
        "en": "eHealth: the certificate {certificate} is valid (until {until}) but no keystore on this computer holds "
              "it.",
        "fr": "eHealth : le certificat {certificate} est valable (jusqu'au {until}) mais aucun keystore de cet "
              "ordinateur ne le contient.",
        "nl": "eHealth: het certificaat {certificate} is geldig (tot {until}) maar geen keystore op deze computer "
              "bevat het.",
    },
    "doctor.online.failed": {
        "en": "eHealth could not say which certificates it knows: {detail}",
        "fr": "eHealth n'a pas pu dire quels certificats il connaît : {detail}",
        "nl": "eHealth kon niet zeggen welke certificaten het kent: {detail}",
    },
    "doctor.eid.no_middleware": {
        "en": "The Belgian eID software (middleware) is not installed: a renewal needs it to sign with your card.",
        "fr": "Le logiciel eID belge (middleware) n'est pas installé : un renouvellement en a besoin pour signer "
              "avec votre carte.",
        "nl": "De Belgische eID-software (middleware) is niet geïnstalleerd: een vernieuwing heeft ze nodig om met "
              "uw kaart te ondertekenen.",
    },
    "doctor.eid.no_middleware_fix": {
        "en": "Install the eID software from eid.belgium.be, or set [eid] pkcs11_module in the settings.",
        "fr": "Installez le logiciel eID depuis eid.belgium.be, ou indiquez [eid] pkcs11_module dans les paramètres.",
        "nl": "Installeer de eID-software van eid.belgium.be, of vul [eid] pkcs11_module in de instellingen in.",
    },
    "doctor.eid.no_card": {
        "en": "eID middleware found, but no card could be read ({detail}).",
        "fr": "Logiciel eID trouvé, mais aucune carte n'a pu être lue ({detail}).",
        "nl": "eID-middleware gevonden, maar er kon geen kaart gelezen worden ({detail}).",
    },
    "doctor.eid.no_card_fix": {
        "en": "Connect the card reader and insert your eID card when you renew a certificate.",
        "fr": "Branchez le lecteur et insérez votre carte eID au moment de renouveler un certificat.",
        "nl": "Sluit de kaartlezer aan en steek uw eID-kaart in wanneer u een certificaat vernieuwt.",
    },
    "doctor.mail.off": {
        "en": "No mailbox is set: ehwatch will not see eHealth's mails about your renewals.",
        "fr": "Aucune boîte mail n'est configurée : ehwatch ne verra pas les mails d'eHealth sur vos "
              "renouvellements.",
        "nl": "Er is geen mailbox ingesteld: ehwatch ziet de mails van eHealth over uw vernieuwingen niet.",
    },
    "doctor.mail.off_fix": {
        "en": "Optional: fill the [mail] section of the settings with your mailbox (host, username).",
        "fr": "Facultatif : remplissez la section [mail] des paramètres avec votre boîte mail (host, username).",
        "nl": "Optioneel: vul de sectie [mail] van de instellingen in met uw mailbox (host, username).",
    },
    "doctor.mail.reachable": {
        "en": "The mail server {host} (port {port}) answers.",
        "fr": "Le serveur de mail {host} (port {port}) répond.",
        "nl": "De mailserver {host} (poort {port}) antwoordt.",
    },
    "doctor.mail.unreachable": {
        "en": "The mail server {host} (port {port}) cannot be reached: {detail}.",
        "fr": "Le serveur de mail {host} (port {port}) est injoignable : {detail}.",
        "nl": "De mailserver {host} (poort {port}) is onbereikbaar: {detail}.",
    },
    "doctor.mail.unreachable_fix": {
        "en": "Check the internet connection, and host and port in the [mail] section of the settings.",
        "fr": "Vérifiez la connexion internet, ainsi que host et port dans la section [mail] des paramètres.",
        "nl": "Controleer de internetverbinding, en host en port in de sectie [mail] van de instellingen.",
    },
    "doctor.mail.no_password": {
        "en": "No mailbox password is stored for {user} on {host}.",
        "fr": "Aucun mot de passe de boîte mail n'est enregistré pour {user} sur {host}.",
        "nl": "Er is geen mailboxwachtwoord bewaard voor {user} op {host}.",
    },
    "doctor.mail.no_password_fix": {
        "en": "Give the mailbox password with the ehwatch mail commands; it is kept in the password safe.",
        "fr": "Donnez le mot de passe de la boîte mail avec les commandes mail d'ehwatch ; il est conservé dans le "
              "coffre à mots de passe.",
        "nl": "Geef het mailboxwachtwoord met de mail-opdrachten van ehwatch; het wordt bewaard in de "
              "wachtwoordkluis.",
    },
    "doctor.tray.ok": {
        "en": "Tray icon possible ({backend}).",
        "fr": "Icône dans la barre possible ({backend}).",
        "nl": "Pictogram in het systeemvak mogelijk ({backend}).",
    },
    "doctor.tray.none": {
        "en": "No tray icon is possible here: ehwatch will run without one.",
        "fr": "Aucune icône n'est possible ici : ehwatch fonctionnera sans icône.",
        "nl": "Hier is geen pictogram in het systeemvak mogelijk: ehwatch werkt zonder pictogram.",
    },
    "doctor.tray.none_fix": {
        "en": "On GNOME, install the \"AppIndicator and KStatusNotifierItem Support\" extension; notifications "
              "work without it.",
        "fr": "Sous GNOME, installez l'extension « AppIndicator and KStatusNotifierItem Support » ; les "
              "notifications fonctionnent sans elle.",
        "nl": "Installeer onder GNOME de extensie \"AppIndicator and KStatusNotifierItem Support\"; meldingen "
              "werken ook zonder.",
    },
    "doctor.notify.ok": {
        "en": "Notifications are shown by {server}.",
        "fr": "Les notifications sont affichées par {server}.",
        "nl": "Meldingen worden getoond door {server}.",
    },
    "doctor.notify.system": {
        "en": "Notifications use the system's notification centre.",
        "fr": "Les notifications utilisent le centre de notifications du système.",
        "nl": "Meldingen gebruiken het meldingencentrum van het systeem.",
    },
    "doctor.notify.none": {
        "en": "No notification service answers on this desktop: warnings will only be in the tray and the log.",
        "fr": "Aucun service de notifications ne répond sur ce bureau : les avertissements ne seront que dans "
              "l'icône et le journal.",
        "nl": "Op dit bureaublad antwoordt geen meldingendienst: waarschuwingen staan dan enkel in het pictogram en "
              "het logboek.",
    },
    "doctor.notify.none_fix": {
        "en": "Run ehwatch doctor from your desktop session; if the problem remains, install a notification "
              "daemon (for example dunst).",
        "fr": "Lancez ehwatch doctor depuis votre session de bureau ; si le problème persiste, installez un service "
              "de notifications (par exemple dunst).",
        "nl": "Start ehwatch doctor vanuit uw bureaubladsessie; blijft het probleem, installeer dan een "
              "meldingendienst (bijvoorbeeld dunst).",
    },
    "doctor.autostart.on": {
        "en": "ehwatch starts at login ({where}).",
        "fr": "ehwatch démarre à l'ouverture de session ({where}).",
        "nl": "ehwatch start bij het aanmelden ({where}).",
    },
    "doctor.autostart.off": {
        "en": "ehwatch does not start at login: you will not be warned unless you start it yourself.",
        "fr": "ehwatch ne démarre pas à l'ouverture de session : vous ne serez pas prévenu si vous ne le lancez pas "
              "vous-même.",
        "nl": "ehwatch start niet bij het aanmelden: u wordt niet gewaarschuwd tenzij u het zelf start.",
    },
    "doctor.autostart.off_fix": {
        "en": "Run: ehwatch autostart enable (or tick \"Start at login\" in the tray menu).",
        "fr": "Lancez : ehwatch autostart enable (ou cochez « Démarrer à l'ouverture de session » dans le menu).",
        "nl": "Voer uit: ehwatch autostart enable (of vink \"Starten bij aanmelden\" aan in het menu).",
    },
    "doctor.daemon.running": {
        "en": "ehwatch is running in the background.",
        "fr": "ehwatch fonctionne en arrière-plan.",
        "nl": "ehwatch draait op de achtergrond.",
    },
    "doctor.daemon.stopped": {
        "en": "ehwatch is not running in the background right now.",
        "fr": "ehwatch ne fonctionne pas en arrière-plan pour l'instant.",
        "nl": "ehwatch draait op dit moment niet op de achtergrond.",
    },
    "doctor.daemon.stopped_fix": {
        "en": "Start it with: ehwatch run",
        "fr": "Lancez-le avec : ehwatch run",
        "nl": "Start het met: ehwatch run",
    },
    "doctor.summary.ok": {
        "en": "Everything ehwatch needs is in place.",
        "fr": "Tout ce dont ehwatch a besoin est en place.",
        "nl": "Alles wat ehwatch nodig heeft is aanwezig.",
    },
    "doctor.summary.warning": {
        "en": "ehwatch works, but see the points marked ! above.",
        "fr": "ehwatch fonctionne, mais voyez les points marqués ! ci-dessus.",
        "nl": "ehwatch werkt, maar bekijk de punten gemarkeerd met ! hierboven.",
    },
    "doctor.summary.problem": {
        "en": "Something must be fixed (marked ✗ above) before ehwatch can do its job.",
        "fr": "Un point doit être corrigé (marqué ✗ ci-dessus) avant qu'ehwatch puisse faire son travail.",
        "nl": "Iets moet opgelost worden (gemarkeerd met ✗ hierboven) voor ehwatch zijn werk kan doen.",
    },
    "writer.busy": {
        "en": "Another ehwatch has been changing renewals for {seconds} s: try again when it has finished.",
        "fr": "Un autre ehwatch modifie les renouvellements depuis {seconds} s : réessayez quand il aura fini.",
        "nl": "Een andere ehwatch wijzigt al {seconds} s de vernieuwingen: probeer opnieuw wanneer die klaar is.",
    },
    "writer.waiting": {
        "en": "Another ehwatch is changing renewals right now; waiting for it to finish…",
        "fr": "Un autre ehwatch modifie les renouvellements en ce moment ; attente de la fin…",
        "nl": "Een andere ehwatch wijzigt op dit moment de vernieuwingen; wachten tot die klaar is…",
    },
    "control.disconnected": {
        "en": "The connection with the running ehwatch was lost; \"ehwatch renewals\" shows where things stand.",
        "fr": "La connexion avec ehwatch en cours a été perdue ; « ehwatch renewals » montre où on en est.",
        "nl": "De verbinding met de draaiende ehwatch ging verloren; \"ehwatch renewals\" toont hoe het ervoor staat.",
    },
    "control.unknown_request": {
        "en": "The running ehwatch does not know \"{op}\": it is an older version. Restart it (Quit in the tray menu).",
        "fr": "L'ehwatch en cours ne connaît pas « {op} » : c'est une version plus ancienne. Redémarrez-le (Quitter "
              "dans le menu de l'icône).",
        "nl": "De draaiende ehwatch kent \"{op}\" niet: het is een oudere versie. Herstart hem (Afsluiten in het menu "
              "van het pictogram).",
    },
}
