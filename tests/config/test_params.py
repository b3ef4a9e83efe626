"""Params validation: every problem names the file, the key path and the fix."""

from __future__ import annotations

import json

import pytest

from campaign_eval.config import ParamsError, json_schema, load_params
from tests.conftest import ROOT, TODAY

VALID = """
campaign:
  id: spring-1
  name: Spring care
  start: 2026-03-01
  event: 2026-03-15
data:
  tables:
    orders: {path: orders.csv}
"""


def test_valid_file_loads_with_dates_as_dates(write_params):
    loaded = load_params(write_params(VALID), today=TODAY)
    assert str(loaded.params.campaign.start) == "2026-03-01"
    assert loaded.raw["campaign"]["start"] == "2026-03-01"  # kept as ISO text for the manifest
    assert str(loaded.params.reference_date) == "2026-02-28"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("  start: 2026-03-01", "  strat: 2026-03-01"),
            "campaign.strat: unknown key; did you mean 'start'?",
        ),
        (("    orders:", "    ordrs:"), "data.tables.ordrs: unknown key; did you mean 'orders'?"),
        (
            ("  start: 2026-03-01", "  start: tomorrow"),
            "campaign.start: expected an ISO date YYYY-MM-DD, got 'tomorrow'",
        ),
        (("  id: spring-1", "  id: spring 1/../x"), "campaign.id: String should match pattern"),
        (("  event: 2026-03-15", "  event: 2026-02-15"), "is before campaign.start"),
        (("  name: Spring care\n", ""), "campaign.name: required key is missing"),
        (
            ("  name: Spring care\n", "  name: Spring care\n  currency: RMB\n"),
            "campaign.currency 'RMB' is not an ISO 4217 currency code; write e.g. CNY",
        ),
    ],
)
def test_errors_name_file_key_and_fix(write_params, edit, expected):
    path = write_params(VALID.replace(*edit))
    with pytest.raises(ParamsError) as info:
        load_params(path, today=TODAY)
    message = str(info.value)
    assert str(path) in message
    assert expected in message, message


def test_unknown_canonical_column_suggests_the_right_one(write_params):
    path = write_params(
        VALID.replace("{path: orders.csv}", "{path: o.csv, columns: {amout: Total}}")
    )
    with pytest.raises(
        ParamsError, match="'amout' is not a column of the orders table; did you mean 'amount'"
    ):
        load_params(path, today=TODAY)


def test_future_reference_date_is_refused(write_params):
    path = write_params(VALID + "segmentation:\n  reference_date: 2027-01-01\n")
    with pytest.raises(ParamsError, match=r"reference_date \(2027-01-01\) is in the future"):
        load_params(path, today=TODAY)


def test_yaml_values_are_never_executed(write_params):
    path = write_params(VALID.replace("Spring care", "!!python/object/apply:os.system ['echo hi']"))
    with pytest.raises(ParamsError, match="not valid YAML"):
        load_params(path, today=TODAY)


def test_not_utf8_and_not_a_mapping(write_params, tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("campaign:\n  name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ParamsError, match="not UTF-8"):
        load_params(bad, today=TODAY)
    with pytest.raises(ParamsError, match="expected a mapping"):
        load_params(write_params("- a\n- b\n"), today=TODAY)


def test_shipped_params_files_are_valid():
    for path in [*ROOT.glob("params/*.yaml"), *ROOT.glob("params/examples/*.yaml")]:
        load_params(path, today=TODAY)


def test_schema_has_a_section_per_stage_and_is_json():
    schema = json_schema()
    props = schema["properties"]
    for section in ("campaign", "data", "segmentation", "plan", "monitoring", "evaluation"):
        assert section in props
    json.dumps(schema)


def test_a_typo_of_a_required_key_gives_one_message(write_params):
    path = write_params(VALID.replace("campaign:", "campain:"))
    with pytest.raises(ParamsError) as info:
        load_params(path, today=TODAY)
    assert len(info.value.problems) == 1
    assert (
        "campain: unknown key; did you mean 'campaign'? Allowed keys here: campaign, data"
        in str(info.value)
    )


def test_did_you_mean_works_inside_lists(write_params):
    text = (
        VALID + "plan:\n  goals:\n    - id: g1\n      metric: repurchase_rate\n      traget: 0.2\n"
    )
    with pytest.raises(
        ParamsError, match=r"plan\.goals\.0\.traget: unknown key; did you mean 'target'\?"
    ):
        load_params(write_params(text), today=TODAY)


def test_orders_are_required_only_by_the_stages_that_use_them(write_params):
    no_orders = VALID.replace("    orders: {path: orders.csv}\n", "    costs: {path: costs.csv}\n")
    with pytest.raises(ParamsError) as info:
        load_params(write_params(no_orders), today=TODAY)
    (problem,) = info.value.problems
    assert problem.endswith(
        ".yaml: data.tables.orders: the orders table is required by the stages segmentation, plan, "
        "evaluation. Map it, or evaluate a per-customer outcome table alone "
        "(stages: [evaluation] with evaluation.source: outcome_table)"
    )
    outcome_only = no_orders + (
        "stages: [evaluation]\nevaluation:\n  source: outcome_table\n"
        "  outcome_table: {path: t.csv, arm_column: arm, outcomes: {converted: {kind: binary}}}\n"
    )
    assert load_params(write_params(outcome_only), today=TODAY).params.data.tables.orders is None
