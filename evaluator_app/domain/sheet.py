"""The 评估计分表 as data: categories, items, vetoes, bonuses and the satisfaction survey."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property


class Aggregation(StrEnum):
    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"
    CONSENSUS = "consensus"


# The member id under which consensus-mode sheets hold the panel's one agreed score per item.
PANEL_MEMBER = "panel"

UNKNOWN_ANSWER = "不了解"


@dataclass
class Item:
    code: str
    name: str
    max: Decimal
    guidance: str = ""
    method: str = ""
    step: int | None = None


@dataclass
class Category:
    code: str
    name: str
    max: Decimal
    items: tuple[Item, ...]


@dataclass
class VetoRule:
    """Triggered when the target's aggregated score falls below `below_ratio` of its maximum."""

    target_kind: str  # "category" or "item"
    target: str
    below_ratio: Decimal


@dataclass
class VetoSpec:
    code: str
    text: str
    rule: VetoRule | None = None


@dataclass
class BonusSpec:
    code: str
    text: str
    max: Decimal


@dataclass
class Level:
    label: str
    weight: Decimal


@dataclass
class Question:
    code: str
    text: str
    weight: Decimal = Decimal(1)


@dataclass
class Band:
    min_rate: Decimal
    score: Decimal


@dataclass
class Derive:
    item: str
    bands: tuple[Band, ...]  # best first
    cap_below_min: Decimal | None = None


@dataclass
class SurveySpec:
    levels: tuple[Level, ...]  # best first
    satisfied_levels: int
    questions: tuple[Question, ...]
    overall_question: str
    min_valid_samples: int = 30
    target_valid_samples: int | None = None
    derive: Derive | None = None

    @cached_property
    def labels(self) -> tuple[str, ...]:
        return tuple(level.label for level in self.levels)

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)


@dataclass
class Sheet:
    id: str
    name: str
    version: str
    provisional: bool
    pass_score: Decimal
    aggregation: Aggregation
    score_step: Decimal
    deduction_note_required: bool
    disagreement_ratio: Decimal
    bonus_cap: Decimal | None
    total_cap: Decimal | None
    categories: tuple[Category, ...]
    vetoes: tuple[VetoSpec, ...] = ()
    bonuses: tuple[BonusSpec, ...] = ()
    survey: SurveySpec | None = None
    # The JSON document the sheet was read from, kept whole so unknown keys travel on.
    document: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for category in self.categories for item in category.items)

    def item(self, code: str) -> Item | None:
        return next((item for item in self.items if item.code == code), None)

    def category(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    def category_of(self, item_code: str) -> Category | None:
        return next((c for c in self.categories if any(i.code == item_code for i in c.items)), None)

    @property
    def derived_item(self) -> str | None:
        """The item whose value comes from the survey, not from the members."""
        if self.survey and self.survey.derive:
            return self.survey.derive.item
        return None

    @cached_property
    def scored_items(self) -> tuple[Item, ...]:
        """Items the members score (all but the derived one)."""
        derived = self.derived_item
        return tuple(item for item in self.items if item.code != derived)

    @property
    def max_total(self) -> Decimal:
        return sum((c.max for c in self.categories), Decimal(0))

    def veto(self, code: str) -> VetoSpec | None:
        return next((v for v in self.vetoes if v.code == code), None)

    def bonus(self, code: str) -> BonusSpec | None:
        return next((b for b in self.bonuses if b.code == code), None)
