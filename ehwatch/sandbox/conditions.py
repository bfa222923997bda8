"""The general conditions the sandbox's GenerateContract hands out, in the four languages a
contract may carry (French, Dutch, German, English), as HTML like the platform's.

They read like the real text's structure (purpose, the holder's obligations, the private key, the
e-mail address, revocation, personal data, signature), but they are the sandbox's own words: the
platform's exact wording is not public. ``{dn}``, ``{signer}`` and ``{identifier}`` are filled in.
"""
from __future__ import annotations

import html

CONDITIONS = {
    "fr": """<html><head><meta charset="utf-8"><title>Conditions générales</title></head><body>
<h1>Conditions générales d'utilisation des certificats eHealth</h1>
<p><em>Environnement de test local (bac à sable ehwatch) — ce texte n'engage personne.</em></p>
<h2>1. Objet</h2>
<p>Le présent contrat règle la délivrance et l'utilisation du certificat d'authentification eHealth
<strong>{dn}</strong>, demandé par {signer} pour {identifier}.</p>
<h2>2. Obligations du titulaire</h2>
<p>Le titulaire garde la clé privée et le mot de passe du keystore sous son contrôle exclusif. Il
n'utilise le certificat que pour les services de la plate-forme eHealth et pour les finalités
autorisées. Il informe sans délai la plate-forme de toute perte, de tout vol ou de tout soupçon
d'utilisation abusive.</p>
<h2>3. Données de contact</h2>
<p>Les messages relatifs au certificat sont envoyés à l'adresse e-mail privée communiquée dans la
demande. Le titulaire la tient à jour.</p>
<h2>4. Révocation</h2>
<p>La plate-forme peut révoquer le certificat en cas de non-respect des présentes conditions, de
compromission de la clé ou à la demande du titulaire. Un certificat renouvelé remplace le précédent.</p>
<h2>5. Données à caractère personnel</h2>
<p>Les données de la demande sont traitées pour la gestion du certificat, conformément au RGPD.</p>
<h2>6. Signature</h2>
<p>En signant ce contrat avec sa carte d'identité électronique, le signataire déclare avoir lu et
accepté les présentes conditions.</p>
</body></html>""",
    "nl": """<html><head><meta charset="utf-8"><title>Algemene voorwaarden</title></head><body>
<h1>Algemene gebruiksvoorwaarden van de eHealth-certificaten</h1>
<p><em>Lokale testomgeving (ehwatch-zandbak) — deze tekst verbindt niemand.</em></p>
<h2>1. Voorwerp</h2>
<p>Dit contract regelt de uitreiking en het gebruik van het eHealth-authenticatiecertificaat
<strong>{dn}</strong>, aangevraagd door {signer} voor {identifier}.</p>
<h2>2. Verplichtingen van de houder</h2>
<p>De houder houdt de private sleutel en het wachtwoord van de keystore onder zijn uitsluitende
controle. Hij gebruikt het certificaat enkel voor de diensten van het eHealth-platform en voor de
toegestane doeleinden. Hij meldt elk verlies, elke diefstal of elk vermoeden van misbruik
onmiddellijk aan het platform.</p>
<h2>3. Contactgegevens</h2>
<p>Berichten over het certificaat worden verstuurd naar het private e-mailadres uit de aanvraag. De
houder houdt het up-to-date.</p>
<h2>4. Intrekking</h2>
<p>Het platform kan het certificaat intrekken bij niet-naleving van deze voorwaarden, bij
compromittering van de sleutel of op vraag van de houder. Een vernieuwd certificaat vervangt het
vorige.</p>
<h2>5. Persoonsgegevens</h2>
<p>De gegevens van de aanvraag worden verwerkt voor het beheer van het certificaat, overeenkomstig
de AVG.</p>
<h2>6. Ondertekening</h2>
<p>Door dit contract met zijn elektronische identiteitskaart te ondertekenen, verklaart de
ondertekenaar deze voorwaarden gelezen en aanvaard te hebben.</p>
</body></html>""",
    "de": """<html><head><meta charset="utf-8"><title>Allgemeine Bedingungen</title></head><body>
<h1>Allgemeine Nutzungsbedingungen der eHealth-Zertifikate</h1>
<p><em>Lokale Testumgebung (ehwatch-Sandbox) — dieser Text verpflichtet niemanden.</em></p>
<h2>1. Gegenstand</h2>
<p>Dieser Vertrag regelt die Ausstellung und Nutzung des eHealth-Authentifizierungszertifikats
<strong>{dn}</strong>, beantragt von {signer} für {identifier}.</p>
<h2>2. Pflichten des Inhabers</h2>
<p>Der Inhaber behält den privaten Schlüssel und das Passwort des Keystores unter seiner
ausschließlichen Kontrolle und meldet jeden Verlust oder Missbrauchsverdacht unverzüglich.</p>
<h2>3. Widerruf</h2>
<p>Die Plattform kann das Zertifikat bei Verstoß gegen diese Bedingungen widerrufen. Ein erneuertes
Zertifikat ersetzt das vorherige.</p>
<h2>4. Unterschrift</h2>
<p>Mit seiner Unterschrift mit dem elektronischen Personalausweis erklärt der Unterzeichner, diese
Bedingungen gelesen und angenommen zu haben.</p>
</body></html>""",
    "en": """<html><head><meta charset="utf-8"><title>General conditions</title></head><body>
<h1>General conditions of use of eHealth certificates</h1>
<p><em>Local test environment (ehwatch sandbox) — this text binds no one.</em></p>
<h2>1. Purpose</h2>
<p>This contract governs the issuance and use of the eHealth authentication certificate
<strong>{dn}</strong>, requested by {signer} for {identifier}.</p>
<h2>2. Obligations of the holder</h2>
<p>The holder keeps the private key and the keystore password under their sole control, uses the
certificate only for the eHealth platform's services, and reports any loss, theft or suspected
misuse to the platform without delay.</p>
<h2>3. Revocation</h2>
<p>The platform may revoke the certificate when these conditions are not met. A renewed certificate
replaces the previous one.</p>
<h2>4. Signature</h2>
<p>By signing this contract with their electronic identity card, the signer declares having read and
accepted these conditions.</p>
</body></html>""",
}


def conditions(dn: str, signer: str, identifier: str, languages=("fr", "nl", "de", "en")) -> dict[str, str]:
    """language → the filled-in HTML, in the order given."""
    values = {"dn": html.escape(dn), "signer": html.escape(signer), "identifier": html.escape(identifier)}
    return {lang: CONDITIONS[lang].format(**values) for lang in languages}


# The revocation contract (the Certificate Manager shows it before the eID signs a revocation): the
# sandbox's own words, in the languages the schema says eHealth sends (French and Dutch), plus English.
REVOCATION = {
    "fr": """<html><head><meta charset="utf-8"><title>Révocation</title></head><body>
<h1>Révocation d'un certificat eHealth</h1>
<p><em>Environnement de test local (bac à sable ehwatch) — ce texte n'engage personne.</em></p>
<p>{signer} demande la révocation du certificat d'authentification eHealth <strong>{dn}</strong> et de
son ETK (raison : {reason}). La révocation est définitive : les logiciels qui utilisent ce certificat
ne pourront plus accéder aux services eHealth et les messages chiffrés pour cet ETK ne pourront plus
être envoyés.</p>
</body></html>""",
    "nl": """<html><head><meta charset="utf-8"><title>Intrekking</title></head><body>
<h1>Intrekking van een eHealth-certificaat</h1>
<p><em>Lokale testomgeving (ehwatch-sandbox) — deze tekst verbindt niemand.</em></p>
<p>{signer} vraagt de intrekking van het eHealth-authenticatiecertificaat <strong>{dn}</strong> en van
zijn ETK (reden: {reason}). De intrekking is definitief: software die dit certificaat gebruikt, heeft
geen toegang meer tot de eHealth-diensten en voor deze ETK versleutelde berichten kunnen niet meer
verzonden worden.</p>
</body></html>""",
    "en": """<html><head><meta charset="utf-8"><title>Revocation</title></head><body>
<h1>Revocation of an eHealth certificate</h1>
<p><em>Local test environment (ehwatch sandbox) — this text binds no one.</em></p>
<p>{signer} asks for the revocation of the eHealth authentication certificate <strong>{dn}</strong>
and of its ETK (reason: {reason}). Revocation is final: software using this certificate can no longer
reach eHealth's services, and messages encrypted for this ETK can no longer be sent.</p>
</body></html>""",
}


def revocation_conditions(dn: str, signer: str, reason: str) -> dict[str, str]:
    values = {"dn": html.escape(dn), "signer": html.escape(signer), "reason": html.escape(reason)}
    return {lang: text.format(**values) for lang, text in REVOCATION.items()}
