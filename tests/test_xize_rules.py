"""The rules as the 细则 writes them: vetoes, what follows from each result, the panel of a 复查, the
six-month rule, the experts' profile, the evaluation's timing and which steps a panel problem locks.

Each test names its article and checks what a user sees: `summary FILE --json` and `summary FILE`
through the real command line, the Excel 汇总, the steps' blockers.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from evaluator_app.cli import main
from evaluator_app.domain.rules import add_months
from evaluator_app.domain.scoring import compute
from evaluator_app.domain.workflow import WorkflowState, step_states
from evaluator_app.exchange.document import parse_evaluation
from evaluator_app.reports.xlsx import export_evaluation_xlsx
from evaluator_app.storage.store import EvaluationStore
from tests.factories import evaluation, full_scores, panel, samples

REINSPECTION_PILOT = {"pilot_evaluation_date": "2022-11-20", "qualified_date": "2023-03-01",
                      "qualified_document": "国标委服务联〔2023〕1号"}
FAILING = {"X1": Decimal(3), "X2": Decimal(1), "Y2": Decimal("1.5")}  # 7.5 of 10, no category below half
DATES = {"试点评估": "2025-11-20", "中期评估": "2024-06-15", "复查": "2026-01-15"}


def document(kind: str = "试点评估", members: list[dict] | None = None, value_for=lambda m, i: None,
             pilot: dict | None = None, **more) -> dict:
    """A fully scored evaluation of the small sheet (10 points, pass at 8), 5 satisfied samples, dated where
    its kind belongs in a term of 2023-01-01 to 2025-12-31 (复查: 合格 since 2023-03-01)."""
    more.setdefault("evaluation_date", DATES[kind])
    doc = evaluation(kind=kind, members=members, **more)
    doc["scores"] = full_scores(doc, value_for)
    doc["survey"] = samples([("满意", "满意")] * 5, ["Q1", "Q2"])
    if kind == "复查":
        doc["pilot"].update(REINSPECTION_PILOT)
    doc["pilot"].update(pilot or {})
    return doc


def failing(member: str, item: str) -> Decimal | None:
    return FAILING.get(item)


def write(tmp_path, doc: dict, name: str = "doc.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, default=str, ensure_ascii=False), encoding="utf-8")
    return str(path)


def summary_json(capsys, tmp_path, doc: dict) -> dict:
    code = main(["summary", write(tmp_path, doc), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def summary_text(capsys, tmp_path, doc: dict) -> str:
    code = main(["summary", write(tmp_path, doc)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def warnings_of(result: dict) -> str:
    return "\n".join(result["warnings"])


def parsed(doc: dict):
    return parse_evaluation(json.loads(json.dumps(doc, default=str), parse_float=Decimal), "test.json")


# -- 第二十四条: a confirmed veto is never rated well --------------------------------------------------

def test_midterm_with_a_confirmed_veto_is_not_rated_well_and_terminates_the_pilot_article_24(capsys, tmp_path):
    doc = document("中期评估", vetoes=[{"code": "V1", "confirmed": True}])
    result = summary_json(capsys, tmp_path, doc)
    assert result["vetoes"] == ["V1"]
    assert result["result"] == "不合格" and "进展良好" not in result["result_text"]
    assert "否决项 V1" in result["result_text"]
    consequence = result["consequence"]
    assert consequence["article"] == "第二十四条" and consequence["due"] is None
    assert "终止试点任务" in consequence["text"] and "第二十四条" in consequence["text"]


def test_final_evaluation_with_a_confirmed_veto_terminates_the_pilot_article_24(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document(vetoes=[{"code": "V1", "confirmed": True}]))
    assert result["total"] == "10.00" and result["result"] == "不合格"
    assert result["consequence"]["article"] == "第二十四条"
    assert "终止试点任务" in result["consequence"]["text"]


def test_reinspection_with_a_confirmed_veto_stops_the_reinspection_article_37(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document("复查", vetoes=[{"code": "V1", "confirmed": True}]))
    assert result["result"] == "不合格" and result["result_text"] == "复查不合格"
    assert result["consequence"]["article"] == "第三十七条"
    assert "停止复查工作" in result["consequence"]["text"] and "通报批评" in result["consequence"]["text"]


def test_a_rule_veto_fails_the_final_evaluation_to_rectification_not_termination_article_23(capsys, tmp_path):
    # Category X below half its maximum triggers V2, a score rule: the result is 不合格 like a low total.
    doc = document(value_for=lambda m, i: Decimal(0) if i == "X1" else None)
    result = summary_json(capsys, tmp_path, doc)
    assert result["vetoes"] == ["V2"] and result["result"] == "不合格"
    assert result["consequence"]["article"] == "第二十三条"


# -- 第二十三条, 第十八条, 第三十六条: what follows from each result -----------------------------------

def test_fail_means_six_months_of_rectification_then_a_new_evaluation_article_23(capsys, tmp_path):
    doc = document(value_for=failing)
    result = summary_json(capsys, tmp_path, doc)
    assert result["result"] == "不合格" and result["vetoes"] == []
    assert result["consequence"] == {
        "code": "rectify", "article": "第二十三条", "due": "2026-05-20",
        "text": "评估不合格：限期 6 个月整改（至 2026-05-20），整改结束后重新申请评估；"
                "仍未通过评估的，撤销其试点资格（第二十三条）"}


def test_pass_is_valid_three_years_article_23(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document())
    consequence = result["consequence"]
    assert result["result"] == "合格"
    assert consequence["code"] == "valid" and consequence["article"] == "第二十三条"
    assert consequence["due"] == "2028-11-20"
    assert "有效期 3 年" in consequence["text"] and "2028-11-20" in consequence["text"]


def test_pass_without_an_evaluation_date_states_no_date_article_23(capsys, tmp_path):
    doc = document()
    del doc["evaluation_date"]
    consequence = summary_json(capsys, tmp_path, doc)["consequence"]
    assert consequence["article"] == "第二十三条" and consequence["due"] is None
    assert "有效期 3 年" in consequence["text"] and "推算至" not in consequence["text"]


def test_midterm_states_when_the_final_evaluation_may_be_applied_for_article_18(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document("中期评估"))
    assert result["result"] == "进展良好"
    consequence = result["consequence"]
    assert consequence["article"] == "第十八条" and consequence["due"] == "2025-09-30"  # term ends 2025-12-31
    assert "试点期满前 3 个月" in consequence["text"] and "2025-09-30" in consequence["text"]


def test_reinspection_pass_and_fail_article_36(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document("复查"))
    assert result["result_text"] == "复查合格"
    assert result["consequence"]["article"] == "第三十六条" and result["consequence"]["due"] == "2029-01-15"
    doc = document("复查", value_for=lambda m, i: Decimal(1) if i == "X1" else None)
    result = summary_json(capsys, tmp_path, doc)
    assert result["result_text"] == "复查不合格"
    assert result["consequence"]["article"] == "第三十六条" and "取消其试点资格" in result["consequence"]["text"]


def test_no_consequence_before_a_result(capsys, tmp_path):
    doc = document()
    doc["scores"] = doc["scores"][1:]
    result = summary_json(capsys, tmp_path, doc)
    assert result["result"] is None and result["consequence"] is None


def test_text_summary_states_the_consequence(capsys, tmp_path):
    out = summary_text(capsys, tmp_path, document(vetoes=[{"code": "V1", "confirmed": True}]))
    assert "后续处理：存在否决项：终止试点任务（第二十四条）" in out


def test_workbook_states_the_consequence(tmp_path):
    ev = parsed(document(value_for=failing))
    export_evaluation_xlsx(ev, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    try:
        rows = [tuple(c.value for c in row) for row in wb["汇总"].iter_rows()]
    finally:
        wb.close()
    line = next(row for row in rows if "后续处理" in row)
    assert any(isinstance(v, str) and "限期 6 个月整改（至 2026-05-20）" in v for v in line)


# -- 第三十四条: the 复查组 has no ratio ------------------------------------------------------------

def test_reinspection_panel_with_few_standardization_experts_is_valid_with_a_warning_article_34(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document("复查", members=panel(6, 1)))
    assert result["panel"]["valid"] is True and result["panel"]["problems"] == []
    assert result["result_text"] == "复查合格"
    warning = next(w for w in result["warnings"] if "标准化专家" in w)
    assert "复查专家组" in warning and "第三十四条" in warning and "第十九条" not in warning


def test_reinspection_panel_size_is_worded_for_the_reinspection_article_34(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document("复查", members=panel(4, 2)))
    assert result["panel"]["valid"] is False
    assert result["panel"]["problems"] == ["复查专家组现有 4 人，应为 5 至 7 人（第三十四条）"]


def test_final_evaluation_panel_still_needs_one_third_article_19(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document(members=panel(6, 1)))
    assert result["panel"]["valid"] is False and result["result"] is None
    assert result["panel"]["problems"] == ["标准化专家 1 名，6 人评估组至少需要 2 名（第十九条）"]


# -- 第十八条: six months of running, final evaluation only ------------------------------------------

@pytest.mark.parametrize("kind, warned", [("试点评估", True), ("中期评估", False), ("复查", False)])
def test_six_month_rule_applies_to_the_final_evaluation_only_article_18(capsys, tmp_path, kind, warned):
    doc = document(kind)
    doc["pilot"]["system_running_since"] = add_months(date.fromisoformat(DATES[kind]), -2).isoformat()
    result = summary_json(capsys, tmp_path, doc)
    assert ("未满半年" in warnings_of(result)) == warned


# -- 第二十八条: the experts' profile ---------------------------------------------------------------

def test_education_below_bachelor_warns_and_accepted_degrees_do_not_article_28(capsys, tmp_path):
    members = panel()
    members[1]["education"] = "本科以下"
    members[2]["education"] = "大学本科"
    members[3]["education"] = "博士研究生"
    result = summary_json(capsys, tmp_path, document(members=members))
    text = warnings_of(result)
    assert "专家乙：学历为本科以下（一般应为本科以上）（第二十八条）" in result["warnings"]
    assert "专家丙" not in text and "专家丁" not in text
    assert result["panel"]["valid"] is True  # a warning, not a block


def test_missing_qualification_data_warns_article_28(capsys, tmp_path):
    members = panel()
    for key in ("education", "senior_title", "years"):
        del members[4][key]
    result = summary_json(capsys, tmp_path, document(members=members))
    assert ("专家戊：未填写学历、是否具有高级以上技术职称、从事标准化或相关工作年限，无法核对专家条件（第二十八条）"
            in result["warnings"])
    assert result["panel"]["valid"] is True and result["result"] == "合格"


# -- 第十八条, 第三十条–第三十三条: timing ------------------------------------------------------------

def test_final_evaluation_early_in_the_term_warns_article_18(capsys, tmp_path):
    result = summary_json(capsys, tmp_path, document(evaluation_date="2023-03-01"))
    text = warnings_of(result)
    assert "早于试点期满（2025-12-31）前 3 个月（2025-09-30）" in text and "第十八条" in text
    assert "早于" not in warnings_of(summary_json(capsys, tmp_path, document()))  # 2025-11-20 is in time


def test_final_evaluation_without_a_term_end_warns_article_18(capsys, tmp_path):
    doc = document()
    del doc["pilot"]["term_end"]
    assert "未填写试点期限止" in warnings_of(summary_json(capsys, tmp_path, doc))


def test_midterm_after_the_term_warns_article_18(capsys, tmp_path):
    text = warnings_of(summary_json(capsys, tmp_path, document("中期评估", evaluation_date="2026-02-01")))
    assert "晚于试点期限止 2025-12-31" in text and "第十八条" in text


def test_expired_reinspection_warns_articles_32_33(capsys, tmp_path):
    # 合格 on 2023-03-01: valid until 2026-03-01; applied for at the latest then, done within 3 months.
    text = warnings_of(summary_json(capsys, tmp_path, document("复查", evaluation_date="2026-07-01")))
    assert "合格有效期已于 2026-03-01 届满" in text and "已逾期" in text
    assert "第三十二条" in text and "第三十三条" in text


def test_reinspection_in_time_has_no_timing_warning(capsys, tmp_path):
    text = warnings_of(summary_json(capsys, tmp_path, document("复查")))
    assert "有效期" not in text and "复查日期" not in text


def test_reinspection_too_early_warns_article_32(capsys, tmp_path):
    text = warnings_of(summary_json(capsys, tmp_path, document("复查", evaluation_date="2025-06-01")))
    assert "早于合格有效期届满（2026-03-01）前 3 个月（2025-12-01）" in text and "第三十二条" in text


def test_reinspection_without_a_qualified_date_warns_articles_30_32(capsys, tmp_path):
    doc = document("复查")
    del doc["pilot"]["qualified_date"]
    text = warnings_of(summary_json(capsys, tmp_path, doc))
    assert "未填写确定为“试点合格单位”时间" in text and "第三十条" in text


# -- 第二十一条: only scoring needs a valid panel ------------------------------------------------------

@pytest.mark.parametrize("kind", ["试点评估", "复查"])
def test_steps_before_scoring_are_open_while_the_panel_is_invalid_article_21(kind):
    ev = parsed(document(kind, members=panel(4, 2)))
    states = {s.step.key: s for s in step_states(ev, compute(ev), WorkflowState())}
    panel_problem = "现有 4 人，应为 5 至 7 人"
    for key in ("report", "documents", "site", "survey"):
        if key in states:
            assert states[key].blockers == [], key
    assert any(panel_problem in b for b in states["scoring"].blockers)
    assert any(panel_problem in b for b in states["conclusion"].blockers)


# -- the evaluation period (one or two days on site) ------------------------------------------------------

def test_an_evaluation_of_two_days_is_accepted_and_printed_as_a_period(tmp_path, capsys):
    from evaluator_app.domain.rules import parse_period, period_problem
    from evaluator_app.presentation import evaluation_period, period_text
    assert parse_period("2025-11-18至19日") == ("2025-11-18", "2025-11-19")
    assert parse_period("2025-11-30至12-01") == ("2025-11-30", "2025-12-01")
    assert parse_period("2025-12-31至2026-01-01") == ("2025-12-31", "2026-01-01")
    assert parse_period("2025-11-18") == ("2025-11-18", None)
    assert parse_period("2025-11-18至32日") is None and parse_period("明天") is None
    assert period_text("2025-11-18", "2025-11-19") == "2025年11月18日至19日"
    assert period_text("2025-11-30", "2025-12-01") == "2025年11月30日至12月1日"
    assert period_text("2025-12-31", "2026-01-01") == "2025年12月31日至2026年1月1日"
    assert "早于" in (period_problem("2025-11-19", "2025-11-18") or "")
    assert "一至两天" in (period_problem("2025-11-18", "2025-11-20") or "")

    doc = evaluation()
    doc["evaluation_date"], doc["evaluation_end_date"] = "2025-11-18", "2025-11-19"
    source = tmp_path / "e.json"
    source.write_text(json.dumps(doc, ensure_ascii=False, default=str), encoding="utf-8")
    from evaluator_app.services.files import import_evaluation
    path = import_evaluation(source, tmp_path / "e.sqlite")
    with EvaluationStore.open(path, backup=False, read_only=True) as store:
        evaluation_ = store.load()
        assert evaluation_period(evaluation_) == "2025年11月18日至19日"
    assert main(["export-json", str(path), str(tmp_path / "back.json")]) == 0
    assert json.loads((tmp_path / "back.json").read_text("utf-8"))["evaluation_end_date"] == "2025-11-19"
    assert main(["report", str(path), "-o", str(tmp_path / "r.pdf")]) == 0
    import shutil
    import subprocess
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
        assert "2025年11月18日至19日" in "".join(text.split())

    doc["evaluation_end_date"] = "2025-11-17"
    source.write_text(json.dumps(doc, ensure_ascii=False, default=str), encoding="utf-8")
    assert main(["import", str(source), str(tmp_path / "bad.sqlite")]) == 2
    assert "evaluation_end_date" in capsys.readouterr().err and not (tmp_path / "bad.sqlite").exists()



def test_education_is_read_as_forms_write_it():
    """第二十八条 本科以上学历: "本科学历", "硕士学位" meet it; "本科以下", "大专" do not."""
    from evaluator_app.domain.rules import education_meets
    accepted = ("本科", "本科学历", "大学本科学历", "硕士学位", "博士研究生", " 博士 ")
    assert all(education_meets(text) for text in accepted)
    assert not any(education_meets(text) for text in ("本科以下", "大专", "中专", "高中", ""))
