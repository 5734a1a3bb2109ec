"""Request bodies. Field constraints here are what the API promises; the database repeats the limits."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints


def no_nul(text: str) -> str:
    # PostgreSQL text cannot hold U+0000: refuse it here as a 422 rather than fail in the database as a 500.
    if "\x00" in text:
        raise ValueError("must not contain the NUL character")
    return text


Username = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{3,32}$")]
Password = Annotated[str, StringConstraints(min_length=8, max_length=128)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"\S"), AfterValidator(no_nul)]
Notes = Annotated[str, StringConstraints(max_length=2000), AfterValidator(no_nul)]


class Credentials(BaseModel):
    model_config = ConfigDict(strict=True)
    username: Username
    password: Password


class NewTask(BaseModel):
    model_config = ConfigDict(strict=True)
    title: Title
    notes: Notes = ""
    done: StrictBool = False


class TaskChanges(BaseModel):
    """Every field optional, none nullable: pydantic leaves an absent field at its default unvalidated,
    while an explicit null is checked against the type and refused."""

    model_config = ConfigDict(strict=True)
    title: Title = Field(default=None)
    notes: Notes = Field(default=None)
    done: StrictBool = Field(default=None)
