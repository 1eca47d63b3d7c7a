"""Bytes to text: byte-order marks, UTF-8, Windows-1252, and refusing binaries.

The rules, in order:
1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. known binary signatures (PDF, ZIP, gzip, images...) and NUL bytes are refused;
3. strict UTF-8;
4. UTF-8 whose only fault is a character cut off at the end (a truncated download)
   is decoded, with a warning;
5. Windows-1252 when the bytes are mostly ASCII and decode without control
   characters, with a warning (the usual encoding of legacy Western pages);
6. otherwise a `decode_error`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from ..errors import BinaryInput, DecodeFailure

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_BINARY_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
)

# C0 controls other than tab, newline, carriage return, form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[tuple[str, str]] = field(default_factory=list)


def decode_bytes(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                text = data[len(bom):].decode(encoding, errors="replace")
                return Decoded(text, encoding, [("decode_replaced", f"{encoding} with a byte-order mark has invalid bytes at {exc.start}; replaced")])

    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise BinaryInput(f"input is binary ({what}), not text")
    head = data[:65536]
    if b"\x00" in head:
        raise BinaryInput("input contains NUL bytes: binary data or UTF-16 without a byte-order mark")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason in ("unexpected end of data", "invalid continuation byte"):
            text = data[: exc.start].decode("utf-8")
            return Decoded(text, "utf-8", [("truncated_utf8", f"the last {len(data) - exc.start} byte(s) are an incomplete UTF-8 character; dropped")])
        return _decode_legacy(data, exc)
    _refuse_control_heavy(text)
    return Decoded(text, "utf-8")


def _decode_legacy(data: bytes, exc: UnicodeDecodeError) -> Decoded:
    high = sum(1 for b in data if b >= 0x80)
    if high <= len(data) * 0.3:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            _refuse_control_heavy(text)
            return Decoded(text, "cp1252", [("encoding_guessed", f"not valid UTF-8 (byte {exc.start}); decoded as Windows-1252")])
    raise DecodeFailure(f"not valid UTF-8 (invalid byte at offset {exc.start}) and not plausible Windows-1252 text")


def _refuse_control_heavy(text: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if controls > max(8, len(sample) * 0.01):
        raise BinaryInput(f"input has {controls} control characters in its first {len(sample)}: binary data, not text")
