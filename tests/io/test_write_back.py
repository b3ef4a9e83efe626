"""Writing the segments and the assignment back to DuckDB's storage: a Parquet folder by run."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval.config import CampaignParams
from campaign_eval.io import CampaignData
from campaign_eval.io.write_back import WriteBackError, target, write_back

ROWS = pd.DataFrame({"customer_id": ["C1", "C2"], "segment": ["core", "new"], "arm": ["t", "c"]})


def _params(write_back: dict | None) -> CampaignParams:
    raw = {
        "campaign": {
            "id": "wb",
            "name": "Write back",
            "start": "2026-07-01",
            "event": "2026-07-02",
        },
        "data": {"base_dir": "data", "tables": {"orders": {"path": "orders.csv"}}},
    }
    if write_back is not None:
        raw["outputs"] = {"write_back": write_back}
    return CampaignParams.model_validate(raw)


def _data() -> CampaignData:
    return CampaignData.from_frames({})


def test_nothing_is_written_unless_asked(tmp_path):
    assert target(_params(None), "segments") is None
    assert write_back(_data(), _params(None), tmp_path, "segments", ROWS, "r1") is None
    assert (
        write_back(_data(), _params({"segments": "out"}), tmp_path, "assignment", ROWS, "r1")
        is None
    )
    assert not any(tmp_path.iterdir())


def test_each_run_gets_its_own_partition_and_is_never_overwritten(tmp_path):
    params = _params({"assignment": "crm/assignment"})
    first = write_back(_data(), params, tmp_path, "assignment", ROWS, "r1")
    second = write_back(_data(), params, tmp_path, "assignment", ROWS.iloc[:1], "r2")
    folder = tmp_path / "data" / "crm" / "assignment"
    assert first == str(folder / "campaign_id=wb" / "run_id=r1" / "assignment.parquet")
    assert second is not None and "run_id=r2" in second
    stored = pd.read_parquet(folder)  # the partitions come back as columns
    assert len(stored) == 3
    assert sorted(stored["run_id"].astype(str).unique()) == ["r1", "r2"]
    with pytest.raises(
        WriteBackError, match=r"outputs\.write_back\.assignment: .* never overwritten"
    ):
        write_back(_data(), params, tmp_path, "assignment", ROWS, "r1")
    assert len(pd.read_parquet(folder)) == 3
