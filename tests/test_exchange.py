"""The evaluation exchange format: format errors refused with their JSON path, round trips lossless."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from evaluator_app.errors import FormatError
from evaluator_app.exchange.document import evaluation_document, parse_evaluation
from evaluator_app.jsonfile import dumps, parse_json_text
from tests.factories import default_sheet, evaluation, full_scores, samples, small_sheet


def good() -> dict:
    doc = evaluation(sheet=small_sheet())
    doc["scores"] = full_scores(doc)
    doc["survey"] = samples([("满意", "满意")] * 4, ["Q1", "Q2"])
    return json.loads(json.dumps(doc, default=str), parse_float=Decimal)


def problems_of(doc: dict) -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse_evaluation(doc, "来件.json")
    assert "来件.json" in str(caught.value)
    return [p.path for p in caught.value.problems]


def test_good_document_parses():
    evaluation_ = parse_evaluation(good(), "x")
    assert len(evaluation_.panel) == 6 and len(evaluation_.scores) == 18 and len(evaluation_.survey) == 4


@pytest.mark.parametrize("mutate, path", [
    (lambda d: d["scores"][0].update(score=Decimal("4.5")), "scores[0].score"),  # above the maximum
    (lambda d: d["scores"][0].update(score=Decimal("1.2")), "scores[0].score"),  # off the step
    (lambda d: d["scores"][0].update(score=-1), "scores[0].score"),  # negative
    (lambda d: d["scores"][0].update(score="很好"), "scores[0].score"),
    (lambda d: d["scores"][1].update(member="e9"), "scores[1].member"),  # unknown member
    (lambda d: d["scores"][2].update(item="Z1"), "scores[2].item"),  # unknown item
    (lambda d: d["scores"].append({"member": "e1", "item": "Y1", "score": 2}), "scores[18].item"),  # derived item
    (lambda d: d["scores"].append(dict(d["scores"][0])), "scores[18]"),  # the same score twice
    (lambda d: d["scores"].append({"member": "e1", "item": "X1", "na": True}), "scores[18].na"),  # na outside 中期
    (lambda d: d["sheet"]["categories"][0]["items"][1].update(code="X1"), "sheet.categories"),  # duplicate codes
    (lambda d: d["sheet"]["categories"][0].update(max=7), "sheet.categories[0].max"),
    (lambda d: d.update(format="evaluator-evaluation/2"), "format"),  # future version
    (lambda d: d["sheet"].update(format="evaluator-sheet/3"), "sheet.format"),
    (lambda d: d["survey"][1]["answers"].update(Q1="还行"), "survey[1].answers.Q1"),  # unknown answer
    (lambda d: d["survey"][1]["answers"].update(Q7="满意"), "survey[1].answers.Q7"),  # unknown question
    (lambda d: d["survey"][0].update(collector="e42"), "survey[0].collector"),
    (lambda d: d["panel"][3].update(category="专家"), "panel[3].category"),
    (lambda d: d["panel"][3].update(role="副组长"), "panel[3].role"),
    (lambda d: d["panel"][4].update(id="e1"), "panel[4].id"),
    (lambda d: d["panel"][2].update(years="十年"), "panel[2].years"),
    (lambda d: d.update(kind="年度评估"), "kind"),
    (lambda d: d.pop("sheet"), "sheet"),
    (lambda d: d.pop("panel"), "panel"),
    (lambda d: d["pilot"].pop("name"), "pilot.name"),
    (lambda d: d.update(evaluation_date="2025/11/20"), "evaluation_date"),
    (lambda d: d.update(vetoes=[{"code": "V9", "confirmed": True}]), "vetoes[0].code"),
    (lambda d: d.update(vetoes=[{"code": "V1", "confirmed": "是"}]), "vetoes[0].confirmed"),
    (lambda d: d.update(bonuses=[{"code": "J1", "score": 3}]), "bonuses[0].score"),
    (lambda d: d.update(overrides=[{"item": "X1", "score": 1, "reason": "x"}]), "overrides[0].item"),
    (lambda d: d.update(scores={"e1": 3}), "scores"),
])
def test_format_error_names_the_place(mutate, path):
    doc = good()
    mutate(doc)
    assert path in problems_of(doc)


def test_every_problem_is_reported():
    doc = good()
    doc["scores"][0]["score"] = 9
    doc["scores"][5]["member"] = "nobody"
    doc["survey"][2]["answers"]["Q2"] = "棒"
    assert {"scores[0].score", "scores[5].member", "survey[2].answers.Q2"} <= set(problems_of(doc))


@pytest.mark.parametrize("data, fragment", [
    (b"", "文件为空"),
    (b"   \n", "文件为空"),
    (b'{"format": "evaluator-evaluation/1", "kind": "\xe8\xaf', "UTF-8"),
    (b'{"format": "evaluator-evaluation/1", "kind": "', "JSON 语法错误"),
    ("{\"kind\": \"试点评估\"}".encode("gbk"), "UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
    (b"[1, 2, 3]", "顶层应为 JSON 对象"),
    (b'"evaluator"', "顶层应为 JSON 对象"),
    (b"{\"a\": NaN}", "不允许"),
])
def test_unreadable_documents(data, fragment):
    with pytest.raises(FormatError) as caught:
        parse_json_text(data, "坏文件.json")
    assert fragment in str(caught.value) and "坏文件.json" in str(caught.value)


def test_domain_problems_are_accepted():
    doc = good()
    doc["panel"] = doc["panel"][:3]
    doc["scores"] = [s for s in doc["scores"] if s["member"] in ("e1", "e2")]
    assert len(parse_evaluation(doc, "x").panel) == 3


def test_round_trip_keeps_everything_including_unknown_keys_except_on_samples():
    doc = good()
    doc["transport"] = {"usb": True}
    doc["pilot"]["district"] = "某区"
    doc["panel"][0]["wechat"] = "abc"
    doc["scores"][0]["note"] = "会议纪要不全"
    doc["scores"][0]["score"] = Decimal("3.5")
    doc["findings"] = [{"id": "f1", "text": "部分标准未及时更新", "item": "X2", "step": 3}]
    doc["suggestions"] = ["建立标准复审机制"]
    first = parse_evaluation(doc, "x")
    written = json.loads(dumps(evaluation_document(first)), parse_float=Decimal)
    assert all(isinstance(s.get("score"), str) for s in written["scores"])  # decimals written as strings
    second = parse_evaluation(written, "y")
    assert evaluation_document(second) == evaluation_document(first)
    assert written["transport"] == {"usb": True} and written["pilot"]["district"] == "某区"
    assert written["panel"][0]["wechat"] == "abc"
    assert written["suggestions"][0]["text"] == "建立标准复审机制"


def test_consensus_scores_must_come_from_the_panel():
    doc = good()
    doc["sheet"]["aggregation"] = "consensus"
    assert "scores[0].member" in problems_of(doc)
    doc["scores"] = [{"member": "panel", "item": "X1", "score": 4}]
    assert parse_evaluation(doc, "x").scores[0].member == "panel"


def test_default_sheet_document():
    doc = evaluation(sheet=default_sheet())
    doc["scores"] = full_scores(doc)
    parsed = parse_evaluation(json.loads(json.dumps(doc, default=str), parse_float=Decimal), "x")
    assert len(parsed.scores) == 6 * 26
