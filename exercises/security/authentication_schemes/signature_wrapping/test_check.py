"""Acceptance check: a genuine response signs in its own user; wrapped responses (a forged assertion next to or
around the signed one), documents with a DTD, tampered and unsigned responses are all refused with SamlRejected.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

SIGNED = (
    '<Assertion ID="a-7f3e"><Issuer>https://idp.example.com</Issuer>'
    "<Subject><NameID>tester@example.com</NameID></Subject>"
    '<Conditions NotOnOrAfter="2026-12-07T18:05:00Z"/></Assertion>'
)
FORGED = (
    '<Assertion ID="evil"><Issuer>https://idp.example.com</Issuer>'
    "<Subject><NameID>admin@example.com</NameID></Subject></Assertion>"
)


def signature(module: ModuleType, assertion_xml: str = SIGNED) -> str:
    """What the IdP sends: a digest of the assertion it issued, referenced by ID."""
    value = module.digest_of(ET.fromstring(assertion_xml))  # noqa: S314 - the check's own constant
    return f'<Signature><Reference URI="#a-7f3e"/><DigestValue>{value}</DigestValue></Signature>'


def response(inner: str) -> str:
    return f'<Response ID="r-1"><Issuer>https://idp.example.com</Issuer>{inner}</Response>'


@pytest.mark.starter_passes
def test_a_genuine_response_signs_in_its_user(answer: Path) -> None:
    module = load_module(answer)
    assert module.subject_of(response(signature(module) + SIGNED)) == "tester@example.com"


@pytest.mark.parametrize(
    ("layout", "why"),
    [
        ("{sig}{forged}{signed}", "a forged assertion in front of the signed one"),
        ("{sig}{signed}{forged}", "a forged assertion after the signed one"),
        ("{sig}{forged}<Extensions>{signed}</Extensions>", "the signed assertion moved into an Extensions element"),
        ("{sig}<Extensions>{signed}</Extensions>{forged}", "the signed assertion hidden first, the forgery outside"),
    ],
)
def test_wrapped_responses_are_refused(answer: Path, layout: str, why: str) -> None:
    module = load_module(answer)
    wrapped = response(layout.format(sig=signature(module), forged=FORGED, signed=SIGNED))
    try:
        subject = module.subject_of(wrapped)
    except module.SamlRejected:
        return
    assert subject != "admin@example.com", f"{why}: the forged, unsigned assertion signed the tester in as admin"
    pytest.fail(f"{why}: a response with two assertions must be refused, not read ({subject!r} came back)")


def test_a_document_with_a_dtd_is_refused(answer: Path) -> None:
    module = load_module(answer)
    with_dtd = '<!DOCTYPE Response [<!ENTITY idp "https://idp.example.com">]>' + response(signature(module) + SIGNED)
    with pytest.raises(module.SamlRejected):
        module.subject_of(with_dtd)
        pytest.fail("parse with DTDs forbidden (defusedxml): entities let the verifier and the reader disagree")


@pytest.mark.starter_passes
def test_a_tampered_or_unsigned_assertion_is_refused(answer: Path) -> None:
    module = load_module(answer)
    tampered = SIGNED.replace("tester@", "admin@")
    for document in (response(signature(module) + tampered), response(SIGNED)):
        with pytest.raises(module.SamlRejected):
            module.subject_of(document)
