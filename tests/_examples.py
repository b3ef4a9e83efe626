"""The example data shipped in the repository (data/examples/, see its README)."""

from __future__ import annotations

from tests.conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"
ONLINE_RETAIL = EXAMPLES / "online_retail_ii_2009_2010.parquet"
"""The UCI Online Retail II sheet 2009-12-01..2010-12-09 (CC BY 4.0), as published."""
ONLINE_RETAIL_PARAMS = ROOT / "params" / "examples" / "online_retail.yaml"
"""The example params file that segments it."""
