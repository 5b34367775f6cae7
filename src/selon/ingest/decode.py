"""Bytes to text: BOMs, strict UTF-8, mostly-UTF-8 with a few bad bytes, legacy 8-bit encodings.

Binary files (NUL bytes, control characters, known magic numbers) are refused
with a reason rather than decoded into garbage.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from selon.ingest.document import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (docx/xlsx/odt?)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
)
# Share of undecodable bytes above which "UTF-8 with a few bad bytes" stops being plausible.
_MAX_BAD_UTF8 = 0.05
# C0 controls other than \t \n \v \f \r, DEL and the C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Return ``(text, encoding, warnings)`` or raise DecodeError with a reason."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"not text: looks like {what}")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), enc), enc, []
            except UnicodeDecodeError as exc:
                raise DecodeError(f"byte-order mark says {enc} but the bytes do not decode: {exc.reason}") from exc
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    utf16 = _bomless_utf16(data)
    if utf16:
        return _checked(data.decode(utf16), utf16), utf16, []
    if b"\x00" in data:
        raise DecodeError("not text: contains NUL bytes (binary file?)")
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if multibyte and bad <= max(3, _MAX_BAD_UTF8 * multibyte) and bad < 0.01 * len(lenient) + 1:
        return _checked(lenient, "utf-8"), "utf-8", [f"{bad} invalid UTF-8 byte(s) replaced with U+FFFD"]
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("not text: no encoding fits (binary file?)")
    # Western European text decodes under several 8-bit code pages; cp1252 is the one
    # French and English sites use, so it wins whenever the detector finds it plausible.
    best = next((m for m in matches if m.encoding == "cp1252"), matches[0])
    return _checked(str(best), best.encoding), best.encoding, []


def _bomless_utf16(data: bytes) -> str | None:
    """Detect UTF-16 without BOM by its zero bytes at every other position."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even = head[0::2].count(0) / max(1, len(head[0::2]))
    odd = head[1::2].count(0) / max(1, len(head[1::2]))
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.4 and other < 0.05:
            try:
                data.decode(enc)
            except UnicodeDecodeError:
                return None
            return enc
    return None


def _checked(text: str, encoding: str) -> str:
    """Refuse decoded text that is mostly control characters (binary in disguise)."""
    sample = text[:20000]
    if not sample:
        return text
    controls = len(_CONTROLS.findall(sample))
    if "\x00" in sample or controls > 0.01 * len(sample):
        raise DecodeError(f"not text: {controls} control characters in the first {len(sample)} ({encoding})")
    return text
