"""The vendor's letterhead for PDF and DOCX letters: a logo and the school's address."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

__all__ = ["Letterhead"]

MAX_LOGO_BYTES = 512 * 1024
"""The largest logo accepted (a PNG or JPEG)."""

_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class Letterhead(BaseModel):
    """The letterhead printed at the top of the first page: ``logo`` (PNG or JPEG bytes, at
    most 512 KiB; base64 in JSON) and up to six ``address`` lines (the school's name, street,
    postcode and place, phone). Only these are read: no URL is ever fetched."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", ser_json_bytes="base64", val_json_bytes="base64"
    )

    logo: bytes | None = Field(default=None, repr=False, max_length=MAX_LOGO_BYTES)
    address: tuple[Annotated[str, StringConstraints(min_length=1, max_length=100)], ...] = Field(
        default=(), max_length=6
    )

    @field_validator("logo")
    @classmethod
    def _image(cls, value: bytes | None) -> bytes | None:
        if value is not None and image_type(value) is None:
            raise PydanticCustomError("logo_type", "the logo must be a PNG or JPEG image")
        return value


def image_type(data: bytes) -> str | None:
    """The media type of ``data`` by its first bytes (PNG or JPEG), else None."""
    return next((kind for magic, kind in _SIGNATURES.items() if data.startswith(magic)), None)
