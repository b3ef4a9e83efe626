"""The segmentation report's data notes: what the segments rest on, in sentences.

Two kinds: caveats that change who is targeted (a segment nobody falls into, a condition left
out for lack of data, tenure counted from the first order) stay in the reading path; how rows
and spend were counted (rows excluded or repeated, unknown customers, order lines, returns, whom
the spend percentile ranks) goes into the "How the segments were computed" block.
"""

from __future__ import annotations

from campaign_eval.conventions import TIER_RULE_ORDER
from campaign_eval.report.labels import tier_label
from campaign_eval.segmentation.result import SegmentationResult
from campaign_eval.segmentation.wording import Words

REPEATED_KEYS = {"first": "seg.repeated_first", "last": "seg.repeated_last"}
"""The note on repeated customer rows, by the row the params chose to keep."""
RETURNS_KEYS = {"net": "seg.returns_net", "drop": "seg.returns_drop"}
"""The note on orders with a negative amount, by how ``segmentation.returns`` counts them."""
LINES_KEYS = {"order_id": "seg.lines_by_order_id", "customer_and_time": "seg.lines_by_time"}
"""The note on order lines summed into orders, by what made one order."""


def caveats(result: SegmentationResult, words: Words) -> list[str]:
    """Notes that change who is targeted: empty segments, conditions left out, tenure's source."""
    coverage, notes = result.coverage, []
    empty = result.empty_segments()
    if empty:
        notes.append(words.t("seg.empty", segments=words.listing(words.segments(empty))))
    dropped = [
        *((words.segment(s), c) for s, c in coverage.segment_conditions.items()),
        *(
            (tier_label(t, words.language), coverage.tier_conditions[t])
            for t in TIER_RULE_ORDER
            if t in coverage.tier_conditions
        ),
    ]
    notes += [
        words.t("seg.not_applicable", segment=name, conditions=words.rules.conditions(conditions))
        for name, conditions in dropped
    ]
    if coverage.tenure_from_orders:
        years = words.f.number(coverage.longest_tenure_years, 1)
        notes.append(words.t("seg.tenure_from_orders", years=years))
    return notes


def counting_notes(result: SegmentationResult, words: Words) -> list[str]:
    """How rows and spend were counted: rows left out or merged, returns, the percentile."""
    notes = [
        words.t("data.excluded_rows", rows=words.f.number(rows), table=table)
        for table, rows in result.coverage.excluded_rows.items()
    ]
    return notes + _row_notes(result, words) + _spend_notes(result, words)


def _row_notes(result: SegmentationResult, words: Words) -> list[str]:
    """Repeated customer rows, orders of unknown customers, order lines summed into orders."""
    coverage, notes = result.coverage, []
    sources = words.params.data.tables
    for table, rows in coverage.repeated_rows.items():
        source = getattr(sources, table, None)
        how = source.on_duplicate if source is not None else "first"
        key = REPEATED_KEYS.get(how, REPEATED_KEYS["first"])
        notes.append(words.t(key, rows=words.f.number(rows), table=table))
    if coverage.unknown_customer_orders is not None:
        orders, total = coverage.unknown_customer_orders
        notes.append(
            words.t(
                "seg.unknown_customers",
                orders=words.f.number(orders),
                share=words.f.pct(orders / total if total else 0.0),
                limit=words.share(words.params.data.max_orphan_share),
            )
        )
    if coverage.order_lines is not None:
        lines, orders, how_summed = coverage.order_lines
        notes.append(
            words.t(
                LINES_KEYS[how_summed], lines=words.f.number(lines), orders=words.f.number(orders)
            )
        )
    return notes


def _spend_notes(result: SegmentationResult, words: Words) -> list[str]:
    """How returns were counted and whom the spend percentile ranks."""
    spend = result.coverage.spend
    if spend is None:
        return []
    notes = []
    if spend.return_orders:
        notes.append(
            words.t(
                RETURNS_KEYS[spend.returns],
                orders=words.f.number(spend.return_orders),
                amount=words.f.money(spend.return_amount),
            )
        )
    if spend.negative_customers:
        notes.append(
            words.t("seg.negative_spend", customers=words.f.number(spend.negative_customers))
        )
    if spend.without_purchase:  # otherwise every customer is ranked: nothing to set apart
        notes.append(
            words.t(
                "seg.percentile_buyers",
                buyers=words.f.number(spend.buyers),
                others=words.f.number(spend.without_purchase),
                months=words.months("spend_months"),
                date=result.reference_date.isoformat(),
            )
        )
    return notes
