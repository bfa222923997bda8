"""Texts of the renewal package: the eID (``eid.*``), the key material (``keys.*``) and the eHealth client."""
from ehwatch.i18n import message, plural

MESSAGES = (
    # --- the eID over PKCS#11 ---
    message("eid.middleware_missing",
            "The Belgian eID software (middleware) was not found at {module}. Install it from eid.belgium.be (or "
            "set [eid] pkcs11_module in the configuration), then try again. Nothing was sent."),
    message("eid.middleware_not_found",
            "The Belgian eID software (middleware) is not installed on this computer. Install it from "
            "eid.belgium.be (or set [eid] pkcs11_module in the configuration), then try again. Nothing was sent."),
    message("eid.middleware_broken",
            "The eID software at {module} could not be started ({detail}). Reinstall the Belgian eID middleware "
            "from eid.belgium.be, then try again. Nothing was sent."),
    message("eid.no_reader", "No card reader was found. Connect your eID card reader, then try again."),
    message("eid.no_card", "No Belgian eID card was found in the reader. Insert your eID card, then try again."),
    message("eid.card_removed",
            "The eID card was removed or stopped answering during the operation. Nothing was sent. Put the card "
            "back in the reader and start again."),
    message("eid.pin_incorrect",
            "Your eID PIN was wrong. Nothing was sent. Check your PIN carefully before trying again: the card "
            "blocks after 3 wrong tries."),
    plural("eid.pin_incorrect_tries",
           "Your eID PIN was wrong. {tries} try left before the card blocks. Nothing was sent.",
           "Your eID PIN was wrong. {tries} tries left before the card blocks. Nothing was sent."),
    message("eid.pin_incorrect_last",
            "Your eID PIN was wrong. Only 1 try is left: one more mistake blocks the card. Nothing was sent. If "
            "you are not sure of your PIN, do not try again and ask your municipality."),
    message("eid.pin_locked",
            "Your eID card is blocked after too many wrong PINs. Unblock it at your municipality with your PUK "
            "code. Nothing was sent."),
    message("eid.pin_cancelled", "The PIN entry was cancelled. Nothing was sent."),
    message("eid.key_missing",
            "The eID card has no usable {label} key. Check that it is a valid Belgian eID card (not expired, "
            "certificates activated); your municipality can help. Nothing was sent."),
    message("eid.failed",
            "The eID card reported an error ({code}). Nothing was sent. Take the card out, put it back and try "
            "again; if it persists, restart the computer."),
    message("eid.token_exists",
            "A test eID token already exists in {folder}. Use another folder or delete that one first."),
    message("eid.softhsm_missing",
            "SoftHSM2, which plays the eID card in the sandbox, is not installed. Install the softhsm2 package, "
            "then try again."),
    message("eid.token_failed", "The test eID token could not be created in {folder} ({detail})."),
    message("eid.info.module", "Middleware"),
    message("eid.info.reader", "Reader"),
    message("eid.info.card", "Card"),
    message("eid.info.holder", "Holder"),
    message("eid.info.ssin", "National number"),
    message("eid.info.keys", "Keys"),
    message("eid.info.unknown", "(unknown)"),
    # --- the key material of a renewal ---
    message("keys.challenge_invalid",
            "eHealth's encryption-key challenge could not be decrypted with the new encryption key. Nothing was "
            "registered; start the encryption-key registration again."),
    message("keys.csr_subject_mismatch",
            "The certificate request does not name the certificate eHealth offered to make ({dn}; the request "
            "names {csr}). Nothing was signed or sent. This is a fault in ehwatch: please report it."),
    message("keys.csr_key_refused",
            "The new key is not one eHealth certifies ({detail}; RSA of at least 2048 bits is required). Nothing "
            "was signed or sent."),
    # --- the eHealth services (messages, signatures, transport) ---
    message("ehealth.schema_invalid",
            "ehwatch built a {element} message that does not follow eHealth's official format ({errors}). Nothing "
            "was sent. This is a fault in ehwatch: please report it with the log file."),
    message("ehealth.malformed_response",
            "eHealth's answer could not be understood ({detail}). Nothing was changed on this computer; ehwatch "
            "will ask again later. If this keeps happening, the service may be in maintenance."),
    message("ehealth.signature_invalid", "The electronic signature of the message is not valid ({reason})."),
    message("ehealth.unreachable",
            "The eHealth service at {host} cannot be reached ({detail}). Check the internet connection; ehwatch "
            "will try again later. Nothing was lost."),
    message("ehealth.timeout",
            "The eHealth service at {host} did not answer in time ({detail}). It may be busy; ehwatch will try "
            "again later. Nothing was lost."),
    message("ehealth.service_error",
            "eHealth refused the {operation} request (code {code}): {detail}. Check the details above; if you do "
            "not understand them, call the eHealth contact centre (02 788 51 55) with this code."),
    message("ehealth.not_yet_delivered",
            "eHealth has not produced the new certificate yet. This is normal: it can take up to 10 days. ehwatch "
            "checks again regularly and will tell you when it is ready."),
    message("ehealth.insecure_url",
            "The eHealth address {url} is not secure (it must start with https://). Correct it in the [ehealth] "
            "section of the configuration. Nothing was sent."),
    message("ehealth.cafile_unusable",
            "The CA file {file} set in the [ehealth] section of the configuration cannot be read as PEM "
            "certificates. Correct the path (or empty it to trust the system's certificates). Nothing was sent."),
    message("ehealth.unknown_environment",
            "ehwatch does not know the eHealth environment \"{environment}\". Use production or acceptance, or "
            "give the three service addresses in the [ehealth] section of the configuration."),
    # ---- a new certificate (issue 12: RenewalStart.request_new)
    message("request.confirm_start",
            "Request a new eHealth certificate for {holder}? You will need the eID and its PIN; the new keystore "
            "will be written in {folder}."),
    message("request.confirm_start_choose",
            "Request a new eHealth certificate? You will then choose for whom: yourself or an organisation you "
            "manage. You will need your eID and its PIN; the new keystore will be written in {folder}."),
    message("request.choose_whom", "For whom is the new certificate? (eHealth says which organisations you manage.)"),
    message("request.choice.myself", "Myself: {name} (SSIN {ssin})"),
    message("request.choice.organisation", "{name} ({identifier})"),
    message("request.no_quality",
            "eHealth knows no quality allowing you to hold a certificate, for yourself or for an organisation. Ask "
            "eHealth's contact centre (02 788 51 55) or your organisation's access manager."),
    message("request.no_ssin", "The eID in the reader carries no national number: eHealth cannot tell who is asking."),
    message("request.bad_organisation",
            "\"{value}\" is not an organisation identifier: write TYPE=number, e.g. CBE=0123456789."),
    message("request.application_for_person",
            "An application id is only for an organisation's certificate: give --organisation too."),
    message("request.application_id_taken",
            "A valid certificate of {identifier} already uses the application id {application}: choose another "
            "one, or renew that certificate."),
    message("request.application_ids_in_use",
            "Application ids already used by {identifier}'s certificates: {ids}. A new certificate with one of "
            "them is refused (use --application-id with a new one)."),
    message("request.manual_validation",
            "eHealth does not validate this request for {identifier} automatically: its support team checks by "
            "hand that you may manage this organisation, which takes longer (days). Nothing to do now; answer "
            "eHealth's e-mail if it asks for a document. ehwatch completes the request when the certificate is "
            "produced."),
    message("request.asking_qualities",
            "First, eHealth is asked which organisations you manage: your eID PIN signs that question (with the "
            "authentication key); the request itself is signed later."),
)
