"""Sample size, power and minimum detectable effect (normal approximation, R's power.prop.test)."""

from __future__ import annotations

import math
from typing import Literal, get_args

from scipy import optimize
from scipy import stats as sps
from statsmodels.stats.power import NormalIndPower, normal_sample_size_one_tail
from statsmodels.stats.proportion import (
    power_proportions_2indep,
    samplesize_proportions_2indep_onetail,
)

from campaign_eval.checks import check_choice as _check_choice
from campaign_eval.stats._checks import (
    _check_alpha,
    _check_finite,
    _check_open_probability,
    _check_positive,
    _check_power,
)
from campaign_eval.stats.constants import DEFAULT_ALPHA, DEFAULT_POWER
from campaign_eval.stats.results import PowerAnalysis

Direction = Literal["increase", "decrease"]
"""Which side of the baseline an effect is looked for on."""

_NAN = math.nan
# A sample size of 329.0000000001 is 329 computed with rounding noise, not a reason to ask for 330.
_CEIL_RTOL = 1e-9
_BRENTQ_XTOL = 1e-12


_PROPORTION_POWER_METHOD = (
    "normal approximation (R power.prop.test, statsmodels power_proportions_2indep): "
    "pooled variance under H0, unpooled under H1"
)


def _ceil(value: float) -> int:
    return math.ceil(value * (1 - _CEIL_RTOL))


def _proportion_power(
    p_baseline: float, p_target: float, n_control: float, alpha: float, ratio: float
) -> float:
    """Two-sided power; statsmodels' sample 1 is treatment and its ratio is n_c / n_t."""
    return float(
        power_proportions_2indep(
            p_target - p_baseline,
            p_baseline,
            ratio * n_control,
            ratio=1 / ratio,
            alpha=alpha,
            alternative="two-sided",
            return_results=False,
        )
    )


def _proportion_analysis(
    solved_for: str,
    p_baseline: float,
    p_target: float,
    n_control: float,
    *,
    alpha: float,
    power: float,
    ratio: float,
    method: str,
    note: str = "",
) -> PowerAnalysis:
    n_treatment = ratio * n_control
    return PowerAnalysis(
        metric_kind="proportion",
        solved_for=solved_for,
        baseline=p_baseline,
        target=p_target,
        effect=p_target - p_baseline,
        rel_effect=(p_target - p_baseline) / p_baseline,
        sd=_NAN,
        alpha=alpha,
        power=power,
        ratio=ratio,
        n_control_exact=n_control,
        n_treatment_exact=n_treatment,
        n_control=_ceil(n_control),
        n_treatment=_ceil(n_treatment),
        method=method,
        note=note,
    )


def sample_size_proportions(
    p_baseline: float,
    p_target: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Customers per arm needed to detect a change from ``p_baseline`` to ``p_target``.

    The normal approximation of R's ``power.prop.test`` (statsmodels
    ``samplesize_proportions_2indep_onetail``): the far tail of the two-sided test is ignored,
    which changes the power by far less than its rounding.

    Args:
        p_baseline: Control (baseline) proportion.
        p_target: Treatment proportion to detect.
        alpha: Two-sided significance level.
        power: Desired power.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="sample_size"``; ``n_control`` and ``n_treatment``
        are rounded up.

    Raises:
        ValueError: If a proportion is not strictly between 0 and 1, they are equal, or alpha,
            power or ratio is out of range.
    """
    p_baseline = _check_open_probability("p_baseline", p_baseline)
    p_target = _check_open_probability("p_target", p_target)
    if p_target == p_baseline:
        raise ValueError(f"p_target must differ from p_baseline={p_baseline}; got {p_target!r}")
    alpha = _check_alpha(alpha)
    power = _check_power(power, alpha)
    ratio = _check_positive("ratio", ratio)
    n_treatment = float(
        samplesize_proportions_2indep_onetail(
            p_target - p_baseline, p_baseline, power, ratio=1 / ratio, alpha=alpha
        )
    )
    return _proportion_analysis(
        "sample_size",
        p_baseline,
        p_target,
        n_treatment / ratio,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method=_PROPORTION_POWER_METHOD + "; far tail ignored",
    )


def power_proportions(
    p_baseline: float,
    p_target: float,
    n_control: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Power of the two-sided two-proportion z-test with ``n_control`` control customers.

    Both tails count (statsmodels ``power_proportions_2indep``).

    Args:
        p_baseline: Control (baseline) proportion.
        p_target: Treatment proportion under the alternative.
        n_control: Control customers (``n_control * ratio`` treatment customers).
        alpha: Two-sided significance level.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="power"``.

    Raises:
        ValueError: If a proportion is not strictly between 0 and 1, or alpha, n_control or
            ratio is out of range.
    """
    p_baseline = _check_open_probability("p_baseline", p_baseline)
    p_target = _check_open_probability("p_target", p_target)
    n_control = _check_positive("n_control", n_control)
    alpha = _check_alpha(alpha)
    ratio = _check_positive("ratio", ratio)
    return _proportion_analysis(
        "power",
        p_baseline,
        p_target,
        n_control,
        alpha=alpha,
        power=_proportion_power(p_baseline, p_target, n_control, alpha, ratio),
        ratio=ratio,
        method=_PROPORTION_POWER_METHOD,
    )


def mde_proportions(
    p_baseline: float,
    n_control: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
    direction: Direction = "increase",
) -> PowerAnalysis:
    """Minimum detectable effect: the target proportion detected with the given power.

    Solves ``power_proportions(p_baseline, target, n_control) == power`` for ``target`` above
    the baseline (``direction="increase"``) or below it (``"decrease"``, for lower-is-better
    metrics such as churn or complaints).

    Args:
        p_baseline: Control (baseline) proportion.
        n_control: Control customers (``n_control * ratio`` treatment customers).
        alpha: Two-sided significance level.
        power: Desired power.
        ratio: ``n_treatment / n_control``.
        direction: "increase" or "decrease".

    Returns:
        A PowerAnalysis with ``solved_for="mde"``: ``target`` is the detectable proportion,
        ``effect`` and ``rel_effect`` the absolute and relative lift. NaN with a note when no
        proportion in (0, 1) reaches the power.

    Raises:
        ValueError: If an argument is out of range or ``direction`` is not allowed.
    """
    _check_choice("direction", direction, get_args(Direction))
    p_baseline = _check_open_probability("p_baseline", p_baseline)
    n_control = _check_positive("n_control", n_control)
    alpha = _check_alpha(alpha)
    power = _check_power(power, alpha)
    ratio = _check_positive("ratio", ratio)
    bound = 1.0 if direction == "increase" else 0.0

    def shortfall(p_target: float) -> float:
        return _proportion_power(p_baseline, p_target, n_control, alpha, ratio) - power

    if shortfall(bound) < 0:
        return _proportion_analysis(
            "mde",
            p_baseline,
            _NAN,
            n_control,
            alpha=alpha,
            power=power,
            ratio=ratio,
            method=_PROPORTION_POWER_METHOD,
            note=f"no target proportion reaches power {power} with n_control={n_control}",
        )
    target = float(optimize.brentq(shortfall, p_baseline, bound, xtol=_BRENTQ_XTOL))
    return _proportion_analysis(
        "mde",
        p_baseline,
        target,
        n_control,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method=_PROPORTION_POWER_METHOD,
    )


def _means_analysis(
    solved_for: str,
    sd: float,
    mde: float,
    n_control: float,
    *,
    alpha: float,
    power: float,
    ratio: float,
    method: str,
) -> PowerAnalysis:
    return PowerAnalysis(
        metric_kind="mean",
        solved_for=solved_for,
        baseline=_NAN,
        target=_NAN,
        effect=mde,
        rel_effect=_NAN,
        sd=sd,
        alpha=alpha,
        power=power,
        ratio=ratio,
        n_control_exact=n_control,
        n_treatment_exact=ratio * n_control,
        n_control=_ceil(n_control),
        n_treatment=_ceil(ratio * n_control),
        method=method,
    )


def sample_size_means(
    sd: float,
    mde: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Customers per arm needed to detect a difference in means of ``mde``.

    Two-sample z approximation with a common ``sd``:
    ``n_control = (z_{1-alpha/2} + z_{power})**2 * sd**2 * (1 + 1 / ratio) / mde**2``
    (statsmodels ``normal_sample_size_one_tail``; the far tail is ignored).

    Args:
        sd: Standard deviation of the metric per customer (e.g. of spend).
        mde: Absolute difference in means to detect.
        alpha: Two-sided significance level.
        power: Desired power.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="sample_size"`` and ``metric_kind="mean"``.

    Raises:
        ValueError: If sd or mde is not positive, or alpha, power or ratio is out of range.
    """
    sd, mde = _check_positive("sd", sd), abs(_check_finite("mde", mde))
    if mde == 0:
        raise ValueError("mde must be nonzero; got 0")
    alpha = _check_alpha(alpha)
    power = _check_power(power, alpha)
    ratio = _check_positive("ratio", ratio)
    n_control = float(
        normal_sample_size_one_tail(mde, power, alpha / 2, std_null=sd * math.sqrt(1 + 1 / ratio))
    )
    return _means_analysis(
        "sample_size",
        sd,
        mde,
        n_control,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method="two-sample z approximation, common sd; far tail ignored",
    )


def mde_means(
    sd: float,
    n_control: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Minimum detectable difference in means with ``n_control`` control customers.

    Solves the two-sided power of the two-sample z-test (statsmodels ``NormalIndPower``) for
    the difference; the result is positive and applies to either direction.

    Args:
        sd: Standard deviation of the metric per customer.
        n_control: Control customers (``n_control * ratio`` treatment customers).
        alpha: Two-sided significance level.
        power: Desired power.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="mde"`` and ``metric_kind="mean"``.

    Raises:
        ValueError: If sd or n_control is not positive, or alpha, power or ratio is out of range.
    """
    sd, n_control = _check_positive("sd", sd), _check_positive("n_control", n_control)
    alpha = _check_alpha(alpha)
    power = _check_power(power, alpha)
    ratio = _check_positive("ratio", ratio)
    analysis = NormalIndPower()

    def shortfall(effect_size: float) -> float:
        return float(analysis.power(effect_size, n_control, alpha, ratio=ratio)) - power

    # The one-tail closed form slightly overshoots; doubling it always brackets the root.
    guess = float(sps.norm.ppf(1 - alpha / 2) + sps.norm.ppf(power)) * math.sqrt(
        (1 + 1 / ratio) / n_control
    )
    effect_size = float(optimize.brentq(shortfall, 0.0, 2 * guess, xtol=_BRENTQ_XTOL))
    return _means_analysis(
        "mde",
        sd,
        effect_size * sd,
        n_control,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method="two-sample z approximation, common sd",
    )


def power_means(
    sd: float,
    effect: float,
    n_control: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Power to detect a difference in means of ``effect`` with ``n_control`` control customers.

    The two-sided power of the two-sample z-test (statsmodels ``NormalIndPower``), the same
    model ``mde_means`` and ``sample_size_means`` solve.

    Args:
        sd: Standard deviation of the metric per customer.
        effect: The difference in means to detect (either sign).
        n_control: Control customers (``n_control * ratio`` treatment customers).
        alpha: Two-sided significance level.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="power"`` and ``metric_kind="mean"``.

    Raises:
        ValueError: If sd or n_control is not positive, or alpha or ratio is out of range.
    """
    sd, n_control = _check_positive("sd", sd), _check_positive("n_control", n_control)
    alpha = _check_alpha(alpha)
    ratio = _check_positive("ratio", ratio)
    effect = _check_finite("effect", effect)
    power = float(NormalIndPower().power(abs(effect) / sd, n_control, alpha, ratio=ratio))
    return _means_analysis(
        "power",
        sd,
        effect,
        n_control,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method="two-sample z approximation, common sd",
    )


def power_at_split(
    kind: Literal["proportion", "mean"],
    baseline: float,
    target: float,
    n_total: float,
    control_share: float,
    *,
    sd: float = _NAN,
    alpha: float = DEFAULT_ALPHA,
) -> float:
    """Power of the two-sided test when ``control_share`` of ``n_total`` customers is held out.

    Args:
        kind: ``"proportion"`` or ``"mean"``.
        baseline: The control value.
        target: The treatment value to detect.
        n_total: Customers with a value, both arms together.
        control_share: Share held out as control.
        sd: Standard deviation per customer (means only).
        alpha: Two-sided significance level.

    Returns:
        The power; 0 when an arm would be empty, NaN for a mean without spread.

    Example:
        >>> round(power_at_split("proportion", 0.12, 0.20, 660, 0.5), 6)  # methods.md R4
        0.801826
    """
    _check_choice("kind", kind, ("proportion", "mean"))
    n_control = control_share * n_total
    if n_control < 1 or n_total - n_control < 1:
        return 0.0
    ratio = (1 - control_share) / control_share
    if kind == "proportion":
        return power_proportions(baseline, target, n_control, alpha=alpha, ratio=ratio).power
    if not sd > 0:
        return _NAN
    return power_means(sd, target - baseline, n_control, alpha=alpha, ratio=ratio).power


def detectable_effect(
    kind: Literal["proportion", "mean"],
    baseline: float,
    n_control: float,
    n_treatment: float,
    *,
    sd: float = _NAN,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    direction: Direction = "increase",
) -> float:
    """The smallest effect detected with ``power`` by arms of the given sizes, as a positive size.

    For proportions the effect depends on its direction (near 0 a rise must be larger than a fall
    to be detected, because the variance grows with the rate); pass the direction of the goal or
    of the observed difference. For means it is the same either way.

    Args:
        kind: ``"proportion"`` or ``"mean"``.
        baseline: The control proportion (ignored for means).
        n_control: Control customers.
        n_treatment: Treatment customers.
        sd: Standard deviation per customer (means only).
        alpha: Two-sided significance level the comparison is judged at.
        power: Power asked for.
        direction: ``"increase"`` or ``"decrease"``.

    Returns:
        The absolute detectable difference; NaN when an arm is empty, a proportion is 0 or 1,
        a mean has no spread, or no effect reaches the power.

    Example:
        >>> round(detectable_effect("proportion", 0.12, 500, 500), 6)  # methods.md R4: 18.3496%
        0.063496
    """
    _check_choice("kind", kind, ("proportion", "mean"))
    _check_choice("direction", direction, get_args(Direction))
    if n_control < 1 or n_treatment < 1:
        return _NAN
    ratio = n_treatment / n_control
    if kind == "proportion":
        if not 0 < baseline < 1:
            return _NAN
        found = mde_proportions(
            baseline, n_control, alpha=alpha, power=power, ratio=ratio, direction=direction
        )
        return abs(found.effect)
    if not sd > 0:
        return _NAN
    return mde_means(sd, n_control, alpha=alpha, power=power, ratio=ratio).effect
