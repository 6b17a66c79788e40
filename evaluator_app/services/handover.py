"""What the panel hands over: the 评估报告 PDF (sealed once everyone has signed), the Excel workbook,
the exchange JSON and the submission package; and the demo evaluation that shows all of it."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .. import operations
from ..domain.evaluation import Evaluation, Role
from ..domain.overview import contradiction
from ..domain.scoring import compute, scorers
from ..domain.signature import Purpose
from ..domain.steps import steps_for
from ..errors import UserError
from ..exchange.document import evaluation_document
from ..fileio import library_temp_files_in, temp_folder
from ..jsonfile import dumps
from ..storage.store import EvaluationStore, stamped_by

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReportResult:
    path: Path
    draft: bool
    sealed: bool
    certificate_fingerprint: str | None


def step_times(store: EvaluationStore) -> dict[int, tuple[str, str]]:
    return {number: (record["started_at"], record["finished_at"]) for number, record in store.step_records().items()}


def write_report(store: EvaluationStore, out: str | os.PathLike[str], paper_mode: bool = False,
                 progress: Progress | None = None, package_files: Mapping[str, bytes] | None = None) -> ReportResult:
    """A 草稿 until every signature is in; then the final report, sealed with this installation's key.

    The final report is sealed only when the file holds exactly what was signed (`file_seal.check`).
    `package_files` (the other members of a submission package) are listed with their SHA-256 in a
    manifest embedded in the PDF, under the seal.
    """
    from ..reports.pdf import build_report_pdf, collect_revisions
    from ..signing import file_seal, records, seal
    from ..signing.package import sealed_manifest

    evaluation = store.load()
    signatures = records.current_signatures(store)
    revisions = collect_revisions(store, evaluation)
    target = Path(out)
    if not store.locked:
        build_report_pdf(evaluation, target, signatures=signatures, paper_mode=paper_mode,
                         step_times=step_times(store), progress=progress, revisions=revisions)
        return ReportResult(target, not paper_mode, False, None)
    file_seal.refuse_unless_as_signed(store)
    if (conflict := contradiction(evaluation.summary_text, compute(evaluation))) is not None:
        raise UserError(f"不能为此评估生成签章的正式报告：{conflict}")
    fingerprint = seal.certificate_fingerprint()
    attachments = sealed_manifest(package_files, store.evaluation_id) if package_files is not None else None
    with temp_folder(target) as folder:
        unsealed = folder / "report.pdf"
        build_report_pdf(evaluation, unsealed, signatures=signatures, paper_mode=paper_mode, draft=False,
                         certificate_fingerprint=fingerprint, step_times=step_times(store), progress=progress,
                         revisions=revisions)
        report = seal.seal_pdf(unsealed, target, attachments=attachments)
    if not report.ok:
        raise UserError("报告签章失败：" + "；".join(report.problems))
    return ReportResult(target, False, True, fingerprint)


def write_xlsx(store: EvaluationStore, out: str | os.PathLike[str]) -> Path:
    from ..reports.xlsx import export_evaluation_xlsx
    target = Path(out)
    with temp_folder(target) as folder, library_temp_files_in(folder):
        export_evaluation_xlsx(store.load(), target)
    return target


def write_package(store: EvaluationStore, out: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    """The sealed PDF, the workbook, the exchange JSON and a manifest of their SHA-256, in one zip."""
    from ..signing.package import build_package

    target = Path(out)
    if not store.locked:
        raise UserError("评估尚未全体签字锁定，不能生成报送包；请先完成签字（或导出草稿报告核对）")
    with temp_folder(target) as folder:
        xlsx = write_xlsx(store, folder / "评估汇总.xlsx")
        others = {"评估汇总.xlsx": xlsx.read_bytes(),
                  "评估数据.json": dumps(evaluation_document(store.load())).encode("utf-8"),
                  **application_files(store)}
        pdf = write_report(store, folder / "评估报告.pdf", progress=progress, package_files=others).path
        files = {"评估报告.pdf": pdf.read_bytes(), **others}
        report = build_package(target, files, evaluation_id=store.evaluation_id)
    if not report.ok:
        raise UserError("报送包生成失败：" + "；".join(report.problems))
    return target


def application_files(store: EvaluationStore) -> dict[str, bytes]:
    """The unit's application files recorded in step 2, as package members "申请材料/评估申请表.pdf" and the
    like (第二十三条: forwarded with the report; 复查: 附件4 and 附件5 of 第三十二条)."""
    from ..domain.workflow import APPLICATION_FILE_FORMS, APPLICATION_FILES
    from ..storage.attachments import attachment_content, attachments

    kinds = APPLICATION_FILES[store.kind]
    files: dict[str, bytes] = {}
    for attachment in attachments(store):
        if attachment.kind not in kinds:
            continue
        suffix = Path(attachment.name).suffix.lower()
        suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 8 else ""
        form = APPLICATION_FILE_FORMS.get(attachment.kind)
        stem = f"申请材料/{attachment.kind}{f'（{form}）' if form else ''}"
        name, number = f"{stem}{suffix}", 1
        while name in files:
            number += 1
            name = f"{stem}-{number}{suffix}"
        files[name] = attachment_content(store, attachment.id)
    return files


# -- the demo --------------------------------------------------------------------------------------

PAD = (480, 160)


def handwriting(name: str, seed: int) -> list[list[tuple[float, float, float]]]:
    """Strokes that look like a quick signature of `name`: one looping stroke per character, then a flourish."""
    width, height = PAD
    strokes = []
    step = (width - 80) / max(len(name), 1)
    for index, _ in enumerate(name):
        left = 40 + index * step
        points = []
        for t in range(40):
            angle = t / 39 * math.pi * (3 + (seed + index) % 3)
            x = left + t / 39 * step * 0.85 + math.sin(angle * 1.7 + seed) * step * 0.12
            y = height / 2 + math.sin(angle + index) * height * 0.28 * (1 - t / 80)
            points.append((round(x, 1), round(y, 1), round(0.45 + 0.4 * abs(math.sin(angle)), 2)))
        strokes.append(points)
    strokes.append([(40 + t * (width - 90) / 19, height * 0.8 - math.sin(t / 19 * math.pi) * 12, 0.6)
                    for t in range(20)])
    return strokes


def complete_on_site_work(store: EvaluationStore, upto: str = "debrief") -> None:
    """Work an evaluation through its steps as a panel would, up to and including `upto`: every
    sheet submitted, every step finished, each through the operation a person would use."""
    evaluation = store.load()
    for scorer in scorers(evaluation):
        if scorer not in store.workflow_state().submitted:
            operations.submit_sheet(store, scorer)
    for step in steps_for(evaluation.kind):
        operations.finish_step(store, step.key)
        if step.key == upto:
            break


# The demo's evaluation day as a panel works it (第二十一条), in Beijing time: when each step starts and
# finishes (steps 3 to 5 run in parallel sub-groups), when the sheets are submitted, when everyone signs.
DEMO_TZ = dt.timezone(dt.timedelta(hours=8))
DEMO_CREATED = "08:20"
DEMO_STEPS = (("announce", "08:30", "08:50"), ("report", "08:50", "09:30"), ("documents", "09:30", "11:50"),
              ("site", "09:40", "11:30"), ("survey", "09:30", "16:25"), ("scoring", "13:30", "16:40"),
              ("conclusion", "16:40", "17:00"), ("debrief", "17:05", "17:35"))
DEMO_SUBMITTED = "16:26"  # the first sheet; the others follow a couple of minutes apart
DEMO_SIGNED = "17:40"  # the first signature; the others follow a minute apart


class _DemoClock:
    """The time the demo's changes are stamped with: set to a moment of the evaluation day, then a few
    seconds later at each change, as a person working through the form."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.moment = dt.datetime.combine(day, dt.time(8), DEMO_TZ)

    def at(self, hhmm: str, minutes: int = 0) -> None:
        hour, minute = (int(part) for part in hhmm.split(":"))
        self.moment = dt.datetime.combine(self.day, dt.time(hour, minute), DEMO_TZ) + dt.timedelta(minutes=minutes)

    def __call__(self) -> dt.datetime:
        self.moment += dt.timedelta(seconds=7)
        return self.moment


def signed_demo_file(evaluation: Evaluation, path: Path) -> EvaluationStore:
    """A demo's evaluation file, worked through its day (each step at its time, the debrief recorded where the
    kind has one, every member signing after the last step) and locked; returned open."""
    day = dt.date.fromisoformat(evaluation.evaluation_date or "")
    leader = next(m for m in evaluation.panel if m.role is Role.LEADER)
    clock = _DemoClock(day)
    clock.at(DEMO_CREATED)
    with stamped_by(clock):
        store = EvaluationStore.create(path, evaluation, actor=leader.id, action="demo")
    try:
        with stamped_by(clock):
            if any(step.key == "debrief" for step in steps_for(evaluation.kind)):
                debrief = next(start for key, start, _ in DEMO_STEPS if key == "debrief")
                clock.at(debrief)
                operations.set_step_data(store, "debrief", {
                    "time": f"{evaluation.evaluation_date} {debrief}",
                    "attendees": "试点单位主要负责人、标准化工作负责人及各科室负责人",
                    "response": "单位对评估结论无异议，将按改进意见和建议逐项整改。"})
            work_the_demo_day(store, clock)
        if not store.locked:
            raise AssertionError("a demo evaluation must end fully signed and locked")
    except BaseException:
        store.close()
        raise
    return store


def work_the_demo_day(store: EvaluationStore, clock: _DemoClock,
                      steps: Sequence[tuple[str, str, str]] = DEMO_STEPS) -> None:
    """Start and finish the steps (those of the evaluation's kind: a 复查 has no 汇报 and no 通报), submit the
    sheets and sign, each at its time of the evaluation day."""
    evaluation = store.load()
    keys = {step.key for step in steps_for(evaluation.kind)}
    events: list[tuple[str, int, int, Callable[[], object]]] = []  # (time, minutes after it, order, action)
    for key, start, finish in (step for step in steps if step[0] in keys):
        events.append((start, 0, 1, partial(operations.start_step, store, key)))  # after a step finishing then
        events.append((finish, 0, 0, partial(operations.finish_step, store, key)))
    for index, scorer in enumerate(scorers(evaluation)):
        events.append((DEMO_SUBMITTED, 2 * index, 0, partial(operations.submit_sheet, store, scorer)))
    for hhmm, minutes, _, action in sorted(events, key=lambda event: event[:3]):
        clock.at(hhmm, minutes)
        action()
    leader = next(m for m in evaluation.panel if m.role is Role.LEADER)
    minute = 0
    for seed, member in enumerate(evaluation.panel):
        store.actor = member.id
        for purpose in (Purpose.SHEET, Purpose.REPORT):
            clock.at(DEMO_SIGNED, minute)
            minute += 1
            operations.sign(store, member.id, purpose, handwriting(member.name, seed), *PAD)
    store.actor = leader.id
    clock.at(DEMO_SIGNED, minute)
    operations.sign(store, leader.id, Purpose.CONCLUSION, handwriting(leader.name, 99), *PAD)


def build_demo(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """A fully signed demo evaluation (6 members, all scores, 60 samples, findings and suggestions), and
    its evaluation file, sealed PDF, workbook and package, written into `folder`.

    The evaluation is dated the day before (`demo.demo_day`): the file records that day as the panel
    worked it, each step with its own start and finish and the signatures after the debrief; the report,
    the workbook and the package are made (and the report sealed) now."""
    from .demo import demo_day, demo_evaluation

    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"无法创建文件夹 {target}：{err.strerror or err}") from None
    paths = {"evaluation": target / "demo-evaluation.sqlite", "report": target / "demo-report.pdf",
             "xlsx": target / "demo-summary.xlsx", "package": target / "demo-package.zip"}
    existing = [str(p) for p in paths.values() if p.exists()]
    if existing:
        raise UserError(f"文件已存在：{'、'.join(existing)}；为避免覆盖，请换一个文件夹")
    with signed_demo_file(demo_evaluation(day=demo_day()), paths["evaluation"]) as store:
        write_report(store, paths["report"])
        write_xlsx(store, paths["xlsx"])
        write_package(store, paths["package"])
    return paths
