"""A first draft of the 评估综述, generated from scores, findings and the survey for the 组长 to edit."""

from __future__ import annotations

from decimal import Decimal

from ..numbers import Number, fmt, rounded
from ..presentation import consequence_text, result_text
from .evaluation import Evaluation, Kind
from .scoring import Summary


def percent(value: Number) -> str:
    return f"{rounded(value * 100, Decimal('0.1'))}%"


def draft_overview(evaluation: Evaluation, summary: Summary) -> str:
    sheet = evaluation.sheet
    pilot = evaluation.pilot
    paragraphs = []
    date = evaluation.evaluation_date or "（评估日期）"
    paragraphs.append(
        f"{date}，评估专家组一行 {summary.panel_size} 人对{pilot.get('unit', '试点单位')}承担的"
        f"“{pilot.get('name', '试点项目')}”进行了{evaluation.kind.value}。专家组按照《社会管理和公共服务综合标准化试点"
        f"细则（试行）》规定的程序，听取了试点单位的工作汇报，查阅了相关文件、记录和标准文本，考核了服务现场，"
        f"随机调查了公众满意程度，并对照《{sheet.name}》进行了测评。")
    parts = []
    for category in sheet.categories:
        value = summary.categories.get(category.code)
        if value is not None:
            parts.append(f"{category.name} {fmt(value)} 分（满分 {category.max}）")
    scores = "；".join(parts)
    line = f"测评结果：{scores}。基础分 {fmt(summary.base_score)} 分"
    if summary.bonus:
        line += f"，加分 {fmt(summary.bonus)} 分"
    line += f"，总分 {fmt(summary.total)} 分。"
    paragraphs.append(line)
    stats = summary.survey
    if stats and stats.rate is not None:
        text = (f"公众满意度调查共收回有效样本 {stats.valid_samples} 份，总体满意率 {percent(stats.rate)}，"
                f"满意度指数 {fmt(stats.index)}。")
        if stats.below_minimum and sheet.survey:
            text += f"有效样本少于 {sheet.survey.min_valid_samples} 份，调查结果仅供参考。"
        paragraphs.append(text)
    if evaluation.findings:
        paragraphs.append("专家组认为试点工作还存在以下问题：" + "；".join(
            f"（{i}）{n.text}" for i, n in enumerate(evaluation.findings, 1)) + "。")
    if summary.vetoes:
        texts = [v.text for v in sheet.vetoes if v.code in summary.vetoes]
        paragraphs.append("经专家组确认，存在否决项：" + "；".join(texts) + "。")
    if summary.result:
        if evaluation.kind is Kind.MIDTERM and not summary.vetoes:
            paragraphs.append(f"经专家组集体讨论，试点建设进展评价为“{summary.result}”。")
        else:
            paragraphs.append(f"经专家组集体讨论，评估结论为：{result_text(summary)}。")
        consequence = consequence_text(summary)
        if consequence:
            paragraphs.append(f"{consequence}。")
    return "\n\n".join(paragraphs)
