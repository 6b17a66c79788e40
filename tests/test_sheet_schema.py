"""Sheets as data: the shipped default, and broken sheets reported in full with JSON paths."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from evaluator_app.errors import FormatError
from evaluator_app.paths import scoring_sheets_dir
from evaluator_app.sheets.load import load_sheet_file
from evaluator_app.sheets.schema import sheet_from_document, validation_report
from tests.factories import default_sheet, small_sheet


def test_default_sheet_is_the_provisional_100_point_sheet():
    sheet = load_sheet_file(scoring_sheets_dir() / "sms-pilot-default.json")
    assert sheet.provisional is True
    assert "暂定" in sheet.name
    assert [c.code for c in sheet.categories] == ["A", "B", "C", "D"]
    assert len(sheet.items) == 27
    assert sheet.max_total == 100
    assert sheet.pass_score == 80
    assert sheet.derived_item == "D3"
    assert sheet.survey.overall_question == "Q8"
    assert [v.code for v in sheet.vetoes if v.rule] == ["V4", "V5"]


def test_every_shipped_sheet_is_valid():
    files = sorted(scoring_sheets_dir().glob("*.json"))
    assert files
    for file in files:
        load_sheet_file(file)


def paths_of(document):
    return [p.path for p in validation_report(document)]


def test_all_problems_are_reported_at_once():
    sheet = small_sheet()
    sheet["categories"][0]["max"] = 7  # not the sum of its items (6)
    sheet["categories"][1]["items"][1]["code"] = "X1"  # duplicate code
    sheet["categories"][0]["items"][1]["max"] = Decimal("1.3")  # not a multiple of 0.5
    sheet["survey"]["overall_question"] = "Q9"
    sheet["vetoes"][1]["rule"]["category"] = "Z"
    problems = validation_report(sheet)
    paths = [p.path for p in problems]
    assert "categories[0].items[1].max" in paths
    assert "categories" in paths and any("X1" in p.message and "重复" in p.message for p in problems)
    assert "survey.overall_question" in paths
    assert "vetoes[1].rule.category" in paths
    assert len(problems) >= 4


def test_category_max_must_equal_sum_of_items():
    sheet = small_sheet()
    sheet["categories"][1]["max"] = 5
    problems = validation_report(sheet)
    assert [p.path for p in problems] == ["categories[1].max"]
    assert "4" in problems[0].message and "5" in problems[0].message


@pytest.mark.parametrize("mutate, path", [
    (lambda s: s.update(format="evaluator-sheet/2"), "format"),
    (lambda s: s.pop("format"), "format"),
    (lambda s: s.update(aggregation="median"), "aggregation"),
    (lambda s: s.update(pass_score="八十"), "pass_score"),
    (lambda s: s.pop("categories"), "categories"),
    (lambda s: s["categories"][0]["items"][0].update(max=-1), "categories[0].items[0].max"),
    (lambda s: s["categories"][0]["items"][0].pop("name"), "categories[0].items[0].name"),
    (lambda s: s["categories"][0].update(items="X1"), "categories[0].items"),
    (lambda s: s["survey"].update(satisfied_levels=9), "survey.satisfied_levels"),
    (lambda s: s["survey"]["derive"].update(item="Z9"), "survey.derive.item"),
    (lambda s: s["survey"]["levels"][1].update(label="不了解"), "survey.levels[1].label"),
    (lambda s: s["survey"]["derive"]["bands"][0].update(score=3), "survey.derive.bands[0].score"),
    (lambda s: s["bonuses"][0].update(max="many"), "bonuses[0].max"),
    (lambda s: s.update(disagreement_ratio=2), "disagreement_ratio"),
])
def test_broken_sheet_names_the_place(mutate, path):
    sheet = small_sheet()
    mutate(sheet)
    with pytest.raises(FormatError) as caught:
        sheet_from_document(sheet, "省里的计分表.json")
    assert path in [p.path for p in caught.value.problems]
    assert "省里的计分表.json" in str(caught.value)


def test_newer_format_is_refused_with_an_upgrade_hint():
    sheet = small_sheet(format="evaluator-sheet/2")
    problems = validation_report(sheet)
    assert problems[0].path == "format" and "升级" in problems[0].message


def test_official_sheet_may_drop_survey_vetoes_and_bonuses():
    sheet = small_sheet()
    for key in ("survey", "vetoes", "bonuses", "bonus_cap", "total_cap"):
        sheet.pop(key)
    parsed = sheet_from_document(sheet, "x")
    assert parsed.survey is None and parsed.derived_item is None and parsed.vetoes == ()


def test_unknown_keys_are_kept():
    sheet = small_sheet(issued_by="某省市场监督管理局")
    sheet["categories"][0]["items"][0]["weight_note"] = "备注"
    parsed = sheet_from_document(copy.deepcopy(sheet), "x")
    assert parsed.document["issued_by"] == "某省市场监督管理局"
    assert parsed.document["categories"][0]["items"][0]["weight_note"] == "备注"


def test_decimals_may_be_written_as_strings():
    sheet = default_sheet()
    sheet["score_step"] = "0.5"
    sheet["pass_score"] = "80"
    assert sheet_from_document(sheet, "x").score_step == Decimal("0.5")
