"""The month's 统计月报 (Word, PDF) and 汇报PPT as files: the one content of the month (brief) handed to the
writer of its format (report, deck). brief builds the content and knows no writer; the writers read it."""

from __future__ import annotations

from tradestats.documents import brief
from tradestats.domain.periods import Period
from tradestats.domain.summary import Query


def write(q: Query, month: Period, region: str | None, fmt: str) -> tuple[str, bytes]:
    """One document of the month (kind "month": the report of 2024年6月 covers 1–6月累计 and 6月): its file name
    and bytes."""
    if fmt not in brief.FORMATS:
        raise ValueError(f"格式应为 {' / '.join(brief.FORMATS)} 之一，而不是 {fmt}。")
    content = brief.build(q, month, region)
    if fmt == "pptx":
        from tradestats.documents import deck  # python-pptx: loaded when a deck is asked, not with the page

        return content.file_name(fmt), deck.pptx(content)
    from tradestats.documents import report  # python-docx and the PDF printer: likewise

    return content.file_name(fmt), report.docx(content) if fmt == "docx" else report.pdf(content)
