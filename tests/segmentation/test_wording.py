"""The report's shared words: data values in their display form, shares without needless decimals."""

from __future__ import annotations

import pytest

from campaign_eval.segmentation.profiles import MISSING_VALUE
from campaign_eval.segmentation.wording import Words, data_value
from tests.segmentation.conftest import campaign_params


@pytest.mark.parametrize(
    ("value", "labels", "language", "shown"),
    [
        ("retail", {}, "en", "Retail"),
        ("small_business", {}, "en", "Small business"),
        ("retail", {}, "zh", "retail"),  # no guessed translation
        ("retail", {"retail": "零售"}, "zh", "零售"),
        (MISSING_VALUE, {}, "en", "Not given"),
        (MISSING_VALUE, {}, "zh", "未填写"),
    ],
)
def test_data_values_take_their_display_form(value, labels, language, shown):
    assert data_value(value, labels, language) == shown


def test_words_format_in_the_campaigns_language_and_currency():
    params = campaign_params("zh")
    params = params.model_copy(
        update={"campaign": params.campaign.model_copy(update={"currency": "CNY"})}
    )
    w = Words(params)
    assert w.f.money(12345) == "¥12,345"
    assert (w.share(0.2), w.share(0.025), w.share(1 / 3)) == ("20%", "2.5%", "33.33%")
    assert w.listing(w.segments(["core", "maintain"])) == "核心价值客户、常规维护"
    assert w.months("recency_months") == "3"
    assert w.rule("new") == "合作不足 3 个月" and w.rule("maintain") == "不符合以上任何规则"
