"""Panel and evaluation rules as pure functions returning structured findings, never raising."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ..numbers import is_multiple
from .evaluation import Evaluation, Kind, Member, MemberCategory, Role
from .sheet import Item, Sheet

MIN_PANEL = 5
MAX_PANEL = 7
MIN_YEARS = 5
# 第二十八条 本科以上学历: the values that meet it, compared whole (so "本科以下" does not).
ACCEPTED_EDUCATION = frozenset({"本科", "大学本科", "本科及以上", "本科以上", "学士", "硕士", "硕士研究生",
                                "研究生", "博士", "博士研究生", "博士后"})
VALIDITY_MONTHS = 36  # 合格结果有效期 3 年 (第二十三条, 第三十六条)
RECTIFY_MONTHS = 6  # 限期 6 个月整改 (第二十三条)
APPLY_BEFORE_END_MONTHS = 3  # 试点期满前 3 个月 (第十八条); 有效期届满前 3 个月 (第三十二条)
REINSPECTION_MONTHS = 3  # 3 个月内完成复查 (第三十三条)


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


@dataclass(frozen=True)
class PanelWording:
    """How the rules name the panel and the article they apply, per kind of evaluation."""

    name: str
    article: str


PANEL_WORDING = {
    Kind.PILOT: PanelWording("评估组", "第十九条"),
    Kind.MIDTERM: PanelWording("评估组", "第十九条"),
    Kind.REINSPECTION: PanelWording("复查专家组", "第三十四条"),
}


def required_standardization_experts(size: int) -> int:
    """不少于三分之一: at least ceil(n/3), so exactly one third passes (2 of 6)."""
    return math.ceil(size / 3)


def panel_findings(panel: list[Member], kind: Kind = Kind.PILOT) -> list[RuleFinding]:
    """第十九条 for 试点评估 and 中期评估; 第三十四条 for 复查, which names the composition but no ratio, so
    fewer than one third 标准化专家 is a warning there, not a block."""
    wording = PANEL_WORDING[kind]
    size = len(panel)
    findings: list[RuleFinding] = []
    if size < MIN_PANEL or size > MAX_PANEL:
        findings.append(RuleFinding("panel.size", Severity.ERROR,
                                    f"{wording.name}现有 {size} 人，应为 {MIN_PANEL} 至 {MAX_PANEL} 人"
                                    f"（{wording.article}）"))
    experts = sum(1 for m in panel if m.category is MemberCategory.STANDARDIZATION)
    needed = required_standardization_experts(size)
    if experts < needed:
        if kind is Kind.REINSPECTION:
            findings.append(RuleFinding("panel.experts", Severity.WARNING,
                                        f"复查专家组 {size} 人中标准化专家 {experts} 名，少于三分之一（{needed} 名）；"
                                        "第三十四条要求由标准化、相关专业领域的技术专家以及管理人员组成，"
                                        "未规定比例，请组长确认"))
        else:
            findings.append(RuleFinding("panel.experts", Severity.ERROR,
                                        f"标准化专家 {experts} 名，{size} 人评估组至少需要 {needed} 名（第十九条）"))
    leaders = [m for m in panel if m.role is Role.LEADER]
    if not leaders:
        findings.append(RuleFinding("panel.leader", Severity.ERROR, f"{wording.name}尚未指定组长"))
    elif len(leaders) > 1:
        names = "、".join(m.name for m in leaders)
        findings.append(RuleFinding("panel.leader", Severity.ERROR,
                                    f"{wording.name}有 {len(leaders)} 名组长（{names}），应只有一名"))
    for member in panel:
        if member.recusal is not None and member.recusal.conflict:
            findings.append(RuleFinding("member.recusal", Severity.ERROR,
                                        f"{member.name} 的回避声明中有“是”，须回避，更换人员后方可评分",
                                        member.id))
        findings.extend(qualification_findings(member))
    return findings


def education_meets(education: str) -> bool:
    """本科 or above, as a form writes it: "本科", "硕士研究生", "博士学位", "大学本科学历" (not "本科以下")."""
    text = "".join(education.split())
    for suffix in ("学历", "学位"):
        text = text.removesuffix(suffix)
    return text in ACCEPTED_EDUCATION or text in {"双学士", "在职研究生", "在职硕士", "在职博士"}


def qualification_findings(member: Member) -> list[RuleFinding]:
    """第二十八条 says 一般: a shortfall is a warning the 组长 acknowledges, not a block; so is data missing
    to check it."""
    shortfalls = []
    unknown = []
    education = member.education.strip()
    if not education:
        unknown.append("学历")
    elif not education_meets(education):
        shortfalls.append(f"学历为{education}（一般应为本科以上）")
    if member.senior_title is None:
        unknown.append("是否具有高级以上技术职称")
    elif not member.senior_title:
        shortfalls.append("无高级以上技术职称")
    if member.years is None:
        unknown.append("从事标准化或相关工作年限")
    elif member.years < MIN_YEARS:
        shortfalls.append(f"从事标准化或相关工作 {member.years} 年（一般应为 {MIN_YEARS} 年以上）")
    findings = []
    if shortfalls:
        findings.append(RuleFinding("member.qualification", Severity.WARNING,
                                    f"{member.name}：{'；'.join(shortfalls)}（第二十八条）", member.id))
    if unknown:
        findings.append(RuleFinding("member.qualification_missing", Severity.WARNING,
                                    f"{member.name}：未填写{'、'.join(unknown)}，无法核对专家条件（第二十八条）",
                                    member.id))
    return findings


def scoring_blockers(panel: list[Member], kind: Kind = Kind.PILOT) -> list[RuleFinding]:
    """What stops step 6: an invalid panel, or a member without a 回避 declaration."""
    blockers = [f for f in panel_findings(panel, kind) if f.blocking]
    for member in panel:
        if member.recusal is None:
            blockers.append(RuleFinding("member.recusal_missing", Severity.ERROR,
                                        f"{member.name} 尚未填写回避声明", member.id))
    return blockers


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


MAX_ON_SITE_DAYS = 2  # 现场考核评估 takes one or two days (第三十四条 for 复查; panels often stay two days)
_PERIOD = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*(?:(?:至|到|~|～|—|–)\s*"
                     r"(?:(?:(\d{4})-)?(\d{1,2})-)?(\d{1,2})日?)?\s*")


def parse_period(text: str) -> tuple[str, str | None] | None:
    """"2025-11-18", "2025-11-18至19日", "2025-11-30至12-01" or "2025-12-31至2026-01-01" as ISO first and
    last day (None when one day); None when it is not such a text or not real dates."""
    match = _PERIOD.fullmatch(text or "")
    if not match:
        return None
    try:
        start = dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match[6] is None:
            return start.isoformat(), None
        end = dt.date(int(match[4] or start.year), int(match[5] or start.month), int(match[6]))
    except ValueError:
        return None
    return start.isoformat(), end.isoformat()


def period_problem(start: str | None, end: str | None) -> str | None:
    """Why an evaluation period cannot be: an end before the start, or more days on site than the work takes."""
    first, last = parse_date(start), parse_date(end)
    if last is None or first is None:
        return None
    if last < first:
        return f"评估结束日期 {last.isoformat()} 早于开始日期 {first.isoformat()}"
    if (last - first).days + 1 > MAX_ON_SITE_DAYS:
        return f"现场评估为一至两天，{first.isoformat()} 至 {last.isoformat()} 共 {(last - first).days + 1} 天"
    return None


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def running_time_findings(system_running_since: str | None, evaluation_date: str | None,
                          kind: Kind = Kind.PILOT) -> list[RuleFinding]:
    """第十八条: a standard system running less than six months may not apply for evaluation. Only the
    final evaluation is applied for; 中期评估 and 复查 are not."""
    if kind is not Kind.PILOT:
        return []
    start, day = parse_date(system_running_since), parse_date(evaluation_date)
    if start is None or day is None:
        return []
    if add_months(start, 6) > day:
        return [RuleFinding("pilot.running_time", Severity.WARNING,
                            f"标准体系自 {start.isoformat()} 起运行，至评估日期 {day.isoformat()} "
                            "未满半年，按第十八条不得申请评估")]
    return []


def qualified_until(qualified_date: str | None) -> dt.date | None:
    """When a 合格 result found on `qualified_date` expires: 3 years on (第二十三条)."""
    start = parse_date(qualified_date)
    return add_months(start, VALIDITY_MONTHS) if start else None


def timing_findings(evaluation: Evaluation) -> list[RuleFinding]:
    """Whether the evaluation date fits the pilot's term (第十八条) or, for 复查, the 合格 validity
    (第三十、三十二、三十三条)."""
    pilot = evaluation.pilot
    findings = running_time_findings(pilot.get("system_running_since"), evaluation.evaluation_date, evaluation.kind)
    day = parse_date(evaluation.evaluation_date)
    start, end = parse_date(pilot.get("term_start")), parse_date(pilot.get("term_end"))
    if evaluation.kind is Kind.REINSPECTION:
        return findings + _reinspection_timing(evaluation, day)
    if day is None:
        return findings
    if evaluation.kind is Kind.PILOT:
        if end is None:
            findings.append(RuleFinding("timing.term_missing", Severity.WARNING,
                                        "未填写试点期限止，无法核对评估时间是否在试点期满前 3 个月以内（第十八条）"))
        elif day < add_months(end, -APPLY_BEFORE_END_MONTHS):
            findings.append(RuleFinding("timing.too_early", Severity.WARNING,
                                        f"评估日期 {day.isoformat()} 早于试点期满（{end.isoformat()}）前 3 个月"
                                        f"（{add_months(end, -APPLY_BEFORE_END_MONTHS).isoformat()}）；按第十八条，"
                                        "试点期满前 3 个月自查合格后方可提出评估申请"))
    if start is not None and day < start:
        findings.append(RuleFinding("timing.before_term", Severity.WARNING,
                                    f"评估日期 {day.isoformat()} 早于试点期限起始日期 {start.isoformat()}（第十八条）"))
    if evaluation.kind is Kind.MIDTERM:
        if start is None or end is None:
            findings.append(RuleFinding("timing.term_missing", Severity.WARNING,
                                        "未填写试点期限，无法核对中期评估是否在试点建设中期（第十八条）"))
        elif day > end:
            findings.append(RuleFinding("timing.after_term", Severity.WARNING,
                                        f"评估日期 {day.isoformat()} 晚于试点期限止 {end.isoformat()}，"
                                        "中期评估应在试点建设中期进行（第十八条）"))
    return findings


def _reinspection_timing(evaluation: Evaluation, day: dt.date | None) -> list[RuleFinding]:
    expiry = qualified_until(evaluation.pilot.get("qualified_date"))
    if expiry is None:
        return [RuleFinding("timing.qualified_missing", Severity.WARNING,
                            "未填写确定为“试点合格单位”时间，无法核对合格有效期；复查对象是试点合格且有效期届满的"
                            "单位（第三十条、第三十二条）")]
    if day is None:
        return []
    opens = add_months(expiry, -APPLY_BEFORE_END_MONTHS)
    latest = add_months(expiry, REINSPECTION_MONTHS)
    if day < opens:
        return [RuleFinding("timing.too_early", Severity.WARNING,
                            f"复查日期 {day.isoformat()} 早于合格有效期届满（{expiry.isoformat()}）前 3 个月"
                            f"（{opens.isoformat()}）；按第三十二条，届满前 3 个月方可提出复查申请")]
    if day > latest:
        return [RuleFinding("timing.expired", Severity.WARNING,
                            f"合格有效期已于 {expiry.isoformat()} 届满，复查日期 {day.isoformat()} 已逾期："
                            "复查申请应在届满前提出，逾期视为自动放弃（第三十二条），"
                            "复查应在收到申请之日起 3 个月内完成（第三十三条）")]
    if day > expiry:
        return [RuleFinding("timing.after_expiry", Severity.WARNING,
                            f"合格有效期已于 {expiry.isoformat()} 届满；请核对复查申请是在届满前提出的（第三十二条），"
                            "且复查在收到申请之日起 3 个月内完成（第三十三条）")]
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
    findings = panel_findings(evaluation.panel, evaluation.kind)
    findings += timing_findings(evaluation)
    for score in evaluation.scores:
        item = evaluation.sheet.item(score.item)
        if item is not None and score.score is not None:
            findings += [f for f in score_findings(item, score.score, score.note, evaluation.sheet)
                         if f.code == "score.note"]
    return findings
