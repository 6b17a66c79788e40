"""What the panel hands over: the 评估报告 PDF (sealed once everyone has signed), the Excel workbook,
the exchange JSON and the submission package; and the demo evaluation that shows all of it."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import operations
from ..domain.evaluation import Role
from ..domain.scoring import scorers
from ..domain.signature import Purpose
from ..domain.steps import steps_for
from ..errors import UserError
from ..exchange.document import evaluation_document
from ..fileio import library_temp_files_in, temp_folder
from ..jsonfile import dumps
from ..storage.store import EvaluationStore

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
    from ..reports.pdf import build_report_pdf
    from ..signing import file_seal, records, seal
    from ..signing.package import sealed_manifest

    evaluation = store.load()
    signatures = records.current_signatures(store)
    target = Path(out)
    if not store.locked:
        build_report_pdf(evaluation, target, signatures=signatures, paper_mode=paper_mode,
                         step_times=step_times(store), progress=progress)
        return ReportResult(target, not paper_mode, False, None)
    file_seal.refuse_unless_as_signed(store)
    fingerprint = seal.certificate_fingerprint()
    attachments = sealed_manifest(package_files, store.evaluation_id) if package_files is not None else None
    with temp_folder(target) as folder:
        unsealed = folder / "report.pdf"
        build_report_pdf(evaluation, unsealed, signatures=signatures, paper_mode=paper_mode, draft=False,
                         certificate_fingerprint=fingerprint, step_times=step_times(store), progress=progress)
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
                  "评估数据.json": dumps(evaluation_document(store.load())).encode("utf-8")}
        pdf = write_report(store, folder / "评估报告.pdf", progress=progress, package_files=others).path
        files = {"评估报告.pdf": pdf.read_bytes(), **others}
        report = build_package(target, files, evaluation_id=store.evaluation_id)
    if not report.ok:
        raise UserError("报送包生成失败：" + "；".join(report.problems))
    return target


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


def build_demo(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """A fully signed demo evaluation (6 members, all scores, 60 samples, findings and suggestions), and
    its evaluation file, sealed PDF, workbook and package, written into `folder`."""
    from .demo import demo_evaluation

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
    evaluation = demo_evaluation()
    leader = next(m for m in evaluation.panel if m.role is Role.LEADER)
    with EvaluationStore.create(paths["evaluation"], evaluation, actor=leader.id, action="demo") as store:
        operations.set_step_data(store, "debrief", {
            "time": f"{evaluation.evaluation_date} 16:30",
            "attendees": "试点单位主要负责人、标准化工作负责人及各科室负责人",
            "response": "单位对评估结论无异议，将按改进建议逐项整改。"})
        complete_on_site_work(store)
        for seed, member in enumerate(evaluation.panel):
            store.actor = member.id
            for purpose in (Purpose.SHEET, Purpose.REPORT):
                operations.sign(store, member.id, purpose, handwriting(member.name, seed), *PAD)
        store.actor = leader.id
        operations.sign(store, leader.id, Purpose.CONCLUSION, handwriting(leader.name, 99), *PAD)
        if not store.locked:
            raise AssertionError("the demo must end fully signed and locked")
        write_report(store, paths["report"])
        write_xlsx(store, paths["xlsx"])
        write_package(store, paths["package"])
    return paths
