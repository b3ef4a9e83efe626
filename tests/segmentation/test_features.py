"""Per-customer features against an independent pandas computation on the small world."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from campaign_eval.config.segmentation import SegmentationParams
from campaign_eval.io import CampaignData
from campaign_eval.segmentation.features import LookBack, build_features, spend_percentile
from tests.segmentation.conftest import REF

END = pd.Timestamp(REF) + pd.Timedelta(days=1)


def _start(months: int) -> pd.Timestamp:
    """First moment of the window of ``months`` months ending with REF (inclusive)."""
    return pd.Timestamp(REF) - pd.DateOffset(months=months) + pd.Timedelta(days=1)


def _orders(frames, start: pd.Timestamp, stop: pd.Timestamp = END) -> pd.DataFrame:
    orders = frames["orders"]
    return orders[(orders["order_date"] >= start) & (orders["order_date"] < stop)]


def _per_customer(series: pd.Series, ids: pd.Index, fill=None) -> pd.Series:
    out = series.reindex(ids)
    return out if fill is None else out.fillna(fill)


def _oracle(
    frames: dict[str, pd.DataFrame], spend=12, recency=3, growth=6, complaint=12
) -> pd.DataFrame:
    """The feature catalogue written directly in pandas, sharing no code with the package.

    The windows are in months; the defaults are those of docs/methods.md.
    """
    ids = pd.Index(frames["customers"]["customer_id"], name="customer_id")
    ref = pd.Timestamp(REF)
    out = pd.DataFrame(index=ids)
    spend = _orders(frames, _start(spend))
    net = spend.groupby("customer_id")["amount"].sum()
    out["spend_12m"] = _per_customer(net, ids, 0.0).round(2)  # to the cent
    bought = spend[spend["amount"] > 0]
    out["orders_12m"] = _per_customer(bought.groupby("customer_id").size(), ids, 0)
    # ranked among the customers with a purchase in the window, spend below 0 counting as 0
    buyers = out.loc[out["orders_12m"] >= 1, "spend_12m"].clip(lower=0)
    out["spend_12m_pct"] = buyers.rank(pct=True).reindex(ids)
    recent = _orders(frames, _start(recency))
    out["orders_3m"] = _per_customer(
        recent[recent["amount"] > 0].groupby("customer_id").size(), ids, 0
    )
    history = _orders(frames, pd.Timestamp.min)
    last = history[history["amount"] > 0].groupby("customer_id")["order_date"].max()
    out["recency_days"] = (ref - _per_customer(last, ids).dt.normalize()).dt.days.astype(float)
    since = frames["customers"].set_index("customer_id")["since"]
    out["tenure_days"] = (ref - since.dt.normalize()).dt.days.astype(float)
    out["tenure_months"] = out["tenure_days"] / (365.25 / 12)
    out["tenure_years"] = out["tenure_days"] / 365.25
    growth_start = _start(growth)
    six = _orders(frames, growth_start).groupby("customer_id")["amount"].sum()
    prev = _orders(frames, _start(2 * growth), growth_start).groupby("customer_id")["amount"].sum()
    out["spend_6m"] = _per_customer(six, ids, 0.0).round(2)
    out["spend_prev_6m"] = _per_customer(prev, ids, 0.0).round(2)
    rates = []
    for now, before in zip(out["spend_6m"], out["spend_prev_6m"], strict=True):
        if before > 0:
            rates.append(now / before - 1)
        else:
            rates.append(np.inf if now > 0 else np.nan)
    out["spend_growth_6m"] = rates
    surveys = frames["surveys"][frames["surveys"]["survey_date"] < END]
    for score, name in (("nps", "latest_nps"), ("satisfaction", "latest_satisfaction")):
        answered = surveys.dropna(subset=[score])
        latest_day = answered.groupby("customer_id")["survey_date"].transform("max")
        on_latest = answered[answered["survey_date"] == latest_day]
        out[name] = _per_customer(on_latest.groupby("customer_id")[score].mean(), ids)
    complaints = frames["complaints"]
    window = complaints[
        (complaints["complaint_date"] >= _start(complaint)) & (complaints["complaint_date"] < END)
    ]
    out["complaints_12m"] = _per_customer(window.groupby("customer_id").size(), ids, 0)
    return out


FEATURE_COLUMNS = [
    "spend_12m",
    "spend_12m_pct",
    "orders_12m",
    "orders_3m",
    "recency_days",
    "tenure_days",
    "tenure_months",
    "tenure_years",
    "spend_6m",
    "spend_prev_6m",
    "spend_growth_6m",
    "latest_nps",
    "latest_satisfaction",
    "complaints_12m",
]


def _compare(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    got = got.set_index("customer_id").sort_index()
    expected = expected.sort_index()
    for column in FEATURE_COLUMNS:
        # Two sums equal to the cent may differ in the last bit depending on the order the engine
        # adds them up, which swaps their ranks: a percentile may move by one rank, no more.
        atol = 1 / len(got) + 1e-12 if column == "spend_12m_pct" else 0.0
        pd.testing.assert_series_equal(
            got[column].astype(float),
            expected[column].astype(float),
            check_names=False,
            rtol=1e-9,
            atol=atol,
            obj=column,
        )


def test_every_feature_matches_an_independent_pandas_computation(small_frames):
    got = build_features(CampaignData.from_frames(small_frames), REF)
    expected = _oracle(small_frames)
    _compare(got, expected)
    # the oracle is not vacuous: every feature varies across customers
    assert all(expected[c].nunique() > 1 for c in FEATURE_COLUMNS)
    assert np.isinf(expected["spend_growth_6m"]).any()
    assert expected["latest_nps"].isna().any()  # customers without an answer stay empty


def test_one_row_per_customer_with_the_supplied_attributes(small_frames):
    got = build_features(CampaignData.from_frames(small_frames), REF)
    assert got["customer_id"].is_unique
    assert len(got) == len(small_frames["customers"])
    assert got["customer_id"].tolist() == sorted(got["customer_id"])
    assert {"industry", "size", "region", "owner"} <= set(got.columns)
    assert got["orders_12m"].dtype == "int64" and got["complaints_12m"].dtype == "int64"


def test_only_the_attributes_asked_for_are_kept_and_the_features_are_the_same(small_frames):
    everything = build_features(CampaignData.from_frames(small_frames), REF)
    slim = build_features(CampaignData.from_frames(small_frames), REF, attributes=("region",))
    assert "region" in slim and not {"name", "industry", "size", "owner"} & set(slim.columns)
    # the start of cooperation stays: tenure is computed from it
    pd.testing.assert_frame_equal(slim, everything[list(slim.columns)])


def test_configured_look_back_windows_change_the_features(small_frames):
    params = SegmentationParams(
        spend_months=6, recency_months=1, growth_months=3, complaint_months=2
    )
    look_back = LookBack.of(params)
    assert look_back == LookBack(
        spend_months=6, recency_months=1, growth_months=3, complaint_months=2
    )
    got = build_features(CampaignData.from_frames(small_frames), REF, look_back)
    _compare(got, _oracle(small_frames, spend=6, recency=1, growth=3, complaint=2))
    default = build_features(CampaignData.from_frames(small_frames), REF)
    assert (got["spend_12m"] <= default["spend_12m"]).all()
    assert (got["spend_12m"] < default["spend_12m"]).any()


def test_look_back_defaults_are_the_conventions():
    assert LookBack() == LookBack.of(SegmentationParams())
    assert LookBack() == LookBack(
        spend_months=12, recency_months=3, growth_months=6, complaint_months=12
    )


def test_data_after_the_reference_date_is_ignored(small_frames):
    later = small_frames["orders"].assign(
        order_date=pd.Timestamp(REF) + pd.Timedelta(days=1, hours=1), amount=1e6
    )
    frames = {**small_frames, "orders": pd.concat([small_frames["orders"], later])}
    got = build_features(CampaignData.from_frames(frames), REF)
    _compare(got, _oracle(small_frames))


def test_tenure_counts_from_the_first_order_without_a_start_date(small_frames):
    frames = {**small_frames, "customers": small_frames["customers"].drop(columns="since")}
    got = build_features(CampaignData.from_frames(frames), REF).set_index("customer_id")
    first = small_frames["orders"].groupby("customer_id")["order_date"].min()
    expected = (pd.Timestamp(REF) - first.dt.normalize()).dt.days.astype(float)
    pd.testing.assert_series_equal(
        got["tenure_days"].loc[expected.index], expected, check_names=False
    )


def test_a_customers_table_repeating_customers_gives_one_row_each(small_frames):
    customers = small_frames["customers"]
    frames = {**small_frames, "customers": pd.concat([customers, customers.head(50)])}
    got = build_features(CampaignData.from_frames(frames), REF)
    assert got["customer_id"].is_unique and len(got) == len(customers)
    _compare(got, _oracle(small_frames))


def test_features_of_missing_tables_are_absent(small_frames):
    frames = {k: small_frames[k] for k in ("customers", "orders")}
    got = build_features(CampaignData.from_frames(frames), REF)
    assert not {"latest_nps", "latest_satisfaction", "complaints_12m"} & set(got.columns)
    assert {"spend_12m", "tenure_years", "spend_growth_6m"} <= set(got.columns)


def test_orders_alone_give_every_customer_who_ordered(small_frames):
    got = build_features(CampaignData.from_frames({"orders": small_frames["orders"]}), REF)
    assert set(got["customer_id"]) == set(small_frames["orders"]["customer_id"])


@pytest.mark.parametrize("score", ["nps", "satisfaction"])
def test_several_answers_on_the_latest_day_are_averaged(small_frames, score):
    surveys = pd.DataFrame(
        {
            "customer_id": ["C0001", "C0001", "C0001"],
            "survey_date": pd.to_datetime(["2026-01-01", "2026-03-01", "2026-03-01"]),
            "satisfaction": [1.0, 4.0, 5.0],
            "nps": [0.0, 8.0, 10.0],
        }
    )
    got = build_features(CampaignData.from_frames({**small_frames, "surveys": surveys}), REF)
    row = got.set_index("customer_id").loc["C0001"]
    assert row[f"latest_{score}"] == surveys[score].iloc[1:].mean()


def test_each_score_has_its_own_latest_day(small_frames):
    """A later answer that gives NPS only leaves the latest satisfaction on an earlier day."""
    surveys = pd.DataFrame(
        {
            "customer_id": ["C0001", "C0001", "C0001"],
            "survey_date": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-03-01"]),
            "satisfaction": [2.0, 3.0, None],
            "nps": [None, 4.0, 9.0],
        }
    )
    got = build_features(CampaignData.from_frames({**small_frames, "surveys": surveys}), REF)
    row = got.set_index("customer_id").loc["C0001"]
    assert (row["latest_satisfaction"], row["latest_nps"]) == (2.5, 9.0)


def test_returns_are_netted_by_default_and_dropped_on_request(small_frames):
    orders = small_frames["orders"]
    returns = orders.sample(40, random_state=3).assign(amount=lambda f: -f["amount"] * 3)
    frames = {**small_frames, "orders": pd.concat([orders, returns])}
    net = build_features(CampaignData.from_frames(frames), REF).set_index("customer_id")
    dropped = build_features(CampaignData.from_frames(frames), REF, returns="drop")
    plain = build_features(CampaignData.from_frames(small_frames), REF).set_index("customer_id")
    dropped = dropped.set_index("customer_id")
    pd.testing.assert_series_equal(dropped["spend_12m"], plain["spend_12m"])  # purchases only
    assert (net["spend_12m"] <= plain["spend_12m"]).all()
    assert (net["spend_12m"] < 0).any()  # returns of purchases made before the window
    assert (net["orders_12m"] == plain["orders_12m"]).all()  # a return is no order


def test_percentiles_rank_only_buyers_and_floor_net_spend_at_zero():
    spend = pd.Series([-50.0, 0.0, 10.0, 20.0, 0.0])
    orders = pd.Series([1, 1, 2, 1, 0])
    pct = spend_percentile(spend, orders)
    assert pd.isna(pct.iloc[4])  # no purchase: no percentile
    assert pct.iloc[0] == pct.iloc[1] == 0.375  # -50 ranks as 0, tied with 0
    assert pct.iloc[3] == 1.0


def test_money_is_rounded_to_cents_before_ranking(small_frames):
    orders = small_frames["orders"]
    first = orders["customer_id"].iloc[0]
    residue = pd.DataFrame({"customer_id": first, "order_date": pd.Timestamp(REF),
                            "amount": [0.1 + 0.2, -0.3]})  # fmt: skip
    frames = {**small_frames, "orders": pd.concat([orders, residue])}
    got = build_features(CampaignData.from_frames(frames), REF).set_index("customer_id")
    base = build_features(CampaignData.from_frames(small_frames), REF).set_index("customer_id")
    assert got.loc[first, "spend_12m"] == base.loc[first, "spend_12m"]  # no 5.55e-17 left
    assert (got["spend_12m"] == got["spend_12m"].round(2)).all()
