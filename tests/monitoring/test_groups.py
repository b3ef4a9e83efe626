"""Where segments and arms come from (first match wins), and the contacted control customers."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import narwhals as nw
import pandas as pd

from campaign_eval import artifacts
from campaign_eval.io import CampaignData
from campaign_eval.monitoring import groups

ASSIGNMENT = pd.DataFrame(
    {
        "customer_id": ["C1", "C2", "C3"],
        "segment": ["core", "core", "new"],
        "arm": ["treatment", "control", "control"],
    }
)
CONTACTS = pd.DataFrame(
    {
        "customer_id": ["C1", "C2", "C2", "C3", "C9"],
        "channel": ["email", "email", "sms", "call", "email"],
        "invited_at": pd.to_datetime(
            ["2026-07-01", "2026-07-03", "2026-07-02", "2026-07-04", "2026-07-01"]
        ),
    }
)


def _ctx(data: CampaignData, files: dict[str, Path]):
    """A stand-in for the stage context: the data and the artifacts found."""
    return SimpleNamespace(data=data, find_artifact=files.get)


def _rows(frame: nw.LazyFrame) -> pd.DataFrame:
    return frame.collect(backend="pandas").to_native().sort_values("customer_id")


def test_the_plans_assignment_comes_before_the_data_table(tmp_path):
    plan_file = tmp_path / "run" / artifacts.ASSIGNMENT
    plan_file.parent.mkdir()
    ASSIGNMENT.assign(arm="treatment").to_parquet(plan_file, index=False)
    data = CampaignData.from_frames({"contacts": CONTACTS, "assignment": ASSIGNMENT})
    found = groups.load(_ctx(data, {artifacts.ASSIGNMENT: plan_file}))
    assert (found.source, found.has_arm, found.path) == ("plan", True, plan_file)
    assert found.frame is not None
    assert set(_rows(found.frame)["arm"]) == {"treatment"}


def test_the_data_assignment_table_is_used_without_a_plan_assignment():
    data = CampaignData.from_frames({"contacts": CONTACTS, "assignment": ASSIGNMENT})
    found = groups.load(_ctx(data, {}))
    assert (found.source, found.has_arm, found.path) == ("data", True, None)
    sizes = found.sizes().set_index(["segment", "arm"])["n"]
    assert sizes.to_dict() == {("core", "control"): 1, ("core", "treatment"): 1,
                               ("new", "control"): 1}  # fmt: skip


def test_segments_alone_give_segments_but_no_arms(tmp_path):
    segments_file = tmp_path / artifacts.SEGMENTS
    ASSIGNMENT.drop(columns="arm").to_parquet(segments_file, index=False)
    data = CampaignData.from_frames({"contacts": CONTACTS})
    found = groups.load(_ctx(data, {artifacts.SEGMENTS: segments_file}))
    assert (found.source, found.has_arm) == ("segments", False)
    assert found.frame is not None
    assert set(_rows(found.frame)["arm"]) == {"unassigned"}
    assert found.sizes().empty  # no sample ratio check without arms


def test_without_assignment_or_segments_everyone_is_unassigned():
    data = CampaignData.from_frames({"contacts": CONTACTS})
    found = groups.load(_ctx(data, {}))
    assert (found.source, found.has_arm, found.frame) == ("none", False, None)
    attached = _rows(found.attach(data.table("contacts")))
    assert set(attached["segment"]) == {"unassigned"} and set(attached["arm"]) == {"unassigned"}


def test_contacted_customers_missing_from_the_assignment_are_unassigned():
    data = CampaignData.from_frames({"contacts": CONTACTS, "assignment": ASSIGNMENT})
    found = groups.load(_ctx(data, {}))
    attached = _rows(found.attach(data.table("contacts"))).set_index("customer_id")
    assert (
        attached.loc["C9", "segment"] == "unassigned" and attached.loc["C9", "arm"] == "unassigned"
    )
    assert attached.loc["C1", "segment"] == "core"


def test_contacted_control_customers_are_listed_once_with_channels_and_first_invitation():
    data = CampaignData.from_frames({"contacts": CONTACTS, "assignment": ASSIGNMENT})
    found = groups.load(_ctx(data, {}))
    table = groups.contacted_control(data.table("contacts"), found, "control")
    assert list(table.columns) == list(groups.CONTAMINATION_COLUMNS)
    assert table["customer_id"].tolist() == ["C2", "C3"]
    c2 = table.set_index("customer_id").loc["C2"]
    assert c2["channels"] == 2 and pd.Timestamp(c2["first_invited_at"]) == pd.Timestamp(
        "2026-07-02"
    )
    nobody = groups.contacted_control(None, found, "control")
    assert nobody.empty and list(nobody.columns) == list(groups.CONTAMINATION_COLUMNS)
