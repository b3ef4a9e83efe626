"""The method's names are defined once: the Literal types agree with the constants."""

from typing import get_args

from campaign_eval import conventions as c


def test_segment_types_list_exactly_the_segment_names():
    assert get_args(c.RuleSegment) == c.RULE_SEGMENTS
    assert get_args(c.Segment) == c.SEGMENTS
    assert get_args(c.Scope) == (*c.SEGMENTS, c.ALL_SEGMENTS)
    assert set(c.DEFAULT_PRECEDENCE) == set(c.RULE_SEGMENTS)
    assert c.MAINTAIN not in c.DEFAULT_TARGETED


def test_tier_types_list_exactly_the_tier_names():
    assert get_args(c.Tier) == c.TIERS
    assert set(get_args(c.RuleTier)) == set(c.TIER_RULE_ORDER) == set(c.TIERS) - {c.ORDINARY}


def test_nps_categories_cover_the_scale_once():
    promoters = set(range(c.NPS_PROMOTER_MIN, 11))
    detractors = set(range(c.NPS_DETRACTOR_MAX + 1))
    assert promoters == {9, 10} and detractors == set(range(7))  # docs/methods.md: 9-10 and 0-6
    assert promoters.isdisjoint(detractors)
