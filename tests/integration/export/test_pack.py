"""The pack's own pages: contents, coverage, attachments (caption and SHA-256), edits,
declaration and sign-off."""

from __future__ import annotations

import re

from helpers.export import ExportResult

from .pages import PAYLOADS, parse


def test_pack_sections_are_present(xss_export: ExportResult) -> None:
    page = xss_export.html_path.read_text(encoding="utf-8")
    for anchor in ("contents", "coverage", "attachments", "edits", "declaration", "signoff"):
        assert f'id="{anchor}"' in page
    assert page.count("<h1") == 1
    attachments = page[page.index('id="attachments"') : page.index('id="edits"')]
    assert PAYLOADS[2] in " ".join(parse(attachments).text)  # the caption, as text
    assert re.search(r"[0-9a-f]{64}", page)  # its SHA-256
