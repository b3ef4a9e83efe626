"""A page's own Chinese font: Noto Sans CJK SC cut down to the glyphs the page uses, embedded.

A report must read in Chinese on a machine without a CJK font, where every character would be a
box. The bundled Noto Sans CJK collection (``noto-cjk-sans-otc``, SIL Open Font Licence) is 19 MB;
fontTools keeps only the glyphs of the characters in the page and writes them as WOFF2, which
the page carries as a data URI (a few hundred kB for a Chinese report). A Chinese page leads
with this font; an English page with a few Chinese words (a customer's name) falls back to it.
"""

from __future__ import annotations

import base64
import io
import unicodedata
from functools import cache, lru_cache

from bs4 import BeautifulSoup

from campaign_eval.report.format import Language

__all__ = ["FONT_FAMILY", "embed_font", "font_face_css", "subset_woff2"]

FONT_FAMILY = "CE Noto Sans CJK SC"
"""The name the page gives the embedded font."""
_FACE = "Noto Sans CJK SC"
_WIDE = {"W", "F"}
_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))


@cache
def _face_number() -> int:
    """The index of the Simplified Chinese face in the bundled collection."""
    from fontTools.ttLib import TTCollection
    from noto_cjk_sans_otc import FONT_PATH

    with TTCollection(str(FONT_PATH), lazy=True) as collection:
        for number, face in enumerate(collection.fonts):
            if face["name"].getDebugName(1) == _FACE:
                return number
    msg = f"the bundled font collection has no {_FACE!r} face"  # pragma: no cover
    raise LookupError(msg)  # pragma: no cover


@lru_cache(maxsize=16)
def subset_woff2(characters: str) -> bytes:
    """Noto Sans CJK SC with only the glyphs of ``characters``, as WOFF2 bytes.

    Subsetting the CFF outlines costs about 5 ms a glyph (3-4 s for a Chinese report); a page
    rendered again with the same characters (the run index, a re-run) reuses the result.
    """
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont
    from noto_cjk_sans_otc import FONT_PATH

    options = Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [1, 2]  # family and style: the licence stays with the package
    buffer = io.BytesIO()
    with TTFont(str(FONT_PATH), fontNumber=_face_number(), lazy=False) as font:
        subsetter = Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(buffer)
    return buffer.getvalue()


def font_face_css(characters: str, *, lead: bool) -> str:
    """The ``@font-face`` rule of the subset, and where it goes in the page's font list.

    Args:
        characters: Every character the page shows.
        lead: Whether the font comes first (a Chinese page) or last (a fallback).
    """
    data = base64.b64encode(subset_woff2(characters)).decode("ascii")
    where = "--ce-font-lead" if lead else "--ce-font-tail"
    return (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-display: block; '
        f'src: url(data:font/woff2;base64,{data}) format("woff2"); }}\n'
        f':root {{ {where}: "{FONT_FAMILY}", ; }}'
    )


def embed_font(soup: BeautifulSoup, language: Language) -> None:
    """Add the font to the page's head when the page shows a Chinese character.

    Every character of the page counts: text, the table headers the phone layout shows from
    ``data-label``, and the words of the stylesheet (a full-width colon).
    """
    head = soup.find("head")
    if head is None:
        return
    shown = set(str(soup))
    if not any(unicodedata.east_asian_width(c) in _WIDE for c in shown):
        return
    characters = "".join(sorted(shown | set(_ASCII)))
    style = soup.new_tag("style")
    style.string = font_face_css(characters, lead=language == "zh")
    head.append(style)
