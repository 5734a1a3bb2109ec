"""Allow-list validation with pydantic: canonicalize once, then check type, shape, range and set membership."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator


# --8<-- [start:schema]
def canonical(value: str) -> str:
    """NFKC folds look-alike forms (full-width letters, ligatures) into one spelling; casefold ignores case."""
    return unicodedata.normalize("NFKC", value).casefold().strip()


Username = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{3,30}$")]
CountryCode = Literal["DE", "FR", "GB", "IE", "NL", "US"]  # the countries the business actually ships to


class SignupRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=200)  # unknown fields are an error

    username: Username
    display_name: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    age: Annotated[int, Field(ge=13, le=130, strict=True)]
    country: CountryCode
    newsletter: bool = False

    @field_validator("username", mode="before")
    @classmethod
    def canonicalize_username(cls, value: object) -> object:
        # Runs before the pattern check, so validation sees the same string the database will store.
        return canonical(value) if isinstance(value, str) else value

    @field_validator("display_name")
    @classmethod
    def no_control_characters(cls, value: str) -> str:
        if any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in value):
            raise ValueError("control and format characters are not allowed")
        return value


# --8<-- [end:schema]
