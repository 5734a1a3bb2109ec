"""A SOAP 1.2 service endpoint for one operation, and what a client reads from its WSDL.

Only the standard library and defusedxml: enough to see the envelope, the body, faults and the HTTP
status a fault travels with. Real projects use a toolkit (zeep in Python, JAX-WS or Apache CXF in Java,
WCF in .NET) that generates this code from the WSDL.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # builds XML only; parsing goes through defusedxml
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree as SafeET

ENV = "http://www.w3.org/2003/05/soap-envelope"  # SOAP 1.2
SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"  # SOAP 1.1
APP = "urn:example:catalog"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP12_WSDL = "http://schemas.xmlsoap.org/wsdl/soap12/"
CONTENT_TYPE = "application/soap+xml; charset=utf-8"  # SOAP 1.1 used text/xml plus a SOAPAction header
# The fault code "env:Sender" is a qualified name, so the prefix "env" must really be bound to ENV.
ET.register_namespace("env", ENV)
ET.register_namespace("s11", SOAP11_ENV)
ET.register_namespace("cat", APP)
BOOKS = {1: ("Dune", 1965), 3: ("The Left Hand of Darkness", 1969)}


def _envelope(payload: ET.Element, header: ET.Element | None = None, namespace: str = ENV) -> bytes:
    envelope = ET.Element(f"{{{namespace}}}Envelope")
    if header is not None:
        ET.SubElement(envelope, f"{{{namespace}}}Header").append(header)
    ET.SubElement(envelope, f"{{{namespace}}}Body").append(payload)
    return ET.tostring(envelope, xml_declaration=True, encoding="utf-8")


# --8<-- [start:request]
def get_book_request(book_id: int) -> bytes:
    call = ET.Element(f"{{{APP}}}GetBook")
    ET.SubElement(call, f"{{{APP}}}id").text = str(book_id)
    return _envelope(call)


# --8<-- [end:request]


# --8<-- [start:endpoint]
FAULT_CODES = {"VersionMismatch", "MustUnderstand", "DataEncodingUnknown", "Sender", "Receiver"}  # Part 1, 5.4.6


def fault(code: str, reason: str, header: ET.Element | None = None) -> tuple[int, bytes]:
    """A SOAP 1.2 fault. The HTTP binding sends Sender faults with 400 and the other four codes with 500."""
    if code not in FAULT_CODES:
        raise ValueError(f"{code} is not a SOAP 1.2 fault code")
    element = ET.Element(f"{{{ENV}}}Fault")
    ET.SubElement(ET.SubElement(element, f"{{{ENV}}}Code"), f"{{{ENV}}}Value").text = f"env:{code}"
    text = ET.SubElement(ET.SubElement(element, f"{{{ENV}}}Reason"), f"{{{ENV}}}Text")
    text.text = reason
    text.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    return (400 if code == "Sender" else 500), _envelope(element, header)


def version_mismatch(soap11: bool) -> tuple[int, bytes]:
    """Not a SOAP 1.2 Envelope: a VersionMismatch fault with an Upgrade header naming the version we speak.
    A SOAP 1.1 sender gets it as a SOAP 1.1 message, which it can read (Part 1, 5.4.7 and appendix A)."""
    upgrade = ET.Element(f"{{{ENV}}}Upgrade")
    ET.SubElement(upgrade, f"{{{ENV}}}SupportedEnvelope", qname="env:Envelope")  # env is bound to SOAP 1.2
    if not soap11:
        return fault("VersionMismatch", "only SOAP 1.2 envelopes are accepted", upgrade)
    old = ET.Element(f"{{{SOAP11_ENV}}}Fault")
    ET.SubElement(old, "faultcode").text = "s11:VersionMismatch"
    ET.SubElement(old, "faultstring").text = "only SOAP 1.2 envelopes are accepted"
    return 500, _envelope(old, upgrade, SOAP11_ENV)


def handle(raw: bytes) -> tuple[int, bytes]:
    """The whole server: every operation is a POST of an envelope to one URL."""
    try:
        envelope = SafeET.fromstring(raw)  # refuses DTDs with entities: no XXE, no "billion laughs"
    except (ET.ParseError, ValueError) as error:  # defusedxml's errors are ValueErrors
        return fault("Sender", f"not well-formed XML: {type(error).__name__}")
    if envelope.tag != f"{{{ENV}}}Envelope":
        return version_mismatch(soap11=envelope.tag == f"{{{SOAP11_ENV}}}Envelope")
    body = envelope.find(f"{{{ENV}}}Body")
    if body is None or len(body) != 1:
        return fault("Sender", "expected a SOAP 1.2 Envelope with one Body element")
    call = body[0]
    if call.tag != f"{{{APP}}}GetBook":
        return fault("Sender", f"unknown operation {call.tag}")
    book_id = call.findtext(f"{{{APP}}}id", default="")
    if not book_id.isdigit() or int(book_id) not in BOOKS:
        return fault("Sender", f"no book with id {book_id!r}")
    title, year = BOOKS[int(book_id)]
    response = ET.Element(f"{{{APP}}}GetBookResponse")
    ET.SubElement(response, f"{{{APP}}}title").text = title
    ET.SubElement(response, f"{{{APP}}}year").text = str(year)
    return 200, _envelope(response)


# --8<-- [end:endpoint]


@dataclass(frozen=True)
class WsdlSummary:
    operations: list[str]
    soap_actions: dict[str, str]
    address: str


# --8<-- [start:wsdl_reader]
def read_wsdl(path: Path) -> WsdlSummary:
    """What a client generator extracts first: operations, their SOAP actions and the endpoint address."""
    root = SafeET.parse(path).getroot()
    operations = [op.get("name", "") for op in root.iterfind(f"{{{WSDL}}}portType/{{{WSDL}}}operation")]
    actions = {
        op.get("name", ""): op.find(f"{{{SOAP12_WSDL}}}operation").get("soapAction", "")  # type: ignore[union-attr]
        for op in root.iterfind(f"{{{WSDL}}}binding/{{{WSDL}}}operation")
    }
    address = root.find(f"{{{WSDL}}}service/{{{WSDL}}}port/{{{SOAP12_WSDL}}}address")
    return WsdlSummary(operations, actions, address.get("location", "") if address is not None else "")


# --8<-- [end:wsdl_reader]
