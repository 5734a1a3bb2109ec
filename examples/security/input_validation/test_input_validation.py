"""Validation at the boundary: what is accepted, what is rejected, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from examples.security.input_validation.app import MAX_REQUEST_BYTES, create_app
from examples.security.input_validation.files import MAX_UPLOAD_BYTES, check_upload, resolve_inside
from examples.security.input_validation.schemas import SignupRequest

GOOD = {"username": "ada_l", "display_name": "Ada", "age": 36, "country": "GB"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def test_valid_signup_is_accepted(client):
    assert client.post("/signup", json=GOOD).json() == {"username": "ada_l"}


# --8<-- [start:tests]
@pytest.mark.parametrize(
    "change",
    [
        {"role": "admin"},  # mass assignment: a field the client may not set
        {"country": "XX"},  # not in the allow-list
        {"age": "36"},  # strict: a string is not an int
        {"age": 7},  # out of range
        {"username": "ada; DROP TABLE users"},  # outside the character allow-list
        {"display_name": "Ada\u202eevil"},  # a right-to-left override hides text
    ],
)
def test_invalid_signups_are_rejected_with_422(client, change):
    assert client.post("/signup", json={**GOOD, **change}).status_code == 422


def test_lookalike_usernames_canonicalize_to_one_account():
    full_width = SignupRequest.model_validate({**GOOD, "username": "\uff21\uff24\uff21_L"})  # full-width "ADA_L"
    assert full_width.username == "ada_l"


@pytest.mark.parametrize("name", ["../secrets.env", "..%2Fsecrets.env", "/etc/passwd", "a/../../x", "x\x00.png"])
def test_path_traversal_attempts_are_refused(tmp_path: Path, name: str):
    with pytest.raises(ValueError):
        resolve_inside(tmp_path / "uploads", name)


# --8<-- [end:tests]


def test_path_inside_the_base_is_allowed(tmp_path: Path):
    assert resolve_inside(tmp_path, "avatars/ada.png") == (tmp_path / "avatars/ada.png").resolve()


def test_symlink_pointing_outside_is_refused(tmp_path: Path):
    base = tmp_path / "uploads"
    base.mkdir()
    (base / "link").symlink_to(tmp_path)
    with pytest.raises(ValueError, match="escapes"):
        resolve_inside(base, "link/other.txt")


def test_png_upload_gets_a_server_generated_name(client):
    response = client.post("/avatar", files={"file": ("../../me.PNG", PNG, "image/png")})
    assert response.status_code == 201
    body = response.json()
    assert body["type"] == "image/png" and body["stored_as"].endswith(".png") and "/" not in body["stored_as"]


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("shell.php", b"<?php system($_GET['c']); ?>"),  # extension not allowed
        ("cat.png", b"<?php system($_GET['c']); ?>"),  # right extension, wrong bytes
    ],
)
def test_bad_uploads_are_refused(client, filename, content):
    assert client.post("/avatar", files={"file": (filename, content, "image/png")}).status_code == 415


def test_a_file_just_over_the_limit_is_413_from_the_handler(client):
    content = PNG + b"\x00" * (MAX_UPLOAD_BYTES - len(PNG) + 1)  # fits the request limit, not the file limit
    response = client.post("/avatar", files={"file": ("cat.png", content, "image/png")})
    assert response.status_code == 413 and response.json()["detail"] == "file too large"


def test_a_body_over_the_request_limit_is_refused_before_parsing(client):
    huge = PNG + b"\x00" * (MAX_REQUEST_BYTES + 1)
    response = client.post("/avatar", files={"file": ("cat.png", huge, "image/png")})
    assert response.status_code == 413 and response.json()["detail"] == "request body too large"
    big_json = client.post("/signup", content=b'{"username": "' + b"a" * MAX_REQUEST_BYTES + b'"}')
    assert big_json.status_code == 413  # JSON bodies too: refused before json.loads sees them


def test_a_chunked_body_without_content_length_is_counted():
    def chunks():
        for _ in range(40):
            yield b"x" * 65_536  # 2.5 MiB in all, announced by no Content-Length

    response = TestClient(create_app()).post("/signup", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_the_limit_leaves_ordinary_requests_alone(client):
    assert client.post("/signup", json=GOOD).status_code == 201


def test_declared_content_type_is_not_trusted():
    with pytest.raises(ValueError, match="not image/jpeg"):
        check_upload("photo.jpg", PNG)
