"""The vendor's letterhead for PDF and DOCX letters: a logo and the school's address."""

from __future__ import annotations

import struct
import unicodedata
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

__all__ = ["Letterhead"]

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_SIDE = 4000
"""The most pixels on either side of a logo (a letterhead logo needs a few hundred)."""
MAX_LOGO_PIXELS = 4_000_000
"""The most pixels in all: a small file can hold a huge image (13 000 x 13 000 took 32 s and
1.4 GB per PDF); the cap keeps a render bounded."""
"""The largest logo accepted (a PNG or JPEG)."""

_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class Letterhead(BaseModel):
    """The letterhead printed at the top of the first page: ``logo`` (PNG or JPEG bytes, at
    most 512 KiB; base64 in JSON) and up to six ``address`` lines (the school's name, street,
    postcode and place, phone). Only these are read: no URL is ever fetched."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        ser_json_bytes="base64",
        val_json_bytes="base64",
        hide_input_in_errors=True,
    )

    logo: bytes | None = Field(default=None, repr=False, max_length=MAX_LOGO_BYTES)
    address: tuple[Annotated[str, StringConstraints(min_length=1, max_length=100)], ...] = Field(
        default=(), max_length=6
    )

    @field_validator("logo")
    @classmethod
    def _image(cls, value: bytes | None) -> bytes | None:
        if value is None:
            return value
        kind = image_type(value)
        if kind is None:
            raise PydanticCustomError("logo_type", "the logo must be a PNG or JPEG image")
        size = image_size(value, kind)
        if size is None:
            raise PydanticCustomError("logo_corrupt", "the logo's image data cannot be read")
        width, height = size
        if width > MAX_LOGO_SIDE or height > MAX_LOGO_SIDE or width * height > MAX_LOGO_PIXELS:
            raise PydanticCustomError(
                "logo_too_large",
                f"the logo may be at most {MAX_LOGO_SIDE} pixels a side, {MAX_LOGO_PIXELS} in all",
            )
        return value

    @field_validator("address")
    @classmethod
    def _printable(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") for line in value for c in line):
            raise PydanticCustomError(
                "text_control_character", "an address line holds a control character"
            )
        return value


def image_type(data: bytes) -> str | None:
    """The media type of ``data`` by its first bytes (PNG or JPEG), else None."""
    return next((kind for magic, kind in _SIGNATURES.items() if data.startswith(magic)), None)


def image_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """The pixel size of a PNG or JPEG from its header, or None when the data is not a whole,
    readable image of its kind (a PNG whose header chunk or end chunk is missing, a JPEG
    without a frame header or an end marker)."""
    if kind == "image/png":
        if (
            len(data) < 33
            or data[12:16] != b"IHDR"
            or not data.rstrip(b"\0").endswith(b"IEND\xaeB`\x82")
        ):
            return None
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if not data.rstrip(b"\0").endswith(b"\xff\xd9"):
        return None
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return (width, height) if width and height else None
        at += 2 + length
    return None
