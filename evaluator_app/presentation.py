"""The words the report, the workbook and the window use for the same facts: the result, the sheet, the subtotals.

Everything here is Chinese. A text is a `Phrase`: a template with named values. `str(phrase)` is the
Chinese text the PDF and the Excel print; the window shows `phrase.text(tr)`, which translates the
template (the msgid) and every phrase inside it, so the English interface says the same thing.
scripts/update_translations.py lists `WORDING` with the other core terms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .domain.consequences import ARTICLES, Consequence, ConsequenceCode
from .domain.evaluation import Evaluation, Kind
from .domain.rules import APPLY_BEFORE_END_MONTHS, RECTIFY_MONTHS, VALIDITY_MONTHS
from .domain.scoring import FAIL, PASS, PROGRESS_GOOD, Summary
from .domain.sheet import Category, Sheet
from .numbers import Number, fmt, fmt_plain, rounded

REINSPECTION_PASS = "复查合格"
REINSPECTION_FAIL = "复查不合格"
MIDTERM_RESULT = "{rating}（完成度 {percent}）"
MIDTERM_VETOED = "{result}（存在否决项 {codes}）"
NO_RESULT = "尚未形成结论"
NO_RESULT_PANEL = "尚未形成结论（评估组组成或回避不符合要求）"
NO_RESULT_MISSING = "尚未形成结论（尚有 {count} 项评分未录入）"
NO_RESULT_BOTH = "尚未形成结论（评估组组成或回避不符合要求；尚有 {count} 项评分未录入）"
NO_RESULT_CONFLICTS = "尚未形成结论（合并时有 {count} 处冲突，待组长决定）"
SHEET_VERSION_PROVISIONAL = "{name}（版本 {version}，暂定）"
SHEET_VERSION = "{name}（版本 {version}）"
SHEET_PROVISIONAL = "{name}（暂定）"
PROVISIONAL_MARK = "暂定"

# What follows from a result (domain.consequences): one template per consequence, and its date clause.
CONSEQUENCE_RECTIFY = ("评估不合格：限期 {months} 个月整改{due}，整改结束后重新申请评估；仍未通过评估的，"
                       "撤销其试点资格（{article}）")
CONSEQUENCE_VALID = ("评估合格：合格结果有效期 {years} 年，自公布试点合格单位名单之日起算{due}，"
                     "届满前 {before} 个月可申请复查（{article}、第三十二条）")
CONSEQUENCE_TERMINATE = "存在否决项：终止试点任务（{article}）"
CONSEQUENCE_APPLY_FINAL = ("中期评估不作合格判定；试点期满前 {before} 个月{due}，试点单位自查合格的，"
                           "可提出评估申请（{article}）")
CONSEQUENCE_REINSPECTION_VALID = "复查合格：合格有效期 {years} 年{due}（{article}）"
CONSEQUENCE_REVOKE = "复查不合格：取消其试点资格（{article}）"
CONSEQUENCE_STOP = "存在否决项：停止复查工作；申请复查弄虚作假的，停止复查工作并通报批评（{article}）"
DUE_RECTIFY = "（至 {date}）"
DUE_VALID = "，按评估日期推算至 {date} 届满"
DUE_APPLY = "（{date} 起）"

CONSEQUENCE_WORDING: dict[ConsequenceCode, tuple[str, str]] = {
    ConsequenceCode.RECTIFY: (CONSEQUENCE_RECTIFY, DUE_RECTIFY),
    ConsequenceCode.VALID: (CONSEQUENCE_VALID, DUE_VALID),
    ConsequenceCode.TERMINATE: (CONSEQUENCE_TERMINATE, ""),
    ConsequenceCode.APPLY_FINAL: (CONSEQUENCE_APPLY_FINAL, DUE_APPLY),
    ConsequenceCode.REINSPECTION_VALID: (CONSEQUENCE_REINSPECTION_VALID, DUE_VALID),
    ConsequenceCode.REVOKE: (CONSEQUENCE_REVOKE, ""),
    ConsequenceCode.STOP_REINSPECTION: (CONSEQUENCE_STOP, ""),
}

# The templates a translator sees; the results themselves (合格, 进展良好, …) come from domain.scoring.
WORDING = (*dict.fromkeys(ARTICLES.values()),
           REINSPECTION_PASS, REINSPECTION_FAIL, MIDTERM_RESULT, MIDTERM_VETOED, NO_RESULT, NO_RESULT_PANEL,
           NO_RESULT_MISSING, NO_RESULT_BOTH, NO_RESULT_CONFLICTS, SHEET_VERSION_PROVISIONAL, SHEET_VERSION,
           SHEET_PROVISIONAL,
           *(template for pair in CONSEQUENCE_WORDING.values() for template in pair if template))

POSITIVE_RESULTS = (PASS, PROGRESS_GOOD)


def _as_is(text: str) -> str:
    return text


@dataclass(frozen=True)
class Phrase:
    """A template with named values; a value is plain text (a figure, a name) or another phrase."""

    template: str
    values: tuple[tuple[str, Phrase | str], ...] = ()

    def text(self, translate: Callable[[str], str] = _as_is) -> str:
        """The phrase in one language: `translate` is applied to every template (the GUI passes `tr`)."""
        values = {key: value.text(translate) if isinstance(value, Phrase) else value for key, value in self.values}
        template = translate(self.template)
        return template.format(**values) if values else template

    def __str__(self) -> str:
        return self.text()


def _phrase(template: str, **values: Phrase | str) -> Phrase:
    return Phrase(template, tuple(values.items()))


def cn_date(value: str | dt.date | None) -> str:
    """'2025-11-18' (or a timestamp that day) as 2025年11月18日; anything else as given."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if not value:
        return ""
    text = value.strip()
    try:
        day = dt.date.fromisoformat(text[:10]) if len(text) >= 10 and text[4] == "-" else None
    except ValueError:
        day = None
    if day is None or (len(text) > 10 and text[10] not in "T "):
        return value
    return cn_date(day)


# -- the register of a formal report ---------------------------------------------------------------

_ISO_DAY = re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?:T[\d:.+\-Z]*)?(?![\d])")
_WIDE = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—…·"
_SPACE_BEFORE_NUMBER = re.compile(rf"(?<=[{_WIDE}]) +(?=[0-9A-Za-z%])")
_SPACE_AFTER_NUMBER = re.compile(rf"(?<=[0-9A-Za-z%]) +(?=[{_WIDE}])")
_SPACE_BETWEEN_WIDE = re.compile(rf"(?<=[{_WIDE}]) +(?=[{_WIDE}])")
_HALF_PUNCTUATION = re.compile(rf"(?<=[{_WIDE}])([,;:?!])")
_FULL_PUNCTUATION = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def formal(text: str) -> str:
    """Chinese report typography: ISO dates written out, no half-width spaces between Chinese text and
    numbers or Latin letters, half-width punctuation after Chinese text made full-width. A standard's
    designation keeps its own space ("按GB/T 1.1修改")."""
    text = _ISO_DAY.sub(lambda m: cn_date(m[0]), text)
    for pattern in (_SPACE_BEFORE_NUMBER, _SPACE_AFTER_NUMBER, _SPACE_BETWEEN_WIDE):
        text = pattern.sub("", text)
    return _HALF_PUNCTUATION.sub(lambda m: _FULL_PUNCTUATION[m[1]], text)


def evaluation_period(evaluation: Evaluation) -> str:
    """When the panel was on site: 2025年11月18日, 2025年11月18日至19日, 2025年11月30日至12月1日."""
    return period_text(evaluation.evaluation_date, evaluation.evaluation_end_date)


def period_text(start: str | None, end: str | None) -> str:
    first = cn_date(start)
    try:
        a, b = dt.date.fromisoformat(start or ""), dt.date.fromisoformat(end or "")
    except ValueError:
        return first
    if b == a:
        return first
    if b.year != a.year:
        return f"{first}至{cn_date(b)}"
    if b.month != a.month:
        return f"{first}至{b.month}月{b.day}日"
    return f"{first}至{b.day}日"


def percent(rate: Number | None) -> str:
    """A rate as a percentage with 2 decimals, "87.50%" (the rate rounded half up to 4 places); "—" if none."""
    return "—" if rate is None else f"{fmt(rate * 100)}%"


# -- the result -----------------------------------------------------------------------------------

def result_phrase(summary: Summary) -> Phrase:
    """合格 / 不合格; 复查合格 / 复查不合格; the 中期 rating with its completion; or why there is none yet."""
    if summary.result is None and summary.conflicts and not summary.missing and not summary.panel_problems:
        return _phrase(NO_RESULT_CONFLICTS, count=str(len(summary.conflicts)))
    if summary.result is None:
        count = str(len(summary.missing))
        if summary.panel_problems and summary.missing:
            return _phrase(NO_RESULT_BOTH, count=count)
        if summary.panel_problems:
            return _phrase(NO_RESULT_PANEL)
        if summary.missing:
            return _phrase(NO_RESULT_MISSING, count=count)
        return _phrase(NO_RESULT)
    if summary.kind is Kind.MIDTERM and summary.result == FAIL:
        return _phrase(MIDTERM_VETOED, result=_phrase(FAIL), codes="、".join(summary.vetoes))
    if summary.kind is Kind.MIDTERM:
        return _phrase(MIDTERM_RESULT, rating=_phrase(summary.result), percent=percent(summary.progress))
    if summary.kind is Kind.REINSPECTION and summary.result in (PASS, FAIL):
        return _phrase(REINSPECTION_PASS if summary.result == PASS else REINSPECTION_FAIL)
    return _phrase(summary.result)


def result_text(summary: Summary) -> str:
    """The result as the report, the workbook and the window say it, in Chinese."""
    return result_phrase(summary).text()


def result_is_positive(summary: Summary) -> bool | None:
    """True for 合格 (复查合格) and 进展良好, False for the other results, None while there is no result."""
    if summary.result is None:
        return None
    return summary.result in POSITIVE_RESULTS


# -- what follows from the result -----------------------------------------------------------------

def consequence_phrase(consequence: Consequence) -> Phrase:
    """"评估不合格：限期 6 个月整改（至 2026-05-20），…（第二十三条）" and the like, naming the article."""
    template, due_template = CONSEQUENCE_WORDING[consequence.code]
    due: Phrase | str = ""
    if due_template and consequence.due is not None:
        due = _phrase(due_template, date=consequence.due.isoformat())
    return _phrase(template, article=_phrase(consequence.article), due=due, months=str(RECTIFY_MONTHS),
                   years=str(VALIDITY_MONTHS // 12), before=str(APPLY_BEFORE_END_MONTHS))


def consequence_text(summary: Summary) -> str | None:
    """What follows from the result, in Chinese, as the summary, the report and the workbook say it;
    None while there is no result."""
    return consequence_phrase(summary.consequence).text() if summary.consequence else None


# -- the sheet ------------------------------------------------------------------------------------

def sheet_phrase(sheet: Sheet) -> Phrase:
    """The sheet's name and version, marked 暂定 when provisional (unless its name already says so)."""
    provisional = sheet.provisional and PROVISIONAL_MARK not in sheet.name
    if sheet.version:
        template = SHEET_VERSION_PROVISIONAL if provisional else SHEET_VERSION
        return _phrase(template, name=sheet.name, version=sheet.version)
    return _phrase(SHEET_PROVISIONAL, name=sheet.name) if provisional else _phrase("{name}", name=sheet.name)


def sheet_label(sheet: Sheet) -> str:
    """"计分表名称（版本 2026.1，暂定）", in Chinese."""
    return sheet_phrase(sheet).text()


# -- subtotals ------------------------------------------------------------------------------------

def category_max(category: Category, summary: Summary) -> Decimal:
    """The category's maximum over the items that apply (未到期 items leave it, 中期评估)."""
    skipped = set(summary.not_applicable)
    return sum((item.max for item in category.items if item.code not in skipped), Decimal(0))


def applicable_max(sheet: Sheet, summary: Summary) -> Decimal:
    """The sheet's maximum over the items that apply."""
    return sum((category_max(category, summary) for category in sheet.categories), Decimal(0))


@dataclass(frozen=True)
class CategoryLine:
    """One category's subtotal for the panel: "A 组织管理 12.50 / 15"."""

    code: str
    name: str
    score: Decimal  # the panel's subtotal, rounded half up to 2 places
    maximum: Decimal  # over the items that apply

    @property
    def text(self) -> str:
        return f"{self.code} {self.name} {self.score} / {fmt_plain(self.maximum)}"


def category_lines(sheet: Sheet, summary: Summary) -> list[CategoryLine]:
    return [CategoryLine(category.code, category.name, rounded(summary.categories.get(category.code, Fraction(0))),
                         category_max(category, summary))
            for category in sheet.categories]


def member_category_total(evaluation: Evaluation, summary: Summary, who: str, category: Category) -> Fraction:
    """One scorer's points in a category, the survey-derived item counted as it is in the scorer's total."""
    scores = {s.item: s.score for s in evaluation.scores if s.member == who and s.score is not None}
    total = Fraction(0)
    for item in category.items:
        if item.code in summary.not_applicable:
            continue
        if item.code == summary.derived_item:
            total += Fraction(summary.derived_value) if summary.derived_value is not None else 0
        elif item.code in scores:
            total += Fraction(scores[item.code])
    return total


__all__ = ["WORDING", "CategoryLine", "Phrase", "applicable_max", "category_lines", "category_max",
           "consequence_phrase", "consequence_text", "member_category_total", "percent", "result_is_positive",
           "result_phrase", "result_text", "sheet_label", "sheet_phrase"]
