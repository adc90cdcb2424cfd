"""The core loader: files, directories, standard input, and bad input."""

from __future__ import annotations

import io
import os
import sys

import pytest

from registry import DocumentError, LoadOptions
from registry._loaders import load_document
from registry._pipeline import expand_locations

OPTIONS = LoadOptions()


def test_reads_utf8_text_and_uses_a_headline_as_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Council approves budget\n\nThe council approved 4.2 million.\n", encoding="utf-8")
    document = load_document(str(path), OPTIONS)
    assert document.text.startswith("Council approves budget")
    assert document.source.title == "Council approves budget"
    assert document.source.uri == path.resolve().as_uri()
    assert document.metadata["encoding"] == "utf-8"


def test_front_matter_fills_the_source_and_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Budget passes\npublisher: Example Gazette\nurl: https://gazette.example/b\n"
        "published: 2024-01-05\nauthor: A. Writer\n---\n\nThe council approved 4.2 million.\n",
        encoding="utf-8",
    )
    document = load_document(str(path), OPTIONS)
    assert document.text == "The council approved 4.2 million.\n"
    source = document.source
    assert (source.title, source.publisher, source.uri, source.author) == (
        "Budget passes", "Example Gazette", "https://gazette.example/b", "A. Writer")
    assert source.published.date().isoformat() == "2024-01-05"


def test_invalid_front_matter_names_the_file(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nBody text here.\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"bad\.md: invalid YAML front matter"):
        load_document(str(path), OPTIONS)


def test_a_bad_published_date_in_front_matter_is_a_document_error(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\npublished: not a date\n---\nBody text here.\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"bad\.md: invalid front matter: published"):
        load_document(str(path), OPTIONS)


def test_binary_files_are_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DocumentError, match=r"image\.txt: binary file"):
        load_document(str(path), OPTIONS)


def test_empty_files_are_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"empty\.txt: empty document"):
        load_document(str(path), OPTIONS)


def test_invalid_utf8_falls_back_to_cp1252_and_says_so(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 prices rose 5% \x93quickly\x94.".encode("latin-1"))
    document = load_document(str(path), OPTIONS)
    assert document.text == "Café prices rose 5% “quickly”."
    assert document.metadata["encoding"].startswith("cp1252")


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("\ufeffPrices rose 5%.".encode("utf-16-le"))
    assert load_document(str(path), OPTIONS).text == "Prices rose 5%."


def test_files_above_the_size_limit_are_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("x" * 101, encoding="utf-8")
    with pytest.raises(DocumentError, match=r"big\.txt: larger than the limit of 100 bytes"):
        load_document(str(path), LoadOptions(max_bytes=100))


def test_missing_files_are_named(tmp_path):
    with pytest.raises(DocumentError, match=r"nope\.txt: no such file"):
        load_document(str(tmp_path / "nope.txt"), OPTIONS)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file with mode 000")
def test_unreadable_files_are_named(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("text", encoding="utf-8")
    locked.chmod(0)
    with pytest.raises(DocumentError, match=r"locked\.txt: permission denied"):
        load_document(str(locked), OPTIONS)


def test_stdin_is_read_when_location_is_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Prices rose 5% in May.\n")))
    document = load_document("-", OPTIONS)
    assert document.text == "Prices rose 5% in May.\n"
    assert document.source.uri == "stdin"


def test_urls_and_html_are_left_to_other_loaders(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>hello</p>", encoding="utf-8")
    assert load_document("https://example.org/a", OPTIONS) is None
    assert load_document(str(page), OPTIONS) is None


def test_directories_are_walked_in_order_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "b.md").write_text("b", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("c", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("d", encoding="utf-8")
    found = list(expand_locations([str(tmp_path)]))
    assert found == [str(tmp_path / name) for name in ("a.txt", "b.md", "sub/d.txt")]


def test_a_directory_without_documents_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    found = list(expand_locations([str(tmp_path / "empty"), str(tmp_path / "missing")]))
    assert str(found[0]) == f"{tmp_path / 'empty'}: directory contains no readable documents"
    assert found[1] == str(tmp_path / "missing")  # left to the loaders, which name the problem


def test_the_files_a_directory_walk_skips_are_one_line_per_directory(tmp_path):
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    for name in ("data.json", "b.json", "c.csv", "d.xml", "e.yaml", "f.pdf", "g.doc"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    lines: list[str] = []
    found = list(expand_locations([str(tmp_path), str(tmp_path / "a.txt")], on_skipped=lines.append))
    assert found == [str(tmp_path / "a.txt")] * 2
    assert lines == [f"{tmp_path}: skipped 7 files with other suffixes (.csv, .doc, .json, .pdf, .xml, ...); "
                     "only .htm .html .markdown .md .text .txt files are read"]
