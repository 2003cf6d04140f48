"""The news paragraph: the report's own sentences from the demo data, and the wording of the other cases
on the fixture database (甲市, see tests/fixture_data)."""

import datetime as dt
import shutil

from conftest import FIXTURE_DATA, runner

from tradestats.deploy import deployment
from tradestats.documents import narrative
from tradestats.domain import summary
from tradestats.domain.periods import Period
from tradestats.ingest import importer

REPORT = ("全年全市完成公共资源进场交易项目1534宗，同比增长23.81%；交易总额293.74亿元，同比增长18.59%，"
          "增收资金1555.53万元，节约资金11.86亿元，实现交易总量与交易总额“双量齐增”，交易总额位列全省14个市州第5，"
          "创历史新高。"
          "全年服务工程建设类项目666宗，同比上升26.14%；自然资源类项目232宗，同比上升51.63%，其中，"
          "涉重点产业交易项目679宗，成交金额196.01亿元。")


# The demo's project list has 投标人数 and 是否流标/终止 (synthetic, data/README.md): the sentence on them
# follows the report's two (as `tradestats market --year 2024 --json`: avg_bidders, failed_rate_pct).
COMPETITION = "全年平均每个项目吸引投标人6.35家，同比增长1.76%；流标率6.58%，比上年同期下降1.23个百分点。"

# The demo's 2024 targets are made up (data/README.md): the sentence on them follows the report's two.
TARGETS = ("全年，交易额完成年度目标的113.0%，超序时进度13.0个百分点；项目数完成年度目标的109.6%，超序时进度9.6个百分点；"
           "节约资金完成年度目标的98.8%，落后序时进度1.2个百分点。")


def test_demo_2024_gives_the_reports_sentences(dq):
    assert narrative.paragraph(dq, Period(2024)) == REPORT + COMPETITION + TARGETS
    assert narrative.paragraph(dq, Period(2024, 9)).endswith(
        "截至9月，交易额完成年度目标的79.4%，超序时进度4.4个百分点；项目数完成年度目标的74.6%，落后序时进度0.4个百分点；"
        "节约资金完成年度目标的68.0%，落后序时进度7.0个百分点。")
    # Both sentences stand in the report as they are.
    from tradestats import config

    text = (config.DATA_DIR / "demo" / "huaihua-2024-performance-report.txt").read_text(encoding="utf-8")
    for sentence in REPORT.split("。")[:-1]:
        assert sentence in text


def test_competition_sentence_follows_the_bidders_of_the_project_lists(dq):
    from tradestats.domain import market

    s = market.summarize(dq, summary.context(dq), Period(2024, 6))
    assert (s["avg_bidders"], s["failed_rate_pct"]) == (6.17, 8.17)
    assert "1-6月平均每个项目吸引投标人6.17家，同比下降1.12%；流标率8.17%，比上年同期下降0.82个百分点。" in \
        narrative.paragraph(dq, Period(2024, 6))


def test_bidders_without_a_failed_column_and_none_without_bidders(tmp_path, fq):
    # The fixture's March in 一区 replaced by a list of two trades with 投标人数 (3 and 6) and no 是否流标 column.
    path = tmp_path / "t.duckdb"
    deployment.build(path, FIXTURE_DATA)
    text = "项目编号,项目名称,板块,地区,成交日期,成交金额,投标人数\nP-1,路,工程建设,一区,2024-03-01,10,3\nP-2,桥,工程建设,一区,2024-03-20,20,6家\n"
    plan = importer.plan(path, "明细.csv", text.encode(), today=dt.date(2025, 6, 30))
    assert not plan.errors, [str(p) for p in plan.errors]
    importer.apply(path, plan, confirmed=True)
    q = runner(path)
    assert narrative.competition_sentence(q, Period(2024, 3, "month"), "900101") == \
        "3月平均每个项目吸引投标人4.50家，上年同期无数据。"
    assert narrative.paragraph(q, Period(2024, 3, "month"), "900101").endswith("3月平均每个项目吸引投标人4.50家，上年同期无数据。")
    # No project list with bidders: no such sentence, the paragraph as before.
    assert narrative.competition_sentence(fq, Period(2024), "900100") == ""
    assert "投标人" not in narrative.paragraph(fq, Period(2024))


def test_growth_of_the_fixture_year(fq):
    assert narrative.paragraph(fq, Period(2024)) == (
        "全年全市完成公共资源进场交易项目8宗，同比增长60.00%；交易总额255.00万元，同比增长27.50%，"
        "增收资金12.00万元，节约资金15.00万元，实现交易总量与交易总额“双量齐增”，交易总额位列全省3个市州第1，"
        "创历史新高。"
        "全年服务政府采购类项目3宗，同比上升200.00%，其中，涉重点产业交易项目3宗，成交金额170.00万元。")


def test_no_change(fq):
    # 二县 in January: 1宗 and 50万元 in both years; no sector grew faster than the total, so all are named.
    text = narrative.paragraph(fq, Period(2024, 1, "month"), "900102")
    assert text.startswith("1月二县完成公共资源进场交易项目1宗，与上年同期持平；交易总额50.00万元，与上年同期持平，")
    assert "双量齐增" not in text and "自然资源类项目1宗，与上年同期持平" in text


def test_decline(tmp_path):
    # The fixture plus one month of 2025 in which 一区 trades less than in January 2024 (3宗, 150万元).
    data = shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    with open(data / "demo" / "trade_monthly.csv", "a", encoding="utf-8") as f:
        f.write("2025,1,900101,engineering,2,120.00,130.00,10.00,0.00,0,0.00\n")
    deployment.build(tmp_path / "t.duckdb", data)
    text = narrative.paragraph(runner(tmp_path / "t.duckdb"), Period(2025, 1, "month"), "900101")
    assert text.startswith("1月一区完成公共资源进场交易项目2宗，同比下降33.33%；交易总额120.00万元，同比下降20.00%，")
    assert "工程建设类项目2宗，同比下降33.33%" in text and "创历史新高" not in text


def test_no_data(fq):
    assert narrative.paragraph(fq, Period(2024, 12, "month"), "900199") == "2024年12月市本级没有公共资源交易数据。"


def test_ytd_wording_and_a_zero_base(fq):
    text = narrative.paragraph(fq, Period(2024, 3, "month"), "900102")
    # March: 1 procurement trade against a reported zero: no base for 同比.
    assert text.startswith("3月二县完成公共资源进场交易项目1宗，上年同期无数据；")
    assert narrative.paragraph(fq, Period(2024, 2)).startswith("1-2月全市完成公共资源进场交易项目7宗，同比增长75.00%；")


def test_decline_words():
    assert narrative.change_words(-16.666) == "同比下降16.67%"
    assert narrative.change_words(-3.2, "上升", "下降") == "同比下降3.20%"
    assert narrative.change_words(0.001) == "与上年同期持平"
