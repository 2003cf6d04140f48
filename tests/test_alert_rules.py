"""Each 预警 rule on the demo, firing and not firing at its threshold, with the figures the data gives exactly
(the demo's 2024; January 2025 imported as tests/conftest.py describes it); and the rules file."""

import re

import pytest
from conftest import runner

from tradestats import config
from tradestats.alerting import alert_rules
from tradestats.domain import summary
from tradestats.domain.periods import Period


def rules(name, **values):
    rule = dict(alert_rules.DEFAULTS[name])
    rule.update(values)
    return rule


def fired(q, name, year, month, **values):
    """The rule's findings as {(region, sector, measure): (level, figures)}."""
    ctx = summary.context(q)
    return {(f.region_code, f.sector_code, f.measure): (f.level, f.figures)
            for f in alert_rules.RULES[name](q, ctx, Period(year, month, "month"), rules(name, **values))}


@pytest.fixture(scope="module")
def jq(january_db):
    return runner(january_db)


def test_yoy_drop_fires_beyond_its_threshold_and_not_at_it(dq):
    # 辰溪县 产权交易, 2024年全年: 7194.69万元 against 10261.93万元, 同比 −29.89%.
    key = ("431223", "property_rights", "amount_wan")
    at = fired(dq, "yoy_drop", 2024, 12, yellow_pct=29.89, red_pct=50)
    below = fired(dq, "yoy_drop", 2024, 12, yellow_pct=29.88, red_pct=50)
    assert key not in at
    assert below[key] == ("yellow", {"value": 7194.69, "base": 10261.93, "yoy_pct": -29.89, "threshold_pct": 29.88})
    assert fired(dq, "yoy_drop", 2024, 12, yellow_pct=20, red_pct=29.88)[key][0] == "red"
    # A base under the minimum is not judged.
    assert key not in fired(dq, "yoy_drop", 2024, 12, yellow_pct=20, red_pct=40, min_base_wan=10261.94)
    # With the defaults (20 %, 40 %): three yellow cells of the whole year, no red one; counts fall nowhere.
    default = fired(dq, "yoy_drop", 2024, 12)
    assert {k: v[0] for k, v in default.items()} == {
        ("431201", "procurement", "amount_wan"): "yellow", ("431223", "property_rights", "amount_wan"): "yellow",
        ("431271", "engineering", "amount_wan"): "yellow"}


def test_behind_schedule_fires_beyond_its_points(dq):
    # 2024年1-9月 (序时进度 75%): 洪江区 57.76% (−17.24 points), 鹤城区 65.68% (−9.32), the city's 自然资源 64.51% (−10.49).
    found = fired(dq, "behind_schedule", 2024, 9, yellow_pts=9.31, red_pts=17.23)
    assert found[("431271", None, "amount_wan")] == ("red", {
        "actual": 17326.81, "target": 30000.0, "completion_pct": 57.76, "schedule_pct": 75.0,
        "vs_schedule_pts": -17.24, "threshold_pts": 17.23})
    assert found[("431202", None, "amount_wan")][0] == "yellow"
    at = fired(dq, "behind_schedule", 2024, 9, yellow_pts=9.32, red_pts=17.24)
    assert at[("431271", None, "amount_wan")][0] == "yellow" and ("431202", None, "amount_wan") not in at
    assert fired(dq, "behind_schedule", 2024, 9)[("431200", "natural_resources", "amount_wan")][0] == "red"
    # At the year's end only 洪江区 (−12.88) and the city's 自然资源 (−9.32) are behind by more than 5 points.
    assert {k: v[0] for k, v in fired(dq, "behind_schedule", 2024, 12).items()} == {
        ("431200", "natural_resources", "amount_wan"): "yellow", ("431271", None, "amount_wan"): "red"}


def test_missing_month_needs_enough_others_to_have_reported(dq, jq):
    # January 2025: 13 of the 14 units reported (92.86 %), 麻阳 did not.
    assert fired(jq, "missing_month", 2025, 1, min_reporting_pct=92.85) == {
        ("431226", None, None): ("yellow", {"missing_months": [1], "reported": [13], "units": 14,
                                            "min_reporting_pct": 92.85})}
    assert fired(jq, "missing_month", 2025, 1, min_reporting_pct=92.86) == {}
    assert fired(jq, "missing_month", 2025, 1, red_months=1)[("431226", None, None)][0] == "red"
    assert fired(dq, "missing_month", 2024, 12) == {}  # every unit reported every month of the demo


def test_rate_range_fires_beyond_the_range_of_earlier_years(dq):
    # 2024年9月 怀化市 节资率 5.48% against 2023年9月's 4.83%: 0.65 points beyond.
    key = ("431200", None, "savings_rate_pct")
    found = fired(dq, "rate_range", 2024, 9, years=1, min_years=1, yellow_margin_pts=0.64, red_margin_pts=2)
    assert found[key] == ("yellow", {"value": 5.48, "low": 4.83, "high": 4.83, "beyond_pts": 0.65, "years": [2023],
                                     "threshold_pts": 0.64})
    assert key not in fired(dq, "rate_range", 2024, 9, years=1, min_years=1, yellow_margin_pts=0.65, red_margin_pts=2)
    assert fired(dq, "rate_range", 2024, 9, years=1, min_years=1, yellow_margin_pts=0.5, red_margin_pts=0.64)[key][0] == "red"
    # One earlier year is too few for the default (two).
    assert fired(dq, "rate_range", 2024, 9, years=1) == {}
    # With the defaults (three years back: the demo's synthetic 2021–2023), December: 中方县 6.13% against 3.71–5.50%.
    key = ("431221", None, "savings_rate_pct")
    assert fired(dq, "rate_range", 2024, 12) == {key: ("yellow", {
        "value": 6.13, "low": 3.71, "high": 5.5, "beyond_pts": 0.63, "years": [2021, 2022, 2023], "threshold_pts": 0.5})}
    assert key not in fired(dq, "rate_range", 2024, 12, yellow_margin_pts=0.63)


def test_large_project_fires_beyond_its_share(dq):
    # 新晃 2024年9月: 3 projects, 4706.16万元; the largest, 2867.20万元, is 60.92 %.
    key = ("431227", "engineering", "431227-202409-E001")
    found = fired(dq, "large_project", 2024, 9, yellow_pct=60.91)
    assert found == {key: ("yellow", {"project_id": "431227-202409-E001", "amount_wan": 2867.2,
                                      "month_amount_wan": 4706.16, "month_projects": 3, "share_pct": 60.92,
                                      "threshold_pct": 60.91})}
    assert fired(dq, "large_project", 2024, 9, yellow_pct=60.92) == {}
    assert fired(dq, "large_project", 2024, 9, yellow_pct=50, red_pct=60.91)[key][0] == "red"
    assert fired(dq, "large_project", 2024, 9, min_projects=4) == {}  # too few projects that month to judge


def test_history_jump_fires_at_the_factor(dq, jq):
    # 溆浦 工程建设, January 2025: 190827.36万元 against 10723.29万元 a month before: 17.80 times.
    key = ("431224", "engineering", "amount_wan")
    found = fired(jq, "history_jump", 2025, 1, factor=17.79)
    assert found == {key: ("red", {"value": 190827.36, "average": 10723.29, "months": 12, "ratio": 17.8,
                                   "factor": 17.79})}
    assert fired(jq, "history_jump", 2025, 1, factor=17.8) == {}
    assert fired(jq, "history_jump", 2025, 1, level="yellow")[key][0] == "yellow"
    assert fired(dq, "history_jump", 2024, 12) == {}


def test_links_name_the_page_and_filters_that_show_it(dq):
    ctx = summary.context(dq)
    found = alert_rules.find(dq, ctx, Period(2024, 12, "month"), alert_rules.load())
    links = {f.key: f.link for f in found}
    assert links["yoy_drop|2024-12|431223|property_rights|amount_wan"] == \
        "/trend?year=2024&month=12&kind=ytd&region=431223&sector=property_rights&measure=amount_wan"
    assert links["behind_schedule|2024-12|431271||amount_wan"] == \
        "/regions?year=2024&month=12&kind=ytd&region=431271&measure=amount_wan"
    assert links["behind_schedule|2024-12|431200|natural_resources|amount_wan"] == \
        "/?year=2024&month=12&kind=ytd&region=431200&sector=natural_resources&measure=amount_wan"
    message = next(f.message for f in found if f.key == "behind_schedule|2024-12|431271||amount_wan")
    assert message == ("洪江区交易额2024年全年完成2.61亿元，完成年度目标的87.1%，落后序时进度12.9个百分点"
                       "（目标3.00亿元，序时进度100.00%）。")


def test_the_shipped_rules_file_says_the_defaults(tmp_path):
    """data/alerts.toml documents every rule and setting with the values the code falls back to."""
    import tomllib

    shipped = tomllib.loads((config.DATA_DIR / alert_rules.FILE).read_text(encoding="utf-8"))
    assert shipped == alert_rules.DEFAULTS
    assert alert_rules.load(tmp_path) == alert_rules.DEFAULTS  # a folder without one: the shipped file


def test_a_deployment_changes_thresholds_and_a_wrong_file_is_refused(tmp_path):
    (tmp_path / "alerts.toml").write_text("[yoy_drop]\nyellow_pct = 15\n\n[large_project]\nenabled = false\n",
                                          encoding="utf-8")
    loaded = alert_rules.load(tmp_path)
    assert loaded["yoy_drop"]["yellow_pct"] == 15 and loaded["yoy_drop"]["red_pct"] == 40
    assert loaded["large_project"]["enabled"] is False
    for text, message in (("[yoy_drop]\nyelow_pct = 15\n", "[yoy_drop] 中的 yelow_pct 不是已知的设置"),
                          ("[yoy]\nyellow_pct = 15\n", "[yoy] 不是已知的预警规则"),
                          ("[yoy_drop]\nyellow_pct = \"15\"\n", "应与默认值 20 同类"),
                          ("[history_jump]\nmeasures = [\"savings_wan\"]\n", "savings_wan 不是可用的指标")):
        (tmp_path / "alerts.toml").write_text(text, encoding="utf-8")
        with pytest.raises(ValueError, match=re.escape(message)):
            alert_rules.load(tmp_path)


def test_the_docs_document_every_rule_and_setting():
    page = (config.ROOT / "docs" / "alerts.md").read_text(encoding="utf-8")  # moved from the README
    table = page[page.index("| rule | fires when |"):page.index("## The ledger")]
    for name, settings in alert_rules.DEFAULTS.items():
        assert f"`{name}` {alert_rules.NAMES[name]}" in table, name
        for key in settings:
            assert key == "enabled" or f"`{key}`" in table, (name, key)
    assert "`enabled = false`" in page and "TRADESTATS_WEBHOOKS" in page
