"""The segmentation stage (01_segmentation): segments, profiles, structure views and sales lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from campaign_eval.config.segmentation import Condition
from campaign_eval.conventions import MAINTAIN
from campaign_eval.run.context import StageContext
from campaign_eval.run.folders import write_text_atomic
from campaign_eval.segmentation import lists
from campaign_eval.segmentation.rules import ORDINARY, SegmentResult, describe, segment_data

SEGMENTS_FILE = "segments.parquet"
"""Artifact: one row per customer with segment, tier and features (read by the plan stage)."""
LISTS_XLSX = "segment_lists.xlsx"
LISTS_DIR = "segment_lists"
STRUCTURE_DIMENSIONS = ("industry", "size", "region")
_PROFILE_FEATURES = ("spend_12m", "orders_12m", "recency_days", "tenure_years", "latest_nps",
                     "latest_satisfaction", "complaints_12m")  # fmt: skip
_KEY_TAGS = {"matches_core": "tag.core", "matches_churn_risk": "tag.churn_risk",
             "matches_growth": "tag.growth", "matches_new": "tag.new"}  # fmt: skip


@dataclass(frozen=True)
class SegmentationOutcome:
    """What the segmentation stage found.

    Attributes:
        result: Customers with segment and tier, and the conditions not applicable.
        ctx: The stage context (language, params, run folder).
        excluded_rows: Table -> rows dropped for a missing customer id.
        lists: Segment -> the CSV list written for the sales reps.
    """

    result: SegmentResult
    ctx: StageContext
    excluded_rows: dict[str, int]
    lists: dict[str, Path]

    @property
    def customers(self) -> pd.DataFrame:
        """One row per customer."""
        return self.result.customers

    def segment_label(self, segment: str) -> str:
        """The display name of a segment."""
        return self.ctx.t(f"segment.{segment}")

    def sizes(self) -> pd.DataFrame:
        """Customers and share per segment, precedence order, 'maintain' last."""
        sizes = self.result.sizes()
        total = max(int(sizes.sum()), 1)
        return pd.DataFrame(
            {
                self.ctx.t("word.segment"): [self.segment_label(s) for s in sizes.index],
                self.ctx.t("word.customers"): sizes.to_numpy(),
                self.ctx.t("word.share"): sizes.to_numpy() / total,
            }
        )

    def rules(self) -> list[str]:
        """'Segment: rule' for every segment, in precedence order (long text, so not a column)."""
        return [
            f"{self.segment_label(s)}: {self.rule_text(s)}"
            for s in [*self.result.precedence, MAINTAIN]
        ]

    def rule_text(self, segment: str) -> str:
        """The rule of a segment as text, with conditions left out for lack of data."""
        if segment == MAINTAIN:
            return self.ctx.t("seg.rule_maintain")
        words = (self.ctx.t("word.and"), self.ctx.t("word.or"))
        rule = describe(self.ctx.params.segmentation.segments[segment], self._feature, words)
        dropped = self.result.not_applicable.get(segment)
        if dropped:
            rule += " " + self.ctx.t("seg.rule_dropped", conditions=self._conditions(dropped))
        return rule

    def _conditions(self, conditions: list[Condition]) -> str:
        return "; ".join(describe(c, self._feature) for c in conditions)

    def _feature(self, feature: str) -> str:
        return self.ctx.t(f"rule.{feature}")

    def profiles(self) -> pd.DataFrame:
        """Mean feature values per segment (medians for recency), segments as rows."""
        frame = self.customers
        cols = [c for c in _PROFILE_FEATURES if c in frame]
        agg = {c: ("median" if c == "recency_days" else "mean") for c in cols}
        table = frame.groupby("segment")[cols].agg(agg)
        order = [s for s in [*self.result.precedence, MAINTAIN] if s in table.index]
        table = table.reindex(order)
        table.index = [self.segment_label(s) for s in table.index]
        table.index.name = self.ctx.t("word.segment")
        return table.rename(columns={c: self.ctx.t(f"feature.{c}") for c in cols}).reset_index()

    def structure(self, dimension: str) -> pd.DataFrame | None:
        """Customers by ``dimension`` (industry, size, region) and segment; None when absent."""
        frame = self.customers
        if dimension not in frame or frame[dimension].isna().all():
            return None
        table = pd.crosstab(frame[dimension].fillna("?"), frame["segment"])
        order = [s for s in [*self.result.precedence, MAINTAIN] if s in table.columns]
        table = table[order].rename(columns=self.segment_label)
        table.columns.name = None
        table[self.ctx.t("word.total")] = table.sum(axis=1)
        table = table.sort_values(self.ctx.t("word.total"), ascending=False)
        table.index.name = self.ctx.t(f"dimension.{dimension}")
        return table.reset_index()

    def tiers(self) -> pd.DataFrame:
        """The four-tier view: customers and 12-month spend per tier."""
        frame = self.customers
        order = ["premium", "potential", ORDINARY, "lost"]
        grouped = (
            frame.groupby("tier")["spend_12m"].agg(["size", "sum"]).reindex(order, fill_value=0)
        )
        total = max(int(grouped["size"].sum()), 1)
        spend = max(float(grouped["sum"].sum()), 1e-12)
        return pd.DataFrame(
            {
                self.ctx.t("seg.tier"): [self.ctx.t(f"tier.{t}") for t in order],
                self.ctx.t("word.customers"): grouped["size"].to_numpy(),
                self.ctx.t("word.share"): grouped["size"].to_numpy() / total,
                self.ctx.t("seg.spend_share"): grouped["sum"].to_numpy() / spend,
            }
        )

    def intro(self) -> str:
        """One paragraph: as-of date and precedence of the rules."""
        order = " > ".join(self.segment_label(s) for s in self.result.precedence)
        return self.ctx.t("seg.intro", date=self.ctx.params.reference_date.isoformat(), order=order)

    def data_notes(self) -> list[str]:
        """Plain sentences on excluded rows and rules that could not be applied."""
        notes = [
            self.ctx.t("data.excluded_rows", rows=rows, table=table)
            for table, rows in self.excluded_rows.items()
            if rows
        ]
        if not self.ctx.data.has_column("customers", "since"):
            longest = self.customers["tenure_years"].max()
            notes.append(self.ctx.t("seg.tenure_from_orders", years=float(longest)))
        empty = self.empty_segments()
        if empty:
            notes.append(self.ctx.t("seg.empty", segments=", ".join(empty)))
        for segment, dropped in self.result.not_applicable.items():
            label = (
                self.ctx.t(f"tier.{segment.split()[-1]}")
                if segment.startswith("tier ")
                else self.segment_label(segment)
            )
            notes.append(
                self.ctx.t(
                    "seg.not_applicable", segment=label, conditions=self._conditions(dropped)
                )
            )
        return notes

    def empty_segments(self) -> list[str]:
        """Segments nobody falls into (worth a sentence, not an error, at this stage)."""
        sizes = self.result.sizes()
        return [self.segment_label(s) for s in self.result.precedence if sizes[s] == 0]

    def focus_table(self) -> pd.DataFrame:
        """Each targeted segment with its size and the template's campaign focus."""
        sizes = self.result.sizes()
        return pd.DataFrame(
            {
                self.ctx.t("word.segment"): [self.segment_label(s) for s in self.result.precedence],
                self.ctx.t("word.customers"): [int(sizes[s]) for s in self.result.precedence],
                self.ctx.t("seg.focus"): [self.ctx.t(f"focus.{s}") for s in self.result.precedence],
            }
        )

    def list_notes(self) -> list[str]:
        """One sentence per sales list written: how many customers, which file (no names)."""
        sizes = self.result.sizes()
        return [
            self.ctx.t(
                "seg.lists_written",
                count=int(sizes[segment]),
                segment=self.segment_label(segment),
                file=f"{LISTS_DIR}/{path.name}, {LISTS_XLSX}",
            )
            for segment, path in self.lists.items()
        ]


def run(ctx: StageContext) -> SegmentationOutcome:
    """Segment the campaign's customers and write the artifacts.

    Writes ``segments.parquet`` (every customer with segment, tier and features) and one sales
    list per segment as CSV and as a sheet of ``segment_lists.xlsx``.
    """
    result = segment_data(ctx.data, ctx.params.reference_date, ctx.params.segmentation)
    customers = result.customers
    customers.to_parquet(ctx.artifact(SEGMENTS_FILE), index=False)
    lists = _write_lists(ctx, customers, result.precedence)
    return SegmentationOutcome(result, ctx, dict(ctx.data.excluded_rows), lists)


def sales_list(ctx: StageContext, customers: pd.DataFrame) -> pd.DataFrame:
    """Old signature of ``lists.sales_list`` (kept while the plan stage moves to the new one)."""
    return lists.sales_list(customers, ctx.params)


def _write_lists(
    ctx: StageContext, customers: pd.DataFrame, precedence: tuple[str, ...]
) -> dict[str, Path]:
    folder = ctx.artifact(LISTS_DIR)
    folder.mkdir(exist_ok=True)
    written: dict[str, Path] = {}
    sheets: dict[str, pd.DataFrame] = {}
    for segment in [*precedence, MAINTAIN]:
        members = sales_list(ctx, customers[customers["segment"] == segment])
        path = folder / f"{segment}.csv"
        write_text_atomic(path, members.to_csv(index=False))
        written[segment] = path
        sheets[segment] = members
    tmp = ctx.artifact(f".{LISTS_XLSX}.tmp")
    with pd.ExcelWriter(tmp, engine="openpyxl") as book:
        for segment, members in sheets.items():
            members.to_excel(book, sheet_name=segment[:31], index=False)
    tmp.replace(ctx.artifact(LISTS_XLSX))
    return written
