"""Texts of the mailbox watcher and of ``ehwatch mail``."""
from ehwatch.i18n import message

MESSAGES = (
    message("mail.unreadable",
            "The mail file {file} cannot be read ({detail}). Check the name and that you may open it, then try "
            "again."),
    message("mail.not_configured",
            "No mailbox is set up. Add the [mail] section (host, username) to the configuration file (see: ehwatch "
            "config path), then run: ehwatch mail login"),
    message("mail.no_username",
            "The mailbox on {host} has no user name. Set username in the [mail] section of the configuration file."),
    message("mail.cafile_unreadable",
            "The certificate file {file} given as cafile for the mail server cannot be used ({detail}). Check the "
            "path in the [mail] section."),
    message("mail.plaintext_refused",
            "ehwatch will not send your mailbox password to {host} over an unencrypted connection. Set security to "
            "\"ssl\" or \"starttls\" in the [mail] section (ask your mail provider which one), or, only on a "
            "trusted local network, set allow_plaintext = true."),
    message("mail.starttls_unavailable",
            "The mail server {host} does not offer encryption (STARTTLS) on this port, so ehwatch did not send "
            "your password. Try security = \"ssl\" with port 993 in the [mail] section."),
    message("mail.tls_untrusted",
            "The mail server {host} presented a certificate this computer does not trust ({detail}). If it is your "
            "own server, put its certificate in a file and set cafile in the [mail] section; otherwise check the "
            "server name."),
    message("mail.tls_failed",
            "The encrypted connection to the mail server {host} failed ({detail}). Check the port and security "
            "settings in the [mail] section."),
    message("mail.unknown_host",
            "The mail server {host} cannot be found. Check the server name in the [mail] section and your internet "
            "connection."),
    message("mail.timeout",
            "The mail server {host} (port {port}) did not answer in time. ehwatch will try again later; check your "
            "internet connection."),
    message("mail.connect_failed",
            "ehwatch cannot reach the mail server {host} on port {port} ({detail}). It will try again later; check "
            "the port and your internet connection."),
    message("mail.connection_lost",
            "The connection to the mail server {host} was lost ({detail}). ehwatch reconnects by itself."),
    message("mail.server_unavailable",
            "The mail server {host} is temporarily unavailable. ehwatch will try again later."),
    message("mail.auth_failed",
            "The mail server {host} refused the login of {user}. ehwatch stopped watching the mailbox so as not to "
            "lock your account. Run \"ehwatch mail login\" to enter the right password."),
    message("mail.no_secret",
            "No password is stored for the mailbox {user} on {host}. Run \"ehwatch mail login\" once."),
    message("mail.no_token_command",
            "The mailbox uses OAuth2 (auth = \"xoauth2\") but no token command is known. Run \"ehwatch mail login "
            "--oauth2-command '<command>'\" or set oauth2_token_command in the [mail] section."),
    message("mail.token_command_failed",
            "The command that provides the OAuth2 token for the mailbox failed ({detail}). Run it yourself to see "
            "why (often the sign-in must be renewed), then run \"ehwatch mail login\" again."),
    message("mail.folder_missing",
            "The mail folder \"{folder}\" listed in the [mail] section does not exist on the server; it is "
            "skipped. Check its exact name."),
    message("mail.login.prompt", "Password of the mailbox {user} on {host}:"),
    message("mail.login.empty", "No password was given; nothing was stored."),
    message("mail.login.oauth2_needs_config",
            "To use an OAuth2 token command, first set auth = \"xoauth2\" in the [mail] section of the "
            "configuration file."),
    message("mail.login.saved",
            "The mailbox {user} on {host} answered; the login is stored in the keyring. ehwatch will now watch it "
            "for eHealth mails."),
    message("mail.login.tested",
            "The mailbox {user} on {host} answered with the token from the configured command. ehwatch will now "
            "watch it for eHealth mails."),
    message("mail.check.folders", "Folders checked: {folders}"),
    message("mail.check.event", "New eHealth mail in {folder}:"),
    message("mail.check.suspicious",
            "Suspicious mail ignored in {folder}: it claims to be about an eHealth certificate but comes from "
            "{sender} (\"{subject}\"). Do not open its links."),
    message("mail.check.nothing", "No new eHealth mail."),
    message("mail.kind.produced", "certificate produced"),
    message("mail.kind.received", "request received"),
    message("mail.kind.other", "not an eHealth certificate notice"),
    message("mail.field.kind", "Kind: {value}"),
    message("mail.field.environment", "Environment: {value}"),
    message("mail.field.request_number", "Request number: {value}"),
    message("mail.field.common_name", "Certificate (Common Name): {value}"),
    message("mail.field.available_from", "Completion possible from: {value}"),
    message("mail.field.sender", "Sender: {value} (genuine eHealth address: {trusted}; DKIM: {dkim})"),
    message("mail.field.subject", "Subject: {value}"),
    message("mail.field.yes", "yes"),
    message("mail.field.no", "no"),
)
