"""Acceptance check: the client reads a response from the lesson's SOAP endpoint, turns faults into SoapFault with
the code's local name (whatever prefix the service used) and its reason, and refuses documents that declare
entities instead of expanding them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from examples.apis.api_styles import soap
from exercises import load_module


def client(answer: Path) -> Any:
    return load_module(answer)


def fault_of(module: Any, raw: bytes) -> Any:
    try:
        module.parse_get_book_response(raw)
    except module.SoapFault as fault:
        return fault
    except Exception as other:  # reported below
        pytest.fail(f"a fault must raise SoapFault, not {type(other).__name__}: {other}")
    pytest.fail("a fault was read as a book")


@pytest.mark.starter_passes
def test_a_book_comes_back_as_title_and_year(answer: Path) -> None:
    status, raw = soap.handle(soap.get_book_request(1))
    assert status == 200
    assert client(answer).parse_get_book_response(raw) == ("Dune", 1965)


def test_a_sender_fault_raises_with_code_and_reason(answer: Path) -> None:
    module = client(answer)
    status, raw = soap.handle(soap.get_book_request(2))
    assert status == 400
    fault = fault_of(module, raw)
    assert fault.code == "Sender" and "no book" in fault.reason


def test_a_receiver_fault_is_told_apart_whatever_the_prefix(answer: Path) -> None:
    module = client(answer)
    _, raw = soap.fault("Receiver", "database unavailable")
    renamed = raw.replace(b"xmlns:env=", b"xmlns:soap=").replace(b"<env:", b"<soap:").replace(b"</env:", b"</soap:")
    renamed = renamed.replace(b">env:Receiver<", b">soap:Receiver<")  # the code is a QName in the same prefix
    fault = fault_of(module, renamed)
    assert (fault.code, fault.reason) == ("Receiver", "database unavailable")


def test_declared_entities_are_refused_not_expanded(answer: Path) -> None:
    module = client(answer)
    _, raw = soap.handle(soap.get_book_request(1))
    doctype = b'<!DOCTYPE x [<!ENTITY t "Injected title">]>'
    poisoned = raw.replace(b"?>", b"?>" + doctype, 1).replace(b">Dune<", b">&t;<")
    try:
        result = module.parse_get_book_response(poisoned)
    except module.SoapFault:
        pytest.fail("a refused document is not a fault from the service; let the parser's error propagate")
    except Exception:  # any refusal is fine
        return
    pytest.fail(f"the entity was expanded: {result!r}")
