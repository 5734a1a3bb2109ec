"""Exercise: anyone can sign in as the admin.

Symptom: a penetration tester signed in to the service provider as `admin@example.com` using nothing but their
own genuine, IdP-signed SAML response for `tester@example.com`. The signature check passed. Their write-up
says "XSW": they added a second assertion, unsigned, in front of the signed one.

This is a SAML-shaped teaching model: the "signature" is an HMAC over the canonical form of the element it
references by `ID` (real XML-DSig is more involved, and real code uses a maintained SAML library), but the bug is
the real one. `signature_is_valid` is the library's check and is correct; `subject_of` is yours.

Diagnose it with the check (`make exercise ID=security/authentication_schemes/signature_wrapping`), then make
`subject_of` read the identity only from the element the verified signature covers, refuse a document with more
than one assertion, and refuse any document with a DTD. Everything refused raises `SamlRejected`.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import xml.etree.ElementTree as ET

IDP_KEY = b"idp-signing-key-shared-in-metadata"  # stands in for the IdP's certificate


class SamlRejected(Exception):
    pass


def digest_of(element: ET.Element) -> str:
    """What the IdP signs: the canonical form of one element (its tail text, outside it, is not included)."""
    alone = copy.deepcopy(element)
    alone.tail = None
    canonical = ET.canonicalize(ET.tostring(alone, encoding="unicode"))
    return hmac.new(IDP_KEY, canonical.encode(), hashlib.sha256).hexdigest()


def referenced_element(root: ET.Element) -> ET.Element | None:
    """The element the Signature's Reference points at, by ID."""
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
    """The NameID of the signed-in user, from a SAML Response posted to our Assertion Consumer Service."""
    root = ET.fromstring(response_xml)  # noqa: S314 - the starter's bug: no defusedxml
    if not signature_is_valid(root):
        raise SamlRejected("bad signature")
    name_id = root.findtext(".//Assertion/Subject/NameID")
    if not name_id:
        raise SamlRejected("no NameID")
    return name_id
