"""Exercise: the SOAP client that read faults as books and let the partner's XML expand.

Symptom: the catalog integration calls a partner's SOAP 1.2 service. When a book does not exist the logs show a
`TypeError` from deep inside the client instead of the partner's reason; retries hammer the partner for faults that
say the request itself is wrong; and a security review found that the client expands entities declared in the
response's DTD, so whoever controls the response (or sits in the middle) controls what the client reads.

Diagnose it with the check (`make exercise ID=apis/api_styles_beyond_rest/soap_client`). Parse responses with a
hardened parser that refuses DTD entities, read a fault's Code and Reason, and raise `SoapFault` for it, so the
caller can tell a request to fix (Sender) from one worth retrying later (Receiver).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

ENV = "http://www.w3.org/2003/05/soap-envelope"
APP = "urn:example:catalog"


class SoapFault(Exception):
    """A fault returned by the service: `code` is the local name of the fault code (Sender, Receiver, ...)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


def parse_get_book_response(raw: bytes) -> tuple[str, int]:
    """(title, year) from a GetBookResponse envelope."""
    envelope = ET.fromstring(raw)  # noqa: S314 (the partner is trusted, or so the team thought)
    response = envelope.find(f"{{{ENV}}}Body/{{{APP}}}GetBookResponse")
    title = response.findtext(f"{{{APP}}}title")  # type: ignore[union-attr]
    year = response.findtext(f"{{{APP}}}year")  # type: ignore[union-attr]
    return str(title), int(year)  # type: ignore[arg-type]
