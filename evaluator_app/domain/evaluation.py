"""One evaluation as data: kind, pilot, panel, scores, panel decisions, survey, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .sheet import Sheet


class Kind(StrEnum):
    PILOT = "试点评估"
    MIDTERM = "中期评估"
    REINSPECTION = "复查"


class MemberCategory(StrEnum):
    STANDARDIZATION = "标准化专家"
    INDUSTRY = "行业专家"
    MANAGEMENT = "管理人员"


class Role(StrEnum):
    LEADER = "组长"
    MEMBER = "成员"


class Selection(StrEnum):
    RANDOM = "随机抽取"
    NOMINATED = "推荐"


RESPONDENT_TYPES = ("群众", "企业", "其他")

# Fields of 附件3 (评估报告) and 附件6 (复查报告), in the order the forms list them.
PILOT_FIELDS: dict[str, str] = {
    "name": "试点名称",
    "unit": "试点单位",
    "address": "地址",
    "legal_representative": "法定代表人（负责人）",
    "contact": "联系人",
    "phone": "电话",
    "guarantor": "保证单位",
    "guidance_unit": "业务指导单位",
    "management_unit": "管理单位",
    "industry": "所属行业",
    "term_start": "试点期限起",
    "term_end": "试点期限止",
    "system_running_since": "标准体系运行起始日期",
    "pilot_evaluation_date": "试点评估时间",
    "qualified_date": "确定为“试点合格单位”时间",
    "qualified_document": "确定为“试点合格单位”文件号",
}
PILOT_DATE_FIELDS = ("term_start", "term_end", "system_running_since", "pilot_evaluation_date",
                     "qualified_date")

# The 回避 declaration each member answers before scoring; any "yes" blocks the member.
RECUSAL_QUESTIONS: dict[str, str] = {
    "employed": "本人现在或近三年在试点单位或其参加单位、保证单位、业务指导单位任职",
    "consulted": "本人曾为本试点提供咨询，或参与起草本试点的标准",
    "related": "本人与试点单位存在亲属关系或经济利益关系",
}


@dataclass
class Recusal:
    answers: dict[str, bool]
    declared_at: str = ""

    @property
    def conflict(self) -> bool:
        return any(self.answers.values())


@dataclass
class Member:
    id: str
    name: str
    category: MemberCategory
    role: Role
    org: str = ""
    title: str = ""
    phone: str = ""
    education: str = ""
    senior_title: bool | None = None
    years: int | None = None
    selection: str = ""
    selection_record: str = ""
    recusal: Recusal | None = None
    replaces: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Score:
    member: str  # a member id, or PANEL_MEMBER in consensus mode
    item: str
    score: Decimal | None = None
    na: bool = False  # 未到期 (中期评估): the item leaves the denominator
    note: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class VetoDecision:
    code: str
    confirmed: bool
    note: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class BonusAward:
    code: str
    score: Decimal
    note: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Override:
    item: str
    score: Decimal
    reason: str
    extra: dict = field(default_factory=dict)


@dataclass
class Sample:
    id: str
    answers: dict[str, str]
    respondent_type: str = ""
    place: str = ""
    time: str = ""
    collector: str = ""
    comment: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Note:
    """A finding (问题) or a suggestion (改进建议), optionally tied to an item and a step."""

    id: str
    text: str
    item: str = ""
    step: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Evaluation:
    kind: Kind
    sheet: Sheet
    pilot: dict[str, str]
    evaluation_date: str | None = None  # the first day on site
    evaluation_end_date: str | None = None  # the last day, when the panel stays two days
    purpose: str = ""
    basis: str = ""
    panel: list[Member] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    vetoes: list[VetoDecision] = field(default_factory=list)
    bonuses: list[BonusAward] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    survey: list[Sample] = field(default_factory=list)
    findings: list[Note] = field(default_factory=list)
    suggestions: list[Note] = field(default_factory=list)
    summary_text: str = ""  # 评估综述
    id: str = ""
    extra: dict = field(default_factory=dict)
    pilot_extra: dict = field(default_factory=dict)
    # Records merged from several laptops whose versions differ, until the 组长 decides ("评分 e3/A1").
    conflicts: list[str] = field(default_factory=list)

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.panel if m.id == member_id), None)
