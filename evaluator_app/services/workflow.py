"""The on-site workflow's state: step status, gating that explains itself, submissions, consensus.

Pure functions over an Evaluation, its Summary and the step records kept in the evaluation file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.evaluation import Evaluation, Kind
from ..domain.rules import panel_findings, running_time_findings, scoring_blockers
from ..domain.scoring import Summary, scorers
from ..domain.steps import Step, steps_for

NOT_STARTED = "未开始"
IN_PROGRESS = "进行中"
DONE = "已完成"

# Topics of the unit's 总结报告 (第十八条), heard in step 2.
REPORT_TOPICS = ("组织管理", "标准体系建设", "标准实施应用", "任务完成情况", "试点效果")
CHECK_STATUSES = ("未查", "符合", "部分符合", "不符合")


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


def step_number(kind: Kind, key: str) -> int | None:
    return next((s.number for s in steps_for(kind) if s.key == key), None)


def step_data(records: dict[int, dict], kind: Kind, key: str) -> dict:
    number = step_number(kind, key)
    return records.get(number, {}).get("data", {}) if number else {}


def submitted(records: dict[int, dict], kind: Kind) -> dict[str, str]:
    """Who has submitted (and so locked) their score sheet, and when."""
    return dict(step_data(records, kind, "scoring").get("submitted", {}))


def reopened(records: dict[int, dict], kind: Kind) -> dict[str, list[str]]:
    """Items the 组长 reopened for a member in the consensus round."""
    return {m: list(items) for m, items in step_data(records, kind, "scoring").get("reopened", {}).items()}


def accepted_disagreements(records: dict[int, dict], kind: Kind) -> dict[str, str]:
    """Flagged items the panel closed without agreement, with the 组长's reason."""
    return dict(step_data(records, kind, "scoring").get("accepted", {}))


def can_edit_score(records: dict[int, dict], kind: Kind, member: str, item: str) -> bool:
    if member not in submitted(records, kind):
        return True
    return item in reopened(records, kind).get(member, [])


def open_disagreements(summary: Summary, records: dict[int, dict], kind: Kind) -> list[str]:
    accepted = accepted_disagreements(records, kind)
    return [d.item for d in summary.disagreements if d.item not in accepted]


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


def step_states(evaluation: Evaluation, summary: Summary, records: dict[int, dict]) -> list[StepState]:
    kind = evaluation.kind
    panel_blocking = [f.message for f in panel_findings(evaluation.panel) if f.blocking]
    warnings = [f.message for f in panel_findings(evaluation.panel) if not f.blocking]
    warnings += [f.message for f in running_time_findings(evaluation.pilot.get("system_running_since"),
                                                          evaluation.evaluation_date)]
    done_submissions = submitted(records, kind)
    states = []
    for step in steps_for(kind):
        record = records.get(step.number, {})
        state = StepState(step, record.get("status", NOT_STARTED), record.get("started_at", ""),
                          record.get("finished_at", ""))
        if step.key == "announce":
            state.notices = warnings
        elif step.key == "scoring":
            blockers = scoring_blockers(evaluation.panel)
            undeclared = [evaluation.member(f.subject).name for f in blockers if f.code == "member.recusal_missing"]
            state.blockers = [f.message for f in blockers if f.code != "member.recusal_missing"]
            if undeclared:
                state.blockers.append(f"尚未填写回避声明：{'、'.join(undeclared)}")
        elif step.key == "conclusion":
            pending = [_scorer_name(evaluation, m) for m in scorers(evaluation) if m not in done_submissions]
            if pending:
                state.blockers.append(f"尚未提交计分表：{'、'.join(pending)}")
            state.blockers += [f"{code} 评分分歧尚未处理（组长可发起协商）"
                               for code in open_disagreements(summary, records, kind)]
            state.blockers += panel_blocking
            if summary.survey and summary.survey.below_minimum and evaluation.sheet.survey:
                state.notices.append(f"有效满意度样本 {summary.survey.valid_samples} 份，少于最低要求 "
                                     f"{evaluation.sheet.survey.min_valid_samples} 份，结论中将注明")
        elif step.key == "debrief":
            conclusion = step_number(kind, "conclusion")
            if records.get(conclusion, {}).get("status") != DONE:
                state.blockers.append("须先形成考核评估结论")
        else:
            state.blockers = list(panel_blocking)
        states.append(state)
    return states


def _scorer_name(evaluation: Evaluation, member_id: str) -> str:
    member = evaluation.member(member_id)
    return member.name if member else "评估组"
