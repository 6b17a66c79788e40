"""The demo evaluation: deterministic, valid, 合格 in range, dated as a panel works, and lossless through the
exchange format."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from decimal import Decimal

import pytest

from evaluator_app.domain.evaluation import PILOT_FIELDS, Kind, MemberCategory, Role, Selection
from evaluator_app.domain.overview import contradiction, draft_overview, stated_results
from evaluator_app.domain.rules import add_months
from evaluator_app.domain.scoring import PASS, compute
from evaluator_app.domain.sheet import UNKNOWN_ANSWER
from evaluator_app.exchange.document import evaluation_document, parse_evaluation
from evaluator_app.exchange.summary_json import summary_document
from evaluator_app.jsonfile import dumps, parse_json_text
from evaluator_app.numbers import fmt, rounded
from evaluator_app.services.demo import demo_day, demo_evaluation
from evaluator_app.services.handover import build_demo

DAY = dt.date(2025, 11, 18)


@pytest.fixture(scope="module")
def demo():
    return demo_evaluation(day=DAY)


def test_same_seed_same_evaluation_and_seeds_differ():
    assert dumps(evaluation_document(demo_evaluation(7, DAY))) == dumps(evaluation_document(demo_evaluation(7, DAY)))
    assert dumps(evaluation_document(demo_evaluation(1, DAY))) != dumps(evaluation_document(demo_evaluation(2, DAY)))


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
    # The 综述 is the draft the app writes from the computed result: every figure as the report prints it.
    assert evaluation.summary_text == draft_overview(evaluation, summary)
    assert f"总分{fmt(summary.total)}分" in evaluation.summary_text
    assert [result for result, _ in stated_results(evaluation.summary_text)] == [PASS, PASS]
    assert contradiction(evaluation.summary_text, summary) is None


def test_pilot_and_dates(demo):
    pilot = demo.pilot
    # Every field of 附件3; the 复查-only fields of 附件6 stay empty in a 试点评估.
    reinspection_only = {"pilot_evaluation_date", "qualified_date", "qualified_document"}
    assert set(pilot) == set(PILOT_FIELDS) - reinspection_only and all(pilot.values())
    day = dt.date.fromisoformat
    assert pilot["term_start"] == "2023-01-01" and pilot["term_end"] == "2025-12-31"
    assert pilot["system_running_since"] == "2023-05-01" and demo.evaluation_date == "2025-11-18"
    # 附件1 填写说明 3 and 4: the 业务指导单位 is the provincial 行业主管部门, the 管理单位 the provincial
    # 标准化行政主管部门.
    assert pilot["guidance_unit"] == "某省政务服务管理局" and pilot["management_unit"] == "某省市场监督管理局"
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


def test_by_default_the_demo_is_dated_the_day_before_it_is_made_and_every_date_follows():
    evaluation = demo_evaluation()
    day = dt.date.today() - dt.timedelta(days=1)
    assert demo_day() == day and evaluation.evaluation_date == day.isoformat()
    assert compute(evaluation).warnings == []  # within the last 3 months of the term (第十八条), system > 半年
    pilot = evaluation.pilot
    assert dt.date.fromisoformat(pilot["term_start"]) < day < dt.date.fromisoformat(pilot["term_end"])
    drawn = (day - dt.timedelta(days=8)).isoformat()
    assert all(m.selection_record.startswith(drawn) and m.recusal.declared_at.startswith(day.isoformat())
               for m in evaluation.panel)
    assert all(s.time.startswith(day.isoformat()) for s in evaluation.survey)
    assert f"{day.year}年{day.month}月{day.day}日" in evaluation.summary_text


@pytest.mark.parametrize("day", [dt.date(2027, 2, 10), dt.date(2031, 6, 30)])
def test_dates_in_notes_lie_before_the_evaluation(day):
    """A deduction note, finding or bonus note never mentions a month after the 评估日期."""
    evaluation = demo_evaluation(3, day)
    assert compute(evaluation).warnings == []
    texts = [s.note for s in evaluation.scores] + [n.text for n in evaluation.findings]
    texts += [b.note for b in evaluation.bonuses]
    for text in texts:
        for year, month in re.findall(r"(\d{4})年(?:(\d{1,2})月)?", text):
            assert (int(year), int(month or 1)) <= (day.year, day.month), text


def test_v2_says_xingzheng_chufen_as_the_xize_does(demo):
    """第九条（三）and 第二十四条 say 行政处分; so do the default sheet's V2 and the demo's note on it."""
    v2 = demo.sheet.veto("V2")
    assert "行政处分" in v2.text and "行政处罚" not in v2.text
    note = next(v.note for v in demo.vetoes if v.code == "V2")
    assert "行政处分" in note and "行政处罚" not in note


def test_the_built_demo_records_its_day_as_a_panel_works_it(tmp_path):
    """The eight steps of 第二十一条 each take time on the 评估日期, in the order a panel works (3 to 5 side by
    side), the sheets are submitted before step 6 closes, and everyone signs after the debrief, that day."""
    paths = build_demo(tmp_path / "demo")
    conn = sqlite3.connect(paths["evaluation"])
    try:
        day = conn.execute("SELECT value FROM meta WHERE key = 'evaluation_date'").fetchone()[0]
        steps = {n: (dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)) for n, a, b in conn.execute(
            "SELECT step, started_at, finished_at FROM step_record WHERE status = '已完成'")}
        signed = [dt.datetime.fromisoformat(at) for (at,) in conn.execute("SELECT signed_at FROM signature")]
        debrief = conn.execute("SELECT data FROM step_record WHERE step = 8").fetchone()[0]
    finally:
        conn.close()
    assert day == (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert sorted(steps) == list(range(1, 9))
    for number, (start, finish) in steps.items():
        assert start.date().isoformat() == day and finish - start >= dt.timedelta(minutes=15), number
    assert steps[1][1] <= steps[2][0] and steps[2][1] <= min(steps[3][0], steps[4][0], steps[5][0])
    assert max(steps[n][1] for n in (3, 4, 5)) <= steps[6][1] <= steps[7][0] and steps[7][1] <= steps[8][0]
    assert len(signed) == 13 and all(at.date().isoformat() == day and at > steps[8][1] for at in signed)
    assert f"{day} {steps[8][0]:%H:%M}" in debrief
