"""The official eHealth XSDs, compiled once, offline, and a hardened XML parser.

One ``XMLSchema`` covers CertRA v2, EtkRA v2 and the ETK depot v1 (with the eHealth commons and
XML-DSig schemas they import): every request is checked against it before it leaves the computer,
and the sandbox checks what it receives with the same object. The XSDs are package data
(``schemas/``) and are never edited: if a request does not validate, the request is wrong.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse
from urllib.request import url2pathname

from lxml import etree

from ehwatch.errors import EhwatchError

if TYPE_CHECKING:
    from lxml.etree._docloader import _InputDocument

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
XSD = "http://www.w3.org/2001/XMLSchema"
DS = "http://www.w3.org/2000/09/xmldsig#"

# The protocol schemas; each imports its commons, core and xmldsig schemas by relative path.
PROTOCOL_SCHEMAS = {
    "urn:be:fgov:ehealth:certra:protocol:v2": "ehealth-etee/XSD/ehealth-certra-schema-protocol-2_0.xsd",
    "urn:be:fgov:ehealth:etkra:protocol:v2": "ehealth-etee/XSD/ehealth-etkra-schema-protocol-2_0.xsd",
    "urn:be:fgov:ehealth:etkdepot:1_0:protocol": "ehealth-etee/XSD/ehealth-etkdepot-schema-protocol-1_0.xsd",
}
MAX_XML_BYTES = 5_000_000   # a CertRA answer is a few kB; a contract with its HTML text stays well below this
MAX_REPORTED_ERRORS = 3


class SchemaError(EhwatchError):
    """A message that does not follow the official schema (refused before sending, or received)."""

    def __init__(self, element: str, errors: list[str]):
        super().__init__("ehealth.schema_invalid", element=element, errors="; ".join(errors))
        self.errors = errors


class MalformedResponse(EhwatchError):
    """The other side answered something that is not the expected XML."""

    def __init__(self, detail: str):
        super().__init__("ehealth.malformed_response", detail=detail)
        self.detail = detail


class _NoNetworkResolver(etree.Resolver):
    """Refuses every URL outside the schema folder: compiling must never touch the network."""

    def resolve(self, url: str | None, public_id: str | None, context: object) -> _InputDocument:
        if url is None:    # nothing to find: refused like any URL outside the folder
            raise etree.XMLSchemaParseError("schema import without a location refused")
        path = Path(url2pathname(urlparse(url).path)) if url.startswith("file:") else Path(url)
        try:
            path.resolve().relative_to(SCHEMA_DIR)
        except (ValueError, OSError):
            raise etree.XMLSchemaParseError(f"schema import outside the package refused: {url}") from None
        return self.resolve_filename(str(path), context)


_lock = threading.Lock()
_schema: etree.XMLSchema | None = None
_documents: dict[str, etree._ElementTree] = {}


def _schema_parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_NoNetworkResolver())
    return parser


def _load() -> etree.XMLSchema:
    """Builds a small driver schema importing the three protocol schemas, then compiles it."""
    global _schema
    with _lock:
        if _schema is None:
            imports = "".join(f'<xs:import namespace="{namespace}" schemaLocation="{relative}"/>'
                              for namespace, relative in PROTOCOL_SCHEMAS.items())
            driver = f'<xs:schema xmlns:xs="{XSD}">{imports}</xs:schema>'.encode()
            # Its base URL inside the folder makes the relative imports resolve to the package data.
            driver_doc = etree.fromstring(driver, _schema_parser(), base_url=(SCHEMA_DIR / "driver.xsd").as_uri())
            _schema = etree.XMLSchema(driver_doc)
            for namespace, relative in PROTOCOL_SCHEMAS.items():
                _documents[namespace] = etree.parse(str(SCHEMA_DIR / relative), _schema_parser())
        return _schema


def schema() -> etree.XMLSchema:
    """The compiled schema (built on first use, then shared; lxml schemas are thread-safe to read)."""
    return _load()


def validate(element_or_bytes: etree._Element | bytes | bytearray) -> None:
    """Raises ``SchemaError`` naming the first errors when the message does not follow the XSDs."""
    element = parse_xml(element_or_bytes) if isinstance(element_or_bytes, (bytes, bytearray)) \
        else element_or_bytes
    compiled = schema()
    # Validate the element as a document of its own: a request is checked before it is wrapped.
    document = etree.fromstring(etree.tostring(element), _hardened_parser())
    with _lock:  # the error log belongs to the schema object; keep one validation at a time
        valid = compiled.validate(document)
        errors = [f"line {e.line}: {e.message}" for e in list(compiled.error_log)[:MAX_REPORTED_ERRORS]]
    if not valid:
        raise SchemaError(etree.QName(element).localname, errors or ["unknown validation error"])


def _hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse_xml(data: bytes | bytearray) -> etree._Element:
    """Parses bytes from the network: no DTD, no entity, no network access, bounded size.

    Raises ``MalformedResponse`` for anything that is not one well-formed XML document.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise MalformedResponse("not bytes")
    if len(data) > MAX_XML_BYTES:
        raise MalformedResponse(f"{len(data)} bytes, more than the {MAX_XML_BYTES} accepted")
    try:
        root = etree.fromstring(bytes(data), _hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(f"not XML ({exc.msg})") from None
    if root is None:
        raise MalformedResponse("empty document")
    # Entities are never expanded (resolve_entities=False); a DOCTYPE has no business in SOAP at all.
    # (An HTML "<!DOCTYPE html>" inside a CDATA contract text is content, not a declaration.)
    if root.getroottree().docinfo.doctype:
        raise MalformedResponse("a document type declaration is not accepted")
    return root


def signature_position(element: etree._Element) -> int:
    """Index among ``element``'s children where its ``ds:Signature`` belongs, read from the XSD.

    The request types put the signature after some elements of their sequence; this finds the
    children the schema places *after* ``ds:Signature`` and inserts before the first of them.
    """
    schema()
    qname = etree.QName(element)
    document = _documents.get(qname.namespace) if qname.namespace else None
    if document is None:
        return len(element)
    xs = {"xs": XSD}
    declared = document.getroot().find(f"xs:element[@name='{qname.localname}']", xs)
    if declared is None:
        return len(element)
    type_name = (declared.get("type") or "").split(":")[-1]
    complex_type = document.getroot().find(f"xs:complexType[@name='{type_name}']", xs) \
        if type_name else declared.find("xs:complexType", xs)
    if complex_type is None:
        return len(element)
    sequence = [item for item in complex_type.iter(f"{{{XSD}}}element")]
    names = [(item.get("ref") or item.get("name") or "").split(":")[-1] for item in sequence]
    if "Signature" not in names:
        return len(element)
    after = set(names[names.index("Signature") + 1:])
    for index, child in enumerate(element):
        if isinstance(child.tag, str) and etree.QName(child).localname in after:
            return index
    return len(element)
