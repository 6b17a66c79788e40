"""Domain rules and the exact arithmetic of scores, on documents built as another author would."""

from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator_app.domain.evaluation import Member, MemberCategory, Recusal, Role
from evaluator_app.domain.rules import (
    Severity,
    panel_findings,
    required_standardization_experts,
    running_time_findings,
    scoring_blockers,
)
from evaluator_app.domain.scoring import aggregate, compute
from evaluator_app.domain.sheet import Aggregation
from evaluator_app.domain.survey import wilson_interval
from evaluator_app.exchange.document import parse_evaluation
from evaluator_app.exchange.summary_json import summary_document
from tests.factories import default_sheet, evaluation, full_scores, panel, samples, small_sheet


def summary(doc: dict) -> dict:
    # Through JSON text, as a file from another author would arrive.
    text = json.dumps(doc, default=str, ensure_ascii=False)
    return summary_document(compute(parse_evaluation(json.loads(text, parse_float=Decimal), "test.json")))


def member(index: int, category: MemberCategory, role: Role = Role.MEMBER) -> Member:
    return Member(id=f"e{index}", name=f"专家{index}", category=category, role=role,
                  education="硕士", senior_title=True, years=10)


# -- panel rules ----------------------------------------------------------------------------

@given(size=st.integers(0, 9), data=st.data())
def test_panel_rule_for_every_size_and_expert_count(size, data):
    experts = data.draw(st.integers(0, size))
    members = [member(i, MemberCategory.STANDARDIZATION if i < experts else MemberCategory.INDUSTRY,
                      Role.LEADER if i == 0 else Role.MEMBER) for i in range(size)]
    codes = {f.code for f in panel_findings(members) if f.blocking}
    assert ("panel.size" in codes) == (not 5 <= size <= 7)
    assert ("panel.experts" in codes) == (experts * 3 < size)
    assert ("panel.leader" in codes) == (size == 0)


@pytest.mark.parametrize("size, needed", [(5, 2), (6, 2), (7, 3), (0, 0), (9, 3)])
def test_one_third_includes_exactly_one_third(size, needed):
    assert required_standardization_experts(size) == needed == math.ceil(size / 3)


def test_banner_message_names_counts():
    members = [member(i, MemberCategory.STANDARDIZATION if i < 2 else MemberCategory.MANAGEMENT,
                      Role.LEADER if i == 0 else Role.MEMBER) for i in range(7)]
    messages = [f.message for f in panel_findings(members)]
    assert "标准化专家 2 名，7 人评估组至少需要 3 名（第十九条）" in messages


def test_two_leaders_block():
    members = [member(i, MemberCategory.STANDARDIZATION, Role.LEADER) for i in range(5)]
    assert any(f.code == "panel.leader" and "5 名组长" in f.message for f in panel_findings(members))


def test_qualification_shortfall_is_a_warning_not_a_block():
    members = [member(i, MemberCategory.STANDARDIZATION, Role.LEADER if i == 0 else Role.MEMBER) for i in range(5)]
    members[1].education, members[1].senior_title, members[1].years = "大专", False, 3
    findings = panel_findings(members)
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "大专" in findings[0].message and "3 年" in findings[0].message


def test_recusal_yes_blocks_scoring_and_missing_declaration_blocks_too():
    members = [member(i, MemberCategory.STANDARDIZATION, Role.LEADER if i == 0 else Role.MEMBER) for i in range(5)]
    for m in members:
        m.recusal = Recusal({"employed": False, "consulted": False, "related": False})
    assert scoring_blockers(members) == []
    members[2].recusal = Recusal({"employed": False, "consulted": True, "related": False})
    members[3].recusal = None
    blockers = scoring_blockers(members)
    assert {(f.code, f.subject) for f in blockers} == {("member.recusal", "e2"), ("member.recusal_missing", "e3")}


@pytest.mark.parametrize("since, day, warned", [
    ("2025-06-01", "2025-11-30", True), ("2025-05-20", "2025-11-20", False), ("2025-08-31", "2026-02-27", True),
    ("2025-08-31", "2026-02-28", False), (None, "2025-11-20", False)])
def test_six_month_warning(since, day, warned):
    assert bool(running_time_findings(since, day)) == warned


# -- aggregation properties --------------------------------------------------------------------

scores_strategy = st.lists(st.integers(0, 20).map(lambda n: Decimal(n) / 2), min_size=1, max_size=9)


@given(values=scores_strategy, mode=st.sampled_from(list(Aggregation)))
def test_aggregate_lies_between_lowest_and_highest(values, mode):
    result = aggregate(values, mode)
    assert min(values) <= result <= max(values)


@given(value=st.integers(0, 20).map(lambda n: Decimal(n) / 2), count=st.integers(1, 9))
def test_trimmed_mean_equals_mean_when_all_equal(value, count):
    values = [value] * count
    assert aggregate(values, Aggregation.TRIMMED_MEAN) == aggregate(values, Aggregation.MEAN) == value


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_total_is_sum_of_items_and_mean_of_member_totals(data):
    doc = evaluation(sheet=small_sheet())
    maxima = {item["code"]: Decimal(item["max"]) for c in doc["sheet"]["categories"] for item in c["items"]}
    # Any half-point score from 0 to the item's full marks (X1: 0–4, the others 0–2).
    doc["scores"] = full_scores(doc, lambda m, i: Decimal(data.draw(st.integers(0, int(maxima[i] * 2)))) / 2)
    result = summary(doc)
    items = {code: Decimal(v) for code, v in result["items"].items()}
    # Rounded parts may differ from the rounded whole by at most a cent per item.
    assert abs(sum(items.values()) - Decimal(result["base_score"])) <= Decimal("0.01") * len(items)
    totals = [Decimal(v) for v in result["members"].values()]
    mean_of_totals = sum(totals) / len(totals)
    assert abs(mean_of_totals - Decimal(result["base_score"])) < Decimal("0.006")


def test_mean_is_exact_before_rounding():
    # Five give full marks and e6 half a point less on X1 and X2: X1 = 3.91666…, X2 = 1.91666….
    # The category is 5.8333… -> 5.83, not the sum of the rounded items (5.84).
    doc = evaluation(sheet=small_sheet())
    doc["scores"] = full_scores(
        doc, lambda m, i: {"X1": Decimal("3.5"), "X2": Decimal("1.5")}.get(i) if m == "e6" else None)
    result = summary(doc)
    assert (result["items"]["X1"], result["items"]["X2"]) == ("3.92", "1.92")
    assert result["categories"]["X"] == "5.83"
    assert result["members"]["e6"] == "7.00" and result["members"]["e1"] == "8.00"


# -- the figures a document defines ----------------------------------------------------------

def complete(sheet=None, members=None, value_for=lambda m, i: None, answers=None, **more):
    doc = evaluation(sheet=sheet or small_sheet(), members=members)
    doc["scores"] = full_scores(doc, value_for)
    questions = [q["code"] for q in doc["sheet"]["survey"]["questions"]] if doc["sheet"].get("survey") else []
    doc["survey"] = samples(answers if answers is not None else [("满意", "满意")] * 5, questions)
    doc.update(more)
    return doc


def test_all_full_marks_pass():
    result = summary(complete())
    assert result["items"] == {"X1": "4.00", "X2": "2.00", "Y1": "2.00", "Y2": "2.00"}
    assert result["total"] == "10.00" and result["result"] == "合格" and result["missing"] == []


def test_total_exactly_at_pass_score_passes_and_a_cent_below_fails():
    # X1 = 2 for everybody: total 8 = pass score.
    result = summary(complete(value_for=lambda m, i: Decimal(2) if i == "X1" else None))
    assert result["total"] == "8.00" and result["result"] == "合格"
    # One of six members gives 1.5: mean X1 = 1.9166…, total 7.92 < 8.
    result = summary(complete(
        value_for=lambda m, i: (Decimal("1.5") if m == "e6" else Decimal(2)) if i == "X1" else None))
    assert result["total"] == "7.92" and result["result"] == "不合格"


def test_trimmed_mean_drops_one_highest_and_one_lowest():
    values = {"e1": 4, "e2": 4, "e3": 3, "e4": 3, "e5": 0, "e6": 2}
    def value_for(m: str, i: str) -> Decimal | None:
        return Decimal(values[m]) if i == "X1" else None

    result = summary(complete(sheet=small_sheet("trimmed_mean"), value_for=value_for))
    assert result["items"]["X1"] == "3.00"  # (4 + 3 + 3 + 2) / 4
    result = summary(complete(sheet=small_sheet("mean"), value_for=value_for))
    assert result["items"]["X1"] == "2.67"


def test_trimmed_mean_needs_five_scorers():
    doc = complete(sheet=small_sheet("trimmed_mean"), members=panel(5, 2),
                   value_for=lambda m, i: {"e1": Decimal(4), "e2": Decimal(0)}.get(m, Decimal(2))
                   if i == "X1" else None)
    assert summary(doc)["items"]["X1"] == "2.00"  # drop 4 and 0: (2+2+2)/3
    doc["panel"] = doc["panel"][:4]
    doc["scores"] = [s for s in doc["scores"] if s["member"] != "e5"]
    assert summary(doc)["items"]["X1"] == "2.00"  # 4 scorers: plain mean (4+0+2+2)/4


def test_consensus_mode_uses_the_panel_column():
    doc = evaluation(sheet=small_sheet("consensus"))
    doc["scores"] = [{"member": "panel", "item": code, "score": value}
                     for code, value in (("X1", Decimal("3.5")), ("X2", 2), ("Y2", 1))]
    doc["survey"] = samples([("满意", "满意")] * 5, ["Q1", "Q2"])
    result = summary(doc)
    assert result["items"]["X1"] == "3.50" and result["members"] == {"panel": "8.50"}
    assert result["total"] == "8.50" and result["result"] == "合格"
    doc["scores"] = doc["scores"][:2]
    result = summary(doc)
    assert result["missing"] == [{"member": "panel", "item": "Y2"}] and result["result"] is None


def test_rule_veto_fails_a_high_total():
    # Category X below 50%: X1 = 0, X2 = 2 -> 2 of 6. Bonus lifts the total but the veto stands.
    doc = complete(value_for=lambda m, i: Decimal(0) if i == "X1" else None,
                   bonuses=[{"code": "J1", "score": 2}, {"code": "J2", "score": 1}])
    result = summary(doc)
    assert result["vetoes"] == ["V2"]
    assert result["bonus"] == "2.00"  # 3 capped at bonus_cap 2
    assert result["total"] == "8.00" and result["result"] == "不合格"


def test_confirmed_veto_fails_and_declined_does_not():
    assert summary(complete(vetoes=[{"code": "V1", "confirmed": True}]))["result"] == "不合格"
    result = summary(complete(vetoes=[{"code": "V1", "confirmed": False}]))
    assert result["vetoes"] == [] and result["result"] == "合格"


def test_total_cap():
    doc = complete(bonuses=[{"code": "J1", "score": 2}])
    result = summary(doc)
    assert result["base_score"] == "10.00" and result["bonus"] == "2.00" and result["total"] == "10.00"


def test_survey_bands_and_cap_below_minimum():
    # 4 valid samples are the minimum here: 3 of 4 satisfied (75%) -> band 0.5 -> 1 point.
    answers = [("满意", "满意"), ("满意", "非常满意"), ("不满意", "基本满意"), ("满意", "不满意")]
    result = summary(complete(answers=answers))
    sat = result["satisfaction"]
    assert sat["valid_samples"] == 4 and sat["rate"] == "0.7500" and sat["strict_rate"] == "0.5000"
    assert sat["derived_score"] == "1.00" and result["items"]["Y1"] == "1.00"
    # All satisfied but only 3 valid (one 不了解 overall, one missing overall): band 2, capped to 1.
    answers = [("满意", "满意")] * 3 + [("满意", "不了解"), ("满意",)]
    result = summary(complete(answers=answers))
    sat = result["satisfaction"]
    assert (sat["valid_samples"], sat["invalid_samples"]) == (3, 2)
    assert sat["rate"] == "1.0000" and sat["computed_score"] == "1.00" and sat["derived_score"] == "1.00"
    assert any("少于最低要求" in w for w in result["warnings"])


def test_satisfaction_index_and_wilson_interval():
    answers = [("非常满意", "非常满意")] * 3 + [("不了解", "满意"), ("非常不满意", "不满意")]
    sat = summary(complete(answers=answers))["satisfaction"]
    # Q1: (3*100 + 20) / 4 = 80; Q2: (300 + 80 + 40) / 5 = 84; index = 82.
    assert sat["index"] == "82.00"
    low, high = wilson_interval(4, 5)
    four = Decimal("0.0001")
    assert (sat["wilson_low"], sat["wilson_high"]) == (str(low.quantize(four)), str(high.quantize(four)))
    assert sat["wilson_low"] == "0.3755" and sat["wilson_high"] == "0.9638"


def test_override_replaces_the_derived_value_everywhere():
    answers = [("不满意", "不满意")] * 5
    doc = complete(answers=answers, overrides=[{"item": "Y1", "score": 2, "reason": "调查时段受停电影响"}])
    result = summary(doc)
    assert result["satisfaction"]["computed_score"] == "0.00"
    assert result["satisfaction"]["derived_score"] == "2.00" and result["items"]["Y1"] == "2.00"
    assert result["total"] == "10.00" and set(result["members"].values()) == {"10.00"}


def test_missing_scores_and_invalid_panel_give_no_result():
    doc = complete()
    doc["scores"] = [s for s in doc["scores"] if not (s["member"] == "e3" and s["item"] == "X2")]
    result = summary(doc)
    assert result["missing"] == [{"member": "e3", "item": "X2"}] and result["result"] is None
    doc = complete(members=panel(4, 1))
    result = summary(doc)
    assert result["panel"]["valid"] is False and result["result"] is None
    assert result["panel"]["required_standardization_experts"] == 2
    assert any("4 人" in p for p in result["panel"]["problems"])


def test_disagreement_flag():
    values = {"e1": Decimal(4), "e2": Decimal("1.5")}
    result = summary(complete(value_for=lambda m, i: values.get(m, Decimal(3)) if i == "X1" else None))
    assert [d["item"] for d in result["disagreements"]] == ["X1"]  # range 2.5 > 50% of 4
    values = {"e1": Decimal(4), "e2": Decimal(2)}
    result = summary(complete(value_for=lambda m, i: values.get(m, Decimal(3)) if i == "X1" else None))
    assert result["disagreements"] == []  # range 2 is not above 2


def test_midterm_progress_rating_with_items_not_yet_due():
    doc = complete(kind="中期评估", value_for=lambda m, i: Decimal(1) if i == "X1" else None)
    doc["kind"] = "中期评估"
    doc["scores"] = [s for s in doc["scores"] if s["item"] != "Y2"] + [{"member": "e1", "item": "Y2", "na": True}]
    result = summary(doc)
    # Awarded 1 + 2 + 2 = 5 of applicable 4 + 2 + 2 = 8: 62.5% -> 滞后.
    assert result["not_applicable"] == ["Y2"] and result["progress"] == "0.6250"
    assert result["result"] == "滞后" and result["missing"] == []
    doc["scores"] = [s if s["item"] != "X1" else {**s, "score": Decimal(3)} for s in doc["scores"]]
    assert summary(doc)["result"] == "进展良好"  # 7 of 8


def test_default_sheet_full_document():
    doc = complete(sheet=default_sheet(), answers=[tuple(["满意"] * 8)] * 47 + [tuple(["不满意"] * 8)] * 3,
                   value_for=lambda m, i: Decimal(2) if i == "C3" else None)
    result = summary(doc)
    assert result["satisfaction"]["rate"] == "0.9400" and result["items"]["D3"] == "7.00"
    assert result["items"]["C3"] == "2.00" and result["vetoes"] == ["V5"]  # C3 below 60% of 8
    assert result["total"] == "93.00" and result["result"] == "不合格"
