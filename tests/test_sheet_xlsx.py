"""Sheet <-> Excel workbook: lossless round trip, user edits, hostile files."""

from __future__ import annotations

import copy
import json
import random
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator_app.errors import FormatError, UserError
from evaluator_app.sheets import xlsx
from evaluator_app.sheets.xlsx import export_sheet_xlsx, import_sheet_xlsx

ROOT = Path(__file__).resolve().parents[1]
D = Decimal


def canon(value: Any) -> Any:
    """Compare numbers numerically (2.50 == 2.5 == Decimal), but never a bool with a number."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, Decimal)):
        return ("num", Decimal(value))
    if isinstance(value, dict):
        return {k: canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canon(v) for v in value]
    return value


def round_trip(sheet: dict, path: Path) -> dict:
    export_sheet_xlsx(sheet, path)
    return import_sheet_xlsx(path)


def rich_sheet() -> dict:
    return {
        "format": "evaluator-sheet/1",
        "id": "sms-pilot-test",
        "name": "社会管理和公共服务综合标准化试点评估计分表（暂定）",
        "version": "2026.1",
        "provisional": True,
        "pass_score": 80,
        "aggregation": "trimmed_mean",
        "score_step": "0.5",  # a decimal written as a string
        "deduction_note_required": False,
        "disagreement_ratio": D("0.50"),
        "bonus_cap": 5,
        "total_cap": 100,
        "issued_by": {"office": "某省联席办", "doc": ["〔2026〕1号", 2026]},
        "categories": [
            {"code": "A", "name": "组织管理与保障", "max": D("6.5"), "weight_note": None, "items": [
                {"code": "A1", "name": "试点工作领导小组", "max": 3, "method": "查阅资料", "step": 3,
                 "guidance": "成立文件（1）；分工（1）；\n每年至少召开一次会议（1）"},
                {"code": "A2", "name": "  前后有空格  ", "max": D("3.5"),
                 "guidance": "=A1+1 不是公式", "evidence": ["文件", "纪要"], "method": ""},
            ]},
            {"code": "B", "name": "标准体系建设", "max": 5, "items": [
                {"code": "B1", "name": "标准体系框架", "max": 5, "step": 3, "guidance": "控制字符\x01与\r回车"},
            ]},
            {"code": "C", "name": "尚无项目", "max": 0, "items": []},
        ],
        "vetoes": [
            {"code": "V1", "text": "重大质量、安全事故"},
            {"code": "V4", "text": "B 类低于 50%", "rule": {"category": "B", "below_ratio": D("0.5")}},
            {"code": "V5", "text": "A1 低于 60%", "rule": {"item": "A1", "below_ratio": D("0.6")},
             "basis": "第二十四条"},
            {"code": "V6", "text": "两个对象（写入 JSON 列）", "rule": {"category": "A", "item": "A1"}},
        ],
        "bonuses": [{"code": "J1", "text": "国家标准", "max": 3}, {"code": "J2", "text": "团体标准", "max": D("1.5")}],
        "survey": {
            "levels": [{"label": "非常满意", "weight": 100}, {"label": "满意", "weight": 80},
                       {"label": "基本满意", "weight": 60}, {"label": "不满意", "weight": 40},
                       {"label": "非常不满意", "weight": 20, "color": "red"}],
            "satisfied_levels": 3,
            "questions": [{"code": "Q1", "text": "服务环境与设施", "weight": D("0.25")},
                          {"code": "Q8", "text": "总体满意度"}],
            "overall_question": "Q8",
            "min_valid_samples": 30,
            "target_valid_samples": 50,
            "mode": "面访",
            "derive": {"item": "A1", "cap_below_min": 6, "rounding": "half_up",
                       "bands": [{"min_rate": D("0.95"), "score": 8},
                                 {"min_rate": D("0.123456789012345678"), "score": 2},  # beyond a double
                                 {"min_rate": 0, "score": 0}]},
        },
    }


def test_rich_sheet_round_trips(tmp_path: Path) -> None:
    sheet = rich_sheet()
    expected = copy.deepcopy(sheet)
    expected["score_step"] = D("0.5")
    assert canon(round_trip(sheet, tmp_path / "rich.xlsx")) == canon(expected)


def test_shipped_default_sheet_round_trips(tmp_path: Path) -> None:
    default = ROOT / "scoring_sheets" / "sms-pilot-default.json"
    if not default.exists():
        pytest.skip("scoring_sheets/sms-pilot-default.json not written yet")
    sheet = json.loads(default.read_text(encoding="utf-8"), parse_float=Decimal)
    assert canon(round_trip(sheet, tmp_path / "default.xlsx")) == canon(sheet)


def test_official_sheet_without_optional_blocks_stays_without(tmp_path: Path) -> None:
    sheet = {"format": "evaluator-sheet/1", "id": "official", "name": "某省计分表", "pass_score": 85,
             "categories": [{"code": "A", "name": "甲", "max": 2, "items": [{"code": "A1", "name": "一", "max": 2}]}]}
    path = tmp_path / "official.xlsx"
    assert canon(round_trip(sheet, path)) == canon(sheet)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["计分表", "评分项目"]
    empty_blocks = dict(sheet, vetoes=[], bonuses=[], survey={"levels": [], "questions": []})
    assert canon(round_trip(empty_blocks, path)) == canon(empty_blocks)


def test_layout_is_friendly(tmp_path: Path) -> None:
    path = tmp_path / "layout.xlsx"
    export_sheet_xlsx(rich_sheet(), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["计分表", "评分项目", "否决项", "加分项", "满意度", "满意度等级", "满意度问题",
                             "满意度换算"]
    ws = wb["评分项目"]
    assert [c.value for c in ws[1]] == ["类别代码", "类别名称", "类别满分", "项目代码", "项目名称", "满分",
                                        "评分指引", "核查方式", "环节", "类别其他(JSON)", "项目其他(JSON)"]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws["G2"].alignment.wrap_text and ws.column_dimensions["G"].width >= 40
    assert (ws["F2"].value, ws["F2"].data_type) == (3, "n")  # numbers stay numbers
    assert ws["G3"].value == "=A1+1 不是公式" and ws["G3"].data_type == "s"  # text stays text
    top = {row[1]: row[2] for row in wb["计分表"].iter_rows(min_row=2, values_only=True)}
    assert top["pass_score"] == 80 and top["provisional"] == "是" and top["version"] == "2026.1"


def test_workbook_written_by_hand_is_read(tmp_path: Path) -> None:
    """An office types its own sheet: category cells only on the first row, a code typed as a number."""
    wb = openpyxl.Workbook()
    top = wb.active
    top.title = "计分表"
    top.append(["字段", "键", "值"])
    for row in (["格式", "format", "evaluator-sheet/1"], ["版本", "version", 2026.1], ["暂定", "provisional", "否"],
                ["分值步长", "score_step", "0.5"]):
        top.append(row)
    items = wb.create_sheet("评分项目")
    items.append(["类别代码", "类别名称", "类别满分", "项目代码", "项目名称", "满分"])
    items.append(["A", "组织", 4.5, 1, "领导小组", 2.5])
    items.append([None, None, None, 2, "机构", 2])
    vetoes = wb.create_sheet("否决项")
    vetoes.append(["代码", "内容", "规则对象类型", "规则对象代码", "低于比例"])
    vetoes.append(["V4", "体系", "类别", "A", 0.5])
    wb.save(tmp_path / "hand.xlsx")
    assert canon(import_sheet_xlsx(tmp_path / "hand.xlsx")) == canon({
        "format": "evaluator-sheet/1", "version": "2026.1", "provisional": False, "score_step": D("0.5"),
        "categories": [{"code": "A", "name": "组织", "max": D("4.5"), "items": [
            {"code": "1", "name": "领导小组", "max": D("2.5")}, {"code": "2", "name": "机构", "max": 2}]}],
        "vetoes": [{"code": "V4", "text": "体系", "rule": {"category": "A", "below_ratio": D("0.5")}}],
    })


def test_bad_cells_are_all_reported_with_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "省计分表.xlsx"
    export_sheet_xlsx(rich_sheet(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["评分项目"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"D{r}"].value == "B1")
    ws[f"F{row}"] = "三"
    ws[f"I{row}"] = "第三步"
    ws[f"K{row}"] = "{不是 JSON"
    ws["M1"] = "备注"
    wb["加分项"]["A1"] = None  # the header of a required column
    wb.save(path)
    with pytest.raises(FormatError) as caught:
        import_sheet_xlsx(path)
    message = str(caught.value)
    assert "省计分表.xlsx" in message
    assert f"评分项目!F{row}：满分应为数字，实际为“三”" in message
    assert f"评分项目!I{row}：环节应为数字" in message
    assert f"评分项目!K{row}：项目其他(JSON)应为 JSON 对象" in message
    assert "评分项目!M1：未知的列“备注”" in message
    assert "加分项：缺少列“代码”" in message
    assert len(caught.value.problems) == 5


def test_missing_worksheet_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "missing.xlsx"
    export_sheet_xlsx(rich_sheet(), path)
    wb = openpyxl.load_workbook(path)
    del wb["评分项目"]
    del wb["满意度"]
    wb.save(path)
    with pytest.raises(FormatError) as caught:
        import_sheet_xlsx(path)
    assert "缺少工作表“评分项目”" in str(caught.value)
    assert "有工作表“满意度等级”却缺少工作表“满意度”" in str(caught.value)


def test_unreadable_or_unwritable_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到文件夹"):
        export_sheet_xlsx(rich_sheet(), tmp_path / "no" / "such.xlsx")
    with pytest.raises(UserError, match="找不到文件：.*missing.xlsx"):
        import_sheet_xlsx(tmp_path / "missing.xlsx")
    assert list(tmp_path.iterdir()) == []


# --- hostile files -------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as f:
        f.truncate(size)


def _corrupt_workbook(path: Path) -> None:
    export_sheet_xlsx(rich_sheet(), path.with_suffix(".ok.xlsx"))
    with zipfile.ZipFile(path.with_suffix(".ok.xlsx")) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    path.with_suffix(".ok.xlsx").unlink()
    members["xl/workbook.xml"] = b"<workbook><sheets><sheet"
    _zip(path, members)


HOSTILE = {
    "text": (lambda p: p.write_text("代码,名称\nA,组织\n", encoding="utf-8"), "不是 Excel 工作簿"),
    "empty": (lambda p: p.write_bytes(b""), "文件为空"),
    "random": (lambda p: p.write_bytes(random.Random(7).randbytes(4096)), "不是 Excel 工作簿"),
    "legacy_xls": (lambda p: p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512)), ".xls"),
    "zip_not_xlsx": (lambda p: _zip(p, {"readme.txt": b"hello"}), "没有工作簿内容"),
    "zip_bomb": (lambda p: _zip(p, {"[Content_Types].xml": b"<x/>", "xl/big.xml": bytes(4 * 2**20)}), "压缩炸弹"),
    "oversize": (lambda p: _sparse(p, xlsx.MAX_FILE_BYTES + 1), "文件过大"),
    "corrupt_xlsx": (_corrupt_workbook, "无法打开工作簿"),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_file_is_refused_cleanly(tmp_path: Path, kind: str) -> None:
    make, expected = HOSTILE[kind]
    path = tmp_path / f"{kind}.xlsx"
    make(path)
    before = sorted(tmp_path.iterdir())
    with pytest.raises(FormatError) as caught:
        import_sheet_xlsx(path)
    assert f"{kind}.xlsx" in str(caught.value) and expected in str(caught.value)
    assert sorted(tmp_path.iterdir()) == before  # nothing written


def test_total_uncompressed_size_is_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.xlsx"
    export_sheet_xlsx(rich_sheet(), path)
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED_BYTES", 10_000)
    with pytest.raises(FormatError, match="解压后过大"):
        import_sheet_xlsx(path)


def test_too_many_rows_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rows.xlsx"
    export_sheet_xlsx(rich_sheet(), path)
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    with pytest.raises(FormatError, match="行数超过上限"):
        import_sheet_xlsx(path)


# --- property: any sheet survives the round trip ------------------------------------------

KNOWN_KEYS = {"format", "id", "name", "version", "provisional", "pass_score", "aggregation", "score_step",
              "deduction_note_required", "disagreement_ratio", "bonus_cap", "total_cap", "categories", "vetoes",
              "bonuses", "survey", "code", "max", "items", "guidance", "method", "step", "text", "rule", "label",
              "weight", "levels", "satisfied_levels", "questions", "overall_question", "min_valid_samples",
              "target_valid_samples", "derive", "cap_below_min", "bands", "min_rate", "score"}

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=6) | st.sampled_from(
    ["A1", " 空格", "=1+1", "2.5", "是", "_x000D_", "\r\n"])
halves = st.integers(0, 40).map(lambda n: Decimal(n) / 2)
numbers = halves | st.integers(-10**18, 10**18) | st.decimals(allow_nan=False, allow_infinity=False, places=4)
scalars = st.none() | st.booleans() | numbers | texts
json_values = st.recursive(
    scalars, lambda c: st.lists(c, max_size=2) | st.dictionaries(texts, c, max_size=2), max_leaves=4)
extra_keys = st.text("xyz_备注", min_size=1, max_size=4).filter(lambda k: k not in KNOWN_KEYS)
extras = st.dictionaries(extra_keys, json_values, max_size=2)


def record(required: dict, optional: dict) -> st.SearchStrategy[dict]:
    return st.builds(lambda base, more: {**base, **more}, st.fixed_dictionaries(required, optional=optional), extras)


items = record({"code": texts, "max": halves},
               {"name": texts, "guidance": texts, "method": texts, "step": st.integers(1, 8)})
# category codes unique (as in any valid sheet): rows of one category are grouped by its code
categories = st.lists(st.text("ABCD", min_size=1, max_size=2), unique=True, max_size=3).flatmap(
    lambda codes: st.tuples(*(record({"code": st.just(c), "items": st.lists(items, max_size=3)},
                                     {"name": texts, "max": halves}) for c in codes)).map(list))
rules = st.fixed_dictionaries({}, optional={"category": texts, "item": texts, "below_ratio": halves})
survey = record({}, {
    "levels": st.lists(record({"label": texts}, {"weight": numbers}), max_size=3),
    "questions": st.lists(record({"code": texts}, {"text": texts, "weight": numbers}), max_size=2),
    "satisfied_levels": st.integers(0, 5), "overall_question": texts, "min_valid_samples": st.integers(0, 100),
    "derive": record({}, {"item": texts, "cap_below_min": halves,
                          "bands": st.lists(record({"min_rate": numbers, "score": numbers}, {}), max_size=2)}),
})
sheets = record({"format": st.just("evaluator-sheet/1"), "categories": categories}, {
    "id": texts, "name": texts, "version": texts, "provisional": st.booleans(), "pass_score": numbers,
    "aggregation": st.sampled_from(["mean", "trimmed_mean", "consensus"]), "score_step": halves,
    "deduction_note_required": st.booleans(), "disagreement_ratio": numbers, "bonus_cap": numbers, "total_cap": numbers,
    "vetoes": st.lists(record({"code": texts}, {"text": texts, "rule": rules}), max_size=3),
    "bonuses": st.lists(record({"code": texts}, {"text": texts, "max": halves}), max_size=2),
    "survey": survey,
})


@settings(max_examples=15, deadline=None)
@given(sheets)
def test_any_sheet_round_trips(sheet: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert canon(round_trip(sheet, Path(folder) / "sheet.xlsx")) == canon(sheet)
