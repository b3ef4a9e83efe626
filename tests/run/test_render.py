"""Stage reports and the run index: offline, code-free, escaped, with a table of contents."""

from __future__ import annotations

import base64
import io
import re
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import nbformat
import pytest
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from campaign_eval.run import page
from campaign_eval.run.render import ReportHeader, render_html
from tests.run._browser import chromium as _chromium
from tests.run._browser import soup as _soup

EVIL = '<script>alert(1)</script> & "Q3"'
STDERR_TEXT = "/tmp/ipykernel_123/foo.py:3: UserWarning: response rates are noisy\n"
CODE_SNIPPETS = ("import pandas", "df.groupby", "raise ValueError", "secret_variable")
ANSI_TRACEBACK = [
    "\x1b[0;31m---------------------------------------------------------------------------\x1b[0m",
    "\x1b[0;31mValueError\x1b[0m                                Traceback (most recent call last)",
    "File \x1b[0;32m/home/ann/campaign/segmentation.py:12\x1b[0m\n----> 1 raise ValueError",
    "\x1b[0;31mValueError\x1b[0m: bad column in /work/data/orders.parquet",
]


def _png() -> str:
    fig = Figure(figsize=(2, 1), dpi=50)
    fig.subplots().plot([0, 1], [1, 0])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _notebook() -> nbformat.NotebookNode:
    """An executed notebook as papermill leaves it after a failure, outputs built directly."""
    error_top = new_markdown_cell(
        '<span style="color:red">An Exception was encountered at \'<a href="#papermill-error-cell">'
        "In [6]</a>'.</span>",
        metadata={"tags": ["papermill-error-cell-tag"]},
    )
    error_anchor = new_markdown_cell(
        '<span id="papermill-error-cell" style="color:red">'
        "Execution using papermill encountered an exception here and stopped:</span>",
        metadata={"tags": ["papermill-error-cell-tag"]},
    )
    return new_notebook(
        cells=[
            error_top,
            new_code_cell("secret_variable = 1", metadata={"tags": ["injected-parameters"]}),
            new_code_cell(
                "import pandas as pd\nimport warnings",
                outputs=[new_output("stream", name="stderr", text=STDERR_TEXT)],
            ),
            new_markdown_cell("# Segmentation"),
            new_markdown_cell(
                "Analyst notes: internal, rerun after the export.",
                metadata={"tags": ["analyst-note"]},
            ),
            new_markdown_cell("## Who the customers are\n\nSome **context**."),
            new_code_cell(
                "df.groupby('segment').size()",
                outputs=[
                    new_output(
                        "display_data",
                        data={"text/html": "<p class='shown'>Display <b>HTML</b></p>"},
                    ),
                    new_output("stream", name="stdout", text="Wrote /home/ann/out/segments.csv\n"),
                ],
            ),
            new_markdown_cell("### 核心价值客户"),
            new_code_cell(
                "fig",
                outputs=[
                    new_output("display_data", data={"image/png": _png(), "text/plain": "<Fig>"}),
                    new_output(
                        "execute_result",
                        data={"text/plain": "<matplotlib.legend.Legend at 0x7f3a2c1d9e50>"},
                        execution_count=4,
                    ),
                ],
            ),
            new_markdown_cell("## Evaluation"),
            new_code_cell(
                "display(report.heading(ctx.t('eval.h.lift'), 3))",
                outputs=[
                    new_output("display_data", data={"text/html": '<h3 id="s-1a2b">Lift</h3>'})
                ],
            ),
            new_markdown_cell("## Evaluation"),
            error_anchor,
            new_code_cell(
                'raise ValueError("bad column")',
                outputs=[
                    new_output(
                        "error",
                        ename="ValueError",
                        evalue="bad column in /work/data/orders.parquet",
                        traceback=ANSI_TRACEBACK,
                    )
                ],
            ),
            new_code_cell("print('never ran')"),
        ]
    )


def _header(language: str = "en", name: str = EVIL) -> ReportHeader:
    return ReportHeader(
        campaign_name=name,
        campaign_id="CMP-7",
        stage_title="Segmentation" if language == "en" else "客户细分",
        run_date=datetime(2026, 7, 1, 9, 30, tzinfo=UTC),
        data_date=date(2026, 6, 30),
        language=language,
    )


@pytest.fixture
def rendered(tmp_path: Path) -> tuple[str, Path]:
    log = tmp_path / "run.log"
    out = render_html(
        _notebook(), tmp_path / "report.html", language="en", header=_header(), log_path=log
    )
    return out.read_text(encoding="utf-8"), log


def test_page_has_no_script_source_or_external_reference(rendered):
    html, _ = rendered
    soup = _soup(html)
    assert "<script src" not in html
    assert soup.find_all("script") == []
    assert soup.find_all("link") == []
    for tag in soup.find_all(True):
        for attribute in ("src", "href"):
            value = tag.get(attribute)
            if value is not None:
                assert not re.match(r"(https?:)?//", value), (tag.name, value)
    # The lab CSS credits sites in comments; they are stripped, so no URL is left at all.
    assert "http://" not in html
    assert "https://" not in html
    assert "//cdn" not in html


def test_page_shows_no_code_traceback_or_machine_path(rendered):
    html, _ = rendered
    text = _soup(html).get_text()
    for snippet in CODE_SNIPPETS:
        assert snippet not in html
    for leak in ("Traceback", "/tmp/", "/home/", "/work/", "ipykernel", "UserWarning", "0x7f"):
        assert leak not in html, leak
    assert "An Exception was encountered" not in html
    assert "papermill" not in text.lower()
    assert "never ran" not in html
    assert "Analyst notes" not in html
    # printed text keeps its meaning, without the folder
    assert "Wrote segments.csv" in text


def test_stderr_and_traceback_go_to_the_log(rendered):
    _, log = rendered
    logged = log.read_text(encoding="utf-8")
    assert STDERR_TEXT.strip() in logged
    assert "ValueError: bad column in /work/data/orders.parquet" in logged
    assert "Traceback (most recent call last)" in logged
    assert "\x1b[" not in logged
    assert "Legend at 0x7f3a2c1d9e50" in logged


def test_failure_becomes_one_plain_sentence(rendered):
    html, _ = rendered
    notices = _soup(html).select(".ce-notice")
    assert [n.get_text() for n in notices] == [page.words_of("en")["notice"]]


def test_images_are_embedded_png_with_alt_text(rendered):
    html, _ = rendered
    images = _soup(html).find_all("img")
    assert len(images) == 1
    assert images[0]["src"].startswith("data:image/png;base64,")
    assert images[0]["alt"] == page.words_of("en")["chart_alt"]


def test_toc_lists_the_headings_below_the_header(rendered):
    html, _ = rendered
    soup = _soup(html)
    nav = soup.select_one("nav.ce-toc")
    assert nav is not None
    assert nav.find_previous_sibling("header", class_="ce-header") is not None
    assert nav.select_one("#ce-toc-title").get_text() == "Contents"
    entries = [(a.get_text(), a["href"]) for a in nav.select("li > a")]
    assert [text for text, _ in entries] == [
        "Who the customers are",
        "核心价值客户",
        "Evaluation",
        "Lift",
        "Evaluation",
    ]
    assert "¶" not in nav.get_text()
    # every entry points at a distinct heading of the page, the repeated one included
    targets = [href.removeprefix("#") for _, href in entries]
    assert len(set(targets)) == len(targets)
    for target in targets:
        assert soup.main.find(id=target).name in {"h2", "h3"}
    # the h3 is nested under its h2
    assert nav.select("ol > li > ol > li > a")[0].get_text() == "核心价值客户"


def test_header_escapes_user_text(rendered):
    html, _ = rendered
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    header = _soup(html).select_one("header.ce-header")
    assert EVIL in header.get_text()
    assert "2026-07-01 09:30 UTC" in header.get_text()
    assert "2026-06-30" in header.get_text()


def test_chinese_page(tmp_path):
    out = render_html(
        _notebook(), tmp_path / "zh.html", language="zh", header=_header("zh", "春季关怀")
    )
    soup = _soup(out.read_text(encoding="utf-8"))
    assert soup.html["lang"] == "zh"
    assert soup.select_one("#ce-toc-title").get_text() == "目录"
    header = soup.select_one("header.ce-header").get_text()
    assert "运行日期" in header
    assert "数据截至" in header
    assert "春季关怀" in soup.title.get_text()
    assert [n.get_text() for n in soup.select(".ce-notice")] == [page.words_of("zh")["notice"]]


def test_guide_cells_stay_out_and_the_analysts_own_cells_show(tmp_path):
    nb = new_notebook(
        cells=[
            new_markdown_cell("Guide: the funnel; change monitoring.targets", id="guide-funnel"),
            new_code_cell(
                "view.funnel()",
                outputs=[new_output("display_data", data={"text/html": "<h2>Funnel</h2>"})],
            ),
            new_markdown_cell("Our note: the SMS provider failed on 8 July.", id="a1b2c3"),
            new_markdown_cell(
                "Risky: <script>alert(1)</script> ![logo](https://example.com/x.png) "
                "[click](javascript:alert(2))",
                id="d4e5f6",
            ),
        ]
    )
    html = render_html(nb, tmp_path / "r.html", language="en", header=_header()).read_text()
    assert "Guide: the funnel" not in html
    assert "Our note: the SMS provider failed on 8 July." in html
    soup = _soup(html)
    assert soup.find("main").find("script") is None
    assert "<script>alert(1)</script>" in soup.get_text()  # shown as typed
    assert "example.com" not in html  # no image from the internet; its alt text stays
    assert all("javascript:" not in a.get("href", "") for a in soup.find_all("a"))


def test_render_from_a_path_replaces_the_file_atomically(tmp_path):
    source = tmp_path / "executed.ipynb"
    nbformat.write(_notebook(), source)
    out = tmp_path / "reports" / "report.html"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    result = render_html(source, out, language="en", header=_header())
    assert result == out
    assert "ce-toc" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.html"]


def test_input_notebook_is_not_modified(tmp_path):
    nb = _notebook()
    before = nbformat.writes(nb)
    render_html(nb, tmp_path / "r.html", language="en", header=_header())
    assert nbformat.writes(nb) == before


def test_clean_exit_is_not_reported_as_a_failure(tmp_path):
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Only section"),
            new_code_cell(
                "import sys; sys.exit()",
                outputs=[new_output("error", ename="SystemExit", evalue="", traceback=[])],
            ),
        ]
    )
    html = render_html(nb, tmp_path / "r.html", language="en", header=_header()).read_text()
    assert _soup(html).select(".ce-notice") == []


def test_failure_marked_only_by_papermill_still_gets_a_notice(tmp_path):
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Step"),
            new_code_cell("x = slow()", metadata={"papermill": {"exception": True}}),
        ]
    )
    html = render_html(nb, tmp_path / "r.html", language="en", header=_header()).read_text()
    assert len(_soup(html).select(".ce-notice")) == 1


def test_language_is_checked(tmp_path):
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'; got 'fr'"):
        render_html(_notebook(), tmp_path / "r.html", language="fr", header=_header())
    with pytest.raises(ValueError, match=r"header\.language is 'en' but language is 'zh'"):
        render_html(_notebook(), tmp_path / "r.html", language="zh", header=_header("en"))
    with pytest.raises(ValueError, match="language"):
        _header("de")


def test_template_css_covers_phone_and_print():
    css = (page.TEMPLATES_DIR / "campaign_eval" / "report.css").read_text(encoding="utf-8")
    for rule in (
        "max-width: 960px",
        "overflow-x: auto",
        "white-space: nowrap",
        "max-width: 100%",
        "height: auto",
        "@media (max-width: 600px)",
        "@media print",
    ):
        assert rule in css, rule
    conf = (page.TEMPLATES_DIR / "campaign_eval" / "conf.json").read_text(encoding="utf-8")
    assert '"base_template": "lab"' in conf


# ---------------------------------------------------------------------------------------------
# a real papermill run (the error cells and the chart display come from the real tools)


@pytest.mark.slow
def test_real_papermill_failure_renders_cleanly(tmp_path):
    papermill = pytest.importorskip("papermill")
    source = textwrap.dedent(
        """
        import sys, warnings
        from campaign_eval import report
        from campaign_eval.report.charts import finish, new_figure, setup_style
        setup_style("zh")
        warnings.warn("rates are noisy")
        print("/tmp/ipykernel_123/foo.py:3: UserWarning: stderr line", file=sys.stderr)
        """
    )
    chart = textwrap.dedent(
        """
        fig, ax = new_figure()
        ax.bar(["核心价值客户", "新客户"], [3, 1])
        finish(fig, "客户数")
        """
    )
    nb = new_notebook(
        cells=[
            new_code_cell(source),
            new_markdown_cell("## 概览"),
            new_code_cell('report.show_table(__import__("pandas").DataFrame({"a": [1234]}))'),
            new_markdown_cell("## 图表"),
            new_code_cell(chart),
            new_markdown_cell("## 失败"),
            new_code_cell('raise RuntimeError("at /home/ann/x.csv")'),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    src, executed = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, src)
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            str(src), str(executed), kernel_name="python3", progress_bar=False
        )
    log = tmp_path / "run.log"
    out = render_html(
        executed, tmp_path / "r.html", language="zh", header=_header("zh"), log_path=log
    )
    html = out.read_text(encoding="utf-8")
    soup = _soup(html)
    for leak in ("Traceback", "/tmp/", "/home/", "RuntimeError", "warnings.warn", "papermill"):
        assert leak not in html, leak
    assert len(soup.find_all("img")) == 1  # the chart, shown once
    assert "1,234" in soup.get_text()
    assert len(soup.select(".ce-notice")) == 1
    assert [a.get_text() for a in soup.select("nav.ce-toc a")] == ["概览", "图表", "失败"]
    logged = log.read_text(encoding="utf-8")
    assert "rates are noisy" in logged
    assert "stderr line" in logged
    assert "RuntimeError: at /home/ann/x.csv" in logged


# ---------------------------------------------------------------------------------------------
# in a real browser


@pytest.mark.browser
def test_report_opens_offline_in_chromium(tmp_path):
    out = render_html(_notebook(), tmp_path / "report.html", language="en", header=_header())
    dom = _chromium(tmp_path, "--dump-dom", out.as_uri()).stdout
    soup = _soup(dom)
    assert soup.select_one("nav.ce-toc li > a").get_text() == "Who the customers are"
    assert soup.select_one("header.ce-header h1").get_text() == "Segmentation"

    shot = tmp_path / "phone.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=390,2000", out.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 10_000  # a blank 390x2000 page compresses to a few KB
    width = int.from_bytes(data[16:20], "big")
    assert width == 390


def _answer_notebook() -> nbformat.NotebookNode:
    """A report whose answer cell comes after a section, as an analyst might reorder it."""
    from campaign_eval.report.html import KeyFigure, answer, heading

    block = answer("Did it work?", "Yes, <b>mostly</b>.", [KeyFigure("Return", "CN¥11.9")])
    return new_notebook(
        cells=[
            new_code_cell("x", outputs=[_html_output(heading("Details").data)]),
            new_code_cell("view.answer()", outputs=[_html_output(block.data)]),
        ]
    )


def _html_output(markup: str) -> nbformat.NotebookNode:
    return new_output("display_data", data={"text/html": markup, "text/plain": "x"})


def test_the_answer_comes_first_then_the_contents(tmp_path):
    out = render_html(_answer_notebook(), tmp_path / "a.html", language="en", header=_header())
    soup = _soup(out.read_text(encoding="utf-8"))
    block = soup.find("section", id="answer")
    assert block.find_previous_sibling("header", class_="ce-header") is not None
    assert block.find_next_sibling("nav", class_="ce-toc") is not None
    assert "Yes, <b>mostly</b>." in block.get_text()  # escaped, shown as typed
    toc = [a.get_text() for a in soup.select("nav.ce-toc a")]
    assert toc == ["Details"]  # the answer's own question is not a contents entry
    assert soup.select_one("nav.ce-toc > details > summary").get_text() == "Contents"


def test_stage_pages_link_to_the_index_and_their_neighbours(tmp_path):
    from campaign_eval.run.render import page_links

    pages = [("Segmentation", "01_segmentation.html"), ("Plan", "02_plan.html")]
    links = page_links(pages, "02_plan.html", "zh")
    assert links == (("运行概览", "index.html"), ("← Segmentation", "01_segmentation.html"))
    header = ReportHeader(
        campaign_name="Q3", campaign_id="q3", stage_title="Plan", run_date=date(2026, 7, 1),
        data_date=None, language="en", links=page_links(pages, "01_segmentation.html", "en"),
    )  # fmt: skip
    out = render_html(_answer_notebook(), tmp_path / "p.html", language="en", header=header)
    nav = _soup(out.read_text(encoding="utf-8")).select("header .ce-links a")
    assert [(a.get_text(), a["href"]) for a in nav] == [
        ("Run overview", "index.html"),
        ("Plan →", "02_plan.html"),
    ]


def test_the_print_header_names_the_campaign_without_letting_it_out_of_its_string(tmp_path):
    out = render_html(_answer_notebook(), tmp_path / "p.html", language="en", header=_header())
    styles = " ".join(
        s.get_text() for s in _soup(out.read_text(encoding="utf-8")).find_all("style")
    )
    rule = re.search(r'@top-left \{ content: "([^"]*)"', styles)
    assert rule is not None
    escaped = rule.group(1)
    assert "<" not in escaped and '"' not in escaped and "\\00003c" in escaped  # EVIL's "<"


def test_a_chinese_page_carries_the_glyphs_it_uses_and_an_english_one_none(tmp_path):
    from fontTools.ttLib import TTFont

    zh = render_html(_notebook(), tmp_path / "zh.html", language="zh", header=_header("zh", "春季"))
    html = zh.read_text(encoding="utf-8")
    found = re.search(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", html)
    assert found is not None and '--ce-font-lead: "CE Noto Sans CJK SC"' in html
    font = TTFont(io.BytesIO(base64.b64decode(found.group(1))))
    cmap = font.getBestCmap()
    visible = _soup(html).get_text()
    assert all(ord(c) in cmap for c in set(visible) if c.strip() and ord(c) > 0x2E7F)
    assert len(cmap) < 2000  # a subset, not the whole 65,535-glyph face
    font.close()
    english = render_html(_answer_notebook(), tmp_path / "en.html", language="en", header=_header())
    assert "font/woff2" not in english.read_text(encoding="utf-8")
