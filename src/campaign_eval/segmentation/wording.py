"""The segmentation report's words and numbers in one place: labels, formats, names of things.

``Words(params)`` is what the view, the answer and the data notes share: the label of a key in
the report language, the number formats with the campaign's currency, a segment's or a data
value's name for readers, the rules as sentences, and the look-back windows in months.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from campaign_eval.config import CampaignParams
from campaign_eval.conventions import MAINTAIN
from campaign_eval.report.format import Formatter, Language
from campaign_eval.report.labels import display_value, segment_label, text
from campaign_eval.segmentation.features import LookBack
from campaign_eval.segmentation.profiles import MISSING_VALUE
from campaign_eval.segmentation.sentences import RuleWords, fewest_digits


def data_value(value: object, labels: Mapping[str, str], language: Language) -> str:
    """A data value in its display form (``campaign.value_labels``); a missing one in words."""
    if str(value) == MISSING_VALUE:
        return text("seg.value_missing", language)
    return display_value(value, labels, language)


class Words:
    """Words and number formats of one campaign's segmentation report.

    Attributes:
        params: The campaign's params.
        language: The report language.
        f: The number formats (money in ``campaign.currency``).
        look_back: The look-back windows of the features.
        rules: Rules as sentences.
    """

    def __init__(self, params: CampaignParams) -> None:
        self.params = params
        self.language: Language = params.campaign.language
        self.f = Formatter(self.language, currency=params.campaign.currency)
        self.look_back = LookBack.of(params.segmentation)
        self.rules = RuleWords(self.language, self.f, self.look_back)

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` in the report language."""
        return text(key, self.language, **values)

    def segment(self, segment: object) -> str:
        """A segment's name for readers."""
        return segment_label(segment, self.language)

    def segments(self, segments: Iterable[object]) -> list[str]:
        """Segments' names for readers, in the given order."""
        return [self.segment(s) for s in segments]

    def listing(self, items: Iterable[str]) -> str:
        """Items joined as a list in the report language ("a, b" / "a、b")."""
        return self.t("seg.item_separator").join(items)

    def value(self, value: object) -> str:
        """A data value (an industry, a size, a region) as readers see it."""
        return data_value(value, self.params.campaign.value_labels, self.language)

    def share(self, fraction: float) -> str:
        """A share as a percentage with no more decimals than it needs: 20%, 2.5%."""
        return self.f.pct(fraction, fewest_digits(100 * fraction))

    def months(self, window: str) -> str:
        """A look-back window (a ``LookBack`` attribute) in months, formatted."""
        return self.f.number(getattr(self.look_back, window))

    def rule(self, segment: str) -> str:
        """The rule of a segment as a sentence ('maintain' is the rest)."""
        if segment == MAINTAIN:
            return self.t("seg.rule_maintain")
        rules = {str(name): rule for name, rule in self.params.segmentation.segments.items()}
        return self.rules.rule(rules[segment])
