"""The headline card (`tradestats card`): its SVG's text holds the figures of `tradestats summary --json` exactly,
in the metric catalogue's format; the PNG is 1080 px wide and within a robot's 2 MB; bad input is said in Chinese."""

import functools
import json

import pytest
from test_cli import tradestats

from tradestats.documents import card
from tradestats.domain import metrics
from tradestats.store import db, queries
from tradestats.domain.periods import Period


def summary_json(demo_db, *args):
    r = tradestats("summary", "--year", "2024", "--month", "9", "--json", *args, db=demo_db)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("region", [None, "431224"])
def test_the_cards_text_is_the_summarys_figures(demo_db, region):
    s = summary_json(demo_db, *(["--region", region] if region else []))
    q = functools.partial(queries.run, db.connect(demo_db))
    _, fig = card.of(q, Period(2024, 9, "month"), region)
    lines = card.svg_lines(card.svg(fig))
    assert f"{s['region_name']} · {s['period_label']} · 数据更新至2024年12月" in lines
    for metric in metrics.HEADLINE:
        at = lines.index(metric.label)
        assert lines[at + 1:at + 3] == [metric.format(s[metric.column]), f"同比 {metrics.change(s[metric.yoy_column])}"]
    assert lines[lines.index("项目数") + 1] == f"{s['projects']}宗"
    scope = "全省" if region is None else "全市"
    rank = next(t for t in lines if t.startswith(scope))
    assert rank.startswith(f"{scope}{s['rank_of']}个") and f"第{s['rank']}，较上年" in rank
    whole = [t for t in s["targets"] if t["sector_code"] is None]
    assert whole  # the demo sets targets for the city and for 溆浦县
    for t in whole:
        assert f"{t['completion_pct']:.2f}%（{t['schedule_pct']:.2f}%）" in lines


def test_the_card_command_writes_a_png_1080_px_wide_within_2_mb(demo_db, tmp_path):
    out = tmp_path / "card.png"
    r = tradestats("card", "--year", "2024", "--month", "9", "--out", str(out), db=demo_db)
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and card.png_width(data) == 1080 and len(data) < 2 * 1024 * 1024
    assert "1080 像素宽" in r.stdout


@pytest.mark.parametrize("args, said", [
    (["--month", "13", "--out", "c.png"], "月份应在1到12之间"),
    (["--month", "9", "--region", "999", "--out", "c.png"], "地区编码 999 不是"),
    (["--month", "9", "--out", "c.pdf"], "应是 .png 文件"),
    (["--month", "9"], "--out"),
])
def test_bad_card_arguments_are_said_in_chinese(demo_db, tmp_path, args, said):
    r = tradestats("card", "--year", "2024", *[str(tmp_path / a) if a.endswith((".png", ".pdf")) else a for a in args],
                   db=demo_db)
    assert r.returncode == 2 and said in r.stderr and "Traceback" not in r.stderr
