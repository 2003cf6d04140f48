"""Which indicators lead 绩效指标 and which budgets it charts belong to the deployment (settings.toml), not to
the page."""

import pandas as pd

from tradestats.present import indicators

ROWS = pd.DataFrame({
    "category": ["服务", "服务", "预算", "预算", "预算", "专项经费明细", "服务", "服务", "服务"],
    "indicator": ["满意度", "办件量", "专项经费年初预算", "专项经费全年预算", "专项经费实际支出", "培训", "A率", "B率", "C率"],
    "value": [98.5, 1200, 100, 120, 90, 90, 1, 2, 3],
    "value_prev": [97.0, 1100, None, None, None, None, None, None, None],
    "unit": ["%", "件", "万元", "万元", "万元", "万元", "%", "%", "%"],
})


def test_a_deployment_names_its_cards_and_budgets():
    settings = {"indicator_cards": "办件量、满意度", "budget_lines": "专项经费"}
    assert indicators.cards(ROWS, settings) == ["办件量", "满意度"]
    assert list(indicators.budget(ROWS, indicators.budgets(settings)).rate_pct) == [75.0]
    assert "培训" not in set(indicators.table(ROWS, 2024, indicators.budgets(settings)).指标)


def test_without_the_settings_the_first_four_percentages_lead_and_no_budget_is_charted():
    assert indicators.cards(ROWS, {}) == ["满意度", "A率", "B率", "C率"]
    assert indicators.budgets({}) == [] and indicators.budget(ROWS, []).empty
