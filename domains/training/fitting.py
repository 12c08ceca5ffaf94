"""The weekday-mean model: pure arithmetic on daily quantities, no database.

A product's daily sales are modelled as the mean quantity of their weekday (days without sales
count as 0) and an interval of `Z` residual standard deviations (actual minus weekday mean, over
the whole history) around it, never below 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

ALGORITHM = "weekday_mean"
HISTORY_DAYS = 56  # 8 weeks: each weekday 8 times
HOLDOUT_DAYS = 14  # the last 2 weeks, to measure a fit on the 6 before
Z = Decimal("1.96")  # a 95 % interval under a normal error
PLACES = Decimal("0.001")  # what QUANTITY holds


def _exact(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class WeekdayMeans:
    """Mean quantity sold on each weekday (Monday first) and the residual standard deviation."""

    means: tuple[Decimal, ...]
    residual_std: Decimal

    def predict(self, day: date) -> tuple[Decimal, Decimal, Decimal]:
        """(predicted, lower bound, upper bound) of `day`."""
        predicted = self.means[day.weekday()]
        margin = _exact(Z * self.residual_std)
        return predicted, max(predicted - margin, Decimal(0)), predicted + margin

    def as_json(self) -> dict[str, object]:
        """How the parameters are stored (numbers as exact text)."""
        return {
            "weekday_means": [str(mean) for mean in self.means],
            "residual_std": str(self.residual_std),
        }

    @classmethod
    def from_json(cls, parameters: Mapping[str, object]) -> WeekdayMeans:
        """The parameters `as_json` stored."""
        means = parameters["weekday_means"]
        assert isinstance(means, list)
        return cls(
            means=tuple(Decimal(str(mean)) for mean in means),
            residual_std=Decimal(str(parameters["residual_std"])),
        )


@dataclass(frozen=True, slots=True)
class Fit:
    """A fitted model and its error on the hold-out weeks."""

    model: WeekdayMeans
    mae: Decimal
    rmse: Decimal

    def metrics_json(self) -> dict[str, str]:
        """How the metrics are stored."""
        return {"mae": str(self.mae), "rmse": str(self.rmse)}


def history_days(before: date, days: int = HISTORY_DAYS) -> list[date]:
    """The `days` days before `before` (excluded), oldest first."""
    return [before - timedelta(days=days - offset) for offset in range(days)]


def series(quantities: Mapping[date, Decimal], days: Sequence[date]) -> list[tuple[date, Decimal]]:
    """Each day with its quantity sold, 0 for days without sales."""
    return [(day, quantities.get(day, Decimal(0))) for day in days]


def weekday_means(history: Sequence[tuple[date, Decimal]]) -> WeekdayMeans:
    """The weekday means of `history` and the standard deviation of its residuals."""
    by_weekday: list[list[Decimal]] = [[] for _ in range(7)]
    for day, quantity in history:
        by_weekday[day.weekday()].append(quantity)
    means = tuple(
        _exact(sum(values, Decimal(0)) / len(values)) if values else Decimal("0.000")
        for values in by_weekday
    )
    if not history:
        return WeekdayMeans(means=means, residual_std=Decimal("0.000"))
    squares = sum(((q - means[day.weekday()]) ** 2 for day, q in history), Decimal(0))
    return WeekdayMeans(means=means, residual_std=_exact((squares / len(history)).sqrt()))


def fit(history: Sequence[tuple[date, Decimal]], holdout_days: int = HOLDOUT_DAYS) -> Fit:
    """The model of the whole `history`, measured by a fit on all but its last `holdout_days`
    predicting those (MAE and RMSE)."""
    training, holdout = history[:-holdout_days], history[-holdout_days:]
    measured = weekday_means(training)
    errors = [quantity - measured.predict(day)[0] for day, quantity in holdout]
    mae = sum((abs(error) for error in errors), Decimal(0)) / len(errors)
    rmse = (sum((error**2 for error in errors), Decimal(0)) / len(errors)).sqrt()
    return Fit(model=weekday_means(history), mae=_exact(mae), rmse=_exact(rmse))
