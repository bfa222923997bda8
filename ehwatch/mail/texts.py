"""Texts of the mailbox watcher and of ``ehwatch mail``."""

TEXTS = {
    "mail.unreadable": {
        "en": "The mail file {file} cannot be read ({detail}). Check the name and that you may open it, then try again.",
        "fr": "Le fichier de courriel {file} ne peut pas être lu ({detail}). Vérifiez le nom et que vous pouvez l'ouvrir, puis réessayez.",
        "nl": "Het e-mailbestand {file} kan niet gelezen worden ({detail}). Controleer de naam en of u het mag openen, en probeer opnieuw.",
    },
    "mail.not_configured": {
        "en": "No mailbox is set up. Add the [mail] section (host, username) to the configuration file "
              "(see: ehwatch config path), then run: ehwatch mail login",
        "fr": "Aucune boîte mail n'est configurée. Ajoutez la section [mail] (host, username) au fichier de "
              "configuration (voir : ehwatch config path), puis lancez : ehwatch mail login",
        "nl": "Er is geen mailbox ingesteld. Voeg de sectie [mail] (host, username) toe aan het "
              "configuratiebestand (zie: ehwatch config path) en voer daarna uit: ehwatch mail login",
    },
    "mail.no_username": {
        "en": "The mailbox on {host} has no user name. Set username in the [mail] section of the configuration file.",
        "fr": "La boîte mail sur {host} n'a pas de nom d'utilisateur. Indiquez username dans la section [mail] du fichier de configuration.",
        "nl": "De mailbox op {host} heeft geen gebruikersnaam. Vul username in de sectie [mail] van het configuratiebestand in.",
    },
    "mail.cafile_unreadable": {
        "en": "The certificate file {file} given as cafile for the mail server cannot be used ({detail}). Check the path in the [mail] section.",
        "fr": "Le fichier de certificat {file} indiqué comme cafile pour le serveur mail est inutilisable ({detail}). Vérifiez le chemin dans la section [mail].",
        "nl": "Het certificaatbestand {file} dat als cafile voor de mailserver is opgegeven, is onbruikbaar ({detail}). Controleer het pad in de sectie [mail].",
    },
    "mail.plaintext_refused": {
        "en": "ehwatch will not send your mailbox password to {host} over an unencrypted connection. Set security "
              "to \"ssl\" or \"starttls\" in the [mail] section (ask your mail provider which one), or, only on a "
              "trusted local network, set allow_plaintext = true.",
        "fr": "ehwatch n'enverra pas le mot de passe de votre boîte mail à {host} sur une connexion non chiffrée. "
              "Mettez security à \"ssl\" ou \"starttls\" dans la section [mail] (demandez lequel à votre fournisseur), "
              "ou, uniquement sur un réseau local de confiance, mettez allow_plaintext = true.",
        "nl": "ehwatch stuurt het wachtwoord van uw mailbox niet naar {host} over een onversleutelde verbinding. "
              "Zet security op \"ssl\" of \"starttls\" in de sectie [mail] (vraag uw mailprovider welke), of zet, "
              "alleen op een vertrouwd lokaal netwerk, allow_plaintext = true.",
    },
    "mail.starttls_unavailable": {
        "en": "The mail server {host} does not offer encryption (STARTTLS) on this port, so ehwatch did not send your password. "
              "Try security = \"ssl\" with port 993 in the [mail] section.",
        "fr": "Le serveur mail {host} ne propose pas de chiffrement (STARTTLS) sur ce port : ehwatch n'a pas envoyé votre mot de passe. "
              "Essayez security = \"ssl\" avec le port 993 dans la section [mail].",
        "nl": "De mailserver {host} biedt op deze poort geen versleuteling (STARTTLS) aan, dus ehwatch heeft uw wachtwoord niet verstuurd. "
              "Probeer security = \"ssl\" met poort 993 in de sectie [mail].",
    },
    "mail.tls_untrusted": {
        "en": "The mail server {host} presented a certificate this computer does not trust ({detail}). If it is your own "
              "server, put its certificate in a file and set cafile in the [mail] section; otherwise check the server name.",
        "fr": "Le serveur mail {host} a présenté un certificat auquel cet ordinateur ne fait pas confiance ({detail}). "
              "S'il s'agit de votre propre serveur, placez son certificat dans un fichier et indiquez cafile dans la "
              "section [mail] ; sinon, vérifiez le nom du serveur.",
        "nl": "De mailserver {host} toonde een certificaat dat deze computer niet vertrouwt ({detail}). Is het uw eigen "
              "server, zet dan zijn certificaat in een bestand en vul cafile in de sectie [mail] in; controleer anders de servernaam.",
    },
    "mail.tls_failed": {
        "en": "The encrypted connection to the mail server {host} failed ({detail}). Check the port and security settings in the [mail] section.",
        "fr": "La connexion chiffrée au serveur mail {host} a échoué ({detail}). Vérifiez le port et le paramètre security dans la section [mail].",
        "nl": "De versleutelde verbinding met de mailserver {host} mislukte ({detail}). Controleer de poort en de instelling security in de sectie [mail].",
    },
    "mail.unknown_host": {
        "en": "The mail server {host} cannot be found. Check the server name in the [mail] section and your internet connection.",
        "fr": "Le serveur mail {host} est introuvable. Vérifiez le nom du serveur dans la section [mail] et votre connexion internet.",
        "nl": "De mailserver {host} is niet te vinden. Controleer de servernaam in de sectie [mail] en uw internetverbinding.",
    },
    "mail.timeout": {
        "en": "The mail server {host} (port {port}) did not answer in time. ehwatch will try again later; check your internet connection.",
        "fr": "Le serveur mail {host} (port {port}) n'a pas répondu à temps. ehwatch réessaiera plus tard ; vérifiez votre connexion internet.",
        "nl": "De mailserver {host} (poort {port}) antwoordde niet op tijd. ehwatch probeert later opnieuw; controleer uw internetverbinding.",
    },
    "mail.connect_failed": {
        "en": "ehwatch cannot reach the mail server {host} on port {port} ({detail}). It will try again later; check the port and your internet connection.",
        "fr": "ehwatch ne parvient pas à joindre le serveur mail {host} sur le port {port} ({detail}). Il réessaiera plus tard ; vérifiez le port et votre connexion internet.",
        "nl": "ehwatch kan de mailserver {host} niet bereiken op poort {port} ({detail}). Het probeert later opnieuw; controleer de poort en uw internetverbinding.",
    },
    "mail.connection_lost": {
        "en": "The connection to the mail server {host} was lost ({detail}). ehwatch reconnects by itself.",
        "fr": "La connexion au serveur mail {host} a été perdue ({detail}). ehwatch se reconnecte de lui-même.",
        "nl": "De verbinding met de mailserver {host} ging verloren ({detail}). ehwatch maakt zelf opnieuw verbinding.",
    },
    "mail.server_unavailable": {
        "en": "The mail server {host} is temporarily unavailable. ehwatch will try again later.",
        "fr": "Le serveur mail {host} est temporairement indisponible. ehwatch réessaiera plus tard.",
        "nl": "De mailserver {host} is tijdelijk niet beschikbaar. ehwatch probeert later opnieuw.",
    },
    "mail.auth_failed": {
        "en": "The mail server {host} refused the login of {user}. ehwatch stopped watching the mailbox so as not to lock "
              "your account. Run \"ehwatch mail login\" to enter the right password.",
        "fr": "Le serveur mail {host} a refusé la connexion de {user}. ehwatch a cessé de surveiller la boîte mail pour ne "
              "pas bloquer votre compte. Lancez « ehwatch mail login » pour saisir le bon mot de passe.",
        "nl": "De mailserver {host} weigerde de aanmelding van {user}. ehwatch stopte met het bewaken van de mailbox om uw "
              "account niet te blokkeren. Voer \"ehwatch mail login\" uit om het juiste wachtwoord in te geven.",
    },
    "mail.no_secret": {
        "en": "No password is stored for the mailbox {user} on {host}. Run \"ehwatch mail login\" once.",
        "fr": "Aucun mot de passe n'est enregistré pour la boîte mail {user} sur {host}. Lancez une fois « ehwatch mail login ».",
        "nl": "Er is geen wachtwoord bewaard voor de mailbox {user} op {host}. Voer eenmaal \"ehwatch mail login\" uit.",
    },
    "mail.no_token_command": {
        "en": "The mailbox uses OAuth2 (auth = \"xoauth2\") but no token command is known. Run "
              "\"ehwatch mail login --oauth2-command '<command>'\" or set oauth2_token_command in the [mail] section.",
        "fr": "La boîte mail utilise OAuth2 (auth = \"xoauth2\") mais aucune commande de jeton n'est connue. Lancez "
              "« ehwatch mail login --oauth2-command '<commande>' » ou indiquez oauth2_token_command dans la section [mail].",
        "nl": "De mailbox gebruikt OAuth2 (auth = \"xoauth2\") maar er is geen tokenopdracht bekend. Voer "
              "\"ehwatch mail login --oauth2-command '<opdracht>'\" uit of vul oauth2_token_command in de sectie [mail] in.",
    },
    "mail.token_command_failed": {
        "en": "The command that provides the OAuth2 token for the mailbox failed ({detail}). Run it yourself to see why "
              "(often the sign-in must be renewed), then run \"ehwatch mail login\" again.",
        "fr": "La commande qui fournit le jeton OAuth2 de la boîte mail a échoué ({detail}). Lancez-la vous-même pour voir "
              "pourquoi (souvent la connexion doit être renouvelée), puis relancez « ehwatch mail login ».",
        "nl": "De opdracht die het OAuth2-token voor de mailbox levert, mislukte ({detail}). Voer ze zelf uit om te zien "
              "waarom (vaak moet de aanmelding vernieuwd worden) en voer daarna opnieuw \"ehwatch mail login\" uit.",
    },
    "mail.folder_missing": {
        "en": "The mail folder \"{folder}\" listed in the [mail] section does not exist on the server; it is skipped. Check its exact name.",
        "fr": "Le dossier de courriel « {folder} » indiqué dans la section [mail] n'existe pas sur le serveur ; il est ignoré. Vérifiez son nom exact.",
        "nl": "De e-mailmap \"{folder}\" uit de sectie [mail] bestaat niet op de server; ze wordt overgeslagen. Controleer de exacte naam.",
    },
    "mail.login.prompt": {
        "en": "Password of the mailbox {user} on {host}:",
        "fr": "Mot de passe de la boîte mail {user} sur {host} :",
        "nl": "Wachtwoord van de mailbox {user} op {host}:",
    },
    "mail.login.empty": {
        "en": "No password was given; nothing was stored.",
        "fr": "Aucun mot de passe n'a été donné ; rien n'a été enregistré.",
        "nl": "Er werd geen wachtwoord gegeven; er werd niets bewaard.",
    },
    "mail.login.oauth2_needs_config": {
        "en": "To use an OAuth2 token command, first set auth = \"xoauth2\" in the [mail] section of the configuration file.",
        "fr": "Pour utiliser une commande de jeton OAuth2, mettez d'abord auth = \"xoauth2\" dans la section [mail] du fichier de configuration.",
        "nl": "Om een OAuth2-tokenopdracht te gebruiken, zet eerst auth = \"xoauth2\" in de sectie [mail] van het configuratiebestand.",
    },
    "mail.login.saved": {
        "en": "The mailbox {user} on {host} answered; the login is stored in the keyring. ehwatch will now watch it for eHealth mails.",
        "fr": "La boîte mail {user} sur {host} a répondu ; la connexion est enregistrée dans le trousseau. ehwatch y surveillera désormais les courriels eHealth.",
        "nl": "De mailbox {user} op {host} antwoordde; de aanmelding is bewaard in de sleutelhanger. ehwatch bewaakt ze voortaan op eHealth-mails.",
    },
    "mail.login.tested": {
        "en": "The mailbox {user} on {host} answered with the token from the configured command. ehwatch will now watch it for eHealth mails.",
        "fr": "La boîte mail {user} sur {host} a répondu avec le jeton de la commande configurée. ehwatch y surveillera désormais les courriels eHealth.",
        "nl": "De mailbox {user} op {host} antwoordde met het token van de ingestelde opdracht. ehwatch bewaakt ze voortaan op eHealth-mails.",
    },
    "mail.check.folders": {
        "en": "Folders checked: {folders}",
        "fr": "Dossiers vérifiés : {folders}",
        "nl": "Gecontroleerde mappen: {folders}",
    },
    "mail.check.event": {
        "en": "New eHealth mail in {folder}:",
        "fr": "Nouveau courriel eHealth dans {folder} :",
        "nl": "Nieuwe eHealth-mail in {folder}:",
    },
    "mail.check.suspicious": {
        "en": "Suspicious mail ignored in {folder}: it claims to be about an eHealth certificate but comes from {sender} "
              "(\"{subject}\"). Do not open its links.",
        "fr": "Courriel suspect ignoré dans {folder} : il prétend concerner un certificat eHealth mais vient de {sender} "
              "(« {subject} »). N'ouvrez pas ses liens.",
        "nl": "Verdachte mail genegeerd in {folder}: ze beweert over een eHealth-certificaat te gaan maar komt van {sender} "
              "(\"{subject}\"). Open de links niet.",
    },
    "mail.check.nothing": {
        "en": "No new eHealth mail.",
        "fr": "Aucun nouveau courriel eHealth.",
        "nl": "Geen nieuwe eHealth-mail.",
    },
    "mail.kind.produced": {
        "en": "certificate produced", "fr": "certificat produit", "nl": "certificaat geproduceerd",
    },
    "mail.kind.received": {
        "en": "request received", "fr": "demande reçue", "nl": "aanvraag ontvangen",
    },
    "mail.kind.other": {
        "en": "not an eHealth certificate notice", "fr": "pas un avis de certificat eHealth",
        "nl": "geen bericht over een eHealth-certificaat",
    },
    "mail.field.kind": {"en": "Kind: {value}", "fr": "Type : {value}", "nl": "Soort: {value}"},
    "mail.field.environment": {"en": "Environment: {value}", "fr": "Environnement : {value}", "nl": "Omgeving: {value}"},
    "mail.field.request_number": {
        "en": "Request number: {value}", "fr": "Numéro de demande : {value}", "nl": "Aanvraagnummer: {value}",
    },
    "mail.field.common_name": {
        "en": "Certificate (Common Name): {value}", "fr": "Certificat (Common Name) : {value}",
        "nl": "Certificaat (Common Name): {value}",
    },
    "mail.field.available_from": {
        "en": "Completion possible from: {value}", "fr": "Finalisation possible à partir du : {value}",
        "nl": "Vervolledigen mogelijk vanaf: {value}",
    },
    "mail.field.sender": {
        "en": "Sender: {value} (genuine eHealth address: {trusted}; DKIM: {dkim})",
        "fr": "Expéditeur : {value} (adresse eHealth authentique : {trusted} ; DKIM : {dkim})",
        "nl": "Afzender: {value} (echt eHealth-adres: {trusted}; DKIM: {dkim})",
    },
    "mail.field.subject": {"en": "Subject: {value}", "fr": "Objet : {value}", "nl": "Onderwerp: {value}"},
    "mail.field.yes": {"en": "yes", "fr": "oui", "nl": "ja"},
    "mail.field.no": {"en": "no", "fr": "non", "nl": "nee"},
}
