"""HTML pieces: every piece of user text escaped, tables formatted and wrapped for phones, sections."""

from __future__ import annotations

import doctest

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from IPython.display import HTML

from campaign_eval.report import html as report_html
from campaign_eval.report.charts import (
    MIN_TEXT_PX,
    PHONE_COLUMN_PX,
    finish,
    new_figure,
    setup_style,
)
from campaign_eval.report.format import format_number, format_pct
from campaign_eval.report.html import (
    ANSWER_ID,
    KeyFigure,
    Section,
    answer,
    badge,
    bullet_list,
    callout,
    details,
    figure,
    heading,
    paragraph,
    section,
    show_table,
)

mpl.use("Agg")

NASTY = ["<b>x</b>", "<script>alert(1)</script>", 'a & "b"']


def _soup(html: HTML) -> BeautifulSoup:
    assert isinstance(html, HTML)
    return BeautifulSoup(html.data, "html.parser")


def test_docstring_examples():
    assert doctest.testmod(report_html).failed == 0


# ---------------------------------------------------------------------------------------------
# show_table


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "segment": ["核心价值客户", *NASTY],
            "customers": [1234567, 2, 30, 400],
            "response_rate": [0.1234, np.nan, 0.5, 1.0],
            "spend": [1523.456, 88.1, np.nan, 7.0],
            "visits": pd.array([1, None, 3, 4], dtype="Int64"),
        }
    )


def test_table_cells_are_escaped(frame):
    frame.columns = ["<b>segment</b>", *frame.columns[1:]]
    soup = _soup(show_table(frame, caption="<script>x</script> caption"))
    assert soup.find_all(["b", "script"]) == []
    cells = [td.get_text() for td in soup.select("tbody tr td:first-child")]
    assert cells == ["核心价值客户", *NASTY]
    assert soup.select("thead th")[0].get_text() == "<b>segment</b>"
    assert soup.select_one(".table-caption").get_text() == "<script>x</script> caption"


def test_table_formats_match_the_formatters(frame):
    soup = _soup(show_table(frame, pct_columns=["response_rate"], number_columns={"spend": 1}))
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")]
    for row, (_, expected) in zip(rows, frame.iterrows(), strict=True):
        assert row[1] == format_number(expected["customers"])
        assert row[2] == format_pct(expected["response_rate"])
        assert row[3] == format_number(expected["spend"], 1)
        assert row[4] == format_number(expected["visits"])
    assert rows[0][1:] == ["1,234,567", "12.3%", "1,523.5", "1"]
    assert rows[1][2] == "n/a"
    assert rows[1][4] == "n/a"  # a nullable-integer NA, which to_html would print as <NA>


def test_table_is_wrapped_for_phones(frame):
    soup = _soup(show_table(frame, pct_columns=["response_rate"]))
    wrap = soup.select_one("div.table-wrap")
    assert wrap is not None
    assert wrap.find("table") is not None
    # numeric columns are marked so the CSS right-aligns them and keeps them on one line
    first_row = soup.select_one("tbody tr").find_all("td")
    assert [td.get("class") for td in first_row] == [None, ["num"], ["num"], ["num"], ["num"]]
    header = soup.select("thead th")
    assert [th.get("class") for th in header] == [None, ["num"], ["num"], ["num"], ["num"]]


def test_table_unlisted_floats_get_two_decimals_and_index_is_shown_when_meaningful():
    df = pd.DataFrame({"rate": [0.5, 2.0]}, index=pd.Index(["a <i>", "b"], name="segment"))
    soup = _soup(show_table(df))
    assert [th.get_text() for th in soup.select("thead th")] == ["segment", "rate"]
    assert [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")] == [
        ["a <i>", "0.50"],
        ["b", "2.00"],
    ]
    assert soup.find("i") is None


def test_table_is_cut_at_max_rows():
    df = pd.DataFrame({"n": range(1500)})
    soup = _soup(show_table(df, max_rows=10))
    assert len(soup.select("tbody tr")) == 10
    assert soup.select_one(".table-note").get_text() == "Showing the first 10 of 1,500 rows."
    soup_zh = _soup(show_table(df, max_rows=10, language="zh"))
    assert soup_zh.select_one(".table-note").get_text() == "仅显示前 10 行，共 1,500 行。"
    assert _soup(show_table(df)).select_one(".table-note") is not None
    assert _soup(show_table(df.head(5))).select_one(".table-note") is None


def test_table_missing_words_follow_the_language(frame):
    soup = _soup(show_table(frame, language="zh"))
    assert "不适用" in soup.get_text()
    assert "n/a" not in soup.get_text()


def test_table_arguments_are_checked(frame):
    with pytest.raises(KeyError, match="pct_columns names columns not in the table"):
        show_table(frame, pct_columns=["rate"])
    with pytest.raises(ValueError, match="max_rows must be at least 1"):
        show_table(frame, max_rows=0)
    with pytest.raises(ValueError, match="language"):
        show_table(frame, language="de")


# ---------------------------------------------------------------------------------------------
# text helpers


@pytest.mark.parametrize("kind", ["info", "warning", "alert", "success"])
def test_callout(kind):
    soup = _soup(callout("Watch <b>this</b>\n& that", kind=kind))
    box = soup.select_one("div.callout")
    assert box["class"] == ["callout", f"callout-{kind}"]
    assert box.find("b") is None
    assert box.get_text("\n") == "Watch <b>this</b>\n& that"
    assert len(box.find_all("br")) == 1


def test_callout_kind_is_checked():
    with pytest.raises(ValueError, match=r"kind must be one of .*'success'; got 'danger'"):
        callout("x", kind="danger")


def test_paragraph():
    soup = _soup(paragraph("Line <script>one</script>\nLine two"))
    assert soup.find("script") is None
    assert soup.p.get_text("|") == "Line <script>one</script>|Line two"


@pytest.mark.parametrize("text", NASTY)
def test_helpers_escape_markup(text):
    for html in (callout(text), paragraph(text), bullet_list([text, 3])):
        soup = _soup(html)
        assert soup.find_all(["b", "script"]) == []
        assert text in soup.get_text()


def test_bullet_list():
    soup = _soup(bullet_list(["<b>x</b>", 12, "核心价值客户"]))
    assert [li.get_text() for li in soup.select("ul > li")] == ["<b>x</b>", "12", "核心价值客户"]
    assert _soup(bullet_list([])).select("li") == []


@pytest.mark.parametrize("level", [2, 3])
def test_heading(level):
    soup = _soup(heading("Who <b>buys</b> & why", level))
    element = soup.find(f"h{level}")
    assert element.get_text() == "Who <b>buys</b> & why"
    assert element.find("b") is None
    # a stable id from the text, so the table of contents and shared links survive a rerun
    assert element["id"] == _soup(heading("Who <b>buys</b> & why", level)).find(f"h{level}")["id"]
    assert element["id"] != _soup(heading("Other", level)).find(f"h{level}")["id"]


def test_heading_level_is_checked():
    with pytest.raises(ValueError, match="level must be one of 2, 3; got 1"):
        heading("x", 1)


def test_section_is_its_heading_then_its_parts_and_skips_nothing_to_show():
    got = section("Effects <b>", paragraph("one"), None, [callout("two"), None], level=3)
    assert isinstance(got, Section)
    soup = BeautifulSoup(got._repr_html_(), "html.parser")
    h3 = soup.find("h3")
    assert h3 is not None and h3.get_text() == "Effects <b>"  # escaped, shown as typed
    assert [p.get_text() for p in soup.select("p.ce-paragraph, div.callout")] == ["one", "two"]


def test_figure_is_an_embedded_svg_with_its_alt_text_and_text_size():
    import base64

    import matplotlib.pyplot as plt

    setup_style("en")  # Noto Sans CJK as the fallback for the Chinese words
    open_before = plt.get_fignums()
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    ax.set_title("客户数 by segment")
    img = _soup(figure(finish(fig), alt='Spend by segment <"core">')).find("img")
    assert img["src"].startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(img["src"].split(",", 1)[1]).decode("utf-8")
    assert "<text" not in svg  # text drawn as outlines: no font needed on the reader's machine
    assert "<script" not in svg and 'href="http' not in svg
    assert img["alt"] == 'Spend by segment <"core">'
    # on a 390 px phone the smallest text is at least 10 CSS px
    phone_px = float(img["data-min-font-pt"]) * PHONE_COLUMN_PX / float(img["data-width-pt"])
    assert phone_px >= MIN_TEXT_PX
    assert plt.get_fignums() == open_before  # nothing left open in pyplot


def test_the_same_figure_gives_the_same_svg():
    def draw() -> str:
        fig, ax = new_figure()
        ax.bar(["a", "b"], [1, 2])
        return figure(finish(fig), alt="x").data

    assert draw() == draw()  # no date, no random ids: reports of identical runs are identical


def test_the_answer_block_escapes_and_carries_its_id():
    block = _soup(
        answer(
            "Did it work?",
            "Yes <b>mostly</b>",
            [KeyFigure("Return", "CN¥11.9", "95% CI 2.2 to 21.6"), KeyFigure("Goals", "1 of 3")],
            tone="good",
            note="Check <i>complaints</i>",
        )
    )
    section = block.find("section", id=ANSWER_ID)
    assert section is not None and "ce-tone-good" in section["class"]
    assert section.find("h2").get_text() == "Did it work?"
    assert "<b>" not in str(block) and "Yes <b>mostly</b>" in block.get_text()
    assert [dt.get_text() for dt in block.find_all("dt")] == ["Return", "Goals"]
    assert block.select_one(".ce-kf-note").get_text() == "95% CI 2.2 to 21.6"
    with pytest.raises(ValueError, match="tone"):
        answer("q", "a", tone="great")  # type: ignore[arg-type]


def test_details_hold_method_text_out_of_the_reading_path():
    block = _soup(details("How this was computed", paragraph("Welch <t>"), None, [callout("x")]))
    assert block.find("summary").get_text() == "How this was computed"
    body = block.select_one(".ce-details-body")
    assert "Welch <t>" in body.get_text() and body.find("div", class_="callout") is not None
    assert (
        str(badge("Reached <1>", "good"))
        == '<span class="ce-badge ce-badge-good">Reached &lt;1&gt;</span>'
    )


def test_table_cells_carry_their_column_for_the_phone_cards():
    frame = pd.DataFrame({"Segment <x>": ["core"], "Customers": [1200]})
    cells = _soup(show_table(frame)).select("tbody td")
    assert [c["data-label"] for c in cells] == ["Segment <x>", "Customers"]
