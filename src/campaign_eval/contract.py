"""The canonical tables and columns every stage reads: the data contract, defined once.

A real CRM export is mapped onto these names in the params file (``data.tables.<table>.columns``);
everything downstream uses only the canonical names. ``docs/data_contract.md`` is generated from
this module by ``campaign-eval docs``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal["id", "string", "date", "number", "integer", "score_1_5", "score_0_10"]


@dataclass(frozen=True, slots=True)
class Column:
    """One canonical column.

    Attributes:
        name: Canonical name used by the package.
        kind: Logical type; decides the cast and the range check.
        required: Whether the table is unusable without it.
        description: What the column holds, for the generated docs.
    """

    name: str
    kind: ColumnKind
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Table:
    """One canonical table.

    Attributes:
        name: Canonical table name, also its key under ``data.tables`` in params.
        required: Whether every run needs it (otherwise the analyses that need it are skipped).
        description: What one row is.
        columns: The canonical columns.
        may_be_empty: Whether a supplied table may have no rows (no complaints, nothing sent
            yet); a table of customers, orders or assignments without rows is refused.
    """

    name: str
    required: bool
    description: str
    columns: tuple[Column, ...]
    may_be_empty: bool = True

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        """Canonical column names in contract order."""
        return tuple(col.name for col in self.columns)


CUSTOMER_ID = "customer_id"

CUSTOMERS = Table(
    "customers",
    required=False,
    description=(
        "One row per customer. When absent, customers are the distinct ids of the orders table, "
        "and tenure starts at each customer's first order."
    ),
    columns=(
        Column(CUSTOMER_ID, "id", required=True, description="Customer id; 13085.0 matches 13085"),
        Column(
            "name", "string", required=False, description="Display name, used in sales lists only"
        ),
        Column("industry", "string", required=False, description="Industry, for structure views"),
        Column("size", "string", required=False, description="Company size band"),
        Column("region", "string", required=False, description="Region or country"),
        Column("owner", "string", required=False, description="Owning sales representative"),
        Column("since", "date", required=False, description="Start of cooperation (tenure)"),
    ),
    may_be_empty=False,
)

ORDERS = Table(
    "orders",
    required=True,
    description=(
        "One row per order when `amount` is mapped. When `quantity` and `unit_price` are mapped "
        "instead, rows are order lines: amount = quantity x unit price, summed into orders by "
        "`order_id`, or without one by customer and timestamp (the lines of one checkout). "
        "Negative amounts are returns and cancellations: the segmentation nets them against "
        "spend or drops them (`segmentation.returns`). At least one amount must be positive."
    ),
    columns=(
        Column(CUSTOMER_ID, "id", required=True, description="Customer id"),
        Column("order_date", "date", required=True, description="Order date or timestamp"),
        Column(
            "amount",
            "number",
            required=False,
            description="Order amount; required unless quantity and unit_price are mapped",
        ),
        Column("quantity", "number", required=False, description="Quantity of an order line"),
        Column("unit_price", "number", required=False, description="Unit price of an order line"),
        Column(
            "order_id", "string", required=False, description="Order id; lines are grouped by it"
        ),
    ),
    may_be_empty=False,
)

SURVEYS = Table(
    "surveys",
    required=False,
    description="One row per survey answer.",
    columns=(
        Column(CUSTOMER_ID, "id", required=True, description="Customer id"),
        Column("survey_date", "date", required=True, description="Answer date"),
        Column("satisfaction", "score_1_5", required=False, description="Satisfaction, 1-5"),
        Column("nps", "score_0_10", required=False, description="Likelihood to recommend, 0-10"),
        Column("comment", "string", required=False, description="Free-text comment"),
        Column(
            "sentiment",
            "string",
            required=False,
            description="Comment sentiment, e.g. 'negative' (see the evaluation params)",
        ),
    ),
)

COMPLAINTS = Table(
    "complaints",
    required=False,
    description="One row per complaint.",
    columns=(
        Column(CUSTOMER_ID, "id", required=True, description="Customer id"),
        Column(
            "complaint_date", "date", required=True, description="Date the complaint was logged"
        ),
        Column("category", "string", required=False, description="Complaint category"),
    ),
)

CONTACT_STEPS = ("invited", "delivered", "opened", "clicked", "registered", "attended")
"""Funnel steps of the campaign contacts table, in funnel order."""

CONTACTS = Table(
    "contacts",
    required=False,
    description=(
        "One row per customer and channel of the campaign; each step column holds the time the "
        "step happened, or is empty."
    ),
    columns=(
        Column(CUSTOMER_ID, "id", required=True, description="Customer id"),
        Column("channel", "string", required=True, description="Channel, e.g. email, sms, call"),
        *(
            Column(f"{step}_at", "date", required=step == "invited", description=f"When {step}")
            for step in CONTACT_STEPS
        ),
        Column(
            "cancelled_at",
            "date",
            required=False,
            description="When the registration was cancelled",
        ),
        Column(
            "onsite_score",
            "score_1_5",
            required=False,
            description="Instant on-site satisfaction, 1-5",
        ),
        Column("questions", "integer", required=False, description="Questions asked on site"),
    ),
)

COSTS = Table(
    "costs",
    required=False,
    description="One row per budget category.",
    columns=(
        Column(
            "category", "string", required=True, description="staff, marketing, technology, ..."
        ),
        Column("planned", "number", required=True, description="Planned amount"),
        Column("actual", "number", required=False, description="Actual amount, once known"),
    ),
)

ASSIGNMENT = Table(
    "assignment",
    required=False,
    description=(
        "One row per targeted customer. Written by the plan stage; supply it only to evaluate a "
        "campaign planned elsewhere."
    ),
    columns=(
        Column(CUSTOMER_ID, "id", required=True, description="Customer id"),
        Column("arm", "string", required=True, description="Arm, e.g. treatment or control"),
        Column("segment", "string", required=False, description="Segment at assignment time"),
    ),
    may_be_empty=False,
)

TABLES: dict[str, Table] = {
    t.name: t for t in (CUSTOMERS, ORDERS, SURVEYS, COMPLAINTS, CONTACTS, COSTS, ASSIGNMENT)
}
"""Every canonical table by name."""


def contract_markdown() -> str:
    """Render the contract as the Markdown page ``docs/data_contract.md``."""
    lines = [
        "# Data contract",
        "",
        "Generated from `src/campaign_eval/contract.py` by `campaign-eval docs`; do not edit.",
        "",
        (
            "Map each table and column of your export in the params file under `data.tables`. "
            "Ids are matched as text, so `13085.0` and `13085` are the same customer; rows without "
            "a customer id are excluded and counted in the report. Dates may be text or numbers "
            "such as 19970101 (set `date_format` when they are not ISO). A required column must "
            "hold values, and a customers, orders or assignment table must have rows. What "
            "happens to every other kind of bad input is listed in `bad_input.md`."
        ),
        "",
    ]
    for table in TABLES.values():
        need = "required" if table.required else "optional"
        need += "" if table.may_be_empty else ", must have rows"
        lines += [f"## `{table.name}` ({need})", "", table.description, ""]
        lines += ["| column | type | required | meaning |", "|---|---|---|---|"]
        lines += [
            f"| `{c.name}` | {c.kind} | {'yes' if c.required else 'no'} | {c.description} |"
            for c in table.columns
        ]
        lines.append("")
    return "\n".join(lines)
