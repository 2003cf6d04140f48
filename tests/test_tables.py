import pandas as pd

from tradestats.present import tables


def test_month_ranges():
    assert tables.month_ranges([1, 2, 3, 5, 7, 8]) == "1-3月、5月、7-8月"
    assert tables.month_ranges([12]) == "12月"


def test_gaps_note_names_regions_and_months():
    gaps = pd.DataFrame({"region_name": ["三县", "一区"], "missing_months": [[1, 2, 3], [3]]})
    assert tables.gaps_note(gaps) == ("以下地区有月份没有上报数据，全市合计只含已上报的数据（上报为零的不算缺报）："
                                      "三县（1-3月）、一区（3月）。")
    assert tables.gaps_note(gaps.iloc[0:0]) is None


def test_sector_detail_takes_each_sectors_own_money_measure(fq):
    from tradestats.domain import summary
    from tradestats.domain.periods import Period

    t = tables.sector_detail_table(summary.sectors(fq, Period(2024), "900100"))
    assert list(t["节约/增收资金"]) == ["10.00万元", "5.00万元", "2.00万元", "10.00万元"]
    assert list(t["节资率/增值率"]) == ["6.25%", "10.00%", "25.00%", "25.00%"]
    assert list(t["占比变化"])[0] == "-6.18个百分点"


def test_the_rates_base_is_named_as_the_sql_divides_by_it_and_the_same_in_the_page_and_the_brief():
    """derived.sql divides 节资率 and 增值率 by the reference price unless rate_basis says 'amount': the page's note
    and the 统计月报's definitions name that base, from one rule (metrics.rate_basis), when the setting is absent
    too (the page's note once named no base at all then)."""
    from tradestats.documents import brief
    from tradestats.domain import summary
    from tradestats.domain.periods import Period

    sectors = pd.DataFrame({"sector_code": ["a", "b"], "sector_name": ["甲类", "乙类"],
                            "direction": ["purchase", "sale"]})
    for settings, base in (({}, "预算/底价"), ({"rate_basis": "reference"}, "预算/底价"),
                           ({"rate_basis": "amount"}, "成交金额")):
        ctx = summary.Context(settings=settings, regions=pd.DataFrame(), sectors=sectors)
        assert tables.rate_basis_note(ctx).startswith(f"节资率 = 节约资金 ÷ 采购类（甲类）{base}，增值率 = 增收资金 ÷ 出让类（乙类）{base}")
        said = dict(brief.definitions(ctx, Period(2024, 6), has_targets=False))
        assert sum(base in text for text in said.values()) >= 1, said
