"""Without a control group: McNemar for yes/no outcomes, the paired t for means, NPS by window."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from campaign_eval import stats
from campaign_eval.evaluation.before_after import (
    INDEPENDENT,
    MCNEMAR,
    PAIRED,
    compute_before_after,
)
from campaign_eval.evaluation.outcomes import DataOutcomes
from campaign_eval.evaluation.specs import metric_spec
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.io import CampaignData
from tests.evaluation._helpers import EVENT, REL, START


def test_yes_no_before_after_uses_mcnemar_and_means_the_paired_t():
    rng = np.random.default_rng(5)
    n = 300
    ids = [f"K{i}" for i in range(n)]
    pre_buy, post_buy = rng.random(n) < 0.3, rng.random(n) < 0.45
    rows = [(i, "2026-06-10", float(a))
            for i, b, a in zip(ids, pre_buy, rng.gamma(2, 40, n), strict=True) if b]  # fmt: skip
    rows += [(i, "2026-07-25", float(a))
             for i, b, a in zip(ids, post_buy, rng.gamma(2, 50, n), strict=True) if b]  # fmt: skip
    orders = pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"])
    data = CampaignData.from_frames(
        {"orders": orders.assign(order_date=pd.to_datetime(orders["order_date"]))}
    )
    population = data.register(
        "ba_population", pd.DataFrame({"customer_id": ids, "arm": "treatment", "segment": "core"})
    )
    outcomes = DataOutcomes(data, population, OutcomeWindows.around(START, EVENT, 30))
    specs = [metric_spec(m) for m in ("repurchase_rate", "spend_per_customer")]
    table = compute_before_after(outcomes, specs, alpha=0.05).set_index("metric")
    b, c = int((pre_buy & ~post_buy).sum()), int((~pre_buy & post_buy).sum())
    rate = table.loc["repurchase_rate"]
    assert rate["method"] == MCNEMAR and (rate["yes_to_no"], rate["no_to_yes"]) == (b, c)
    # methods.md R6 form: chi-square without continuity correction
    assert rate["p_value"] == pytest.approx(sps.chi2.sf((b - c) ** 2 / (b + c), 1), rel=1e-9)
    assert rate["p_value"] == pytest.approx(stats.mcnemar(b, c).p_value, rel=1e-12)
    change = (c - b) / n
    se = math.sqrt((b + c) - (c - b) ** 2 / n) / n
    assert rate["mean_diff"] == pytest.approx(change, rel=REL)
    z = sps.norm.ppf(0.975)
    assert (rate["ci_low"], rate["ci_high"]) == pytest.approx((change - z * se, change + z * se))
    assert rate["before"] == pytest.approx(pre_buy.mean()) and rate["n"] == n
    spend = table.loc["spend_per_customer"]
    before = orders[orders["order_date"] < "2026-07-01"].groupby("customer_id")["amount"].sum()
    after = orders[orders["order_date"] > "2026-07-01"].groupby("customer_id")["amount"].sum()
    x, y = before.reindex(ids, fill_value=0.0), after.reindex(ids, fill_value=0.0)
    assert spend["method"] == PAIRED
    assert spend["p_value"] == pytest.approx(sps.ttest_rel(y, x).pvalue, rel=1e-7)
    assert spend["after"] == pytest.approx(y.mean(), rel=REL)


def test_without_control_the_stage_compares_before_and_after(uncontrolled, raw, demo_data):
    result = uncontrolled.result
    assert not result.has_control and result.effects is None
    ba = result.before_after.set_index(["metric", "segment"])
    sat = ba.loc[("mean_satisfaction", "all")]
    assert sat["method"] == PAIRED and sat["n"] > 0
    assert sat["ci_low"] < sat["mean_diff"] < sat["ci_high"]
    # a yes/no outcome of the same customers: McNemar on the discordant pairs (docs/methods.md)
    ids = pd.read_parquet(demo_data / "assignment.parquet").query("arm == 'treatment'")[
        "customer_id"
    ]
    before, after = raw["repurchase_pre"][ids], raw["repurchase_post"][ids]
    yes_to_no = int(((before == 1) & (after == 0)).sum())
    no_to_yes = int(((before == 0) & (after == 1)).sum())
    rep = ba.loc[("repurchase_rate", "all")]
    assert rep["method"] == MCNEMAR and rep["n"] == len(ids)
    assert (rep["yes_to_no"], rep["no_to_yes"]) == (yes_to_no, no_to_yes)
    assert yes_to_no + no_to_yes >= stats.MCNEMAR_EXACT_MAX_DISCORDANT
    chi2 = (yes_to_no - no_to_yes) ** 2 / (yes_to_no + no_to_yes)
    assert rep["p_value"] == pytest.approx(sps.chi2.sf(chi2, 1), rel=1e-9)
    assert rep["mean_diff"] == pytest.approx(after.mean() - before.mean(), rel=REL)
    # NPS is not defined per customer: the two windows' respondents, as independent samples
    nps = ba.loc[("nps", "all")]
    answers = raw["nps_post"][raw["nps_post"].index.isin(ids)]
    assert nps["method"] == INDEPENDENT and nps["n"] == len(answers)
    assert nps["after"] == pytest.approx(100 * ((answers >= 9).mean() - (answers <= 6).mean()))
