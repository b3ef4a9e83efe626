"""Result types: frozen, one column per field, tidy frames."""

import dataclasses

import pytest

from campaign_eval import stats

COMPARISON_COLUMNS = [
    "metric_kind",
    "method",
    "n_treatment",
    "n_control",
    "value_treatment",
    "value_control",
    "diff",
    "se",
    "statistic",
    "df",
    "ci_low",
    "ci_high",
    "p_value",
    "alpha",
    "rel_lift",
    "rel_ci_low",
    "rel_ci_high",
    "variance_reduction",
    "note",
]


def test_comparison_is_frozen_and_has_documented_columns() -> None:
    res = stats.compare_proportions(232, 1450, 180, 1500)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.p_value = 0.5  # type: ignore[misc]
    assert not hasattr(res, "__dict__")
    frame = res.to_frame()
    assert list(frame.columns) == COMPARISON_COLUMNS
    assert len(frame) == 1
    assert frame.loc[0, "p_value"] == res.p_value
    assert res._repr_html_() == frame.to_html()


@pytest.mark.parametrize(
    "result",
    [
        stats.paired_change([1, 2, 3, 4], [2, 2, 4, 5]),
        stats.mcnemar(3, 9),
        stats.mann_whitney([1, 2, 3], [2, 3, 4]),
        stats.sample_size_proportions(0.1, 0.15),
        stats.wilson_interval(3, 10),
    ],
    ids=lambda r: type(r).__name__,
)
def test_one_row_results_are_frozen_with_one_column_per_field(result: object) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.method = "changed"  # type: ignore[attr-defined]
    frame = result.to_frame()  # type: ignore[attr-defined]
    assert list(frame.columns) == [f.name for f in dataclasses.fields(result)]
    assert len(frame) == 1


def test_tidy_frames() -> None:
    adjusted = stats.adjust_pvalues([0.01, 0.04], "fdr_bh").to_frame()
    assert list(adjusted.columns) == ["p_raw", "p_adjusted", "rejected", "method"]
    assert len(adjusted) == 2
    srm = stats.sample_ratio_test([510, 490], [1, 1], arms=["treatment", "control"])
    frame = srm.to_frame()
    assert list(frame.columns) == [
        "arm",
        "observed",
        "expected",
        "observed_share",
        "expected_share",
        "statistic",
        "p_value",
        "flagged",
    ]
    assert frame["expected"].tolist() == [500.0, 500.0]
    assert "<table" in srm._repr_html_()
