"""Helpers of the page tests: parse a page, and open one in headless Chromium (Debian's)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_TIMEOUT_S = 30


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium offline with a fresh profile; skips when it is not installed."""
    if CHROMIUM is None:
        pytest.skip("no chromium or chromium-browser binary on PATH")
    profile = tmp_path / "chromium-profile"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    # The timeout proves the page does not wait on the network (an online page stalls ~1 min).
    return subprocess.run(
        command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S, check=True
    )


def soup(html: str) -> BeautifulSoup:
    """The page, parsed."""
    return BeautifulSoup(html, "html.parser")
