"""What follows from a result under the 细则: the article that says so and, where it sets one, the date.

The wording lives in `evaluator_app.presentation` (`consequence_phrase`); this module holds the facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .evaluation import Kind
from .rules import APPLY_BEFORE_END_MONTHS, RECTIFY_MONTHS, VALIDITY_MONTHS, add_months, parse_date


class ConsequenceCode(StrEnum):
    RECTIFY = "rectify"  # 不合格: 限期 6 个月整改, then a new evaluation (第二十三条)
    VALID = "valid"  # 合格: valid 3 years (第二十三条)
    TERMINATE = "terminate"  # a 第二十四条 veto: the pilot task ends
    APPLY_FINAL = "apply_final"  # 中期评估: self-check and apply 3 months before the term ends (第十八条)
    REINSPECTION_VALID = "reinspection_valid"  # 复查合格: valid 3 more years (第三十六条)
    REVOKE = "revoke"  # 复查不合格: 试点资格取消 (第三十六条)
    STOP_REINSPECTION = "stop_reinspection"  # a veto during 复查: 停止复查工作 (第三十七条)


ARTICLES = {
    ConsequenceCode.RECTIFY: "第二十三条",
    ConsequenceCode.VALID: "第二十三条",
    ConsequenceCode.TERMINATE: "第二十四条",
    ConsequenceCode.APPLY_FINAL: "第十八条",
    ConsequenceCode.REINSPECTION_VALID: "第三十六条",
    ConsequenceCode.REVOKE: "第三十六条",
    ConsequenceCode.STOP_REINSPECTION: "第三十七条",
}


@dataclass(frozen=True)
class Consequence:
    code: ConsequenceCode
    due: dt.date | None = None  # 整改 deadline, end of validity, or last day to apply

    @property
    def article(self) -> str:
        return ARTICLES[self.code]


def consequence_for(kind: Kind, result: str | None, passed: bool, panel_vetoes: list[str],
                    evaluation_date: str | None, term_end: str | None) -> Consequence | None:
    """None while there is no result. `panel_vetoes`: vetoes the panel confirmed (the events of
    第二十四条, or of 第三十七条 during a 复查); a veto a score rule triggers fails the result like a low total.
    Dates count from the evaluation date; the 合格 validity runs from the published list, which the
    evaluation does not know, so its end date is the earliest it can be."""
    if result is None:
        return None
    day = parse_date(evaluation_date)
    if kind is Kind.REINSPECTION:
        if panel_vetoes:
            return Consequence(ConsequenceCode.STOP_REINSPECTION)
        if passed:
            return Consequence(ConsequenceCode.REINSPECTION_VALID, _later(day, VALIDITY_MONTHS))
        return Consequence(ConsequenceCode.REVOKE)
    if panel_vetoes:
        return Consequence(ConsequenceCode.TERMINATE)
    if kind is Kind.MIDTERM:
        end = parse_date(term_end)
        return Consequence(ConsequenceCode.APPLY_FINAL, _later(end, -APPLY_BEFORE_END_MONTHS))
    if passed:
        return Consequence(ConsequenceCode.VALID, _later(day, VALIDITY_MONTHS))
    return Consequence(ConsequenceCode.RECTIFY, _later(day, RECTIFY_MONTHS))


def _later(day: dt.date | None, months: int) -> dt.date | None:
    return add_months(day, months) if day else None
