"""The on-site workflow's state: step status, gating that explains itself, submissions, consensus.

Pure functions over an Evaluation, its Summary and the `WorkflowState` kept in the evaluation file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .evaluation import Evaluation, Kind
from .rules import panel_findings, scoring_blockers, timing_findings
from .scoring import Summary, scorers
from .sheet import Item, Sheet
from .steps import Step, steps_for

NOT_STARTED = "未开始"
IN_PROGRESS = "进行中"
DONE = "已完成"

# Topics of the unit's 总结报告 (第十八条), heard in step 2.
REPORT_TOPICS = ("组织管理", "标准体系建设", "标准实施应用", "任务完成情况", "试点效果")
CHECK_STATUSES = ("未查", "符合", "部分符合", "不符合")


# The unit's application files, recorded in step 2 and forwarded with the report: 评估申请表 and
# 总结报告 (第十八条、第二十三条); for a 复查 the 复查自检报告 (附件4) and 复查申请表 (附件5) of 第三十二条.
APPLICATION_FILES: dict[Kind, tuple[str, ...]] = {
    Kind.PILOT: ("评估申请表", "总结报告"),
    Kind.MIDTERM: ("评估申请表", "总结报告"),
    Kind.REINSPECTION: ("复查自检报告", "复查申请表"),
}
APPLICATION_FILE_FORMS = {"复查自检报告": "附件4", "复查申请表": "附件5"}

# The sheet's item `step` counts the eight steps of 第二十一条: documents are checked in 3, the site in 4.
CHECKLIST_SHEET_STEP = {"documents": 3, "site": 4}


def checklist_items(sheet: Sheet, key: str, kind: Kind = Kind.PILOT) -> list[Item]:
    """The sheet items the checklist of step `key` goes through: 查阅资料 and 考核现场 on site; in a 复查
    the 现场复查 (体系文件审查与现场抽查, 第三十四条) covers both, and 申请材料评价 reviews the application files."""
    if kind is Kind.REINSPECTION:
        numbers = set(CHECKLIST_SHEET_STEP.values()) if key == "site" else set()
    else:
        numbers = {CHECKLIST_SHEET_STEP[key]} if key in CHECKLIST_SHEET_STEP else set()
    return [item for item in sheet.items if item.step in numbers]


@dataclass
class StepState:
    step: Step
    status: str
    started_at: str
    finished_at: str
    blockers: list[str] = field(default_factory=list)  # why it cannot be worked yet
    notices: list[str] = field(default_factory=list)  # shortfalls shown and acknowledged, not blocking

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)


@dataclass
class CheckResult:
    """The finding for one sheet item in step 3 (查阅资料) or step 4 (考核现场)."""

    status: str = "未查"
    note: str = ""


@dataclass
class WorkflowState:
    """What the panel has done so far, as kept in the evaluation file.

    `records`: each step's status, times and free data (agenda, report notes, counts, debrief),
    keyed by step number. The rest is keyed by what it is about, not by step number.
    """

    records: dict[int, dict] = field(default_factory=dict)
    submitted: dict[str, str] = field(default_factory=dict)  # scorer → when they submitted
    reopened: dict[str, list[str]] = field(default_factory=dict)  # scorer → items reopened in consensus
    accepted: dict[str, str] = field(default_factory=dict)  # item → why the disagreement stands
    checks: dict[str, dict[str, CheckResult]] = field(default_factory=dict)  # step key → item → result
    bound_member: str = ""  # in a member file, the member it belongs to: the others declare on their laptops

    def record(self, number: int) -> dict:
        return self.records.get(number, {"status": NOT_STARTED, "started_at": "", "finished_at": "", "data": {}})

    def status(self, number: int) -> str:
        return self.record(number).get("status", NOT_STARTED)


def step_number(kind: Kind, key: str) -> int | None:
    return next((s.number for s in steps_for(kind) if s.key == key), None)


def step_data(state: WorkflowState, kind: Kind, key: str) -> dict:
    number = step_number(kind, key)
    return state.records.get(number, {}).get("data", {}) if number else {}


def can_edit_score(state: WorkflowState, member: str, item: str) -> bool:
    """A scorer's sheet is editable until submitted; after that only the items reopened for them."""
    if member not in state.submitted:
        return True
    return item in state.reopened.get(member, [])


def open_disagreements(summary: Summary, state: WorkflowState) -> list[str]:
    return [d.item for d in summary.disagreements if d.item not in state.accepted]


def member_progress(evaluation: Evaluation, summary: Summary, member: str) -> tuple[int, int]:
    """(items scored, items to score) for one scorer."""
    total = len([i for i in evaluation.sheet.scored_items if i.code not in summary.not_applicable])
    missing = sum(1 for m, _ in summary.missing if m == member)
    return total - missing, total


def submit_problems(evaluation: Evaluation, summary: Summary, member: str) -> list[str]:
    """What stops a member from submitting their sheet."""
    problems = []
    done, total = member_progress(evaluation, summary, member)
    if done < total:
        problems.append(f"尚有 {total - done} 项未评分")
    if evaluation.sheet.deduction_note_required:
        for score in evaluation.scores:
            item = evaluation.sheet.item(score.item)
            if (score.member == member and item and score.score is not None and score.score < item.max
                    and not score.note.strip()):
                problems.append(f"{item.code} 扣分未填写理由")
    return problems


def step_states(evaluation: Evaluation, summary: Summary, progress: WorkflowState) -> list[StepState]:
    """Only scoring (and the conclusion drawn from it) needs a valid panel; the steps before it may be worked
    while the panel is still being completed."""
    kind = evaluation.kind
    panel = panel_findings(evaluation.panel, kind)
    panel_blocking = [f.message for f in panel if f.blocking]
    warnings = [f.message for f in panel if not f.blocking]
    warnings += [f.message for f in timing_findings(evaluation)]
    records = progress.records
    done_submissions = progress.submitted
    states = []
    for step in steps_for(kind):
        record = records.get(step.number, {})
        state = StepState(step, record.get("status", NOT_STARTED), record.get("started_at", ""),
                          record.get("finished_at", ""))
        if step.key == "announce":
            state.notices = warnings
        elif step.key == "scoring":
            blockers = [f for f in scoring_blockers(evaluation.panel, kind)
                        if not (progress.bound_member and f.code == "member.recusal_missing"
                                and f.subject != progress.bound_member)]
            undeclared = [_scorer_name(evaluation, f.subject) for f in blockers if f.code == "member.recusal_missing"]
            state.blockers = [f.message for f in blockers if f.code != "member.recusal_missing"]
            if undeclared:
                state.blockers.append(f"尚未填写回避声明：{'、'.join(undeclared)}")
        elif step.key == "conclusion":
            pending = [_scorer_name(evaluation, m) for m in scorers(evaluation) if m not in done_submissions]
            if pending:
                state.blockers.append(f"尚未提交计分表：{'、'.join(pending)}")
            if evaluation.conflicts:
                state.blockers.append(f"合并冲突尚未处理：{'、'.join(evaluation.conflicts)}（文件 › 合并冲突…）")
            state.blockers += [f"{code} 评分分歧尚未处理（组长可发起协商）"
                               for code in open_disagreements(summary, progress)]
            if summary.survey and summary.survey.below_minimum and evaluation.sheet.survey:
                state.notices.append(f"有效满意度样本 {summary.survey.valid_samples} 份，少于最低要求 "
                                     f"{evaluation.sheet.survey.min_valid_samples} 份，结论中将注明")
        elif step.key in CHECKLIST_SHEET_STEP:
            checked = progress.checks.get(step.key, {})
            unchecked = [i.code for i in checklist_items(evaluation.sheet, step.key, kind)
                         if checked.get(i.code, CheckResult()).status == CHECK_STATUSES[0]]
            if unchecked:
                shown = "、".join(unchecked[:8]) + ("等" if len(unchecked) > 8 else "")
                state.notices.append(f"尚有 {len(unchecked)} 项核查结果为“未查”（{shown}），完成后将记录在案")
        elif step.key == "survey":
            if summary.survey and summary.survey.below_minimum and evaluation.sheet.survey:
                state.notices.append(f"有效满意度样本 {summary.survey.valid_samples} 份，少于最低要求 "
                                     f"{evaluation.sheet.survey.min_valid_samples} 份")
        elif step.key == "debrief":
            conclusion = step_number(kind, "conclusion")
            if conclusion is None or progress.status(conclusion) != DONE:
                state.blockers.append("须先形成考核评估结论")
        if step.needs_valid_panel:
            state.blockers += [m for m in panel_blocking if m not in state.blockers]
        states.append(state)
    return states


def _scorer_name(evaluation: Evaluation, member_id: str) -> str:
    member = evaluation.member(member_id)
    return member.name if member else "评估组"


def finish_problems(evaluation: Evaluation, summary: Summary, state: WorkflowState, current: StepState) -> list[str]:
    """What stops the step (`current`, from `step_states`) from being marked finished: its blockers and
    what it must have produced."""
    key = current.step.key
    problems = list(current.blockers)
    if key == "announce":
        problems += [f.message for f in panel_findings(evaluation.panel, evaluation.kind) if f.blocking]
        problems += [f"{m.name} 尚未填写回避声明" for m in evaluation.panel if m.recusal is None]
    elif key == "debrief":
        if not step_data(state, evaluation.kind, "debrief").get("time"):
            problems.append("请填写通报时间")
    elif key == "scoring":
        pending = [_scorer_name(evaluation, m) for m in scorers(evaluation) if m not in state.submitted]
        if pending and not any(p.startswith("尚未提交计分表") for p in problems):
            problems.append(f"尚未提交计分表：{'、'.join(pending)}")
        flagged = open_disagreements(summary, state)
        if flagged:
            problems.append(f"评分分歧尚未处理：{'、'.join(flagged)}")
    elif key == "conclusion":
        decided = {d.code for d in evaluation.vetoes}
        undecided = [v.code for v in evaluation.sheet.vetoes if v.rule is None and v.code not in decided]
        if undecided:
            problems.append(f"否决项尚未决定：{'、'.join(undecided)}")
        if not evaluation.summary_text.strip():
            problems.append("评估综述尚未填写")
        else:
            from .overview import contradiction
            if stated := contradiction(evaluation.summary_text, summary):
                problems.append(stated)
        if summary.result is None:
            problems.append("尚不能形成结论（评分未完成或评估组不符合要求）")
    return problems
