"""Panel and evaluation rules as pure functions returning structured findings, never raising."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ..numbers import is_multiple
from .evaluation import Evaluation, Member, MemberCategory, Role
from .sheet import Item, Sheet

MIN_PANEL = 5
MAX_PANEL = 7
MIN_YEARS = 5
DEGREES = ("本科", "学士", "硕士", "博士", "研究生")


class Severity(StrEnum):
    ERROR = "error"  # blocks: the panel is invalid, the score is refused
    WARNING = "warning"  # shown and acknowledged, never hidden


@dataclass
class RuleFinding:
    code: str
    severity: Severity
    message: str
    subject: str = ""  # member id, item code…

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR


def required_standardization_experts(size: int) -> int:
    """不少于三分之一: at least ceil(n/3), so exactly one third passes (2 of 6)."""
    return math.ceil(size / 3)


def panel_findings(panel: list[Member]) -> list[RuleFinding]:
    size = len(panel)
    findings: list[RuleFinding] = []
    if size < MIN_PANEL or size > MAX_PANEL:
        findings.append(RuleFinding("panel.size", Severity.ERROR,
                                    f"评估组现有 {size} 人，应为 {MIN_PANEL} 至 {MAX_PANEL} 人（第十九条）"))
    experts = sum(1 for m in panel if m.category is MemberCategory.STANDARDIZATION)
    needed = required_standardization_experts(size)
    if experts < needed:
        findings.append(RuleFinding("panel.experts", Severity.ERROR,
                                    f"标准化专家 {experts} 名，{size} 人评估组至少需要 {needed} 名（第十九条）"))
    leaders = [m for m in panel if m.role is Role.LEADER]
    if not leaders:
        findings.append(RuleFinding("panel.leader", Severity.ERROR, "评估组尚未指定组长"))
    elif len(leaders) > 1:
        names = "、".join(m.name for m in leaders)
        findings.append(RuleFinding("panel.leader", Severity.ERROR,
                                    f"评估组有 {len(leaders)} 名组长（{names}），应只有一名"))
    for member in panel:
        if member.recusal is not None and member.recusal.conflict:
            findings.append(RuleFinding("member.recusal", Severity.ERROR,
                                        f"{member.name} 的回避声明中有“是”，须回避，更换人员后方可评分",
                                        member.id))
        findings.extend(qualification_findings(member))
    return findings


def qualification_findings(member: Member) -> list[RuleFinding]:
    """第二十八条 says 一般: a shortfall is a warning the 组长 acknowledges, not a block."""
    shortfalls = []
    if member.education and not any(degree in member.education for degree in DEGREES):
        shortfalls.append(f"学历为{member.education}（一般应为本科以上）")
    if member.senior_title is False:
        shortfalls.append("无高级以上技术职称")
    if member.years is not None and member.years < MIN_YEARS:
        shortfalls.append(f"从事标准化或相关工作 {member.years} 年（一般应为 {MIN_YEARS} 年以上）")
    if not shortfalls:
        return []
    return [RuleFinding("member.qualification", Severity.WARNING,
                        f"{member.name}：{'；'.join(shortfalls)}（第二十八条）", member.id)]


def scoring_blockers(panel: list[Member]) -> list[RuleFinding]:
    """What stops step 6: an invalid panel, or a member without a 回避 declaration."""
    blockers = [f for f in panel_findings(panel) if f.blocking]
    for member in panel:
        if member.recusal is None:
            blockers.append(RuleFinding("member.recusal_missing", Severity.ERROR,
                                        f"{member.name} 尚未填写回避声明", member.id))
    return blockers


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def running_time_findings(system_running_since: str | None, evaluation_date: str | None) -> list[RuleFinding]:
    """第十八条: a standard system running less than six months may not apply for evaluation."""
    if not system_running_since or not evaluation_date:
        return []
    try:
        start = dt.date.fromisoformat(system_running_since)
        day = dt.date.fromisoformat(evaluation_date)
    except ValueError:
        return []
    if add_months(start, 6) > day:
        return [RuleFinding("pilot.running_time", Severity.WARNING,
                            f"标准体系自 {start.isoformat()} 起运行，至评估日期 {day.isoformat()} "
                            "未满半年，按第十八条不得申请评估")]
    return []


def score_findings(item: Item, value: Decimal, note: str, sheet: Sheet) -> list[RuleFinding]:
    """Range, step and deduction-note checks for one score as it is typed."""
    findings = []
    if value < 0 or value > item.max:
        findings.append(RuleFinding("score.range", Severity.ERROR,
                                    f"{item.code} {item.name} 的得分应在 0 至 {item.max} 之间，输入为 {value}",
                                    item.code))
    elif not is_multiple(value, sheet.score_step):
        findings.append(RuleFinding("score.step", Severity.ERROR,
                                    f"{item.code} 的得分应为 {sheet.score_step} 的整数倍，输入为 {value}",
                                    item.code))
    elif sheet.deduction_note_required and value < item.max and not note.strip():
        findings.append(RuleFinding("score.note", Severity.WARNING,
                                    f"{item.code} 扣分 {item.max - value}，请填写扣分理由", item.code))
    return findings


def evaluation_findings(evaluation: Evaluation) -> list[RuleFinding]:
    """Everything the panel should see about an evaluation's rules, blocking or not."""
    findings = panel_findings(evaluation.panel)
    findings += running_time_findings(evaluation.pilot.get("system_running_since"), evaluation.evaluation_date)
    for score in evaluation.scores:
        item = evaluation.sheet.item(score.item)
        if item is not None and score.score is not None:
            findings += [f for f in score_findings(item, score.score, score.note, evaluation.sheet)
                         if f.code == "score.note"]
    return findings
