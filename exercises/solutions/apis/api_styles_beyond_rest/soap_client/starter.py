"""A reference solution: defusedxml refuses entity declarations before anything is read, a Fault in the Body becomes
SoapFault with the local name of its code, and only a real GetBookResponse is read as a book."""

from __future__ import annotations

from defusedxml import ElementTree as SafeET

ENV = "http://www.w3.org/2003/05/soap-envelope"
APP = "urn:example:catalog"


class SoapFault(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


def parse_get_book_response(raw: bytes) -> tuple[str, int]:
    # Raises defusedxml's EntitiesForbidden (a ValueError) for a DTD that declares entities: never expand them.
    envelope = SafeET.fromstring(raw)
    body = envelope.find(f"{{{ENV}}}Body")
    if envelope.tag != f"{{{ENV}}}Envelope" or body is None:
        raise ValueError("not a SOAP 1.2 envelope")
    fault = body.find(f"{{{ENV}}}Fault")
    if fault is not None:
        # The code is a QName such as env:Sender; the prefix is whatever the service chose, so keep the local name.
        code = (fault.findtext(f"{{{ENV}}}Code/{{{ENV}}}Value") or "").rpartition(":")[2]
        raise SoapFault(code, fault.findtext(f"{{{ENV}}}Reason/{{{ENV}}}Text") or "")
    response = body.find(f"{{{APP}}}GetBookResponse")
    if response is None:
        raise ValueError("the body holds neither a fault nor a GetBookResponse")
    return response.findtext(f"{{{APP}}}title", ""), int(response.findtext(f"{{{APP}}}year", ""))
