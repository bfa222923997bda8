"""Texts of ``ehwatch sandbox`` (the local stand-in for the eHealth platform)."""
from ehwatch.i18n import message

MESSAGES = (
    message("sandbox.not_initialised",
            "The folder {folder} is not a sandbox yet. Run \"ehwatch sandbox init {folder}\" first."),
    message("sandbox.already_initialised",
            "The folder {folder} already holds a sandbox; nothing was changed. Use another folder for a new one."),
    message("sandbox.bad_environment", "Unknown environment {environment}: use acceptance or production."),
    message("sandbox.password_empty",
            "The keystore password cannot be empty. Type a password, or let ehwatch choose one."),
    message("sandbox.mail_password_missing",
            "A mailbox user was given without a password. Add --mail-password-stdin and type the password."),
    message("sandbox.port_busy",
            "The sandbox cannot listen on port {port} ({detail}). Choose another port with --port."),
    message("sandbox.init.done", "Sandbox created in {folder}."),
    message("sandbox.init.token",
            "Test eID (SoftHSM2 token BELPIC) for {holder}, national number {ssin}, {key_type} keys, PIN {pin}."),
    message("sandbox.init.no_token",
            "SoftHSM2 is not installed: no test eID was made (install the softhsm2 package for one)."),
    message("sandbox.init.next",
            "To use it, start \"ehwatch sandbox serve {folder}\", then put this in the configuration file and the "
            "environment:"),
    message("sandbox.serve.listening",
            "Sandbox listening on {url} (CertRA {certra}, EtkRA {etkra}, ETK depot {etkdepot}). Stop it with "
            "Ctrl+C."),
    message("sandbox.serve.cafile", "TLS certificate to trust (ehealth.cafile): {cafile}"),
    message("sandbox.issue.done", "Keystore written: {path} (certificate valid until {date})."),
    message("sandbox.issue.password", "Its password (shown only this once, write it down): {password}"),
    message("sandbox.refuse.set", "From now on the sandbox answers {operation} with code {code}: {message}"),
    message("sandbox.refuse.cleared", "The sandbox answers every request normally again."),
    message("sandbox.bad_pair", "'{value}' is not of the form {form}."),
    # ehwatch demo
    message("demo.step.prepared", "The sandbox, a stand-in eID and a keystore expiring in 20 days are ready."),
    message("demo.step.requested",
            "Renewal request signed with the eID token and sent; waiting for the sandbox to produce it…"),
    message("demo.step.mail", "The \"produced\" mail arrived; completing…"),
    message("demo.step.completed", "Certificate installed, ETK created and activated."),
    message("demo.done",
            "Done in {seconds} s. New keystore: {new} (password {password}), valid until {date}. Everything is in "
            "{folder}."),
    message("demo.failed", "The demo renewal stopped in state {state}. The sandbox's folder is kept for a look."),
)
