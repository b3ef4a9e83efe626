"""Tests of datasets.stamp: the fingerprint that tells a demo folder made by other settings."""

from __future__ import annotations

import dataclasses

import pytest

from campaign_eval import datasets

STANDARD_STAMP = "47036a0687547571"
"""The fingerprint of the standard demo world. It changes only when the generator's settings
change (a recalibration): then every demo folder is generated again, and this value is updated
with that change. Moving code around must leave it alone."""


def test_the_standard_world_keeps_its_fingerprint() -> None:
    assert datasets.world_fingerprint() == STANDARD_STAMP


@pytest.mark.parametrize(
    "changed",
    [
        {"n_customers": datasets.DEFAULT_N_CUSTOMERS + 1},
        {"seed": datasets.DEFAULT_SEED + 1},
        {"campaign": False},
        {"config": dataclasses.replace(datasets.DEMO_CONFIG, sms_share=0.5)},
    ],
)
def test_every_setting_changes_the_fingerprint(changed: dict) -> None:
    fingerprint = datasets.world_fingerprint(**changed)
    assert fingerprint != datasets.world_fingerprint()
    assert len(fingerprint) == 16
    assert int(fingerprint, 16) >= 0  # hexadecimal


def test_only_a_folder_with_the_standard_stamp_is_current(tmp_path) -> None:
    assert not datasets.is_current(tmp_path)  # no stamp
    stamp = tmp_path / datasets.WORLD_STAMP
    stamp.write_text(datasets.world_fingerprint(seed=1) + "\n")
    assert not datasets.is_current(tmp_path)
    stamp.write_text(datasets.world_fingerprint() + "\n")
    assert datasets.is_current(tmp_path)
