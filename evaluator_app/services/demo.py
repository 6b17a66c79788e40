"""A realistic demo 试点评估 on the default sheet, for trying the app and for tests.

Everything is fictitious ("某市", "乙市", phones 138…), and deterministic for a seed and a day: the
same seed on the same 评估日期 always gives the same evaluation. Every date (the pilot's term, the
random draw, the survey, the dates in findings and bonus notes) follows the 评估日期, by default the
day before the demo is made. The result is 合格 with a total between 85 and 95; its 评估综述 is the
draft `domain.overview` writes from the computed result.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from fractions import Fraction

from ..domain.evaluation import (
    RECUSAL_QUESTIONS,
    BonusAward,
    Evaluation,
    Kind,
    Member,
    MemberCategory,
    Note,
    Recusal,
    Role,
    Sample,
    Score,
    Selection,
    VetoDecision,
)
from ..domain.overview import draft_overview
from ..domain.rules import add_months
from ..domain.scoring import Summary, compute
from ..domain.sheet import UNKNOWN_ANSWER, Item, Sheet, SurveySpec
from ..domain.survey import survey_stats
from ..numbers import fmt, fmt_plain, rounded
from ..paths import default_sheet_path
from ..sheets.load import load_sheet_file

TZ = "+08:00"
SAMPLES = 60
TOTAL_RANGE = (Decimal(87), Decimal(94))  # what the demo aims for, inside the promised 85–95
HALF = Decimal("0.5")

PILOT = {
    "name": "某市政务服务综合标准化试点",
    "unit": "某市政务服务中心",
    "address": "某省某市新城区市民大道 88 号",
    "legal_representative": "张建华",
    "contact": "李晓燕",
    "phone": "0123-12345678",
    "guarantor": "某市人民政府",
    # 附件1 填写说明: 业务指导单位 is the provincial 行业主管部门, 管理单位 the provincial 标准化行政主管部门.
    "guidance_unit": "某省政务服务管理局",
    "management_unit": "某省市场监督管理局",
    "industry": "政务服务",
}
DRAW_DAYS_BEFORE = 8  # the panel is drawn from the expert library a week or so before the visit
TERM_MONTHS = 36  # a 3-year term (第十八条: 2 至 3 年)
RUNNING_AFTER_MONTHS = 4  # the standard system runs from the term's fifth month

PURPOSE = (
    "依据《社会管理和公共服务综合标准化试点细则（试行）》，对某市政务服务综合标准化试点的组织管理与保障、"
    "标准体系建设、标准实施与改进及试点成效进行现场考核评估，检验试点任务书确定的目标任务完成情况和建设成效，"
    "总结可复制、可推广的经验做法，查找存在的问题并提出改进意见和建议，为确定试点是否合格提供依据。"
)

BASIS = (
    "1.《社会管理和公共服务综合标准化试点细则（试行）》（国标委服务联〔2013〕61号）；\n"
    "2.《某市政务服务综合标准化试点任务书》及试点实施方案；\n"
    "3. GB/T 24421.1～24421.4《服务业组织标准化工作指南》；\n"
    "4. GB/T 13016《标准体系构建原则和要求》；\n"
    "5.《{sheet}》（版本 {version}）。"
)

# (id, name, org, title, category, role, education, years, phone, library)
PANEL = (
    ("e1", "陈志远", "某省标准化研究院", "副院长（研究员）", MemberCategory.STANDARDIZATION, Role.LEADER,
     "博士研究生", 22, "13800001101", "国家级专家库"),
    ("e2", "刘晓梅", "中国标准化研究院服务标准化研究所", "副所长（副研究员）", MemberCategory.STANDARDIZATION,
     Role.MEMBER, "硕士研究生", 14, "13800001102", "国家级专家库"),
    ("e3", "王建国", "某大学公共管理学院", "教授", MemberCategory.INDUSTRY, Role.MEMBER,
     "博士研究生", 18, "13800001103", "省级专家库"),
    ("e4", "赵丽华", "乙市政务服务中心", "副主任（高级经济师）", MemberCategory.INDUSTRY, Role.MEMBER,
     "大学本科", 16, "13800001104", "省级专家库"),
    ("e5", "孙立新", "丙市市场监督管理局标准化科", "科长（高级工程师）", MemberCategory.MANAGEMENT, Role.MEMBER,
     "大学本科", 12, "13800001105", "省级专家库"),
    ("e6", "周文斌", "某省营商环境建设监督局", "二级调研员（高级经济师）", MemberCategory.MANAGEMENT, Role.MEMBER,
     "硕士研究生", 10, "13800001106", "省级专家库"),
)
COLLECTORS = ("e3", "e4", "e6")  # the survey sub-group in step 5

# Per item: deduction notes a member may write, then the panel's finding and suggestion (or None when
# the item is not one the demo makes a weak point).
CATALOG: dict[str, tuple[tuple[str, ...], str | None, str | None]] = {
    "A1": (("领导小组{last_year}年度会议纪要中有两项事项未见跟踪落实记录", "领导小组成员调整后分工文件未及时更新"),
           None, None),
    "A2": (("个别进驻部门未明确兼职标准化人员", "标准化人员培训记录不完整，{last_year}年下半年缺少签到表"),
           "个别进驻部门未明确兼职标准化人员，标准化人员培训记录不完整",
           "在各进驻部门明确专（兼）职标准化人员，建立标准化人员培训档案并定期组织培训"),
    "A3": (("部分任务未明确完成时限", "阶段目标量化不足，个别指标无基线值"),
           "实施方案中部分任务未明确完成时限，个别阶段目标缺少基线值",
           "对照任务书细化实施方案，逐项明确责任人、完成时限和可量化的阶段目标"),
    "A4": (("配套政策文件出台较晚（{months_17}）", "{term_year}年度试点经费未单列，列入综合业务经费"), None, None),
    "A5": (("标准化工作未纳入全部进驻部门的年度考核", "内部检查制度未明确检查频次"),
           "标准化工作尚未纳入全部进驻部门的年度绩效考核",
           "将标准实施情况纳入各进驻部门和窗口人员的绩效考核，形成长效激励约束机制"),
    "B1": (("体系结构图中保障标准子体系的层级与明细表不一致", "体系框架未体现帮办代办等新增服务"),
           "标准体系结构图与标准明细表的层级划分不完全一致，帮办代办等新增服务未纳入体系框架",
           "按照 GB/T 24421 和 GB/T 13016 梳理标准体系结构图与明细表，及时将新增服务纳入体系"),
    "B2": (("明细表中3项标准未注明现行状态", "个别进驻事项未纳入标准覆盖范围，覆盖率测算依据不足"), None, None),
    "B3": (("抽查的6项自编标准中有2项编写结构不符合 GB/T 1.1", "部分要求使用“及时”“规范”等难以测量的表述"),
           "部分自编标准的编写不符合 GB/T 1.1 要求，个别条款使用“及时”“规范”等难以测量的表述",
           "组织对自编标准开展编写质量审查，按 GB/T 1.1 修改文本，将定性要求改为可测量、可检查的指标"),
    "B4": (("体系中引用的2项国家标准已被代替，未及时更新", "标准复审记录不完整"),
           "标准体系中引用的2项国家标准已被代替而未及时更新，标准复审记录不完整",
           "建立标准有效性定期核查和复审制度，每年至少开展一次复审并保存记录"),
    "B5": (("自主制定标准征求服务对象意见的记录不足", "部分标准的编制说明缺失"), None, None),
    "B6": (("个别窗口现场使用的标准文本为旧版本", "标准文本受控标识不统一"),
           "个别窗口现场使用的标准文本为旧版本，受控标识不统一",
           "完善标准文件受控管理，通过内网统一发布现行有效版本，及时回收作废文本"),
    "C1": (("新进窗口人员培训记录不全，培训覆盖率约88%", "部分服务标准和服务承诺未在网上办事大厅公开"),
           "新进窗口人员的标准宣贯培训不够及时，培训覆盖率约88%",
           "将标准培训纳入新进人员上岗前必修内容，定期开展岗位标准知识抽考"),
    "C2": (("随机询问6名窗口人员，1人对本岗位办理时限要求回答不准确",
            "抽问的工作人员中1人对一次性告知要求表述不完整"),
           "现场询问中个别窗口人员对本岗位办理时限和一次性告知要求掌握不够准确",
           "编制岗位标准应知应会手册，结合日常业务开展岗位练兵和标准知识考核"),
    "C3": (("现场核查12项要求，1项（等候区叫号信息公示）不符合", "个别窗口未按标准要求摆放服务指南"),
           "现场核查发现等候区叫号信息公示、个别窗口服务指南摆放等不符合标准要求",
           "对照服务提供标准开展窗口自查，落实等候信息公示和服务指南摆放要求"),
    "C4": (("部分窗口{months_8}以前的实施记录缺失", "实施记录格式不统一，个别记录未签字"), None, None),
    "C5": (("自我评价报告对问题的原因分析不够深入", "自我评价未说明抽样方法和依据"),
           "标准实施自我评价报告对问题的原因分析不够深入，未说明抽样方法",
           "按照规定的方法开展标准实施自我评价，对发现的问题逐项分析原因并制定改进措施"),
    "C6": (("内部检查发现的不符合项未全部明确整改期限", "检查结果与考核挂钩不明显"), None, None),
    "C7": (("2项纠正措施尚未闭环", "依据“好差评”数据修订标准的记录较少"),
           "部分纠正措施尚未闭环，依据“好差评”和投诉信息修订标准的记录较少",
           "建立“好差评”、投诉信息与标准修订的联动机制，跟踪纠正措施直至闭环"),
    "C8": (("部分办理时限要求尚未嵌入审批系统", "系统数据尚未用于标准符合性监测"),
           "部分办理时限要求尚未嵌入审批系统，系统数据未用于标准符合性监测",
           "推进标准要求与审批系统深度融合，利用系统数据对办理时限等关键要求开展实时监测"),
    "D1": (("任务书中1项量化指标（“一网通办”率达到95%）尚未完全达到", "个别目标完成情况的佐证材料不足"),
           "任务书中“一网通办”率等个别量化指标尚未完全达到",
           "对未完成的量化指标制定专项推进计划，在试点期满前完成并补充佐证材料"),
    "D2": (("服务效能对比数据仅覆盖2项指标，未说明统计口径", "办理时长压缩数据缺少第三方核验"), None, None),
    "D4": (("个别差评整改的回访记录缺失",), None, None),
    "D5": (("经济效益测算依据不够充分",), None, None),
    "D6": (("经验总结以工作做法为主，可复制的标准化模式提炼不足",),
           "试点经验总结以工作做法罗列为主，可复制推广的标准化模式提炼不足",
           "系统提炼政务服务标准化建设模式，形成可复制推广的经验材料和标准成果"),
    "D7": (("示范带动材料较少，仅有1次外单位参观学习记录",), None, None),
    "D8": (("试点档案目录未覆盖{term_year}年部分过程资料",), None, None),
}

BONUS_CHOICES = (
    None,
    ("J1", Decimal(2), "试点形成的《政务服务中心窗口服务规范》于{months_14}发布为地方标准（DB××/T 1234—{year_14}）"),
    ("J2", Decimal(1), "试点形成的《政务服务帮办代办服务规范》于{months_8}发布为团体标准（T/××× 012—{year_8}）"),
    ("J3", Decimal(1), "“一窗受理、集成服务”标准化做法于{months_6}获省政务服务管理部门发文推广"),
)

VETO_NOTES = {
    "V1": "查阅试点期间安全生产和服务质量记录并询问相关部门，未发现重大事故",
    "V2": "经查询公开信息和询问管理单位，未发现通报批评、行政处分或造成严重社会影响的媒体曝光",
    "V3": "查阅的评估材料和记录真实，未发现弄虚作假",
    "V4": "标准体系已建立，标准体系建设得分未低于该类满分的50%",
    "V5": "现场执行符合性得分未低于该项满分的60%",
}

PLACES = {
    "群众": ("一楼综合受理大厅", "社保医保服务区", "不动产登记窗口", "24小时自助服务区"),
    "企业": ("企业开办专区", "二楼税务综合窗口", "工程建设项目审批窗口"),
    "其他": ("一楼综合受理大厅", "24小时自助服务区"),
}
# Waiting time is where a 政务服务中心 usually rates lowest: its answers lean one level worse.
SHIFT_WEIGHTS = {"Q4": (5, 65, 30)}
# What the panel says when a question rates lowest: (a remark for the finding, the suggestion).
QUESTION_REMARKS = {
    "办理时限与等候时间": ("部分受访群众反映午间高峰时段取号后等候时间较长",
                          "优化高峰时段窗口调配和预约分流，推行延时错时服务，进一步压缩等候时间"),
    "服务流程便捷程度": ("部分受访群众反映个别事项网上申报后仍需到现场核验原件",
                        "推进电子证照共享应用，减少现场核验环节，提高“一网通办”深度"),
    "工作人员业务能力": ("部分受访群众反映导办人员对跨部门事项不够熟悉",
                        "加强导办和综合窗口人员跨部门业务培训，提高首问答复准确率"),
}
GOOD_COMMENTS = ("窗口人员解释很耐心", "自助机操作指引清楚", "企业开办一天就办完了", "希望增加周末延时服务",
                 "材料一次性告知，很方便", "帮办代办人员很热情")
BAD_COMMENTS = ("午间高峰取号后等候超过40分钟", "部分事项仍需跑两次", "网上申报后还要到现场核验原件",
                "导办人员对业务不熟悉")


def demo_day() -> dt.date:
    """The demo's 评估日期: the day before it is made, so that the steps and signatures stamped on that
    day (`handover.build_demo`) lie in the past when the report is sealed."""
    return dt.date.today() - dt.timedelta(days=1)


def pilot_for(day: dt.date) -> dict[str, str]:
    """The pilot, its 3-year term ending at the close of the month after `day` (so the evaluation falls in
    the last 3 months of the term, 第十八条) and its standard system running since the term's fifth month."""
    end = add_months(day.replace(day=1), 2) - dt.timedelta(days=1)
    start = add_months(end + dt.timedelta(days=1), -TERM_MONTHS)
    return {**PILOT, "term_start": start.isoformat(), "term_end": end.isoformat(),
            "system_running_since": add_months(start, RUNNING_AFTER_MONTHS).isoformat()}


def _dates(day: dt.date, pilot: dict[str, str]) -> dict[str, str]:
    """The dates the demo's notes mention, relative to the 评估日期."""
    def month(months: int) -> str:
        when = add_months(day, -months)
        return f"{when.year}年{when.month}月"
    return {"last_year": str(day.year - 1), "term_year": pilot["term_start"][:4],
            "months_17": month(17), "months_14": month(14), "months_8": month(8), "months_6": month(6),
            "year_14": str(add_months(day, -14).year), "year_8": str(add_months(day, -8).year)}


def demo_evaluation(seed: int = 2025, day: dt.date | None = None) -> Evaluation:
    """A complete, valid 试点评估 of a fictitious 政务服务中心 on the default sheet, its 评估日期 `day`
    (by default `demo_day()`); the same seed and day give the same evaluation."""
    rng = random.Random(seed)
    day = day or demo_day()
    sheet = load_sheet_file(default_sheet_path())
    pilot = pilot_for(day)
    dates = _dates(day, pilot)
    evaluation = Evaluation(
        kind=Kind.PILOT, sheet=sheet, pilot=pilot, evaluation_date=day.isoformat(),
        purpose=PURPOSE, basis=BASIS.format(sheet=sheet.name, version=sheet.version), panel=_panel(day),
        vetoes=[VetoDecision(v.code, False, VETO_NOTES.get(v.code, "经评估组核实，未发现该情形"))
                for v in sheet.vetoes],
    )
    if sheet.survey is not None:
        evaluation.survey = _survey(rng, sheet.survey, day)
    award = rng.choice(BONUS_CHOICES)
    if award is not None and sheet.bonus(award[0]) is not None:
        code, points, note = award
        evaluation.bonuses = [BonusAward(code, points, note.format_map(dates))]
    derived = _derived_value(evaluation)
    bonus = sum((b.score for b in evaluation.bonuses), Decimal(0))
    weak: list[str] = []
    for _ in range(200):  # deterministic: the same rng draws the same attempts
        evaluation.scores, weak = _scores(rng, sheet, [m.id for m in evaluation.panel], dates)
        if TOTAL_RANGE[0] <= rounded(_mean_base(evaluation) + Fraction(derived + bonus)) <= TOTAL_RANGE[1]:
            break
    summary = compute(evaluation)
    evaluation.findings, evaluation.suggestions = _notes(rng, evaluation, summary, weak, dates)
    evaluation.summary_text = draft_overview(evaluation, summary)
    return evaluation


def _panel(day: dt.date) -> list[Member]:
    members = []
    drawn = day - dt.timedelta(days=DRAW_DAYS_BEFORE)
    for index, (mid, name, org, title, category, role, education, years, phone, library) in enumerate(PANEL):
        record = f"{drawn.isoformat()} 从{library}随机抽取，抽取记录编号 CQ-{drawn:%Y%m%d}-{index + 1:02d}"
        declared = f"{day.isoformat()}T08:{32 + index * 2:02d}:00{TZ}"
        members.append(Member(
            id=mid, name=name, category=category, role=role, org=org, title=title, phone=phone,
            education=education, senior_title=True, years=years, selection=Selection.RANDOM.value,
            selection_record=record, recusal=Recusal({key: False for key in RECUSAL_QUESTIONS}, declared),
        ))
    return members


def _survey(rng: random.Random, spec: SurveySpec, day: dt.date) -> list[Sample]:
    labels = spec.labels
    worst_ok = min(len(labels) - 1, spec.satisfied_levels)  # the first level that is not satisfied
    # The overall question: a few unsatisfied, a few 基本满意, the rest 非常满意 / 满意.
    unsatisfied = rng.randint(3, 5)
    basic = rng.randint(4, 6)
    very = rng.randint(24, 30)
    overall = ([worst_ok] * unsatisfied + [max(0, worst_ok - 1)] * basic + [0] * very
               + [min(1, len(labels) - 1)] * (SAMPLES - unsatisfied - basic - very))
    rng.shuffle(overall)
    others = [q.code for q in spec.questions if q.code != spec.overall_question]
    unknown = set(rng.sample(range(SAMPLES), 2))  # a couple of "不了解" on other questions
    times = _survey_times(rng, day)
    samples = []
    for index, level in enumerate(overall):
        kind = rng.choices(("群众", "企业", "其他"), weights=(68, 27, 5))[0]
        answers: dict[str, str] = {}
        for code in others:
            shift = rng.choices((-1, 0, 1), weights=SHIFT_WEIGHTS.get(code, (15, 70, 15)))[0]
            answers[code] = labels[min(max(level + shift, 0), worst_ok)]
        if index in unknown and others:
            answers[rng.choice(others)] = UNKNOWN_ANSWER
        answers[spec.overall_question] = labels[level]
        ordered = {q.code: answers[q.code] for q in spec.questions}
        comment = ""
        if level >= worst_ok:
            comment = rng.choice(BAD_COMMENTS)
        elif rng.random() < 0.2:
            comment = rng.choice(GOOD_COMMENTS)
        samples.append(Sample(
            id=f"s{index + 1:03d}", answers=ordered, respondent_type=kind, place=rng.choice(PLACES[kind]),
            time=times[index], collector=COLLECTORS[index % len(COLLECTORS)], comment=comment,
        ))
    return samples


def _survey_times(rng: random.Random, day: dt.date) -> list[str]:
    """Interview times on the evaluation day: 09:30–11:40 and 14:10–16:20, in order."""
    minutes = sorted(rng.sample(range(9 * 60 + 30, 11 * 60 + 40), SAMPLES // 2)
                     + rng.sample(range(14 * 60 + 10, 16 * 60 + 20), SAMPLES - SAMPLES // 2))
    return [f"{day.isoformat()}T{m // 60:02d}:{m % 60:02d}:00{TZ}" for m in minutes]


def _derived_value(evaluation: Evaluation) -> Decimal:
    spec = evaluation.sheet.survey
    if spec is None or spec.derive is None:
        return Decimal(0)
    return survey_stats(evaluation.survey, spec).derived_score or Decimal(0)


def _mean_base(evaluation: Evaluation) -> Fraction:
    """The mean of the members' totals over the scored items (what `compute` gives in mean mode)."""
    total = sum((Fraction(s.score) for s in evaluation.scores if s.score is not None), Fraction(0))
    return total / len(evaluation.panel)


def _scores(rng: random.Random, sheet: Sheet, members: list[str],
            dates: dict[str, str]) -> tuple[list[Score], list[str]]:
    """Every member scores every item: a few weak points the panel broadly agrees on, and some noise."""
    candidates = [i.code for i in sheet.scored_items if i.max >= 2 and (CATALOG.get(i.code) or ((), None))[1]]
    weak = rng.sample(candidates, min(len(candidates), rng.randint(8, 10)))
    base = {code: rng.choice((HALF, Decimal(1), Decimal(1))) for code in weak}
    scores = []
    for item in sheet.scored_items:
        # Mostly 0.5–1 below the maximum (1.5 at most on large items), within the disagreement limit.
        limit = min(item.max * HALF, Decimal(1) if item.max < 4 else Decimal("1.5"))
        for member in members:
            if item.code in base:
                deduction = base[item.code] + rng.choice((-HALF, Decimal(0), Decimal(0), HALF))
            else:
                deduction = HALF if rng.random() < 0.08 else Decimal(0)
            deduction = min(max(deduction, Decimal(0)), limit)
            value = item.max - deduction
            note = _deduction_note(rng, item, deduction).format_map(dates) if deduction else ""
            scores.append(Score(member, item.code, value, note=note))
    return scores, weak


def _deduction_note(rng: random.Random, item: Item, deduction: Decimal) -> str:
    notes = (CATALOG.get(item.code) or ((), None, None))[0] or (f"{item.name}部分要求未完全达到",)
    return f"{rng.choice(notes)}，扣{fmt_plain(deduction)}分"


def _notes(rng: random.Random, evaluation: Evaluation, summary: Summary, weak: list[str],
           dates: dict[str, str]) -> tuple[list[Note], list[Note]]:
    """Findings and suggestions for the items the panel marked down most, plus the survey's weakest point."""
    sheet = evaluation.sheet
    items = {i.code: i for i in sheet.items}
    lost = {code: Fraction(items[code].max) - (summary.items.get(code) or 0) for code in weak}
    chosen = sorted(weak, key=lambda code: (-lost[code], code))[:rng.randint(3, 5)]
    chosen.sort(key=lambda code: [i.code for i in sheet.items].index(code))
    findings: list[Note] = []
    suggestions: list[Note] = []
    for code in chosen:
        _, finding, suggestion = CATALOG[code]
        step = items[code].step
        findings.append(Note(f"f{len(findings) + 1}", (finding or "").format_map(dates), code, step))
        suggestions.append(Note(f"s{len(suggestions) + 1}", suggestion or "", code, 8))
    weakest = _weakest_question(evaluation)
    if weakest is not None:
        text, rate = weakest
        remark, suggestion = QUESTION_REMARKS.get(
            text, ("", f"针对受访群众对“{text}”的意见分析原因，制定专项改进措施并跟踪改进效果"))
        item = sheet.derived_item or ""
        findings.append(Note(f"f{len(findings) + 1}", f"满意度调查中“{text}”的满意率为{rate}%，在各调查问题中最低"
                             + (f"，{remark}" if remark else ""), item, 5))
        suggestions.append(Note(f"s{len(suggestions) + 1}", suggestion, item, 8))
    return findings, suggestions


def _weakest_question(evaluation: Evaluation) -> tuple[str, str] | None:
    spec = evaluation.sheet.survey
    if spec is None:
        return None
    stats = survey_stats(evaluation.survey, spec)
    rated: list[tuple[str, Fraction]] = []
    for q in spec.questions:
        rate = stats.questions[q.code].rate
        if q.code != spec.overall_question and rate is not None:
            rated.append((q.text, rate))
    if not rated:
        return None
    text, rate = min(rated, key=lambda pair: pair[1])
    return text, fmt(rate * 100) or ""


__all__ = ["demo_day", "demo_evaluation", "pilot_for"]
