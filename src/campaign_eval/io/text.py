"""Text files as the engine reads them: the encoding found from the bytes, a UTF-8 copy if needed.

DuckDB reads UTF-8 only. A file in another encoding (GB18030 from a Chinese Excel, UTF-16 from
Excel's "Unicode text") is transcoded into a UTF-8 copy first; so is a file whose columns are
separated by runs of spaces (written out tab-separated) or that has rows to skip below its header.
Detection knows four encodings and decides from the bytes alone, never by guessing a language:
a byte-order mark, the zero bytes of UTF-16, valid UTF-8, else valid GB18030 whose two-byte
characters look like Chinese text. Any other encoding (cp1252, Big5, Shift-JIS) is named in the
params file.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from campaign_eval.config.data import WHITESPACE, TableSource

UTF8 = "utf-8"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_SCAN_BYTES = 64 << 20
"""Detection decodes at most the first 64 MiB; DuckDB names a bad byte further on."""
_CHUNK = 1 << 20
_UTF16_PROBE = 4096
_UTF16_ZERO_SHARE = 0.3
"""In UTF-16 text of Latin letters and digits every other byte is zero."""
_LINE_SHOWN = 120
"""Characters of a line an error message quotes."""
_READ_AS_IS = {"utf-8", "utf-8-sig", "ascii"}
_GB_SAMPLE = 1 << 20
_GB_CHARACTER = re.compile(rb"[\x81-\xfe](?:[\x30-\x39][\x81-\xfe][\x30-\x39]|[\x40-\xfe])")
_GB_RARE_SHARE = 0.2
"""Chinese text in GBK/GB18030 writes nearly every character with a second byte of 0xA1 or more
(the GB2312 area). A Western text misread as GB18030 pairs an accented letter with the ASCII
letter after it: a second byte below 0xA1. Above this share of such pairs, it is no Chinese."""


class EncodingError(ValueError):
    """The encoding of a text file cannot be told from its bytes; the message names the fix."""


def detect_encoding(path: Path) -> str:
    """The encoding of a text file: UTF-8 (with or without BOM), UTF-16 or GB18030.

    Args:
        path: The file.

    Returns:
        A Python codec name.

    Raises:
        EncodingError: When the bytes are none of the four.
    """
    with path.open("rb") as handle:
        head = handle.read(_UTF16_PROBE)
        for bom, name in _BOMS:
            if head.startswith(bom):
                return name
        utf16 = _utf16_without_bom(head)
        if utf16 is not None:
            return utf16
        handle.seek(0)
        if _decodes(handle, UTF8):
            return UTF8
        handle.seek(0)
        if _decodes(handle, "gb18030") and _looks_chinese(path):
            return "gb18030"
    raise EncodingError(
        "its bytes are not UTF-8, UTF-16 or GB18030 text; name its encoding (e.g. cp1252 for a "
        "Western European Excel, big5, shift_jis)"
    )


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: zero bytes on one side of most characters."""
    if len(head) < 2:  # noqa: PLR2004 - one UTF-16 code unit
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > _UTF16_ZERO_SHARE * len(odd) and even.count(0) < odd.count(0) / 4:
        return "utf-16-le"
    if even.count(0) > _UTF16_ZERO_SHARE * len(even) and odd.count(0) < even.count(0) / 4:
        return "utf-16-be"
    return None


def _looks_chinese(path: Path) -> bool:
    """Whether the multi-byte characters of a GB18030-decodable file are common Chinese ones."""
    with path.open("rb") as handle:
        sample = handle.read(_GB_SAMPLE)
    characters = _GB_CHARACTER.findall(sample)
    rare = sum(1 for c in characters if len(c) > 2 or c[1] < 0xA1)  # noqa: PLR2004 - two bytes
    return not characters or rare <= _GB_RARE_SHARE * len(characters)


def _decodes(handle: BinaryIO, encoding: str) -> bool:
    """Whether the first ``_SCAN_BYTES`` of an open binary file decode strictly."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    read = 0
    try:
        while read < _SCAN_BYTES:
            chunk = handle.read(_CHUNK)
            if not chunk:
                decoder.decode(b"", final=True)
                return True
            read += len(chunk)
            decoder.decode(chunk)
    except UnicodeDecodeError:
        return False
    return True  # no bad byte in the part scanned; a cut character at its end is no evidence


def encoding_of(path: Path, source: TableSource) -> str:
    """The encoding the params name, else the one detected from the bytes."""
    return source.encoding or detect_encoding(path)


def first_line(path: Path, encoding: str | None) -> str:
    """The first non-empty line of a text file as read, quoted and cut for an error message."""
    try:
        with path.open(encoding=encoding or UTF8, errors="replace", newline="") as handle:
            for line in handle:
                if line.strip():
                    return _shown(line)
    except (OSError, LookupError):
        return "''"
    return "''"


def _shown(line: str) -> str:
    text = line.rstrip("\r\n")
    return repr(text if len(text) <= _LINE_SHOWN else text[: _LINE_SHOWN - 1] + "…")


def needs_copy(source: TableSource, encoding: str) -> bool:
    """Whether DuckDB needs a rewritten UTF-8 copy of the file to read it as the params say."""
    name = codecs.lookup(encoding).name
    return name not in _READ_AS_IS or source.delimiter == WHITESPACE or source.skip_rows > 0


def utf8_copy(path: Path, source: TableSource, encoding: str) -> Path:
    """Write the UTF-8 copy DuckDB reads: transcoded, title and skipped rows left out.

    Columns separated by whitespace are written tab-separated. The caller removes the copy.

    Returns:
        The copy, a temporary file (``ce-read-*.csv``).

    Raises:
        UnicodeDecodeError: When the file does not decode in ``encoding``.
    """
    fd, name = tempfile.mkstemp(prefix="ce-read-", suffix=".csv")
    copy = Path(name)
    try:
        with (
            path.open(encoding=encoding, errors="strict", newline="") as src,
            os.fdopen(fd, "w", encoding=UTF8, newline="") as out,
        ):
            for number, line in enumerate(src, start=1):
                if _skipped(number, source):
                    continue
                if source.delimiter == WHITESPACE:
                    fields = line.split()
                    if fields:
                        out.write("\t".join(fields) + "\n")
                else:
                    out.write(line.removeprefix("\ufeff") if number == 1 else line)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy


def _skipped(number: int, source: TableSource) -> bool:
    """Whether line ``number`` (1-based) is a title above the header or a row skipped below it."""
    header = source.header_row
    if header is None:
        return number <= source.skip_rows
    return number < header or header < number <= header + source.skip_rows


@dataclass(frozen=True, slots=True)
class CsvOptions:
    """How DuckDB's ``read_csv`` reads a file (None: DuckDB detects it).

    Attributes:
        header: Whether the first line read holds the column names.
        sep: The column separator.
        skiprows: Lines before the header.
        decimal: The decimal separator.
    """

    header: bool
    sep: str | None = None
    skiprows: int | None = None
    decimal: str | None = None


def csv_options(source: TableSource, *, copied: bool) -> CsvOptions:
    """How DuckDB reads this source: the file itself, or the copy ``utf8_copy`` wrote."""
    sep = "\t" if source.delimiter == WHITESPACE else source.delimiter  # the copy: tab-separated
    header = source.header_row
    skip = header - 1 if not copied and header is not None and header > 1 else None
    return CsvOptions(
        header=header is not None,
        sep=sep,
        skiprows=skip,
        decimal="," if source.decimal == "," else None,
    )
