"""Texts of ``ehwatch sandbox`` (the local stand-in for the eHealth platform)."""

TEXTS = {
    "sandbox.not_initialised": {
        "en": "The folder {folder} is not a sandbox yet. Run \"ehwatch sandbox init {folder}\" first.",
        "fr": "Le dossier {folder} n'est pas encore un bac à sable. Lancez d'abord « ehwatch sandbox init {folder} ».",
        "nl": "De map {folder} is nog geen zandbak. Voer eerst \"ehwatch sandbox init {folder}\" uit.",
    },
    "sandbox.already_initialised": {
        "en": "The folder {folder} already holds a sandbox; nothing was changed. Use another folder for a new one.",
        "fr": "Le dossier {folder} contient déjà un bac à sable ; rien n'a été modifié. Choisissez un autre dossier "
              "pour en créer un nouveau.",
        "nl": "De map {folder} bevat al een zandbak; er werd niets gewijzigd. Kies een andere map voor een nieuwe.",
    },
    "sandbox.bad_environment": {
        "en": "Unknown environment {environment}: use acceptance or production.",
        "fr": "Environnement inconnu {environment} : utilisez acceptance ou production.",
        "nl": "Onbekende omgeving {environment}: gebruik acceptance of production.",
    },
    "sandbox.password_empty": {
        "en": "The keystore password cannot be empty. Type a password, or let ehwatch choose one.",
        "fr": "Le mot de passe du keystore ne peut pas être vide. Tapez un mot de passe ou laissez ehwatch en choisir un.",
        "nl": "Het wachtwoord van de keystore mag niet leeg zijn. Typ een wachtwoord of laat ehwatch er een kiezen.",
    },
    "sandbox.mail_password_missing": {
        "en": "A mailbox user was given without a password. Add --mail-password-stdin and type the password.",
        "fr": "Un utilisateur de boîte mail a été donné sans mot de passe. Ajoutez --mail-password-stdin et tapez "
              "le mot de passe.",
        "nl": "Er werd een mailboxgebruiker opgegeven zonder wachtwoord. Voeg --mail-password-stdin toe en typ het "
              "wachtwoord.",
    },
    "sandbox.port_busy": {
        "en": "The sandbox cannot listen on port {port} ({detail}). Choose another port with --port.",
        "fr": "Le bac à sable ne peut pas écouter sur le port {port} ({detail}). Choisissez un autre port avec --port.",
        "nl": "De zandbak kan niet luisteren op poort {port} ({detail}). Kies een andere poort met --port.",
    },
    "sandbox.init.done": {
        "en": "Sandbox created in {folder}.",
        "fr": "Bac à sable créé dans {folder}.",
        "nl": "Zandbak aangemaakt in {folder}.",
    },
    "sandbox.init.token": {
        "en": "Test eID (SoftHSM2 token BELPIC) for {holder}, national number {ssin}, {key_type} keys, PIN {pin}.",
        "fr": "eID de test (jeton SoftHSM2 BELPIC) pour {holder}, numéro national {ssin}, clés {key_type}, "
              "code PIN {pin}.",
        "nl": "Test-eID (SoftHSM2-token BELPIC) voor {holder}, rijksregisternummer {ssin}, {key_type}-sleutels, "
              "pincode {pin}.",
    },
    "sandbox.init.no_token": {
        "en": "SoftHSM2 is not installed: no test eID was made (install the softhsm2 package for one).",
        "fr": "SoftHSM2 n'est pas installé : aucune eID de test n'a été créée (installez le paquet softhsm2).",
        "nl": "SoftHSM2 is niet geïnstalleerd: er werd geen test-eID gemaakt (installeer het pakket softhsm2).",
    },
    "sandbox.init.next": {
        "en": "To use it, start \"ehwatch sandbox serve {folder}\", then put this in the configuration file "
              "and the environment:",
        "fr": "Pour l'utiliser, lancez « ehwatch sandbox serve {folder} », puis mettez ceci dans le fichier de "
              "configuration et l'environnement :",
        "nl": "Om ze te gebruiken, start \"ehwatch sandbox serve {folder}\" en zet dit in het configuratiebestand "
              "en de omgeving:",
    },
    "sandbox.serve.listening": {
        "en": "Sandbox listening on {url} (CertRA {certra}, EtkRA {etkra}, ETK depot {etkdepot}). Stop it with Ctrl+C.",
        "fr": "Bac à sable à l'écoute sur {url} (CertRA {certra}, EtkRA {etkra}, dépôt ETK {etkdepot}). "
              "Arrêtez-le avec Ctrl+C.",
        "nl": "Zandbak luistert op {url} (CertRA {certra}, EtkRA {etkra}, ETK-depot {etkdepot}). Stop hem met Ctrl+C.",
    },
    "sandbox.serve.cafile": {
        "en": "TLS certificate to trust (ehealth.cafile): {cafile}",
        "fr": "Certificat TLS à approuver (ehealth.cafile) : {cafile}",
        "nl": "Te vertrouwen TLS-certificaat (ehealth.cafile): {cafile}",
    },
    "sandbox.issue.done": {
        "en": "Keystore written: {path} (certificate valid until {date}).",
        "fr": "Keystore écrit : {path} (certificat valable jusqu'au {date}).",
        "nl": "Keystore geschreven: {path} (certificaat geldig tot {date}).",
    },
    "sandbox.issue.password": {
        "en": "Its password (shown only this once, write it down): {password}",
        "fr": "Son mot de passe (affiché une seule fois, notez-le) : {password}",
        "nl": "Het wachtwoord (slechts één keer getoond, schrijf het op): {password}",
    },
    "sandbox.refuse.set": {
        "en": "From now on the sandbox answers {operation} with code {code}: {message}",
        "fr": "Désormais le bac à sable répond à {operation} avec le code {code} : {message}",
        "nl": "Vanaf nu antwoordt de zandbak op {operation} met code {code}: {message}",
    },
    "sandbox.refuse.cleared": {
        "en": "The sandbox answers every request normally again.",
        "fr": "Le bac à sable répond de nouveau normalement à toutes les demandes.",
        "nl": "De zandbak antwoordt weer normaal op alle aanvragen.",
    },
    "sandbox.bad_pair": {
        "en": "'{value}' is not of the form {form}.",
        "fr": "« {value} » n'est pas de la forme {form}.",
        "nl": "'{value}' heeft niet de vorm {form}.",
    },
    # ehwatch demo
    "demo.step.prepared": {
        "en": "The sandbox, a stand-in eID and a keystore expiring in 20 days are ready.",
        "fr": "Le bac à sable, une eID de test et un keystore expirant dans 20 jours sont prêts.",
        "nl": "De zandbak, een test-eID en een keystore die over 20 dagen verloopt staan klaar.",
    },
    "demo.step.requested": {
        "en": "Renewal request signed with the eID token and sent; waiting for the sandbox to produce it…",
        "fr": "Demande de renouvellement signée avec le jeton eID et envoyée ; attente de la production…",
        "nl": "Vernieuwingsaanvraag ondertekend met het eID-token en verstuurd; wachten op de aanmaak…",
    },
    "demo.step.mail": {
        "en": "The \"produced\" mail arrived; completing…",
        "fr": "Le mail « produit » est arrivé ; finalisation…",
        "nl": "De mail \"aangemaakt\" is aangekomen; vervollediging…",
    },
    "demo.step.completed": {
        "en": "Certificate installed, ETK created and activated.",
        "fr": "Certificat installé, ETK créé et activé.",
        "nl": "Certificaat geïnstalleerd, ETK aangemaakt en geactiveerd.",
    },
    "demo.done": {
        "en": "Done in {seconds} s. New keystore: {new} (password {password}), valid until {date}. Everything is in {folder}.",
        "fr": "Terminé en {seconds} s. Nouveau keystore : {new} (mot de passe {password}), valable jusqu'au {date}. Tout se trouve dans {folder}.",
        "nl": "Klaar in {seconds} s. Nieuwe keystore: {new} (wachtwoord {password}), geldig tot {date}. Alles staat in {folder}.",
    },
    "demo.failed": {
        "en": "The demo renewal stopped in state {state}. The sandbox's folder is kept for a look.",
        "fr": "Le renouvellement de démonstration s'est arrêté à l'état {state}. Le dossier est conservé pour examen.",
        "nl": "De demovernieuwing stopte in toestand {state}. De map blijft bewaard om na te kijken.",
    },
}
