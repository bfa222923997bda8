"""Texts of the actions that are not a renewal's: the keystore password change."""
from ehwatch.i18n import message

MESSAGES = (
    message("password.same", "The new password is the same as the current one: nothing was changed."),
    message("password.confirm_change",
            "Change the password of {file}? The current file is kept as a backup beside it; remember to give the "
            "new password to your medical software."),
    message("password.backup_failed", "The backup copy {file} does not match the keystore: nothing was changed."),
    message("password.changed",
            "Done: {file} now opens with the new password (kept in the keyring). The original file is kept as "
            "{backup}. Give the new password to your medical software."),
    # ---- issue 12: a new certificate, revocation, what eHealth knows
    message("cli.request.no_such_folder",
            "The folder {folder} does not exist: create it, or choose another with --folder."),
    message("cli.choose.number", "Number (1-{count}):"),
    message("revoke.bad_reason", "\"{reason}\" is not a revocation reason eHealth knows: {reasons}."),
    message("revoke.reason.keyCompromise", "the key or the password may be known to someone else"),
    message("revoke.reason.affiliationChanged", "the holder's details or organisation changed"),
    message("revoke.reason.superseded", "replaced by a newer certificate"),
    message("revoke.reason.cessationOfOperation", "the practice or organisation stops"),
    message("revoke.confirm",
            "REVOKE the eHealth certificate of {holder} ({identifier}, file {file})? Reason: {reason}. This is "
            "final: every program using this certificate (medical software, eHealthBox, MyCareNet…) stops working "
            "with it at once, its ETK is revoked too (encrypted messages can no longer be sent to it), and it can "
            "never be renewed — only a new certificate can be requested."),
    message("revoke.pending", "{file} holds a request, not a certificate yet: there is nothing to revoke."),
    message("revoke.already",
            "eHealth says the certificate of {file} is already revoked; ehwatch now shows it as revoked."),
    message("revoke.not_revocable",
            "eHealth does not allow revoking the certificate of {file} (its status there: {status})."),
    message("revoke.unknown_outcome",
            "eHealth could not be reached after the revocation was signed: it may or may not be revoked. Run the "
            "same command again: ehwatch first asks eHealth whether it already is."),
    message("revoke.done",
            "Revoked: eHealth confirms that the certificate of {file} is revoked (ETK: {etk}). The file is kept as "
            "it was; ehwatch status shows it as revoked."),
    message("revoke.done_unchecked",
            "Revoked: eHealth accepted the revocation of {file} (its status could not be read back yet). ehwatch "
            "status shows it as revoked."),
    message("certificates.none", "eHealth knows no certificate for this eID holder or the organisations they manage."),
    message("certificates.line", "{name}: {status}, until {until} (ETK {etk})"),
    message("certificates.here", "on this computer: {file}"),
    message("certificates.missing",
            "valid at eHealth, not on this computer: look on the other computer, or revoke it (ehwatch revoke) if "
            "it is lost."),
    message("certificates.requested_elsewhere",
            "requested, and its keystore is not on this computer: it is completed on the computer that asked."),
    message("certificates.gone", "no longer usable; nothing to do."),
    message("certificates.status.IN_PROGRESS", "requested"),
    message("certificates.status.VALID_ACTIVE", "valid"),
    message("certificates.status.REFUSED", "refused"),
    message("certificates.status.REVOKED", "revoked"),
    message("certificates.status.EXPIRED", "expired"),
    message("cli.request.review_title",
            "You are about to sign, with your eID, the request for a new certificate for {cn}:"),
    message("cli.request.review_files", "The new keystore will be {new} (no existing keystore is changed)."),
    message("revoke.choose_reason", "Why revoke the eHealth certificate of {holder}? (Revocation is final.)"),
    message("request.handover",
            "The new eHealth certificate of {holder} is ready, valid until {date}, and its encryption key (ETK) is "
            "active. In your medical software, now use this keystore:\n{path}\nwith the password you chose."),
)
