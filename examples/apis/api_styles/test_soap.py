"""The SOAP endpoint: envelopes in and out, faults with the right HTTP status, safe parsing, the WSDL."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET

from examples.apis.api_styles import soap

E = f"{{{soap.ENV}}}"
A = f"{{{soap.APP}}}"


# --8<-- [start:tests]
def test_a_call_is_an_envelope_in_and_an_envelope_out() -> None:
    status, body = soap.handle(soap.get_book_request(1))
    assert status == 200
    response = SafeET.fromstring(body).find(f"{E}Body/{A}GetBookResponse")
    assert (response.findtext(f"{A}title"), response.findtext(f"{A}year")) == ("Dune", "1965")


def test_a_client_error_is_a_sender_fault_with_400() -> None:
    status, body = soap.handle(soap.get_book_request(2))
    fault = SafeET.fromstring(body).find(f"{E}Body/{E}Fault")
    assert status == 400 and b'xmlns:env="http://www.w3.org/2003/05/soap-envelope"' in body
    assert fault.findtext(f"{E}Code/{E}Value") == "env:Sender"
    assert "no book" in fault.findtext(f"{E}Reason/{E}Text")


def test_entity_expansion_is_refused_before_any_processing() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d>&b;</d>'
    status, body = soap.handle(bomb)
    assert status == 400 and b"EntitiesForbidden" in body


# --8<-- [end:tests]


def test_a_soap_11_envelope_gets_a_version_mismatch_it_can_read() -> None:
    soap11 = soap.get_book_request(1).replace(soap.ENV.encode(), soap.SOAP11_ENV.encode())
    status, body = soap.handle(soap11)
    envelope = SafeET.fromstring(body)
    old = f"{{{soap.SOAP11_ENV}}}"
    assert status == 500 and envelope.tag == f"{old}Envelope"  # answered in SOAP 1.1, which the sender reads
    assert envelope.findtext(f"{old}Body/{old}Fault/faultcode") == "s11:VersionMismatch"
    supported = envelope.find(f"{old}Header/{E}Upgrade/{E}SupportedEnvelope")
    prefix, _, local = supported.get("qname").partition(":")
    assert local == "Envelope" and f'xmlns:{prefix}="{soap.ENV}"'.encode() in body  # the qname resolves to 1.2


def test_a_root_that_is_no_envelope_is_a_version_mismatch_fault() -> None:
    status, body = soap.handle(b"<GetBook><id>1</id></GetBook>")
    fault = SafeET.fromstring(body).find(f"{E}Body/{E}Fault")
    assert status == 500 and fault.findtext(f"{E}Code/{E}Value") == "env:VersionMismatch"
    assert SafeET.fromstring(body).find(f"{E}Header/{E}Upgrade/{E}SupportedEnvelope") is not None


def test_the_five_fault_codes_and_their_http_statuses() -> None:
    codes = ["VersionMismatch", "MustUnderstand", "DataEncodingUnknown", "Sender", "Receiver"]
    assert sorted(soap.FAULT_CODES) == sorted(codes)
    assert {code: soap.fault(code, "x")[0] for code in codes} == {
        code: 400 if code == "Sender" else 500 for code in codes
    }
    with pytest.raises(ValueError):
        soap.fault("Client", "a SOAP 1.1 code, not a SOAP 1.2 one")


def test_a_malformed_request_and_an_unknown_operation_are_sender_faults() -> None:
    unknown = soap.get_book_request(1).replace(b"GetBook", b"DeleteBook")
    status, body = soap.handle(unknown)
    assert status == 400 and b"unknown operation" in body
    assert soap.handle(b"<not xml")[0] == 400


def test_a_server_side_fault_uses_500() -> None:
    status, body = soap.fault("Receiver", "database unavailable")
    assert status == 500 and b"env:Receiver" in body


def test_the_wsdl_names_the_operation_its_action_and_its_address() -> None:
    summary = soap.read_wsdl(Path(soap.__file__).with_name("catalog.wsdl"))
    assert summary.operations == ["GetBook"]
    assert summary.soap_actions == {"GetBook": "urn:example:catalog:GetBook"}
    assert summary.address == "https://legacy.example.com/soap/catalog"
