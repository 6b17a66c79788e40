"""The 评估综述: a first draft for the 组长 to edit, and the check that a 综述 states the computed result.

The draft is built from the figures the report prints (`numbers.fmt`, `presentation.percent`,
`presentation.result_text`, `presentation.consequence_text`), in the register of a formal report:
dates as 2025年11月18日, full-width punctuation, no spaces around numbers, amounts as "15分".
Its sections: 一、基本情况 二、主要成效 三、存在的问题 四、改进意见和建议 五、评估结论 (复查结论).
A 试点评估 or 中期评估 describes the eight steps of 第二十一条; a 复查 the steps of 第三十四条 and its
conclusion as 第三十五条 and 第三十六条 word it.
"""

from __future__ import annotations

import re
from fractions import Fraction

from ..numbers import Number, fmt, fmt_plain, rounded
from ..presentation import cn_date, consequence_text, evaluation_period, formal, percent, result_text, sheet_label
from .evaluation import Evaluation, Kind, Role
from .scoring import FAIL, PASS, PROGRESS_GOOD, PROGRESS_LATE, PROGRESS_NORMAL, Summary

XIZE = "《社会管理和公共服务综合标准化试点细则（试行）》"
STRONG_RATIO = Fraction(9, 10)  # a category at 90% of its maximum or more is named among the 成效
NUMERALS = "一二三四五六七八九十"

SECTIONS = {
    "basics": "一、基本情况",
    "strengths": "二、主要成效",
    "problems": "三、存在的问题",
    "suggestions": "四、改进意见和建议",
}
CONCLUSION_HEADING = {Kind.PILOT: "五、评估结论", Kind.MIDTERM: "五、评估结论", Kind.REINSPECTION: "五、复查结论"}
PANEL_NAME = {Kind.PILOT: "评估专家组", Kind.MIDTERM: "评估专家组", Kind.REINSPECTION: "复查专家组"}

# 第二十一条: the eight on-site steps, as the 综述 reports them done.
PILOT_PROCEDURE = ("宣布了评估组成员、评估程序及有关事宜，听取了试点单位的工作汇报，"
                   "查阅了相应的文件、记录、标准文本等资料，考核了服务现场，随机调查了公众满意程度，对照{sheet}进行了测评，形成了考核评估结论，"
                   "并向试点单位通报了评估情况，提出了改进意见和建议")
# 第三十四条: 申请材料评价, 现场复查 (标准体系文件审查 and 现场抽查, with its four points of focus), 形成复查结论.
REINSPECTION_PROCEDURE = (
    "对申请单位提交的复查自检报告、复查申请表等申请材料依据相关标准和文件进行了评价；在申请材料符合要求的基础上进行了现场复查，"
    "审查了标准体系文件，并采取查阅相关文件、检查记录、向相关人员提问等方式进行了现场抽查，重点查看了标准化工作运行机制和"
    "有效性评价等制度情况、标准化规划和年度工作计划实施情况、标准体系的有效运行实施和持续改进情况，以及全员标准化意识和"
    "公众满意度提升等情况；对照{sheet}进行了测评，经集体讨论提出复查结论意见，并就有关问题与被复查单位进行了沟通")

GENERIC_SUGGESTION = ("建议试点单位对照评估计分表和本次评估发现的问题，制定整改方案，明确责任和时限，持续完善标准体系，"
                      "加强标准实施的监督检查和持续改进，巩固和推广试点成果")
RECTIFY_SUGGESTION = "建议试点单位针对上述问题制定整改方案，明确责任人和完成时限，在规定期限内完成整改"
NEXT_STEP = {
    # 第二十二条, 第二十三条: the panel reports to the provincial office, which confirms and reports upward.
    Kind.PILOT: "建议省级联席办公室组织相关成员单位对评估结果进行确认，并报部级联席办公室（第二十二条、第二十三条）",
    Kind.MIDTERM: "建议省级联席办公室将中期评估情况报部级联席办公室，并督促试点单位按改进意见和建议推进试点建设",
    # 第三十五条: the 复查报告 goes to the provincial office, which confirms and reports it; 第三十六条: the
    # ministerial office reviews and publishes (复查合格) or revokes (复查不合格).
    Kind.REINSPECTION: ("建议省级联席办公室组织相关成员单位对复查结论进行确认，"
                        "并报部级联席办公室审核（第三十五条、第三十六条）"),
}


# -- the register of a formal report ---------------------------------------------------------------

_TRAILING = "。；;，,、：: "


def _clause(text: str) -> str:
    """A note as a clause of a sentence: trimmed, without its closing punctuation."""
    return formal(text.strip()).rstrip(_TRAILING)


def numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99)."""
    tens, ones = divmod(number, 10)
    if number <= 10:
        return NUMERALS[number - 1]
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[ones - 1] if ones else "")


def _listed(clauses: list[str]) -> str:
    """"（一）…；（二）…。" from clauses."""
    return "；".join(f"（{numeral(i)}）{text}" for i, text in enumerate(clauses, 1)) + "。"


def _points(value: Number) -> str:
    """A score as the report prints it, with its unit: "87.50分"."""
    return f"{fmt(value)}分"


# -- the draft -------------------------------------------------------------------------------------

def draft_overview(evaluation: Evaluation, summary: Summary) -> str:
    """The 综述 draft: headed sections, one paragraph each, every figure as the report prints it."""
    parts = [
        (SECTIONS["basics"], _basics(evaluation, summary)),
        (SECTIONS["strengths"], _strengths(evaluation, summary)),
        (SECTIONS["problems"], _problems(evaluation, summary)),
        (SECTIONS["suggestions"], _suggestions(evaluation, summary)),
        (CONCLUSION_HEADING[evaluation.kind], _conclusion(evaluation, summary)),
    ]
    return "\n".join(f"{heading}\n{formal(body)}" for heading, body in parts)


def _sheet_title(evaluation: Evaluation) -> str:
    return f"《{sheet_label(evaluation.sheet)}》"


def _basics(evaluation: Evaluation, summary: Summary) -> str:
    pilot = evaluation.pilot
    kind = evaluation.kind
    name = PANEL_NAME[kind]
    leader = next((m for m in evaluation.panel if m.role is Role.LEADER), None)
    day = evaluation_period(evaluation) or "（评估日期待填写）"
    unit = pilot.get("unit") or "试点单位"
    project = pilot.get("name") or "试点项目"
    composition = f"共{summary.panel_size}人，其中标准化专家{summary.standardization_experts}名"
    panel = f"由{leader.name}任组长的{name}（{composition}）" if leader else f"{name}（{composition}）"
    if kind is Kind.REINSPECTION:
        text = f"{day}，{panel}对{unit}承担的“{project}”进行了复查。"
        history = []
        if pilot.get("pilot_evaluation_date"):
            history.append(f"该试点于{cn_date(pilot['pilot_evaluation_date'])}接受试点评估")
        if pilot.get("qualified_date") or pilot.get("qualified_document"):
            when = cn_date(pilot.get("qualified_date")) if pilot.get("qualified_date") else ""
            document = f"（{pilot['qualified_document']}）" if pilot.get("qualified_document") else ""
            history.append(f"于{when}确定为“试点合格单位”{document}" if when else f"已确定为“试点合格单位”{document}")
        if history:
            text += "，".join(history) + "。"
        text += (f"{name}依据{XIZE}第三十四条规定的步骤，"
                 + REINSPECTION_PROCEDURE.format(sheet=_sheet_title(evaluation)) + "。")
        return text
    what = "中期评估" if kind is Kind.MIDTERM else "现场考核评估"
    return (f"{day}，{panel}对{unit}承担的“{project}”进行了{what}。{name}依据{XIZE}第二十一条规定的程序，"
            + PILOT_PROCEDURE.format(sheet=_sheet_title(evaluation)) + "。")


def _category_ratios(evaluation: Evaluation, summary: Summary,
                     ordered: bool = True) -> list[tuple[str, Fraction, Fraction, Fraction]]:
    """(name, score, maximum over the items that apply, ratio) per category, best first (or in sheet order)."""
    skipped = set(summary.not_applicable)
    rows = []
    for category in evaluation.sheet.categories:
        maximum = sum((Fraction(i.max) for i in category.items if i.code not in skipped), Fraction(0))
        if not maximum or category.code not in summary.categories:
            continue
        score = summary.categories[category.code]
        rows.append((category.name, score, maximum, score / maximum))
    return sorted(rows, key=lambda row: -row[3]) if ordered else rows


def _category_text(name: str, score: Fraction, maximum: Fraction) -> str:
    return f"{name}得分{_points(score)}（满分{_maximum(maximum)}，得分率{percent(score / maximum)}）"


def _category_score(name: str, score: Fraction, maximum: Fraction) -> str:
    return f"{name}{_points(score)}（满分{_maximum(maximum)}）"


def _maximum(value: Fraction) -> str:
    """A maximum as the sheet gives it: "15分", "2.5分"."""
    return f"{fmt_plain(rounded(value))}分"


def _strengths(evaluation: Evaluation, summary: Summary) -> str:
    sentences = []
    rows = _category_ratios(evaluation, summary)
    strong = [row for row in rows if row[3] >= STRONG_RATIO]
    if strong:
        sentences.append("从测评情况看，试点单位在" + "、".join(row[0] for row in strong) + "等方面成效较为明显："
                         + "；".join(_category_text(*row[:3]) for row in strong) + "。")
    elif rows:
        name, score, maximum, _ = rows[0]
        best = _category_text("", score, maximum)
        sentences.append(f"从测评情况看，试点单位得分率相对较高的是{name}，{best}。")
    full = [item.name for item in evaluation.sheet.items
            if item.code != summary.derived_item and (value := summary.items.get(item.code)) is not None
            and value == item.max]
    if full:
        shown = "、".join(full[:6])
        sentences.append(f"{shown}{'等' if len(full) > 6 else ''}{len(full)}项指标获得满分。")
    awards = []
    for award in evaluation.bonuses:
        spec = evaluation.sheet.bonus(award.code)
        what = _clause(award.note) or (spec.text if spec else award.code)
        awards.append(f"{what}（加{fmt_plain(award.score)}分）")
    if awards:
        sentences.append("试点成果获得加分：" + "；".join(awards) + "。")
    stats = summary.survey
    if stats is not None and stats.rate is not None:
        text = f"公众满意度调查共收回有效样本{stats.valid_samples}份，总体满意率{percent(stats.rate)}"
        if stats.wilson_low is not None and stats.wilson_high is not None:
            text += f"（95%置信区间{percent(stats.wilson_low)}～{percent(stats.wilson_high)}）"
        if stats.index is not None:
            text += f"，满意度指数{fmt(stats.index)}"
        text += "。"
        if stats.below_minimum and evaluation.sheet.survey:
            text += f"有效样本少于{evaluation.sheet.survey.min_valid_samples}份，调查结果仅供参考。"
        sentences.append(text)
    return "".join(sentences) or "（请评估专家组补充试点取得的主要成效。）"


def _problems(evaluation: Evaluation, summary: Summary) -> str:
    clauses = []
    if summary.vetoes:
        texts = [_clause(v.text) for v in evaluation.sheet.vetoes if v.code in summary.vetoes]
        clauses.append("存在否决项：" + "、".join(texts))
    clauses += [text for note in evaluation.findings if (text := _clause(note.text))]
    if not clauses:
        return f"{PANEL_NAME[evaluation.kind]}未发现需要整改的重大问题。"
    return f"{PANEL_NAME[evaluation.kind]}认为，试点工作还存在以下问题：" + _listed(clauses)


def _suggestions(evaluation: Evaluation, summary: Summary) -> str:
    clauses = [text for note in evaluation.suggestions if (text := _clause(note.text))]
    closing = RECTIFY_SUGGESTION if summary.result == FAIL else GENERIC_SUGGESTION
    if not clauses:
        return closing + "。"
    return f"{PANEL_NAME[evaluation.kind]}提出以下改进意见和建议：" + _listed(clauses) + closing + "。"


def _scores_sentence(evaluation: Evaluation, summary: Summary) -> str:
    rows = [(name, score, maximum) for name, score, maximum, _ in _category_ratios(evaluation, summary, ordered=False)]
    parts = "，".join(_category_score(*row) for row in rows)
    line = f"经测评，{parts}，基础分{_points(summary.base_score)}"
    line += f"，加分{_points(summary.bonus)}" if summary.bonus else "，无加分"
    line += f"，总分{_points(summary.total)}"
    if summary.kind is Kind.MIDTERM and summary.progress is not None:
        line += f"，完成度{percent(summary.progress)}（基础分占适用项目满分的比例）"
    return line + "。"


def _conclusion(evaluation: Evaluation, summary: Summary) -> str:
    kind = evaluation.kind
    name = PANEL_NAME[kind]
    text = _scores_sentence(evaluation, summary)
    if summary.result is None:
        return text + f"{result_text(summary)}。待上述情况处理后，由{name}集体讨论形成结论。"
    pass_score = f"{fmt_plain(evaluation.sheet.pass_score)}分"
    if summary.vetoes:
        text += f"存在否决项（{'、'.join(summary.vetoes)}），按计分表规定不论得分均判定为不合格。"
    elif kind is not Kind.MIDTERM:
        reached = rounded(summary.total) >= evaluation.sheet.pass_score
        text += (f"总分达到计分表规定的合格分数（{pass_score}），未发现否决项所列情形。" if reached
                 else f"总分低于计分表规定的合格分数（{pass_score}）。")
    else:
        text += "未发现否决项所列情形。"
    if kind is Kind.REINSPECTION:
        text += f"经{name}根据复查情况集体讨论，复查结论意见为“{result_text(summary)}”。"
    elif kind is Kind.MIDTERM and not summary.vetoes:
        text += f"经{name}集体讨论，中期评估结论为“{summary.result}”。"
    else:
        text += f"经{name}集体讨论，评估结论为“{summary.result}”。"
    consequence = consequence_text(summary)
    if consequence:
        text += f"{consequence}。"
    return text + NEXT_STEP[kind] + "。"


# -- does a 综述 state the computed result? ---------------------------------------------------------

RESULT_WORDS = (FAIL, PASS, PROGRESS_GOOD, PROGRESS_NORMAL, PROGRESS_LATE)  # 不合格 before 合格
_WORDS = "|".join(RESULT_WORDS)
_OPEN = r"\s*[“\"「『‘]?\s*"
# A stated conclusion: "评估结论为：合格", "复查结论意见为“复查不合格”", "进展评价为“滞后”", "评估结果为合格",
# "判定为不合格"; and the heading of a consequence, "评估不合格：" / "复查合格：". Not the unit's own
# 自查结论 or 自检结论, and not any 结果 ("检查结果为不合格的记录" is a finding, not the conclusion).
_STATED = re.compile(
    rf"(?:(?<!自查)(?<!自检)结论(?:意见)?|(?:评估|复查)结果|(?:评定|判定|认定)(?=为)|进展评价)"
    rf"\s*(?:为|是)?\s*[:：]?{_OPEN}(?:复查)?({_WORDS})"
    rf"|(?:评估|复查)({FAIL}|{PASS})\s*[:：]")


def stated_results(text: str) -> list[tuple[str, str]]:
    """The results a 综述 states as its conclusion (合格, 不合格, 进展良好, …), in order, each with the
    sentence that states it (shortened around the statement when long)."""
    text = text or ""
    return [(match[1] or match[2], _sentence(text, match.start(), match.end())) for match in _STATED.finditer(text)]


_SENTENCE_END = "。；！？\n"
_SENTENCE_CHARS = 60


def _sentence(text: str, start: int, end: int) -> str:
    first = max((text.rfind(mark, 0, start) for mark in _SENTENCE_END), default=-1) + 1
    ends = [found for mark in _SENTENCE_END if (found := text.find(mark, end)) >= 0]
    last = min(ends) if ends else len(text)
    if last - first > _SENTENCE_CHARS:
        first, last = max(first, start - 20), min(last, end + 10)
        return ("…" if first > 0 and text[first - 1] not in _SENTENCE_END else "") + text[first:last].strip() + "…"
    return text[first:last].strip()


def _quoted(words: str) -> str:
    """Words for quoting inside “…”: their own double quotes become single ones."""
    return words.replace("“", "‘").replace("”", "’").replace('"', "’")


def contradiction(summary_text: str, summary: Summary) -> str | None:
    """Why the 综述 contradicts the computed result, in Chinese; None when every conclusion it states is
    the computed one (or it states none). While there is no result (an invalid panel, scores missing), a
    综述 that states any result contradicts it."""
    for stated, words in stated_results(summary_text):
        if summary.result is None:
            return (f"评估综述写有“{_quoted(words)}”，但评估{result_text(summary)}，不能认定为“{stated}”；"
                    "请先处理上述问题，或修改评估综述")
        if stated != summary.result:
            return (f"评估综述写有“{_quoted(words)}”，与计分结果“{result_text(summary)}”不一致；"
                    "请修改评估综述，使其结论与计分结果一致（已锁定的评估须由组长填写理由解锁，修改后重新签字）")
    return None


__all__ = ["cn_date", "contradiction", "draft_overview", "formal", "numeral", "stated_results"]
