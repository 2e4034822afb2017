from __future__ import annotations

import json
from pathlib import Path

import pytest

from tabayyun.ingest import content_hash, expand_paths, read_bytes, read_path

ARTICLE = "أعلنت البلدية افتتاح حديقة جديدة في الحي الشرقي. وتبلغ مساحتها ثلاثة هكتارات."


@pytest.mark.parametrize(
    ("name", "data", "n_docs", "title"),
    [
        ("note.txt", ARTICLE.encode(), 1, ARTICLE[:120]),
        ("note.md", ("# حديقة جديدة\n\n" + ARTICLE).encode(), 1, "حديقة جديدة"),
        ("bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode(), 1, ARTICLE[:120]),
        ("utf16.txt", ARTICLE.encode("utf-16"), 1, ARTICLE[:120]),
        (
            "rows.jsonl",
            "\n".join(
                json.dumps({"text": t, "title": f"t{i}", "url": f"https://example.org/{i}",
                            "date": "2024-01-02"},
                           ensure_ascii=False)
                for i, t in enumerate([ARTICLE, "The park opens on Monday."])
            ).encode(),
            2,
            "t0",
        ),
        ("rows.csv", ("text,title\n\"" + ARTICLE + "\",حديقة\n").encode(), 1, "حديقة"),
        ("noext", b"Plain English text without a suffix.", 1, "Plain English text without a suffix."),
    ],
    ids=["txt", "markdown-heading-title", "utf8-bom", "utf16-bom", "jsonl", "csv", "no-suffix"],
)
def test_formats(name: str, data: bytes, n_docs: int, title: str) -> None:
    result = read_bytes(data, name)
    assert result.errors == []
    assert len(result.documents) == n_docs
    assert result.documents[0].title == title


def test_jsonl_keeps_url_and_date() -> None:
    line = json.dumps({"text": "x y z", "url": "https://example.org/a", "date": "2024-03-01"})
    doc = read_bytes(line.encode(), "a.jsonl").documents[0]
    assert (doc.url, doc.date, doc.source) == ("https://example.org/a", "2024-03-01", "https://example.org/a")


def test_html_main_text_drops_scripts_and_navigation() -> None:
    html = (
        "<html><head><title>عنوان الصفحة</title><script>var secret = 'tracker';</script></head><body>"
        "<nav><a href='/'>الرئيسية</a> <a href='/x'>رياضة</a></nav><article><h1>خبر مهم</h1>"
        "<p>" + ARTICLE + " وستفتح الحديقة أبوابها للزوار يوم الجمعة المقبل بعد انتهاء أعمال التشجير.</p>"
        "</article></body></html>"
    )
    doc = read_bytes(html.encode(), "page.html").documents[0]
    assert "أعلنت البلدية" in doc.text
    assert "tracker" not in doc.text
    assert doc.title == "خبر مهم"  # the article heading wins over <title>


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("binary.txt", bytes(range(256)) * 20, "binary"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "binary"),
        ("cp1256.txt", "أعلنت الحكومة".encode("cp1256"), "not UTF-8"),
        ("latin1.txt", "café crème".encode("latin-1"), "not UTF-8"),
        ("nocol.csv", b"body,title\nx,y\n", '"text" column'),
        ("late-nul.txt", "سطر عربي عادي عن الطقس.\n".encode() * 400 + b"\x00tail", "binary"),
        ("late-nul.jsonl", b'{"text": "a line"}\n' * 600 + b'{"text": "x\x00y"}\n', "binary"),
        ("nul-utf16.txt", "نص\x00مخفي".encode("utf-16"), "binary"),
    ],
    ids=["empty", "whitespace-only", "binary-bytes", "png", "arabic-cp1256", "latin1", "csv-without-text",
         "nul-after-8kb-txt", "nul-after-8kb-jsonl", "nul-in-utf16"],
)
def test_bad_input_is_a_clear_error_naming_the_file(name: str, data: bytes, message: str) -> None:
    result = read_bytes(data, name)
    assert result.documents == []
    assert len(result.errors) == 1
    err = result.errors[0]
    assert err.path == name
    assert message in str(err)
    assert str(err).startswith(name)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 1000)
    result = read_path(p, max_bytes=100)
    assert result.documents == []
    assert "too large" in str(result.errors[0])


def test_broken_jsonl_line_names_the_line_and_keeps_the_rest() -> None:
    lines = [
        json.dumps({"text": "first good line"}),
        '{"text": "broken',
        json.dumps({"title": "no text"}),
        "[1, 2]",
        json.dumps({"text": "last good line"}),
    ]
    result = read_bytes("\n".join(lines).encode(), "feed.jsonl")
    assert [d.text for d in result.documents] == ["first good line", "last good line"]
    assert [(e.path, e.line) for e in result.errors] == [("feed.jsonl", n) for n in (2, 3, 4)]
    assert "broken JSON" in str(result.errors[0])
    assert str(result.errors[0]).startswith("feed.jsonl:2:")


def test_csv_row_with_empty_text_names_its_line() -> None:
    data = b"text,title\ngood row,a\n,b\nanother,c\n"
    result = read_bytes(data, "t.csv")
    assert [d.text for d in result.documents] == ["good row", "another"]
    assert [e.line for e in result.errors] == [3]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "no such file" in str(read_path(tmp_path / "nope.txt").errors[0])
    assert "directory" in str(read_path(tmp_path).errors[0])


def test_expand_paths_recurses_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for rel in ["a.txt", "b/c.md", ".hidden.txt", "b/.x"]:
        (tmp_path / rel).write_text("x")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.md")]


def test_content_hash_is_exact() -> None:
    assert content_hash("نص") == content_hash("نص")
    assert content_hash("نص") != content_hash("نص ")


def test_json_objects_numbers_lines_like_an_editor() -> None:
    from tabayyun.jsonl import json_objects

    lines = ['{"a": 1}', "", "  ", "[1]", "{oops", '{"b": 2}']
    assert list(json_objects(lines)) == [
        (1, {"a": 1}, None),
        (4, None, "a JSON line must be an object"),
        (5, None, "broken JSON (Expecting property name enclosed in double quotes)"),
        (6, {"b": 2}, None),
    ]
