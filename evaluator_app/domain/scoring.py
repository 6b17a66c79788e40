"""Combining the experts' scores into the panel's result, exactly.

Aggregates stay exact rationals; figures are rounded half up only when shown, exported or
compared (the pass test compares the total rounded to 2 places with the pass score).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..numbers import FOUR_PLACES, rounded
from .consequences import Consequence, consequence_for
from .evaluation import Evaluation, Kind, MemberCategory
from .rules import RuleFinding, Severity, evaluation_findings, required_standardization_experts
from .sheet import PANEL_MEMBER, Aggregation, Sheet
from .survey import SurveyStats, survey_stats

PASS = "合格"
FAIL = "不合格"
PROGRESS_GOOD = "进展良好"
PROGRESS_NORMAL = "基本正常"
PROGRESS_LATE = "滞后"
PROGRESS_BANDS = ((Decimal("0.80"), PROGRESS_GOOD), (Decimal("0.70"), PROGRESS_NORMAL), (Decimal(0), PROGRESS_LATE))


@dataclass
class Disagreement:
    item: str
    low: Decimal
    high: Decimal
    limit: Fraction


@dataclass
class Summary:
    kind: Kind
    panel_size: int
    standardization_experts: int
    required_experts: int
    panel_valid: bool
    panel_problems: list[str]
    warnings: list[str]
    items: dict[str, Fraction | None]
    categories: dict[str, Fraction]
    members: dict[str, Fraction]
    base_score: Fraction
    bonus: Fraction
    total: Fraction
    vetoes: list[str]
    survey: SurveyStats | None
    derived_item: str | None
    derived_value: Decimal | None
    overridden: bool
    not_applicable: list[str]
    progress: Fraction | None
    missing: list[tuple[str, str]]
    disagreements: list[Disagreement]
    result: str | None
    findings: list[RuleFinding] = field(default_factory=list)
    panel_vetoes: list[str] = field(default_factory=list)  # vetoes in force the panel confirmed, no score rule
    consequence: Consequence | None = None  # what follows from the result under the 细则
    conflicts: list[str] = field(default_factory=list)  # merge conflicts still open: no result until decided


def aggregate(values: list[Decimal], mode: Aggregation) -> Fraction | None:
    """One item's panel score from the members' scores."""
    if not values:
        return None
    ordered = sorted(Fraction(v) for v in values)
    if mode is Aggregation.TRIMMED_MEAN and len(ordered) >= 5:
        ordered = ordered[1:-1]
    return sum(ordered, Fraction(0)) / len(ordered)


def scorers(evaluation: Evaluation) -> list[str]:
    """Who enters scores: every member, or the panel as one in consensus mode."""
    if evaluation.sheet.aggregation is Aggregation.CONSENSUS:
        return [PANEL_MEMBER]
    return [member.id for member in evaluation.panel]


def not_applicable_items(evaluation: Evaluation) -> set[str]:
    """Items marked 未到期 that nobody scored: they leave the denominator (中期评估)."""
    marked = {s.item for s in evaluation.scores if s.na}
    scored = {s.item for s in evaluation.scores if s.score is not None}
    return marked - scored


def compute(evaluation: Evaluation) -> Summary:
    sheet = evaluation.sheet
    who = scorers(evaluation)
    counted = set(who)
    na = not_applicable_items(evaluation)

    by_item: dict[str, list[Decimal]] = {}
    by_member: dict[str, Fraction] = {m: Fraction(0) for m in who}
    entered: set[tuple[str, str]] = set()
    for score in evaluation.scores:
        if score.member not in counted:
            continue
        entered.add((score.member, score.item))
        if score.score is not None and score.item not in na:
            by_item.setdefault(score.item, []).append(score.score)
            by_member[score.member] += Fraction(score.score)

    stats = survey_stats(evaluation.survey, sheet.survey) if sheet.survey else None
    derived_item = sheet.derived_item
    override = next((o for o in evaluation.overrides if o.item == derived_item), None)
    derived_value = override.score if override else (stats.derived_score if stats else None)

    items: dict[str, Fraction | None] = {}
    for item in sheet.items:
        if item.code in na:
            continue
        if item.code == derived_item:
            items[item.code] = Fraction(derived_value) if derived_value is not None else None
        else:
            items[item.code] = aggregate(by_item.get(item.code, []), sheet.aggregation)
    if derived_item and derived_value is not None and derived_item not in na:
        for member in by_member:
            by_member[member] += Fraction(derived_value)

    categories = {
        category.code: sum((items[i.code] or Fraction(0) for i in category.items if i.code in items), Fraction(0))
        for category in sheet.categories
    }
    base = sum(categories.values(), Fraction(0))
    bonus = sum((Fraction(b.score) for b in evaluation.bonuses), Fraction(0))
    if sheet.bonus_cap is not None:
        bonus = min(bonus, Fraction(sheet.bonus_cap))
    total = base + bonus
    if sheet.total_cap is not None:
        total = min(total, Fraction(sheet.total_cap))

    vetoes = vetoes_in_force(evaluation, items, categories)
    missing = [(m, item.code) for m in who for item in sheet.scored_items
               if item.code not in na and (m, item.code) not in entered]
    disagreements = find_disagreements(evaluation, by_item, na)

    findings = evaluation_findings(evaluation)
    blocking = [f.message for f in findings if f.blocking and f.code.startswith(("panel.", "member."))]
    warnings = [f.message for f in findings if f.severity is Severity.WARNING]
    if stats and stats.below_minimum and sheet.survey:
        warnings.append(f"有效满意度样本 {stats.valid_samples} 份，少于最低要求 {sheet.survey.min_valid_samples} 份")
    experts = sum(1 for m in evaluation.panel if m.category is MemberCategory.STANDARDIZATION)

    applicable_max = sum((Fraction(i.max) for i in sheet.items if i.code not in na), Fraction(0))
    progress = base / applicable_max if applicable_max else None
    result = None
    if not missing and not blocking and not evaluation.conflicts:
        result = decide(evaluation.kind, sheet, total, vetoes, progress)
    panel_vetoes = confirmed_vetoes(evaluation, vetoes)
    consequence = consequence_for(evaluation.kind, result, result == PASS, panel_vetoes,
                                  evaluation.evaluation_date, evaluation.pilot.get("term_end"))

    return Summary(
        kind=evaluation.kind, panel_size=len(evaluation.panel), standardization_experts=experts,
        required_experts=required_standardization_experts(len(evaluation.panel)),
        panel_valid=not blocking, panel_problems=blocking, warnings=warnings,
        items=items, categories=categories, members=by_member, base_score=base, bonus=bonus, total=total,
        vetoes=vetoes, survey=stats, derived_item=derived_item, derived_value=derived_value,
        overridden=override is not None, not_applicable=[i.code for i in sheet.items if i.code in na],
        progress=progress if evaluation.kind is Kind.MIDTERM else None,
        missing=missing, disagreements=disagreements, result=result, findings=findings,
        panel_vetoes=panel_vetoes, consequence=consequence, conflicts=list(evaluation.conflicts),
    )


def vetoes_in_force(evaluation: Evaluation, items: dict[str, Fraction | None],
                    categories: dict[str, Fraction]) -> list[str]:
    """Confirmed by the panel, or triggered by a rule on a rounded aggregate."""
    sheet = evaluation.sheet
    confirmed = {d.code for d in evaluation.vetoes if d.confirmed}
    in_force = []
    for veto in sheet.vetoes:
        triggered = False
        rule = veto.rule
        if rule is not None:
            if rule.target_kind == "category":
                value: Fraction | None = categories.get(rule.target)
                category = sheet.category(rule.target)
                maximum = category.max if category else None
            else:
                value = items.get(rule.target)
                item = sheet.item(rule.target)
                maximum = item.max if item else None
            if value is not None and maximum is not None:
                triggered = rounded(value) < rule.below_ratio * maximum
        if triggered or veto.code in confirmed:
            in_force.append(veto.code)
    return in_force


def confirmed_vetoes(evaluation: Evaluation, in_force: list[str]) -> list[str]:
    """The vetoes in force that are the panel's decision on an event (第二十四条; 第三十七条 in a 复查),
    not a score rule's."""
    confirmed = {d.code for d in evaluation.vetoes if d.confirmed}
    return [code for code in in_force
            if code in confirmed and (spec := evaluation.sheet.veto(code)) is not None and spec.rule is None]


def decide(kind: Kind, sheet: Sheet, total: Fraction, vetoes: list[str], progress: Fraction | None) -> str:
    """A veto in force fails every kind, 中期评估 included: it is never rated by its progress."""
    if vetoes:
        return FAIL
    if kind is Kind.MIDTERM:
        ratio = rounded(progress or Fraction(0), FOUR_PLACES)
        return next(label for threshold, label in PROGRESS_BANDS if ratio >= threshold)
    return PASS if rounded(total) >= sheet.pass_score else FAIL


def find_disagreements(evaluation: Evaluation, by_item: dict[str, list[Decimal]], na: set[str]) -> list[Disagreement]:
    """Items whose members' range exceeds the sheet's share of the item maximum."""
    sheet = evaluation.sheet
    if sheet.aggregation is Aggregation.CONSENSUS:
        return []
    flagged = []
    for item in sheet.scored_items:
        values = by_item.get(item.code, [])
        if len(values) < 2 or item.code in na:
            continue
        limit = Fraction(sheet.disagreement_ratio) * Fraction(item.max)
        if Fraction(max(values) - min(values)) > limit:
            flagged.append(Disagreement(item.code, min(values), max(values), limit))
    return flagged
