"""The app's own addresses beside its pages, served by the same server (st.App's routes): the headline card of a
month at phone.CARD_ROUTE (/card/2024-09.png), the PNG that the group message's picture (钉钉) points at. The
file is the one the push kept beside the database (phone.card_file); a month without one is drawn on request."""

from __future__ import annotations

import asyncio
import functools

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tradestats import config
from tradestats.domain.periods import Period
from tradestats.present import phone


def card_bytes(month: Period) -> bytes | None:
    """The month's card (kind "month"): the push's file, else drawn now."""
    file = phone.card_file(config.db_path(), month)
    if file.exists():
        return file.read_bytes()
    from tradestats.documents import card  # Chromium and the queries only for a card no push has kept yet
    from tradestats.store import db, duckdb_compat, queries  # likewise

    with duckdb_compat.reading():  # the pages' database instance: no eviction while this reads
        con = db.connect(config.db_path())
        try:
            _, fig = card.of(functools.partial(queries.run, con), month)
        finally:
            con.close()
    return card.png(fig)


async def card_png(request: Request) -> Response:
    year, month = request.path_params["year"], request.path_params["month"]
    if not 1 <= month <= 12:
        return Response(f"月份应在1到12之间，而不是 {month}。", status_code=404, media_type="text/plain; charset=utf-8")
    try:
        data = await asyncio.to_thread(card_bytes, Period(year, month, "month"))
    except Exception as e:  # noqa: BLE001 — said to whoever asked, in Chinese; the server goes on
        return Response(f"{year}年{month}月的主要指标卡片无法生成：{e}", status_code=404,
                        media_type="text/plain; charset=utf-8")
    return Response(data, media_type="image/png", headers={"Cache-Control": "no-cache"})


ROUTES = [Route(phone.CARD_ROUTE.replace("{year}", "{year:int}").replace("{month}", "{month:int}"), card_png)]
