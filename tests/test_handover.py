"""The signed hand-over from the command line: demo, report, workbook, package, and verify catching tampering."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from evaluator_app.cli import main
from evaluator_app.errors import LockedError
from evaluator_app.exchange.summary_json import summary_document
from evaluator_app.services.files import summarize
from evaluator_app.storage.store import EvaluationStore
from tests.factories import default_sheet, evaluation, full_scores, samples
from tests.test_seal import add_text_annotation, incremental


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    data = tmp_path_factory.mktemp("demo-data")
    result = subprocess.run([sys.executable, "-m", "evaluator_app", "demo", str(folder)], capture_output=True,
                            text=True, env={"EVALUATOR_APP_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"},
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    return folder, data


@pytest.fixture
def demo_copy(demo, tmp_path, monkeypatch):
    folder, data = demo
    monkeypatch.setenv("EVALUATOR_APP_DATA_DIR", str(data))  # the installation that sealed the demo
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(data))
    copy = tmp_path / "demo"
    shutil.copytree(folder, copy)
    return copy


def test_demo_writes_the_four_files(demo):
    folder, _ = demo
    assert sorted(p.name for p in folder.iterdir()) == ["demo-evaluation.sqlite", "demo-package.zip",
                                                       "demo-report.pdf", "demo-summary.xlsx"]


def test_demo_report_embeds_every_font_and_carries_every_field(demo):
    folder, _ = demo
    pdf = (folder / "demo-report.pdf").read_bytes()
    fonts = re.findall(rb"/Type\s*/Font\b", pdf)
    assert fonts and pdf.count(b"/FontFile2") >= 1 and b"STSong" not in pdf and b"/Helvetica" not in pdf
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    text = subprocess.run(["pdftotext", "-raw", str(folder / "demo-report.pdf"), "-"], capture_output=True,
                          text=True).stdout.replace(" ", "")
    for label in ("试点名称", "试点单位", "地址", "评估时间", "法定代表人", "联系人", "电话", "保证单位",
                  "业务指导单位", "管理单位", "评估日期", "评估专家组人员名单", "组长", "小组成员", "姓名",
                  "单位/职务", "签字", "评估目的", "评估依据", "评估综述", "评估专家组长签字"):
        assert label in text, label
    with EvaluationStore.open(folder / "demo-evaluation.sqlite", backup=False) as store:
        members = [m.name for m in store.load().panel]
    assert len(members) == 6 and all(name in text for name in members)
    assert "草稿" not in text


def test_verify_passes_on_the_demo(capsys, demo_copy):
    for name in ("demo-report.pdf", "demo-package.zip", "demo-evaluation.sqlite"):
        code, out, _ = run(capsys, "verify", demo_copy / name)
        assert code == 0 and "校验通过" in out


def test_verify_catches_a_flipped_byte(capsys, demo_copy):
    pdf = demo_copy / "demo-report.pdf"
    data = bytearray(pdf.read_bytes())
    position = data.find(b"stream") + 200
    data[position] ^= 0x20
    pdf.write_bytes(bytes(data))
    code, _, err = run(capsys, "verify", pdf)
    assert code == 1 and "校验未通过" in err


def test_verify_catches_an_appended_revision(capsys, demo_copy):
    pdf = demo_copy / "demo-report.pdf"
    pdf.write_bytes(incremental(pdf.read_bytes(), add_text_annotation))
    code, _, err = run(capsys, "verify", pdf)
    assert code == 1 and "校验未通过" in err


def test_verify_catches_an_altered_package_member(capsys, demo_copy):
    package = demo_copy / "demo-package.zip"
    with zipfile.ZipFile(package) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["评估数据.json"] = members["评估数据.json"].replace("合格".encode(), "优秀".encode(), 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
    package.write_bytes(buffer.getvalue())
    code, _, err = run(capsys, "verify", package)
    assert code == 1 and "评估数据.json" in err


def test_xlsx_holds_the_summary_total(demo):
    folder, _ = demo
    total = summary_document(summarize(folder / "demo-evaluation.sqlite"))["total"]
    workbook = load_workbook(folder / "demo-summary.xlsx", read_only=True, data_only=True)
    values = [cell for row in workbook["汇总"].iter_rows(values_only=True) for cell in row]
    workbook.close()
    assert Decimal(total) in [Decimal(str(v)) for v in values if isinstance(v, (int, float, Decimal))]


def test_locked_evaluation_refuses_edits(demo_copy):
    with EvaluationStore.open(demo_copy / "demo-evaluation.sqlite", backup=False) as store:
        assert store.locked
        with pytest.raises(LockedError):
            store.set_pilot_field("address", "改动")


def test_report_for_a_document_someone_else_wrote(capsys, tmp_path):
    doc = evaluation(sheet=default_sheet())
    doc["scores"] = full_scores(doc)
    doc["survey"] = samples([("满意",) * 8] * 30, [f"Q{i}" for i in range(1, 9)])
    source = tmp_path / "来件.json"
    source.write_text(json.dumps(doc, default=str, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "import", source, tmp_path / "e.sqlite")[0] == 0
    code, out, _ = run(capsys, "report", tmp_path / "e.sqlite", "-o", tmp_path / "draft.pdf")
    assert code == 0 and "草稿" in out
    assert "某市政务服务综合标准化试点" in out and "专家甲" in out and "总分：100.00" in out and "结论：合格" in out
    assert (tmp_path / "draft.pdf").read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "package", tmp_path / "e.sqlite", tmp_path / "p.zip")
    assert code == 2 and "签字" in err and not (tmp_path / "p.zip").exists()


def test_the_package_carries_the_application_files_under_the_seal(tmp_path, capsys):
    """第二十三条: the 评估申请表 and 总结报告 recorded in step 2 are forwarded with the report."""
    from evaluator_app import operations
    from evaluator_app.domain.evaluation import Role
    from evaluator_app.domain.signature import Purpose
    from evaluator_app.services.demo import demo_evaluation
    from evaluator_app.services.handover import PAD, complete_on_site_work, handwriting, write_package
    from evaluator_app.signing.package import SEALED_MANIFEST
    from evaluator_app.signing.seal import embedded_files

    form, summary_report = tmp_path / "申请表.pdf", tmp_path / "工作总结.docx"
    form.write_bytes(b"%PDF-1.4 application form")
    summary_report.write_bytes(b"PK summary report")
    evaluation = demo_evaluation()
    leader = next(m for m in evaluation.panel if m.role is Role.LEADER)
    with EvaluationStore.create(tmp_path / "e.sqlite", evaluation, actor=leader.id) as store:
        operations.add_attachment(store, form, "评估申请表", step=2)
        operations.add_attachment(store, summary_report, "总结报告", step=2)
        operations.set_step_data(store, "debrief", {"time": "16:30"})
        complete_on_site_work(store)
        for seed, member in enumerate(evaluation.panel):
            for purpose in (Purpose.SHEET, Purpose.REPORT):
                operations.sign(store, member.id, purpose, handwriting(member.name, seed), *PAD)
        operations.sign(store, leader.id, Purpose.CONCLUSION, handwriting(leader.name, 99), *PAD)
        package = write_package(store, tmp_path / "报送包.zip")
    with zipfile.ZipFile(package) as archive:
        assert archive.read("申请材料/评估申请表.pdf") == form.read_bytes()
        assert archive.read("申请材料/总结报告.docx") == summary_report.read_bytes()
        sealed = json.loads(embedded_files(archive.read("评估报告.pdf"))[SEALED_MANIFEST])
    assert {"申请材料/评估申请表.pdf", "申请材料/总结报告.docx"} <= {f["name"] for f in sealed["files"]}
    code, out, _ = run(capsys, "verify", package)
    assert code == 0 and "申请材料/总结报告.docx" in out
