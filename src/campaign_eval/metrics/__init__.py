"""Metrics: the catalogue (pure data, ``metrics.catalogue``) and their engine aggregates.

``metrics.outcomes`` computes per-customer outcomes in a window and aggregates them per arm and
segment inside the engine; import it where an engine is at hand. This package's top level holds
only the catalogue, so importing it stays light.
"""

from campaign_eval.metrics.catalogue import (
    FEATURES,
    METRICS,
    Feature,
    Metric,
    MetricKind,
    check_metric,
)

__all__ = ["FEATURES", "METRICS", "Feature", "Metric", "MetricKind", "check_metric"]
