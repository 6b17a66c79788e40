"""The 评估综述 draft and the check that a 综述 states the computed result.

Each case is an exchange file imported into an evaluation file, as a provincial office or a panel
would, and the draft is read the way the 组长 reads it in the window and the officer in the report.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from decimal import ROUND_FLOOR, Decimal

import pytest

from evaluator_app import operations
from evaluator_app.domain.evaluation import Evaluation, Kind, MemberCategory, Role, VetoDecision
from evaluator_app.domain.overview import cn_date, contradiction, draft_overview, formal, numeral, stated_results
from evaluator_app.domain.rules import add_months
from evaluator_app.domain.scoring import FAIL, PASS, PROGRESS_GOOD, PROGRESS_LATE, Summary, compute
from evaluator_app.domain.signature import Purpose
from evaluator_app.errors import UserError
from evaluator_app.exchange.document import evaluation_document
from evaluator_app.jsonfile import dumps
from evaluator_app.presentation import consequence_text, percent
from evaluator_app.services.demo import demo_evaluation
from evaluator_app.services.files import import_evaluation
from evaluator_app.services.handover import PAD, complete_on_site_work, handwriting, write_report
from evaluator_app.storage.store import EvaluationStore

DAY = dt.date(2025, 11, 18)
HALF = Decimal("0.5")


@pytest.fixture(scope="module")
def demo() -> Evaluation:
    return demo_evaluation(2025, DAY)


def imported(tmp_path, evaluation: Evaluation, name: str = "case") -> tuple[Evaluation, Summary]:
    """The evaluation written as an exchange file, imported into an evaluation file, and loaded back."""
    source = tmp_path / f"{name}.json"
    source.write_text(dumps(evaluation_document(evaluation)), encoding="utf-8")
    target = import_evaluation(source, tmp_path / f"{name}.sqlite")
    with EvaluationStore.open(target) as store:
        loaded = store.load()
    return loaded, compute(loaded)


def variant(demo: Evaluation, kind: Kind = Kind.PILOT, ratio: Decimal | None = None, veto: str | None = None,
            one_expert: bool = False) -> Evaluation:
    """The demo as another kind, its scores cut to `ratio` of each maximum (C3 kept above its veto line),
    a veto confirmed, or only its leader a 标准化专家."""
    evaluation = copy.deepcopy(demo)
    evaluation.kind = kind
    evaluation.summary_text = ""
    if kind is Kind.REINSPECTION:
        evaluation.pilot["pilot_evaluation_date"] = add_months(DAY, -36).isoformat()
        evaluation.pilot["qualified_date"] = add_months(DAY, -35).isoformat()
        evaluation.pilot["qualified_document"] = "某联办〔2022〕12号"
    if ratio is not None:
        sheet = evaluation.sheet
        scores = []
        for score in evaluation.scores:
            item = sheet.item(score.item)
            value = (item.max * ratio / HALF).to_integral_value(ROUND_FLOOR) * HALF
            if score.item == "C3":  # V5 (C3 below 60%) would make every low case a veto case
                value = item.max * Decimal("0.625")
            scores.append(dataclasses.replace(score, score=value, note=score.note or "部分要求未达到"))
        evaluation.scores = scores
    if veto is not None:
        evaluation.vetoes = [VetoDecision(v.code, v.code == veto, v.note) for v in evaluation.vetoes]
    if one_expert:
        evaluation.panel = [m if m.role is Role.LEADER else dataclasses.replace(m, category=MemberCategory.INDUSTRY)
                            for m in evaluation.panel]
    return evaluation


# (id, kind, ratio, veto, the result, the words the conclusion uses)
CASES = [
    ("pilot-pass", Kind.PILOT, None, None, PASS, "评估结论为“合格”"),
    ("pilot-fail-low", Kind.PILOT, Decimal("0.7"), None, FAIL, "评估结论为“不合格”"),
    ("pilot-fail-veto", Kind.PILOT, None, "V1", FAIL, "评估结论为“不合格”"),
    ("midterm-good", Kind.MIDTERM, None, None, PROGRESS_GOOD, "中期评估结论为“进展良好”"),
    ("midterm-late", Kind.MIDTERM, Decimal("0.6"), None, PROGRESS_LATE, "中期评估结论为“滞后”"),
    ("midterm-fail-veto", Kind.MIDTERM, None, "V2", FAIL, "评估结论为“不合格”"),
    ("reinspection-pass", Kind.REINSPECTION, None, None, PASS, "复查结论意见为“复查合格”"),
    ("reinspection-fail", Kind.REINSPECTION, Decimal("0.7"), None, FAIL, "复查结论意见为“复查不合格”"),
]


@pytest.fixture(scope="module")
def drafts(demo, tmp_path_factory) -> dict[str, tuple[Evaluation, Summary, str]]:
    folder = tmp_path_factory.mktemp("overview")
    made = {}
    for name, kind, ratio, veto, _, _ in CASES:
        evaluation, summary = imported(folder, variant(demo, kind, ratio, veto), name)
        made[name] = (evaluation, summary, draft_overview(evaluation, summary))
    return made


@pytest.mark.parametrize(("name", "result", "words"), [(c[0], c[4], c[5]) for c in CASES], ids=[c[0] for c in CASES])
def test_the_draft_states_the_computed_result_and_never_the_other(drafts, name, result, words):
    evaluation, summary, text = drafts[name]
    assert summary.result == result
    conclusion = text.split("\n五、")[1]
    assert words in conclusion
    assert {stated for stated, _ in stated_results(text)} == {result}
    assert contradiction(text, summary) is None
    if result == FAIL:  # a 不合格 evaluation never says 合格, whatever the kind
        assert "“合格”" not in text and "“复查合格”" not in text and "评估合格" not in text
        assert "复查合格" not in text
    else:  # and a 合格 one (or a midterm rated by its progress) never says 不合格
        assert "不合格" not in text
    if evaluation.kind is Kind.MIDTERM:  # 中期评估 rates progress; no 合格 conclusion (第十八条)
        assert "“合格”" not in text and "中期评估不作合格判定" in text or summary.result == FAIL
    consequence = consequence_text(summary)
    assert consequence is not None and formal(consequence) in conclusion


def test_sections_and_figures_as_the_report_prints_them(drafts):
    evaluation, summary, text = drafts["pilot-pass"]
    headings = [line for line in text.split("\n") if re.fullmatch(r"[一二三四五]、\S+", line)]
    assert headings == ["一、基本情况", "二、主要成效", "三、存在的问题", "四、改进意见和建议", "五、评估结论"]
    assert text.startswith("一、基本情况\n2025年11月18日，由陈志远任组长的评估专家组（共6人，其中标准化专家2名）")
    stats = summary.survey
    assert f"总体满意率{percent(stats.rate)}" in text  # "91.67%", as the report's survey table prints it
    assert f"95%置信区间{percent(stats.wilson_low)}～{percent(stats.wilson_high)}" in text
    assert "满分15分" in text and "满分25分" in text and "满分35分" in text
    total = f"{summary.total.numerator / summary.total.denominator:.2f}"
    assert f"总分{total}分" in text
    # every finding and suggestion, numbered, each once
    for note in evaluation.findings + evaluation.suggestions:
        assert text.count(note.text.rstrip("。")) == 1
    assert "（一）" in text and "。；" not in text and "；。" not in text
    # the closing recommendation: the provincial office confirms and reports upward (第二十二条、第二十三条)
    assert text.rstrip().endswith("并报部级联席办公室（第二十二条、第二十三条）。")


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_the_register_of_a_formal_report(drafts, name):
    _, _, text = drafts[name]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "ISO dates"
    assert not re.search(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”] +[\d%]|[\d%] +[\u4e00-\u9fff\uff00-\uffef“”]",
                         text), "half-width spaces around numbers"
    assert not re.search(r"[\u4e00-\u9fff][,;:?!]", text), "half-width punctuation after Chinese text"
    assert "一行" not in text and not re.search(r"满分\d+(?:\.\d+)?(?!\d|\.|分)", text)
    assert "。；" not in text and "。。" not in text


def test_reinspection_describes_article_34_and_words_its_conclusion_per_35_and_36(drafts):
    _, _, passed = drafts["reinspection-pass"]
    assert passed.startswith("一、基本情况\n2025年11月18日，由陈志远任组长的复查专家组")
    assert "第三十四条规定的步骤" in passed and "申请材料" in passed and "现场复查" in passed
    assert "审查了标准体系文件" in passed and "现场抽查" in passed and "与被复查单位进行了沟通" in passed
    assert "第二十一条" not in passed and "听取了试点单位的工作汇报" not in passed
    assert "确定为“试点合格单位”（某联办〔2022〕12号）" in passed and "2022年12月18日" in passed
    assert "五、复查结论" in passed and "复查合格：合格有效期3年" in passed and "（第三十六条）" in passed
    assert passed.rstrip().endswith("并报部级联席办公室审核（第三十五条、第三十六条）。")
    _, _, failed = drafts["reinspection-fail"]
    assert "复查不合格：取消其试点资格（第三十六条）" in failed
    assert "总分低于计分表规定的合格分数（80分）" in failed


def test_a_failed_pilot_is_given_its_rectification_and_a_vetoed_one_its_termination(drafts):
    _, _, low = drafts["pilot-fail-low"]
    assert "评估不合格：限期6个月整改（至2026年5月18日），整改结束后重新申请评估" in low
    assert "在规定期限内完成整改" in low
    _, _, vetoed = drafts["pilot-fail-veto"]
    assert "存在否决项：试点期间发生重大服务质量、安全或环境事故（第二十四条）" in vetoed
    assert "存在否决项（V1），按计分表规定不论得分均判定为不合格" in vetoed and "终止试点任务（第二十四条）" in vetoed


def test_an_invalid_panel_gets_no_conclusion_and_a_summary_stating_one_is_refused(demo, tmp_path):
    """第十九条: 标准化专家 at least one third of the panel. With 1 of 6 there is no result, so the draft
    states none, and a 综述 that says 合格 contradicts it."""
    evaluation, summary = imported(tmp_path, variant(demo, one_expert=True))
    assert summary.result is None and not summary.panel_valid
    text = draft_overview(evaluation, summary)
    assert stated_results(text) == [] and "“合格”" not in text
    assert "尚未形成结论（评估组组成或回避不符合要求）。" in text
    message = contradiction("经评估专家组集体讨论，评估结论为“合格”。", summary)
    assert message is not None and "评估结论为‘合格’" in message and "尚未形成结论" in message


@pytest.mark.parametrize(("text", "stated"), [
    ("评估结论为“不合格”。", [FAIL]),  # "不合格" contains "合格"
    ("评估结论为：合格。", [PASS]),
    ("评估结论：不合格", [FAIL]),
    ("复查结论意见为“复查不合格”。", [FAIL]),
    ("评估结果为合格。", [PASS]),
    ("评估不合格：限期6个月整改", [FAIL]),
    ("中期评估结论为“滞后”（完成度62.00%）", [PROGRESS_LATE]),
    ("内部检查结果为不合格的记录未整改；试点单位自查结论为合格。", []),  # findings, not the conclusion
    ("中期评估不作合格判定；试点单位自查合格的，可提出评估申请", []),
    ("形成了考核评估结论，并向试点单位通报了评估情况", []),
])
def test_stated_conclusions_are_read_whole(text, stated):
    assert [result for result, _ in stated_results(text)] == stated


def test_a_summary_stating_another_result_is_named_with_its_words(drafts):
    _, passed, _ = drafts["pilot-pass"]
    _, failed, _ = drafts["pilot-fail-low"]
    message = contradiction("……经评估专家组集体讨论，评估结论为“不合格”。", passed)
    assert message == ("评估综述写有“……经评估专家组集体讨论，评估结论为‘不合格’”，与计分结果“合格”不一致；"
                       "请修改评估综述，使其结论与计分结果一致（已锁定的评估须由组长填写理由解锁，修改后重新签字）")
    assert contradiction("评估结论为“不合格”。", failed) is None
    assert contradiction("评估结论为：合格。", failed) is not None
    assert contradiction("评估组听取了汇报，查阅了资料，考核了现场。", failed) is None


def test_sealing_a_report_whose_summary_states_another_result_is_refused(demo, tmp_path):
    """The signed 综述 says 不合格 while the scores give 合格: the final report is not sealed."""
    evaluation = copy.deepcopy(demo)
    evaluation.summary_text = draft_overview(evaluation, compute(evaluation)).replace("“合格”", "“不合格”")
    source = tmp_path / "contradicting.json"
    source.write_text(dumps(evaluation_document(evaluation)), encoding="utf-8")
    target = import_evaluation(source, tmp_path / "contradicting.sqlite")
    with EvaluationStore.open(target) as store:
        operations.set_step_data(store, "debrief", {"time": "2025-11-18 17:05", "attendees": "试点单位负责人",
                                                    "response": "无异议"})
        complete_on_site_work(store, upto="scoring")  # step 7 would not finish with this 综述 (tested below)
        for seed, member in enumerate(evaluation.panel):
            store.actor = member.id
            for purpose in (Purpose.SHEET, Purpose.REPORT):
                operations.sign(store, member.id, purpose, handwriting(member.name, seed), *PAD)
        leader = evaluation.panel[0]
        store.actor = leader.id
        operations.sign(store, leader.id, Purpose.CONCLUSION, handwriting(leader.name, 99), *PAD)
        assert store.locked
        with pytest.raises(UserError) as refused:
            write_report(store, tmp_path / "report.pdf")
    assert str(refused.value).startswith("不能为此评估生成签章的正式报告：评估综述写有“经评估专家组集体讨论，"
                                         "评估结论为‘不合格’”，与计分结果“合格”不一致")
    assert not (tmp_path / "report.pdf").exists()


def test_typography_helpers():
    assert cn_date("2025-11-18") == "2025年11月18日" and cn_date("2025-11-18T17:40:07+08:00") == "2025年11月18日"
    assert cn_date("不是日期") == "不是日期" and cn_date("") == ""
    assert formal("限期 6 个月整改（至 2026-05-18），有效期 3 年") == "限期6个月整改（至2026年5月18日），有效期3年"
    assert formal("按 GB/T 1.1 修改,再提交") == "按GB/T 1.1修改，再提交"  # a standard's designation keeps its space
    assert [numeral(n) for n in (1, 9, 10, 11, 20, 21)] == ["一", "九", "十", "十一", "二十", "二十一"]


def test_step_7_does_not_finish_while_the_overview_states_another_result(tmp_path):
    """The contradiction is caught when the conclusion is formed, not only when the report is sealed."""
    from evaluator_app import operations
    from evaluator_app.domain.scoring import PASS
    from evaluator_app.errors import UserError
    from evaluator_app.services.demo import demo_evaluation
    from evaluator_app.services.handover import complete_on_site_work
    from evaluator_app.storage.store import EvaluationStore

    with EvaluationStore.create(tmp_path / "e.sqlite", demo_evaluation()) as store:
        complete_on_site_work(store, upto="scoring")
        from evaluator_app.domain.scoring import compute
        assert compute(store.load()).result == PASS
        operations.set_meta_text(store, "overview", "经评估，评估结论为“不合格”。")
        with pytest.raises(UserError, match="不合格"):
            operations.finish_step(store, "conclusion")
