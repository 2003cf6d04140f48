import pytest

from tradestats.domain.periods import Period


@pytest.mark.parametrize("period, label, params", [
    (Period(2024), "2024年全年", {"year": 2024, "month_from": 1, "month_to": 12}),
    (Period(2024, 6), "2024年1-6月", {"year": 2024, "month_from": 1, "month_to": 6}),
    (Period(2024, 1), "2024年1月", {"year": 2024, "month_from": 1, "month_to": 1}),
    (Period(2024, 6, "month"), "2024年6月", {"year": 2024, "month_from": 6, "month_to": 6}),
    (Period(2024, 12, "month"), "2024年12月", {"year": 2024, "month_from": 12, "month_to": 12}),
    (Period(2024, 6, "quarter"), "2024年二季度", {"year": 2024, "month_from": 4, "month_to": 6}),
    (Period(2024, 4, "quarter"), "2024年二季度", {"year": 2024, "month_from": 4, "month_to": 6}),
    (Period(2024, 12, "quarter"), "2024年四季度", {"year": 2024, "month_from": 10, "month_to": 12}),
])
def test_label_and_params(period, label, params):
    assert period.label == label
    assert period.params() == params


@pytest.mark.parametrize("month, kind", [(0, "ytd"), (13, "ytd"), (3, "half")])
def test_invalid_period_is_refused_in_chinese(month, kind):
    with pytest.raises(ValueError, match="月份|统计口径"):
        Period(2024, month, kind)
