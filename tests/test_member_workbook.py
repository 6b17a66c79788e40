"""A member's personal 计分表 workbook: exported by `member-xlsx`, filled in Excel, merged back like a return
through `evaluator-app merge`; anything wrong refused whole, named by cell, with the target unchanged."""

from __future__ import annotations

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from evaluator_app.cli import main
from evaluator_app.sheets.xlsx import MAX_ROWS
from evaluator_app.storage.store import EvaluationStore
from evaluator_app.sync.workbook import INFO, SHEET, read_member_workbook
from tests.factories import evaluation, small_sheet


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def make_evaluation(tmp_path: Path, capsys, kind: str = "试点评估", eid: str = "eval-1", **sheet) -> Path:
    scores = [{"member": "e2", "item": "X1", "score": 3, "note": "缺年度计划", "reviewed": "已核"}]
    doc = evaluation(sheet=small_sheet(deduction_note_required=True, **sheet), kind=kind, id=eid,
                     scores=[] if sheet.get("aggregation") == "consensus" else scores)
    source = tmp_path / f"{eid}.json"
    source.write_text(json.dumps(doc, default=str, ensure_ascii=False), "utf-8")
    target = tmp_path / f"{eid}.evaluation"
    assert run(capsys, "import", source, target)[0] == 0
    return target


@pytest.fixture
def target(tmp_path, capsys) -> Path:
    return make_evaluation(tmp_path, capsys)


def export(capsys, target: Path, member: str, out: Path) -> Path:
    code, stdout, err = run(capsys, "member-xlsx", target, member, out)
    assert code == 0, err
    assert str(out) in stdout
    return out


def fill(source: Path, out: Path, cells: dict) -> Path:
    wb = openpyxl.load_workbook(source)
    ws = wb[SHEET]
    for ref, value in cells.items():
        ws[ref] = value
        if isinstance(value, str) and value.startswith("=") and not ref.startswith("D"):
            ws[ref].data_type = "s"
    wb.save(out)
    return out


def score(target: Path, member: str, item: str):
    with EvaluationStore.open(target, backup=False, read_only=True) as store:
        return store.score(member, item)


def open_conflicts(target: Path) -> int:
    with EvaluationStore.open(target, backup=False, read_only=True) as store:
        return store.conn.execute("SELECT count(*) FROM merge_conflict WHERE resolved_at IS NULL").fetchone()[0]


# --- the workbook ---------------------------------------------------------------------------------

def test_export_lays_out_the_members_items_locked_but_for_score_and_note(capsys, tmp_path, target):
    path = export(capsys, target, "e2", tmp_path / "专家乙.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET, INFO]
    ws, info = wb[SHEET], wb[INFO]
    assert "专家乙" in ws["B2"].value and "e2" in ws["B2"].value
    assert [c.value for c in ws[6]] == ["项目代码", "项目名称", "类别", "得分", "备注", "满分", "步长", "评分指引"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=7)]
    assert [r[0] for r in rows] == ["X1", "X2", "Y2"]  # Y1 comes from the survey: not scored by members
    assert rows[0][:7] == ["X1", "框架", "体系", 3, "缺年度计划", 4, 0.5]
    assert rows[1][3] is None and rows[1][5] == 2
    assert ws.protection.sheet and info.protection.sheet and wb.security.lockStructure
    assert info.sheet_state == "hidden"
    for row in ws.iter_rows(min_row=1):
        for cell in row:
            if cell.value is not None or cell.column in (4, 5):
                unlocked = cell.row >= 7 and cell.column in (4, 5)
                assert cell.protection.locked is not unlocked, cell.coordinate
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    assert validations["D7:D9"].type == "custom" and "D7<=F7" in validations["D7:D9"].formula1
    assert "ROUND(D7/G7,0)" in validations["D7:D9"].formula1 and "0.5" in validations["D7:D9"].prompt
    assert validations["E7:E9"].type == "textLength"
    keys = {row[0].value: row[1].value for row in info.iter_rows(min_row=2)}
    with EvaluationStore.open(target, backup=False, read_only=True) as store:
        assert keys["evaluation_id"] == store.evaluation_id == "eval-1"
        assert keys["sheet_sha256"] == store.conn.execute("SELECT sha256 FROM sheet").fetchone()[0]
    assert keys["member_id"] == "e2" and keys["kind"] == "试点评估"


def test_export_refuses_an_unknown_member(capsys, tmp_path, target):
    code, _, err = run(capsys, "member-xlsx", target, "e99", tmp_path / "x.xlsx")
    assert code == 2 and "e99" in err and not (tmp_path / "x.xlsx").exists()


def test_a_consensus_sheet_has_no_personal_workbook(capsys, tmp_path):
    target = make_evaluation(tmp_path, capsys, aggregation="consensus", eid="c")
    code, _, err = run(capsys, "member-xlsx", target, "e2", tmp_path / "x.xlsx")
    assert code == 2 and "共识" in err


# --- merging it back ------------------------------------------------------------------------------

def test_a_filled_workbook_merges_like_a_return_and_again_after_edits(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    filled = fill(blank, tmp_path / "e2-filled.xlsx", {"D8": 1.5, "E8": "=未按要求归档", "D9": "2"})
    source = read_member_workbook(filled)
    assert source.id == "xlsx:eval-1:e2" and source.member == "e2"
    assert source.records[("score", "e2/X2")].value == {"score": "1.5", "na": False, "note": "=未按要求归档",
                                                         "extra": {}}
    assert source.records[("score", "e2/X1")].value["extra"] == {"reviewed": "已核"}  # other keys travel on
    code, out, err = run(capsys, "merge", target, filled)
    assert code == 0, err
    assert "新增 2 条" in out and "冲突 0 处" in out
    assert score(target, "e2", "X2").score == Decimal("1.5") and score(target, "e2", "X2").note == "=未按要求归档"
    assert score(target, "e2", "Y2").score == Decimal(2)
    assert score(target, "e2", "X1").extra == {"reviewed": "已核"}

    again = fill(filled, tmp_path / "e2-again.xlsx", {"D8": 2, "E8": None, "D9": None, "D7": 4, "E7": None})
    code, out, err = run(capsys, "merge", "--json", target, again)
    assert code == 0, err
    result = json.loads(out)
    (merged,) = result["sources"]
    assert merged["source"] == "xlsx:eval-1:e2" and merged["member"] == "e2"
    assert len(merged["changed"]) == 2 and len(merged["removed"]) == 1 and merged["conflicts"] == []
    assert result["conflicts"] == [] and open_conflicts(target) == 0
    assert score(target, "e2", "X1").score == Decimal(4) and score(target, "e2", "X1").note == ""
    assert score(target, "e2", "Y2") is None  # cleared in the workbook: removed, as a return would
    code, out, _ = run(capsys, "merge", target, again)
    assert code == 0 and "没有新的内容" in out


def test_a_score_changed_both_in_the_file_and_in_the_workbook_is_a_conflict(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    with EvaluationStore.open(target, backup=False) as store:
        store.set_score("e2", "X1", Decimal("3.5"), note="组长处更正")
    filled = fill(blank, tmp_path / "e2-filled.xlsx", {"D7": 2, "E7": "差两项", "D8": 2})
    code, _, err = run(capsys, "merge", target, filled)
    assert code == 1 and "冲突" in err
    assert score(target, "e2", "X2").score == Decimal(2)  # the rest is taken
    assert open_conflicts(target) == 1


def test_a_prefilled_score_left_alone_does_not_override_a_later_change_in_the_file(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    with EvaluationStore.open(target, backup=False) as store:
        store.set_score("e2", "X1", Decimal("3.5"), note="组长处更正")
    filled = fill(blank, tmp_path / "e2-filled.xlsx", {"D8": 2})
    code, _, err = run(capsys, "merge", target, filled)
    assert code == 0, err
    assert score(target, "e2", "X1").score == Decimal("3.5") and score(target, "e2", "X2").score == Decimal(2)


def test_a_workbook_with_errors_is_refused_naming_every_cell_and_nothing_is_written(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    bad = fill(blank, tmp_path / "bad.xlsx", {
        "D7": "三",            # not a number
        "D8": 2.5,             # above the maximum 2
        "D9": 1.3,             # not a multiple of 0.5
    })
    before = target.read_bytes()
    code, out, err = run(capsys, "merge", target, bad)
    assert code == 2
    assert "计分表!D7" in err and "应为数字" in err and "“三”" in err
    assert "计分表!D8" in err and "0 至 2" in err
    assert "计分表!D9" in err and "0.5 的整数倍" in err
    assert target.read_bytes() == before

    more = fill(blank, tmp_path / "more.xlsx", {"D7": 3, "E7": None, "D8": "=1+1", "E9": "只有备注", "A10": "Z9",
                                                  "D10": 1})
    code, _, err = run(capsys, "merge", target, more)
    assert code == 2
    assert "计分表!E7" in err and "扣分" in err  # a deduction without its note, on a sheet that requires notes
    assert "计分表!D8" in err and "公式" in err
    assert "计分表!D9" in err and "备注却没有得分" in err
    assert "计分表!A10" in err and "Z9" in err
    assert target.read_bytes() == before


def test_a_tampered_hidden_sheet_is_refused(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    wb = openpyxl.load_workbook(blank)
    info = wb[INFO]
    for row in info.iter_rows(min_row=2):
        if row[0].value == "member_id":
            row[1].value = "e3"
    wb.save(tmp_path / "tampered.xlsx")
    before = target.read_bytes()
    code, _, err = run(capsys, "merge", target, tmp_path / "tampered.xlsx")
    assert code == 2 and f"{INFO}：" in err and "改动" in err
    assert target.read_bytes() == before
    wb = openpyxl.load_workbook(blank)
    del wb[INFO]
    wb.save(tmp_path / "no-info.xlsx")
    code, _, err = run(capsys, "merge", target, tmp_path / "no-info.xlsx")
    assert code == 2 and "不是个人计分表工作簿" in err
    assert target.read_bytes() == before


def test_a_workbook_of_another_evaluation_is_refused(capsys, tmp_path, target):
    other = make_evaluation(tmp_path, capsys, eid="eval-2")
    workbook = fill(export(capsys, other, "e2", tmp_path / "other.xlsx"), tmp_path / "other-filled.xlsx",
                    {"D8": 2})
    before = target.read_bytes()
    code, _, err = run(capsys, "merge", target, workbook)
    assert code == 2 and "另一个评估" in err and "eval-2" in err
    assert target.read_bytes() == before


def test_midterm_items_not_due_travel_as_not_applicable(capsys, tmp_path):
    target = make_evaluation(tmp_path, capsys, kind="中期评估", eid="mid")
    blank = export(capsys, target, "e3", tmp_path / "e3.xlsx")
    filled = fill(blank, tmp_path / "e3-filled.xlsx", {"D8": "不适用", "D9": 2})
    code, _, err = run(capsys, "merge", target, filled)
    assert code == 0, err
    assert score(target, "e3", "X2").na and score(target, "e3", "X2").score is None
    again = export(capsys, target, "e3", tmp_path / "e3-again.xlsx")
    assert openpyxl.load_workbook(again)[SHEET]["D8"].value == "不适用"


def test_not_applicable_outside_a_midterm_is_refused(capsys, tmp_path, target):
    bad = fill(export(capsys, target, "e2", tmp_path / "e2.xlsx"), tmp_path / "bad.xlsx", {"D8": "不适用"})
    code, _, err = run(capsys, "merge", target, bad)
    assert code == 2 and "计分表!D8" in err and "中期评估" in err


# --- hostile workbooks ----------------------------------------------------------------------------

def rewrite(source: Path, out: Path, edit) -> Path:
    """`source` with its 计分表 worksheet's XML passed through `edit`."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return out


def test_a_huge_declared_dimension_is_not_trusted(capsys, tmp_path, target):
    blank = fill(export(capsys, target, "e2", tmp_path / "e2.xlsx"), tmp_path / "e2-filled.xlsx", {"D8": 2})
    path = rewrite(blank, tmp_path / "dimension.xlsx",
                   lambda t: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', t))
    assert len(read_member_workbook(path).records) == 2
    last = rewrite(path, tmp_path / "last-row.xlsx", lambda t: t.replace(
        "</sheetData>", '<row r="1048576"><c r="D1048576"><v>1</v></c></row></sheetData>'))
    before = target.read_bytes()
    code, _, err = run(capsys, "merge", target, last)
    assert code == 2 and "计分表!1048576:1048576" in err and f"最多 {MAX_ROWS} 行" in err
    assert target.read_bytes() == before


def test_a_million_rows_are_refused(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    rows = "".join(f'<row r="{n}"><c r="D{n}"><v>1</v></c></row>' for n in range(20, 1_000_020))
    path = rewrite(blank, tmp_path / "rows.xlsx", lambda t: t.replace("</sheetData>", rows + "</sheetData>"))
    before = target.read_bytes()
    code, _, err = run(capsys, "merge", target, path)
    assert code == 2 and ("压缩" in err or "过大" in err or "行数" in err or "过多" in err), err
    assert target.read_bytes() == before


def test_formulas_are_refused_at_their_cells(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    wb = openpyxl.load_workbook(blank)
    ws = wb[SHEET]
    ws["D8"] = "=F8"
    ws["E9"] = '=REPT("很长",30000)'
    ws["D9"] = 2
    wb.save(tmp_path / "formulas.xlsx")
    code, _, err = run(capsys, "merge", target, tmp_path / "formulas.xlsx")
    assert code == 2 and "计分表!D8" in err and "计分表!E9" in err and "公式" in err


def test_rows_added_below_the_items_are_refused_and_listed_briefly(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    rows = "".join(f'<row r="{n}"><c r="H{n}"><f>REPT("x",32000)</f></c></row>' for n in range(20, 4000))
    path = rewrite(blank, tmp_path / "below.xlsx", lambda t: t.replace("</sheetData>", rows + "</sheetData>"))
    code, _, err = run(capsys, "merge", target, path)
    assert code == 2 and "计分表!A20：" in err and "问题过多" in err and "计分表!A100：" not in err


def test_very_long_text_is_refused_at_its_cell(capsys, tmp_path, target):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    long = fill(blank, tmp_path / "long.xlsx", {"D8": 1, "E8": "长" * 200_000})
    before = target.read_bytes()
    code, _, err = run(capsys, "merge", target, long)
    assert code == 2 and "计分表!E8" in err and "备注过长" in err
    assert target.read_bytes() == before


@pytest.mark.parametrize("value, words", [("1e308", "数值过大"), ("1E-300", "小数位数过多")])
def test_absurd_numbers_are_refused_at_the_cell(capsys, tmp_path, target, value, words):
    blank = export(capsys, target, "e2", tmp_path / "e2.xlsx")
    path = rewrite(blank, tmp_path / "number.xlsx",
                   lambda t: re.sub(r'<c r="D8"([^>]*?)(/>|></c>)', rf'<c r="D8"\1><v>{value}</v></c>', t))
    code, _, err = run(capsys, "merge", target, path)
    assert code == 2 and "计分表!D8" in err and words in err, err


def test_garbage_named_xlsx_is_refused(capsys, tmp_path, target):
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    code, _, err = run(capsys, "merge", target, path)
    assert code == 2 and "xlsx" in err
