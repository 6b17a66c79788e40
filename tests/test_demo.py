"""The demo evaluation: deterministic, valid, 合格 in range, and lossless through the exchange format."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from evaluator_app.domain.evaluation import PILOT_FIELDS, Kind, MemberCategory, Role, Selection
from evaluator_app.domain.rules import add_months
from evaluator_app.domain.scoring import PASS, compute
from evaluator_app.domain.sheet import UNKNOWN_ANSWER
from evaluator_app.exchange.document import evaluation_document, parse_evaluation
from evaluator_app.exchange.summary_json import summary_document
from evaluator_app.jsonfile import dumps, parse_json_text
from evaluator_app.numbers import fmt, rounded
from evaluator_app.services.demo import demo_evaluation


@pytest.fixture(scope="module")
def demo():
    return demo_evaluation()


def test_same_seed_same_evaluation_and_seeds_differ():
    assert dumps(evaluation_document(demo_evaluation(7))) == dumps(evaluation_document(demo_evaluation(7)))
    assert dumps(evaluation_document(demo_evaluation(1))) != dumps(evaluation_document(demo_evaluation(2)))


@pytest.mark.parametrize("seed", [2025, 0, 1, 17, 99, 12345])
def test_demo_is_complete_valid_and_passes(seed):
    evaluation = demo_evaluation(seed)
    summary = compute(evaluation)
    assert evaluation.kind is Kind.PILOT
    assert summary.panel_valid and summary.panel_problems == []
    assert summary.missing == [] and summary.warnings == [] and summary.disagreements == []
    assert summary.vetoes == []
    assert summary.result == PASS
    assert Decimal(85) <= rounded(summary.total) <= Decimal(95)
    assert len(evaluation.survey) == 60 and summary.survey.valid_samples == 60
    assert Decimal("0.90") <= rounded(summary.survey.rate) <= Decimal("0.95")
    sheet = evaluation.sheet
    for score in evaluation.scores:
        item = sheet.item(score.item)
        assert score.score % sheet.score_step == 0
        assert score.score >= item.max - Decimal("1.5")
        if score.score < item.max:
            assert score.note.strip(), f"{score.member} {score.item} 扣分无理由"
    assert {(s.member, s.item) for s in evaluation.scores} == {
        (m.id, i.code) for m in evaluation.panel for i in sheet.scored_items}
    assert len(evaluation.bonuses) <= 1
    assert [v.code for v in evaluation.vetoes] == [v.code for v in sheet.vetoes]
    assert not any(v.confirmed for v in evaluation.vetoes)
    for notes in (evaluation.findings, evaluation.suggestions):
        assert 4 <= len(notes) <= 6
        assert all(n.text and sheet.item(n.item) is not None and n.step for n in notes)
    assert 600 <= len(evaluation.summary_text) <= 900
    assert fmt(summary.total) in evaluation.summary_text and f"“{PASS}”" in evaluation.summary_text
    assert evaluation.summary_text.count("\n") >= 2  # several paragraphs


def test_pilot_and_dates(demo):
    pilot = demo.pilot
    # Every field of 附件3; the 复查-only fields of 附件6 stay empty in a 试点评估.
    reinspection_only = {"pilot_evaluation_date", "qualified_date", "qualified_document"}
    assert set(pilot) == set(PILOT_FIELDS) - reinspection_only and all(pilot.values())
    day = dt.date.fromisoformat
    assert pilot["term_start"] == "2023-01-01" and pilot["term_end"] == "2025-12-31"
    assert pilot["system_running_since"] == "2023-05-01" and demo.evaluation_date == "2025-11-18"
    assert day(pilot["term_start"]) <= day(pilot["system_running_since"])
    assert add_months(day(pilot["system_running_since"]), 6) <= day(demo.evaluation_date) <= day(pilot["term_end"])
    assert demo.purpose and demo.basis and "61号" in demo.basis


def test_panel(demo):
    panel = demo.panel
    assert len(panel) == 6 and len({m.name for m in panel}) == 6
    assert [m.role for m in panel].count(Role.LEADER) == 1
    assert 2 <= sum(m.category is MemberCategory.STANDARDIZATION for m in panel) <= 3
    for member in panel:
        assert member.org and member.title and member.education and member.senior_title and member.years >= 5
        assert member.phone.startswith("138") and len(member.phone) == 11 and member.phone.isdigit()
        assert member.selection == Selection.RANDOM.value and "2025-11-10" in member.selection_record
        assert member.recusal is not None and not member.recusal.conflict and member.recusal.declared_at
        assert set(member.recusal.answers) and not any(member.recusal.answers.values())


def test_survey(demo):
    spec = demo.sheet.survey
    members = {m.id for m in demo.panel}
    unknown = [(s.id, code) for s in demo.survey for code, answer in s.answers.items() if answer == UNKNOWN_ANSWER]
    assert 1 <= len(unknown) <= 3 and all(code != spec.overall_question for _, code in unknown)
    for sample in demo.survey:
        assert set(sample.answers) == {q.code for q in spec.questions}
        assert sample.respondent_type in ("群众", "企业", "其他") and sample.place
        assert sample.time.startswith(demo.evaluation_date) and sample.collector in members
    answers = [s.answers[spec.overall_question] for s in demo.survey]
    assert answers.count("非常满意") + answers.count("满意") >= 45
    assert 0 < answers.count("基本满意") and 0 < answers.count("不满意")


def test_exchange_round_trip_keeps_everything(demo):
    text = dumps(evaluation_document(demo))
    back = parse_evaluation(parse_json_text(text.encode("utf-8"), "demo.json"), "demo.json")
    assert summary_document(compute(back)) == summary_document(compute(demo))
    assert dumps(evaluation_document(back)) == text
    assert back.summary_text == demo.summary_text and back.findings == demo.findings
