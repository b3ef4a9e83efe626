"""Who was in which arm: the plan's file, the data's table, the invited customers, or an error."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval import artifacts
from campaign_eval.evaluation.assignment import (
    AssignmentError,
    check_arms,
    resolve_assignment,
)
from campaign_eval.io import CampaignData


def _frames(**extra: pd.DataFrame) -> CampaignData:
    orders = pd.DataFrame({"customer_id": ["A"], "order_date": pd.to_datetime(["2026-01-01"]),
                           "amount": [1.0]})  # fmt: skip
    return CampaignData.from_frames({"orders": orders, **extra})


def _collect(assignment) -> pd.DataFrame:
    frame = assignment.frame.collect(backend="pandas").to_native()
    return frame.sort_values("customer_id").reset_index(drop=True)


def _finder(files: dict[str, object]):
    return files.get


def test_the_plans_assignment_comes_first(tmp_path):
    path = tmp_path / artifacts.ASSIGNMENT
    pd.DataFrame({"customer_id": ["A", "B"], "segment": ["core", None],
                  "arm": ["treatment", "control"]}).to_parquet(path)  # fmt: skip
    table = pd.DataFrame({"customer_id": ["Z"], "arm": ["control"], "segment": ["new"]})
    found = resolve_assignment(_finder({artifacts.ASSIGNMENT: path}), _frames(assignment=table),
                               treatment_arm="treatment")  # fmt: skip
    assert (found.source, found.segment_source) == ("plan", "assignment")
    frame = _collect(found)
    assert list(frame["customer_id"]) == ["A", "B"]
    assert list(frame["segment"]) == ["core", "unknown"]  # assigned but not segmented


def test_without_segments_the_segmentations_file_gives_them(tmp_path):
    table = pd.DataFrame({"customer_id": ["A", "B"], "arm": ["treatment", "control"]})
    segments = tmp_path / artifacts.SEGMENTS
    pd.DataFrame({"customer_id": ["A"], "segment": ["growth"]}).to_parquet(segments)
    found = resolve_assignment(_finder({artifacts.SEGMENTS: segments}), _frames(assignment=table),
                               treatment_arm="treatment")  # fmt: skip
    assert (found.source, found.segment_source) == ("data", "segmentation")
    assert list(_collect(found)["segment"]) == ["growth", "unknown"]
    alone = resolve_assignment(_finder({}), _frames(assignment=table), treatment_arm="treatment")
    assert alone.segment_source == "none" and set(_collect(alone)["segment"]) == {"all"}


def test_only_contacts_means_every_invited_customer_is_treated_and_there_is_no_control():
    contacts = pd.DataFrame({"customer_id": ["A", "A", "B"],
                             "contact_date": pd.to_datetime(["2026-07-01"] * 3),
                             "channel": "sms"})  # fmt: skip
    found = resolve_assignment(_finder({}), _frames(contacts=contacts), treatment_arm="email")
    assert found.source == "contacts"
    assert set(_collect(found)["arm"]) == {"email"} and len(_collect(found)) == 2


def test_no_assignment_and_duplicate_ids_are_clear_errors():
    with pytest.raises(AssignmentError, match="run the plan stage"):
        resolve_assignment(_finder({}), _frames(), treatment_arm="treatment")
    twice = pd.DataFrame({"customer_id": ["A", "A"], "arm": ["treatment", "control"]})
    with pytest.raises(AssignmentError, match="lists 1 customer ids more than once"):
        resolve_assignment(_finder({}), _frames(assignment=twice), treatment_arm="treatment")


def test_treatment_arms_the_assignment_lacks_are_an_error():
    check_arms(["control", "treatment"], ["treatment"])
    with pytest.raises(
        AssignmentError, match="names B, but the assignment has the arms A, control"
    ):
        check_arms(["A", "control"], ["B"])
    with pytest.raises(AssignmentError, match="no arm"):
        check_arms(["control"], [])
