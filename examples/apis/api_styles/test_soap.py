"""The SOAP endpoint: envelopes in and out, faults with the right HTTP status, safe parsing, the WSDL."""

from __future__ import annotations

from pathlib import Path

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


def test_wrong_envelope_version_and_unknown_operation_are_sender_faults() -> None:
    soap11 = soap.get_book_request(1).replace(soap.ENV.encode(), b"http://schemas.xmlsoap.org/soap/envelope/")
    assert soap.handle(soap11)[0] == 400
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
