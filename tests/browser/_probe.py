"""Open a report in headless Chromium (Debian's) and measure what a reader meets.

``measure(page, width, height)`` loads a copy of the page with a small script appended (the
report itself has none) and returns, for that viewport: where the answer block starts, the
tables whose columns do not fit their column, whether the page scrolls sideways, and the
smallest chart text in CSS px. ``print_pdf(page)`` prints it to A4 and ``pdf_facts`` reads
the PDF back with poppler: pages, pages with nothing on them, and its text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.run._browser import chromium

SCRIPT = r"""
<script>
window.addEventListener('load', () => {
  const out = {answer_top: null, clipped: [], overflow: false, chart_px: [], tables: 0};
  const a = document.getElementById('answer');
  if (a) out.answer_top = Math.round(a.getBoundingClientRect().top + window.scrollY);
  out.overflow = document.documentElement.scrollWidth > window.innerWidth + 1;
  for (const t of document.querySelectorAll('table')) {
    out.tables += 1;
    let limit = document.documentElement.clientWidth;
    for (let p = t.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden'].includes(s.overflowX)) {
        limit = Math.min(limit, p.getBoundingClientRect().right);
      }
    }
    if (t.getBoundingClientRect().right > limit + 1) {
      const heads = t.querySelectorAll('thead th');
      out.clipped.push(heads.length ? heads[heads.length - 1].innerText.trim() : '?');
    }
  }
  for (const img of document.querySelectorAll('img[data-min-font-pt]')) {
    const shown = img.getBoundingClientRect().width;
    const natural = parseFloat(img.dataset.widthPt) * 4 / 3;
    out.chart_px.push(parseFloat(img.dataset.minFontPt) * 4 / 3 * shown / natural);
  }
  const pre = document.createElement('pre');
  pre.id = 'probe-result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""

GLYPHS = r"""
<script>
document.fonts.ready.then(() => {
  // A character drawn in the page's own font against the same character in a font that does not
  // exist: without a system CJK font the second is a missing-glyph box.
  const draw = (font, text) => {
    const c = document.createElement('canvas'); c.width = 64; c.height = 64;
    const g = c.getContext('2d'); g.font = font; g.fillText(text, 4, 48);
    return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
  };
  const family = getComputedStyle(document.body).fontFamily;
  const chinese = Array.from(document.querySelector('h1').innerText).filter(
    c => /[\u4e00-\u9fff]/.test(c));
  const out = {
    family: family,
    loaded: Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family),
    characters: chinese.slice(0, 2).join(''),
    page: draw('40px ' + family, chinese[0]),
    other: draw('40px ' + family, chinese[1]),
    box: draw('40px "no such font here"', chinese[0]),
  };
  const pre = document.createElement('pre');
  pre.id = 'probe-result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


@dataclass(frozen=True)
class Layout:
    """What a reader meets in one viewport."""

    answer_top: int | None
    clipped: list[str]
    overflow: bool
    chart_px: list[float]
    tables: int


def _run_script(page: Path, script: str, tmp: Path, *args: str) -> dict:
    text = page.read_text(encoding="utf-8")
    probe = tmp / f"probe-{page.stem}.html"
    probe.write_text(text.replace("</body>", script + "</body>"), encoding="utf-8")
    # beside the page: relative links and nothing else resolve the same way
    copy = page.parent / probe.name
    shutil.copy(probe, copy)
    try:
        dom = chromium(tmp, "--virtual-time-budget=5000", *args, "--dump-dom", copy.as_uri()).stdout
    finally:
        copy.unlink(missing_ok=True)
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.DOTALL)
    assert found, f"the probe did not run on {page.name}"
    raw = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    return json.loads(raw.replace("&amp;", "&"))


def measure(page: Path, width: int, height: int, tmp: Path) -> Layout:
    """Load ``page`` at ``width`` x ``height`` and measure it."""
    data = _run_script(page, SCRIPT, tmp, f"--window-size={width},{height}")
    return Layout(**data)


def glyphs(page: Path, tmp: Path) -> dict:
    """How the page's font draws the first two Chinese characters of its title, and how a font
    that does not exist draws the first (a missing-glyph box when the system has no CJK font)."""
    return _run_script(page, GLYPHS, tmp, "--window-size=800,600")


def print_pdf(page: Path, tmp: Path) -> Path:
    """The page printed to A4 by Chromium (its own header and footer off: the page has its own)."""
    pdf = tmp / f"{page.stem}.pdf"
    chromium(tmp, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists(), f"Chromium printed no PDF of {page.name}"
    return pdf


@dataclass(frozen=True)
class Printed:
    """A printed report as poppler reads it."""

    pages: int
    empty_pages: list[int]
    text: str


def pdf_facts(pdf: Path, tmp: Path) -> Printed:
    """Pages, pages with nothing between the running header and footer, and the text."""
    if not all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdftoppm")):
        pytest.skip("poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed")
    from PIL import Image

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    subprocess.run(["pdftoppm", "-r", "24", "-gray", "-png", str(pdf), str(tmp / "page")],
                   check=True)  # fmt: skip
    empty = []
    for number, image in enumerate(sorted(tmp.glob("page-*.png")), start=1):
        with Image.open(image) as picture:
            width, height = picture.size
            margin = int(height * 17 / 297)  # the 16 mm margins hold the running header/footer
            body = picture.convert("L").crop((0, margin, width, height - margin))
            if body.getextrema()[0] > 245:  # nothing darker than paper white
                empty.append(number)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return Printed(pages, empty, text.stdout)
