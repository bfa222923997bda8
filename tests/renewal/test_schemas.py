"""The official XSDs compile offline into one schema, and the XML parser refuses hostile input."""
from __future__ import annotations

import pytest
from lxml import etree

from ehwatch.renewal import schemas
from ehwatch.renewal.schemas import MalformedResponse, SchemaError

CERTRA = "urn:be:fgov:ehealth:certra:protocol:v2"
GET_CERTIFICATE = (f'<GetCertificateRequest xmlns="{CERTRA}" Id="_1" IssueInstant="2026-01-01T10:00:00Z">'
                   '<PublicKeyIdentifier>00112233445566778899AABBCCDDEEFF00112233</PublicKeyIdentifier>'
                   '</GetCertificateRequest>').encode()


def test_one_schema_covers_certra_etkra_and_the_etk_depot():
    compiled = schemas.schema()
    assert schemas.schema() is compiled  # built once
    schemas.validate(GET_CERTIFICATE)
    etkra = (b'<ActivateETKRequest xmlns="urn:be:fgov:ehealth:etkra:protocol:v2" Id="_2" '
             b'IssueInstant="2026-01-01T10:00:00Z"/>')
    with pytest.raises(SchemaError) as refused:  # ds:Signature is required by the EtkRA XSD
        schemas.validate(etkra)
    assert "Signature" in refused.value.params["errors"]
    depot = (b'<GetEtkRequest xmlns="urn:be:fgov:ehealth:etkdepot:1_0:protocol"><SearchCriteria><Identifier>'
             b'<Type>SSIN</Type><Value>75040404976</Value></Identifier></SearchCriteria></GetEtkRequest>')
    schemas.validate(depot)


def test_schema_errors_name_the_element_and_the_problem():
    wrong = GET_CERTIFICATE.replace(b"00112233445566778899AABBCCDDEEFF00112233", b"1234")
    with pytest.raises(SchemaError) as refused:
        schemas.validate(etree.fromstring(wrong))
    assert refused.value.params["element"] == "GetCertificateRequest"
    assert "PublicKeyIdentifier" in refused.value.params["errors"]
    assert refused.value.message("fr").startswith("ehwatch a construit un message GetCertificateRequest")
    with pytest.raises(SchemaError):
        schemas.validate(GET_CERTIFICATE.replace(b' IssueInstant="2026-01-01T10:00:00Z"', b""))


def test_schema_imports_outside_the_package_are_refused(tmp_path):
    """Compiling never reaches for the network or a foreign file, whatever a schema imports."""
    hostile = (b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
               b'<xs:import namespace="urn:x" schemaLocation="http://example.invalid/x.xsd"/></xs:schema>')
    doc = etree.fromstring(hostile, schemas._schema_parser(), base_url=(schemas.SCHEMA_DIR / "x.xsd").as_uri())
    with pytest.raises(etree.XMLSchemaParseError):
        etree.XMLSchema(doc)


@pytest.mark.parametrize("data, reason", [
    (b"", "not XML"),
    (b"<a><b></a>", "not XML"),
    (b"HTTP/1.1 200 OK\r\n\r\nhello", "not XML"),
    (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>', "document type"),
    (b'<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>', "document type"),
    (b"<a>" + b"x" * (schemas.MAX_XML_BYTES + 1) + b"</a>", "bytes"),
])
def test_parse_xml_refuses_garbage_entities_and_huge_input(data, reason):
    with pytest.raises(MalformedResponse) as refused:
        schemas.parse_xml(data)
    assert reason in refused.value.detail


def test_parse_xml_reads_a_plain_document():
    root = schemas.parse_xml(b"<?xml version='1.0'?><!-- c --><a xmlns='urn:x'><b>1</b></a>")
    assert root.tag == "{urn:x}a" and root[0].text == "1"
    # an HTML5 contract text in CDATA starts with <!DOCTYPE html>: content, not a declaration
    contract = schemas.parse_xml(b"<a><![CDATA[<!DOCTYPE html><html><p>contrat</p></html>]]></a>")
    assert contract.text.startswith("<!DOCTYPE html>")


def test_signature_position_follows_the_xsd():
    """GetActorQualities wants SSIN then ds:Signature: the signature goes after SSIN, even if appended first."""
    request = etree.fromstring(f'<GetActorQualitiesRequest xmlns="{CERTRA}" Id="_3" IssueInstant="2026-01-01T10:00:00Z">'
                               '<SSIN Type="SSIN">75040404976</SSIN></GetActorQualitiesRequest>'.encode())
    assert schemas.signature_position(request) == 1
    empty = etree.fromstring(b'<ActivateETKRequest xmlns="urn:be:fgov:ehealth:etkra:protocol:v2"/>')
    assert schemas.signature_position(empty) == 0
