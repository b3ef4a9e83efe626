"""Text files: the encoding told from the bytes alone, and the UTF-8 copy DuckDB reads."""

from __future__ import annotations

import codecs
import tempfile

import pytest

from campaign_eval.config.data import TableSource
from campaign_eval.io import text

CHINESE = "客户编号,下单日期,金额\nC1,2026-01-05,12.5\nC2,2026-01-06,30\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (CHINESE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + CHINESE.encode("utf-8"), "utf-8-sig"),
        (CHINESE.encode("utf-16"), "utf-16"),  # Python writes a byte-order mark
        (CHINESE.encode("utf-16-le"), "utf-16-le"),
        ("id,amount\n1,2\n".encode("utf-16-be"), "utf-16-be"),
        (CHINESE.encode("gb18030"), "gb18030"),  # what a Chinese Excel saves as "CSV"
        (b"id,amount\n1,2\n", "utf-8"),  # plain ASCII is UTF-8
    ],
)
def test_the_four_encodings_are_told_from_the_bytes(tmp_path, raw, expected):
    path = tmp_path / "x.csv"
    path.write_bytes(raw)
    assert text.detect_encoding(path) == expected


def test_a_character_cut_at_the_end_of_the_scan_is_no_evidence(tmp_path, monkeypatch):
    monkeypatch.setattr(text, "_SCAN_BYTES", 8)
    monkeypatch.setattr(text, "_CHUNK", 8)
    path = tmp_path / "x.csv"
    path.write_bytes("abcdefg客户".encode())  # byte 8 is inside the first Chinese character
    assert text.detect_encoding(path) == "utf-8"


def test_western_text_that_happens_to_decode_as_gb18030_is_not_taken_for_chinese(tmp_path):
    # ü + l and ß + e are valid GB18030 pairs: decoding alone would read "M黮ler Stra遝"
    path = tmp_path / "latin.csv"
    path.write_bytes("id,name\n1,Müller\n2,Straße\n3,Jürgen\n".encode("cp1252"))
    assert path.read_bytes().decode("gb18030")  # it does decode
    with pytest.raises(text.EncodingError):
        text.detect_encoding(path)


def test_another_encoding_must_be_named(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("name,city\nMüller, Köln\nCafé, Zürich\n".encode("cp1252"))
    with pytest.raises(text.EncodingError, match=r"not UTF-8, UTF-16 or GB18030.*cp1252"):
        text.detect_encoding(path)
    assert text.encoding_of(path, TableSource(path="latin.csv", encoding="cp1252")) == "cp1252"


def test_first_line_as_read_is_quoted_and_cut(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("\n   00001 19970101 1  11.77\n" + "x" * 300 + "\n", encoding="utf-8")
    assert text.first_line(path, "utf-8") == repr("   00001 19970101 1  11.77")
    path.write_text("y" * 300, encoding="utf-8")
    shown = text.first_line(path, None)
    assert len(shown) < 130 and shown.endswith("…'")


def _source(**changes) -> TableSource:
    return TableSource(path="x.csv", **changes)


def test_a_copy_is_needed_only_for_what_duckdb_cannot_read():
    assert not text.needs_copy(_source(), "utf-8")
    assert not text.needs_copy(_source(), "utf-8-sig")
    assert text.needs_copy(_source(), "gb18030")
    assert text.needs_copy(_source(), "utf-16")
    assert text.needs_copy(_source(delimiter="whitespace"), "utf-8")
    assert text.needs_copy(_source(skip_rows=1), "utf-8")
    assert not text.needs_copy(_source(header_row=3), "utf-8")  # DuckDB skips lines itself


def test_the_copy_is_utf8_without_titles_skipped_rows_or_runs_of_spaces(tmp_path):
    path = tmp_path / "log.txt"
    lines = ["Sales report", "", "id  day   amount", "(text) (date) (GBP)", "  1 19970101  11.77"]
    path.write_bytes("\n".join(lines).encode("gb18030"))
    source = _source(delimiter="whitespace", header_row=3, skip_rows=1)
    copy = text.utf8_copy(path, source, "gb18030")
    try:
        assert copy.read_text(encoding="utf-8") == "id\tday\tamount\n1\t19970101\t11.77\n"
        assert copy.name.startswith("ce-read-")
    finally:
        copy.unlink()


def test_without_a_header_skip_rows_count_from_the_top(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("junk\n1,2\n3,4\n", encoding="utf-8")
    copy = text.utf8_copy(path, _source(header_row=None, skip_rows=1), "utf-8")
    try:
        assert copy.read_text(encoding="utf-8") == "1,2\n3,4\n"
    finally:
        copy.unlink()


def test_a_file_that_does_not_decode_leaves_no_copy(tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = tmp_path / "x.csv"
    path.write_bytes(b"id\n\xff\xfe\xfa\n")
    with pytest.raises(UnicodeDecodeError):
        text.utf8_copy(path, _source(), "utf-8")
    assert list(scratch.iterdir()) == []


def test_duckdb_reads_the_file_or_the_copy_with_these_options():
    plain = text.csv_options(_source(header_row=3, decimal=",", delimiter=";"), copied=False)
    assert plain == text.CsvOptions(header=True, sep=";", skiprows=2, decimal=",")
    copied = text.csv_options(_source(header_row=3, delimiter="whitespace"), copied=True)
    assert copied == text.CsvOptions(header=True, sep="\t", skiprows=None, decimal=None)
    assert not text.csv_options(_source(header_row=None), copied=False).header
