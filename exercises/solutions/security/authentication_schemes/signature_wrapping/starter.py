"""A reference solution: read the identity from the element the signature covers, and nothing else.

Three rules close the wrapping attack in this model: the signed element must be an Assertion, it must be the
only Assertion in the document, and the NameID is read from inside it. Parsing refuses DTDs, so entity tricks
cannot change what the verifier and the reader see.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as safe_fromstring

IDP_KEY = b"idp-signing-key-shared-in-metadata"  # stands in for the IdP's certificate


class SamlRejected(Exception):
    pass


def digest_of(element: ET.Element) -> str:
    alone = copy.deepcopy(element)
    alone.tail = None
    canonical = ET.canonicalize(ET.tostring(alone, encoding="unicode"))
    return hmac.new(IDP_KEY, canonical.encode(), hashlib.sha256).hexdigest()


def referenced_element(root: ET.Element) -> ET.Element | None:
    reference = root.find("./Signature/Reference")
    if reference is None:
        return None
    wanted = reference.get("URI", "").removeprefix("#")
    return next((element for element in root.iter() if element.get("ID") == wanted), None)


def signature_is_valid(root: ET.Element) -> bool:
    signed = referenced_element(root)
    value = root.findtext("./Signature/DigestValue", default="")
    return signed is not None and hmac.compare_digest(digest_of(signed), value)


def subject_of(response_xml: str) -> str:
    try:
        root = safe_fromstring(response_xml, forbid_dtd=True)
    except (DefusedXmlException, ParseError) as error:
        raise SamlRejected(f"unsafe or malformed XML: {error}") from None
    if not signature_is_valid(root):
        raise SamlRejected("bad signature")
    signed = referenced_element(root)
    assertions = list(root.iter("Assertion"))
    # The element that passed verification is the only one we read: it must be the one and only Assertion.
    if signed is None or signed.tag != "Assertion" or assertions != [signed]:
        raise SamlRejected("the signature must cover the one and only Assertion")
    name_id = signed.findtext("./Subject/NameID")
    if not name_id:
        raise SamlRejected("no NameID in the signed assertion")
    return name_id
