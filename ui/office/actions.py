"""What the office window asks of the core, in plain Python (no Qt): so the widgets run no SQL and hold no
rules. Every function here only reads a received package; nothing is written inside the packages' folder but
what the core writes there itself (the office's own 省级登记.sqlite, through `register.confirm`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from evaluator_app.errors import UserError
from evaluator_app.office.register import DEFAULT_MAX_PANELS, Register, package_paths, rollup
from evaluator_app.signing.package import MAX_FILE_BYTES, verify_package

REPORT_TEMP_PREFIX = "evaluator-office-report-"


def count_packages(folder: str | os.PathLike[str]) -> int:
    """How many packages the rollup will read (for the progress shown meanwhile)."""
    root = Path(folder)
    if not root.is_dir():
        raise UserError(f"找不到文件夹：{root}")
    return len(package_paths(root))


def rollup_folder(folder: str | os.PathLike[str], progress: Callable[[int, int], None] | None = None,
                  today: dt.date | None = None, max_panels: int = DEFAULT_MAX_PANELS) -> Register:
    """The register of every package in `folder` (read-only), run on a worker thread by the window."""
    total = count_packages(folder)
    if progress is not None:
        progress(0, total)
    register = rollup(folder, today=today, max_panels=max_panels)
    if progress is not None:
        progress(total, total)
    return register


@dataclass(frozen=True)
class ExtractedReport:
    path: Path  # a temporary copy, outside the packages' folder
    member: str  # its name inside the package
    verified: bool  # the package verified with a trusted seal
    problems: list[str]


def extract_report(package: str | os.PathLike[str], temp_root: str | os.PathLike[str] | None = None) -> ExtractedReport:
    """The sealed report of `package`, copied to a new temporary folder (never beside the package) to open in
    the system's PDF viewer. The package is only read."""
    source = Path(package)
    report = verify_package(source)
    if not report.seals:
        why = "；".join(report.problems[:3])
        raise UserError(f"{source.name} 中没有可以打开的签章评估报告" + (f"：{why}" if why else ""))
    member = next(iter(report.seals))
    try:
        with zipfile.ZipFile(source) as archive:
            info = archive.getinfo(member)
            if info.file_size > MAX_FILE_BYTES or info.flag_bits & 0x1:
                raise UserError(f"{source.name} 中的 {member} 无法打开（过大或已加密）")
            data = archive.read(info)
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            RuntimeError, NotImplementedError):
        raise UserError(f"{source.name} 中的 {member} 无法读取（报送包已损坏）") from None
    sweep_old_reports(temp_root)
    folder = Path(tempfile.mkdtemp(prefix=REPORT_TEMP_PREFIX, dir=temp_root))
    target = folder / f"{source.stem}-{Path(member).name}"
    try:
        target.write_bytes(data)
        target.chmod(0o444)  # a copy to read: the viewer should not offer to save over it
    except OSError as err:
        raise UserError(f"无法写入临时文件 {target}：{err.strerror or err}") from None
    return ExtractedReport(target, member, report.ok, report.problems)


REPORT_COPY_HOURS = 12  # a copy opened in a viewer is left that long before the next one clears it


def sweep_old_reports(temp_root: str | os.PathLike[str] | None = None) -> None:
    """Remove the report copies of earlier days (a viewer may still show today's, so those stay)."""
    import shutil
    import time
    root = Path(temp_root or tempfile.gettempdir())
    for folder in root.glob(f"{REPORT_TEMP_PREFIX}*"):
        try:
            if folder.is_dir() and time.time() - folder.stat().st_mtime > REPORT_COPY_HOURS * 3600:
                for copy in folder.iterdir():
                    copy.chmod(0o644)
                shutil.rmtree(folder)
        except OSError:
            continue


def export_register(register: Register, out: str | os.PathLike[str]) -> Path:
    """The rollup's Excel register (as `office rollup -o`)."""
    from evaluator_app.fileio import describe_os_error, library_temp_files_in, temp_folder
    from evaluator_app.reports.register_xlsx import export_register_xlsx
    try:
        with temp_folder(out) as folder, library_temp_files_in(folder):
            export_register_xlsx(register, out)
    except OSError as err:
        raise UserError(f"无法写入 Excel 登记表：{describe_os_error(err, out)}") from None
    return Path(out)


# -- the 专家库 and the draw -------------------------------------------------------------------------

def library_listing(path: str | os.PathLike[str]) -> dict:
    """The library's experts with whether each meets 第二十八条, and its check (as `library list --json`)."""
    from evaluator_app.office.library import listing, open_library
    with open_library(path) as lib:
        return listing(lib)


def import_experts(library: str | os.PathLike[str], source: str | os.PathLike[str]):
    """Import a workbook or CSV into the library (created when it does not exist); FormatError names cells."""
    from evaluator_app.office.library import import_file
    return import_file(library, source, actor="office-window")


@dataclass
class PreparedDraw:
    document: dict  # the pilot's exchange document, as read
    result: object  # draw.DrawResult
    record: dict  # draw.draw_document(...)


def pilot_document(path: str | os.PathLike[str]) -> tuple[dict, object]:
    """The pilot's exchange document (评估交换 JSON) and its parsed evaluation."""
    from evaluator_app.exchange.document import parse_evaluation
    from evaluator_app.jsonfile import read_json_file
    document = read_json_file(os.fspath(path))
    return document, parse_evaluation(document, os.fspath(path))


def run_draw(library: str | os.PathLike[str], pilot: str | os.PathLike[str], size: int, seed: str,
             standardization: int | None, reserve: int, exclude_orgs: list[str], allow_unqualified: bool,
             by: str, witnesses: list[str]) -> PreparedDraw:
    """The draw as `evaluator-app draw` makes it (nothing written)."""
    from evaluator_app.office.draw import DrawRequest, PilotInfo, draw, draw_document
    from evaluator_app.office.library import open_library

    document, evaluation = pilot_document(pilot)
    with open_library(library) as lib:
        problems = lib.check()
        if problems:
            raise UserError(f"专家库 {library} 校验未通过，不能抽取：\n" + "\n".join(f"  - {p}" for p in problems))
        experts = lib.experts()
    request = DrawRequest(size=size, seed=seed, standardization=standardization, reserve=reserve,
                          exclude_orgs=tuple(o.strip() for o in exclude_orgs if o.strip()),
                          allow_unqualified=allow_unqualified)
    result = draw(experts, PilotInfo.of(evaluation), request)  # type: ignore[arg-type]
    record = draw_document(result, by.strip(), tuple(w.strip() for w in witnesses if w.strip()))
    return PreparedDraw(document, result, record)


def write_draw(prepared: PreparedDraw, out: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The evaluation with the drawn panel and the sealed 抽取记录 PDF beside it (as `draw -o`)."""
    from evaluator_app.office.commands_library import write_outputs
    if not prepared.record.get("by"):
        raise UserError("写出抽取记录时须写明抽取人")
    return write_outputs(out, prepared.document, prepared.result, prepared.record)  # type: ignore[arg-type]


def decimal_or_none(text: object) -> Decimal | None:
    try:
        return Decimal(str(text)) if text not in (None, "") else None
    except ArithmeticError:
        return None


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
