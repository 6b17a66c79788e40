"""The Excel report: the figures read back equal `summary --json`, no formulas, a sheet per member."""

from __future__ import annotations

import json
import os
from decimal import Decimal

import openpyxl
import pytest

from evaluator_app.domain.evaluation import Score, VetoDecision
from evaluator_app.domain.scoring import compute
from evaluator_app.domain.sheet import PANEL_MEMBER
from evaluator_app.errors import UserError
from evaluator_app.exchange.document import parse_evaluation
from evaluator_app.exchange.summary_json import summary_document
from evaluator_app.numbers import FOUR_PLACES, fmt
from evaluator_app.reports.xlsx import export_evaluation_xlsx
from evaluator_app.services.demo import demo_evaluation
from tests.factories import evaluation, full_scores, samples, small_sheet

ANSWERS = [("满意", "非常满意"), ("基本满意", "满意"), ("不满意", "不满意"), ("不了解", "满意"),
           ("满意", "不了解"), ("非常满意", "基本满意")]


def factory_evaluation(aggregation: str, kind: str = "试点评估", **more):
    doc = evaluation(sheet=small_sheet(aggregation), kind=kind, **more)
    if aggregation == "consensus":
        doc["scores"] = [{"member": PANEL_MEMBER, "item": code, "score": value, "note": "共识扣分" if value < 2 else ""}
                         for code, value in (("X1", Decimal("3.5")), ("X2", Decimal("1.5")), ("Y2", 2))]
    else:
        spread = {"e1": 0, "e2": Decimal("0.5"), "e3": 1, "e4": 0, "e5": Decimal("1.5"), "e6": Decimal("0.5")}
        doc["scores"] = full_scores(doc, lambda member, item: {"X1": 4, "X2": 2, "Y2": 2}[item] - spread[member]
                                    if item != "Y2" or member != "e3" else 1)
    doc["survey"] = samples(ANSWERS, ["Q1", "Q2"])
    doc["bonuses"] = [{"code": "J1", "score": 2, "note": "地方标准 1 项"}, {"code": "J2", "score": 1}]
    doc = json.loads(json.dumps(doc, default=str), parse_float=Decimal)
    return parse_evaluation(doc, "factory.json")


def read_workbook(path) -> dict[str, list[tuple]]:
    """Every worksheet's rows; fails on any formula (openpyxl computes none, so none may be written)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    sheets = {}
    try:
        for ws in wb.worksheets:
            rows = []
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} holds a formula"
                rows.append(tuple(cell.value for cell in row))
            sheets[ws.title] = rows
    finally:
        wb.close()
    return sheets


def no_formula_text(sheets: dict[str, list[tuple]]) -> None:
    for title, rows in sheets.items():
        for row in rows:
            assert not any(isinstance(v, str) and v.startswith("=") for v in row), (title, row)


def number(value) -> Decimal:
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    return Decimal(str(value))


def summary_table(rows: list[tuple]):
    """(header, rows by item/category code, rows by label in the 项目 column)."""
    header_at = next(i for i, row in enumerate(rows) if row[:3] == ("编号", "项目", "满分"))
    header = rows[header_at]
    by_code = {row[0]: row for row in rows[header_at + 1:] if isinstance(row[0], str) and row[1]}
    by_label = {row[1]: row for row in rows[header_at + 1:] if row[0] is None and isinstance(row[1], str)}
    return header, by_code, by_label


def check_against_summary(ev, path) -> dict[str, list[tuple]]:
    export_evaluation_xlsx(ev, path)
    sheets = read_workbook(path)
    no_formula_text(sheets)
    summary = compute(ev)
    doc = summary_document(summary)
    header, by_code, by_label = summary_table(sheets["汇总"])
    agg = header.index("评估组得分")
    assert number(by_label["总分"][agg]) == Decimal(doc["total"])
    assert number(by_label["基础分（各成员合计）"][agg]) == Decimal(doc["base_score"])
    assert number(by_label["加分"][agg]) == Decimal(doc["bonus"])
    for code, value in doc["categories"].items():
        assert number(by_code[code][agg]) == Decimal(value), code
    for code, value in doc["items"].items():
        assert number(by_code[code][agg]) == Decimal(value), code
    members = header[3:agg]
    if ev.sheet.aggregation.value == "consensus":
        assert members == ()
    else:
        assert list(members) == [m.name for m in ev.panel]
        for offset, member in enumerate(ev.panel):
            assert number(by_label["基础分（各成员合计）"][3 + offset]) == Decimal(doc["members"][member.id])
    result_row = by_label["结论"]
    assert doc["result"] in "".join(str(v) for v in result_row if v)
    return sheets


def check_member_sheets(ev, sheets) -> None:
    doc = summary_document(compute(ev))
    for member in ev.panel:
        rows = sheets[member.name]
        total = next(row for row in rows if row[1] == "合计")
        assert number(total[3]) == Decimal(doc["members"][member.id])


def check_survey_sheets(ev, sheets) -> None:
    summary = compute(ev)
    doc = summary_document(summary)
    samples_rows = sheets["满意度样本"]
    header_at = next(i for i, row in enumerate(samples_rows) if row[0] == "编号")
    data = [row for row in samples_rows[header_at + 1:] if any(v is not None for v in row)]
    assert [row[0] for row in data] == [s.id for s in ev.survey]
    invalid = sum(1 for row in data if row[-1] == "无效")
    assert invalid == summary.survey.invalid_samples
    stats = {row[0]: row for row in sheets["满意度统计"] if row and isinstance(row[0], str)}
    satisfaction = doc["satisfaction"]
    for label, key in (("总体满意率", "rate"), ("严格满意率", "strict_rate"), ("满意度指数", "index"),
                       ("满意率 95% 置信区间下限", "wilson_low"), ("满意率 95% 置信区间上限", "wilson_high")):
        assert number(stats[label][2]) == Decimal(satisfaction[key]), label
    assert number(stats["有效样本数"][2]) == satisfaction["valid_samples"]
    header = stats["编号"]
    rate_col = header.index("满意率")
    for code, question in summary.survey.questions.items():
        expected = fmt(question.rate, FOUR_PLACES)
        cell = stats[code][rate_col]
        assert cell is None if expected is None else number(cell) == Decimal(expected)


@pytest.fixture(scope="module")
def demo():
    return demo_evaluation()


def test_demo_workbook_matches_summary(demo, tmp_path):
    sheets = check_against_summary(demo, tmp_path / "demo.xlsx")
    assert list(sheets)[0] == "汇总"
    assert set(sheets) == {"汇总", "满意度样本", "满意度统计", *(m.name for m in demo.panel)}
    check_member_sheets(demo, sheets)
    check_survey_sheets(demo, sheets)
    title = sheets["汇总"][0][0]
    assert demo.pilot["name"] in title and "暂定" in title
    _, by_code, _ = summary_table(sheets["汇总"])
    assert "满意度换算" in by_code[demo.sheet.derived_item][-1]


@pytest.mark.parametrize("aggregation", ["mean", "trimmed_mean", "consensus"])
def test_factory_workbooks_match_summary(aggregation, tmp_path):
    ev = factory_evaluation(aggregation)
    sheets = check_against_summary(ev, tmp_path / f"{aggregation}.xlsx")
    check_survey_sheets(ev, sheets)
    if aggregation == "consensus":
        assert "评估组评分" in sheets and not any(m.name in sheets for m in ev.panel)
        total = next(row for row in sheets["评估组评分"] if row[1] == "合计")
        assert number(total[3]) == Decimal(summary_document(compute(ev))["members"][PANEL_MEMBER])
    else:
        check_member_sheets(ev, sheets)
    assert "暂定" not in sheets["汇总"][0][0]  # the small sheet is not provisional


def test_trimmed_mean_differs_from_mean(tmp_path):
    # The exported figure is the trimmed one, not a plain mean computed by the exporter.
    exported, plain = {}, {}
    for aggregation in ("mean", "trimmed_mean"):
        ev = factory_evaluation(aggregation)
        export_evaluation_xlsx(ev, tmp_path / f"{aggregation}.xlsx")
        header, by_code, _ = summary_table(read_workbook(tmp_path / f"{aggregation}.xlsx")["汇总"])
        agg = header.index("评估组得分")
        exported[aggregation] = number(by_code["X1"][agg])
        assert exported[aggregation] == Decimal(summary_document(compute(ev))["items"]["X1"]), aggregation
        members = [number(value) for value in by_code["X1"][3:agg]]
        assert len(members) == len(ev.panel) == 6
        plain[aggregation] = (sum(members) / len(members)).quantize(Decimal("0.01"))
    assert plain["mean"] == plain["trimmed_mean"] == exported["mean"] == Decimal("3.42")  # 20.5 / 6
    assert exported["trimmed_mean"] == Decimal("3.50")  # 4 and 2.5 dropped: 14 / 4


def test_midterm_not_due_items_and_vetoes(tmp_path):
    ev = factory_evaluation("mean", kind="中期评估")
    ev.scores = [s for s in ev.scores if s.item != "Y2"]
    ev.scores += [Score(m.id, "Y2", na=True) for m in ev.panel]
    ev.vetoes = [VetoDecision("V1", True, "重大事故")]
    export_evaluation_xlsx(ev, tmp_path / "mid.xlsx")
    sheets = read_workbook(tmp_path / "mid.xlsx")
    _, by_code, by_label = summary_table(sheets["汇总"])
    assert by_code["Y2"][3] == "未到期"
    summary = compute(ev)
    assert summary.result in "".join(str(v) for v in by_label["结论"] if v)
    assert "V1" in "".join(str(v) for v in by_label["否决项"] if v)


def test_text_stays_text_and_titles_are_safe(tmp_path):
    ev = factory_evaluation("mean")
    ev.panel[0].name = "专家/甲[组长]"
    ev.panel[1].name = "乙" * 40
    ev.panel[2].name = "汇总"
    ev.panel[3].name = ev.panel[4].name = "专家丁"
    ev.scores[1].note = "=SUM(A1:A3)"
    ev.survey[0].comment = "好\x07评"
    export_evaluation_xlsx(ev, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True)
    titles = wb.sheetnames
    assert len(titles) == len(set(t.casefold() for t in titles)) == 3 + len(ev.panel)
    assert all(len(t) <= 31 and not set(t) & set("[]:*?/\\") for t in titles)
    member_sheet = wb[titles[1]]
    cells = [c for row in member_sheet.iter_rows() for c in row if c.value == "=SUM(A1:A3)"]
    assert cells and all(c.data_type == "s" for c in cells)
    sample_values = [v for row in wb["满意度样本"].iter_rows(values_only=True) for v in row]
    assert "好评" in sample_values
    wb.close()


def test_layout(demo, tmp_path):
    path = tmp_path / "demo.xlsx"
    export_evaluation_xlsx(demo, path)
    wb = openpyxl.load_workbook(path)
    summary_ws = wb["汇总"]
    assert summary_ws.freeze_panes == "D4" and summary_ws.print_title_rows == "$3:$3"
    assert summary_ws.page_setup.orientation == "landscape" and summary_ws.page_setup.paperSize == 9
    assert summary_ws.page_setup.fitToWidth == 1 and summary_ws.sheet_properties.pageSetUpPr.fitToPage
    header = [c.value for c in summary_ws[3]]
    assert all(c.font.bold for c in summary_ws[3])
    total_row = next(r for r in summary_ws.iter_rows() if r[1].value == "总分")
    assert total_row[header.index("评估组得分")].number_format == "0.00"
    stats_ws = wb["满意度统计"]
    rate = next(r for r in stats_ws.iter_rows() if r[0].value == "总体满意率")[2]
    assert rate.number_format == "0.00%"
    member_ws = wb[demo.panel[0].name]
    assert member_ws.freeze_panes and member_ws.page_setup.orientation == "portrait"
    assert summary_ws.column_dimensions["B"].width >= 20 and member_ws.column_dimensions["E"].width >= 40
    assert wb["满意度样本"].column_dimensions["C"].width >= 15
    wb.close()


def test_missing_folder_is_a_user_error(demo, tmp_path):
    target = tmp_path / "没有这个文件夹" / "评估.xlsx"
    with pytest.raises(UserError) as caught:
        export_evaluation_xlsx(demo, target)
    assert str(target.parent) in str(caught.value)


def test_replaces_atomically(demo, tmp_path):
    target = tmp_path / "评估.xlsx"
    target.write_bytes(b"old")
    export_evaluation_xlsx(demo, target)
    assert os.listdir(tmp_path) == ["评估.xlsx"]
    assert read_workbook(target)["汇总"]
