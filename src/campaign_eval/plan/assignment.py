"""Stable, reproducible randomized assignment of customers to arms, stratified by segment.

Each customer's arm comes from a hash of the campaign salt and the customer id, mapped to a uniform
number in [0, 1) and compared with the cumulative arm shares of the customer's segment. So:

- re-running with the same salt gives the identical assignment;
- adding customers never moves the ones already assigned (no ranking, no shared random state);
- each segment can have its own holdout share (stratification), and within a segment the arm sizes
  follow the planned shares up to binomial sampling error, which ``stats.sample_ratio_test`` checks.

The demo generator (``datasets``) calls this same function, so the planted effects fall on exactly
the customers the plan stage assigns. ``draw_assignment`` applies it to the targeted segments of a
campaign with the plan's holdout shares.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import CONTROL, TREATMENT

if TYPE_CHECKING:
    from campaign_eval.config.plan import PlanParams

_HASH_BYTES = 8
_HASH_SCALE = float(2 ** (8 * _HASH_BYTES))


def hash_uniform(salt: str, ids: Iterable[str]) -> np.ndarray:
    """Map each id to a stable uniform number in [0, 1) from ``blake2b(salt:id)``.

    Args:
        salt: The campaign salt; a different salt gives an independent draw.
        ids: Customer ids as text.

    Returns:
        One float per id.

    Example:
        >>> u = hash_uniform("demo", ["1", "2"])
        >>> bool(((u >= 0) & (u < 1)).all())
        True
    """
    prefix = f"{salt}:".encode()
    texts = ids.tolist() if isinstance(ids, pd.Series) else ids  # not one Arrow scalar at a time
    blake2b = hashlib.blake2b
    digests = b"".join(
        [blake2b(prefix + str(i).encode(), digest_size=_HASH_BYTES).digest() for i in texts]
    )
    # each digest read as a big-endian unsigned 64-bit integer, rounded to the nearest double
    return np.frombuffer(digests, dtype=">u8").astype(np.float64) / _HASH_SCALE


def assign_arms(
    customers: pd.DataFrame,
    *,
    salt: str,
    shares: Mapping[str, float],
    segment_shares: Mapping[str, Mapping[str, float]] | None = None,
    id_column: str = CUSTOMER_ID,
    segment_column: str = "segment",
) -> pd.DataFrame:
    """Assign every customer to an arm.

    Args:
        customers: One row per customer with ``id_column`` and ``segment_column``.
        salt: Campaign salt (keep it fixed for the life of the campaign).
        shares: Arm name to share, e.g. ``{"treatment": 0.8, "control": 0.2}``; must sum to 1.
        segment_shares: Per-segment overrides of ``shares``.
        id_column: Name of the id column.
        segment_column: Name of the segment column.

    Returns:
        A frame with ``customer_id``, ``segment`` and ``arm``, in the input order.

    Raises:
        ValueError: When shares are negative or do not sum to 1.
    """
    all_shares = {
        "(default)": dict(shares),
        **{k: dict(v) for k, v in (segment_shares or {}).items()},
    }
    for where, checked in all_shares.items():
        _check_shares(where, checked)
    ids = customers[id_column].astype(str)
    u = hash_uniform(salt, ids)
    segments = customers[segment_column].astype(str).to_numpy()
    arms = np.empty(len(customers), dtype=object)
    for segment in pd.unique(segments):
        split = (segment_shares or {}).get(segment, shares)
        names = list(split)
        edges = np.cumsum([split[n] for n in names])
        edges[-1] = 1.0  # guard against 0.999999... from float sums
        mask = segments == segment
        arms[mask] = np.asarray(names, dtype=object)[np.searchsorted(edges, u[mask], side="right")]
    return pd.DataFrame(
        {CUSTOMER_ID: ids.to_numpy(), "segment": segments, "arm": arms.astype(str)},
        index=customers.index,
    )


_SHARE_TOLERANCE = 1e-9
"""How far the shares of a split may sum from 1 (float rounding, not a real difference)."""


def _check_shares(where: str, arm_shares: Mapping[str, float]) -> None:
    if not arm_shares:
        raise ValueError(f"arm shares for {where} are empty: give at least two arms with shares")
    if any(v < 0 for v in arm_shares.values()):
        raise ValueError(f"arm shares for {where} must be >= 0, got {dict(arm_shares)}")
    total = sum(arm_shares.values())
    if abs(total - 1.0) > _SHARE_TOLERANCE:
        raise ValueError(
            f"arm shares for {where} must sum to 1, got {total:g} ({dict(arm_shares)})"
        )


def arm_shares(control: float) -> dict[str, float]:
    """The two-arm split of a control share: ``{"treatment": 1 - control, "control": control}``.

    The arm order matters: ``assign_arms`` maps the hash onto cumulative shares in this order, the
    same order as ``datasets.DEMO_ARM_SHARES``.
    """
    return {TREATMENT: 1.0 - control, CONTROL: control}


def draw_assignment(customers: pd.DataFrame, params: PlanParams, salt: str) -> pd.DataFrame:
    """Split the targeted customers into treatment and control, stratified by segment.

    Each customer's arm depends only on the salt and their id (``assign_arms``), so a re-run gives
    the identical split and new customers never move existing ones.

    Args:
        customers: ``customer_id`` and ``segment`` of every customer (segments.parquet).
        params: The plan params (targeted segments and holdout shares).
        salt: The campaign's assignment salt.

    Returns:
        ``customer_id``, ``segment``, ``arm`` of the targeted customers, sorted by segment and id.
    """
    targeted = customers.loc[customers["segment"].isin(params.targeted), [CUSTOMER_ID, "segment"]]
    overrides: dict[str, Mapping[str, float]] = {
        s: arm_shares(params.control_share_of(s)) for s in params.segment_control_share
    }
    arms = assign_arms(
        targeted, salt=salt, shares=arm_shares(params.control_share), segment_shares=overrides
    )
    return (
        arms[[CUSTOMER_ID, "segment", "arm"]]
        .sort_values(["segment", CUSTOMER_ID], kind="stable")
        .reset_index(drop=True)
    )
