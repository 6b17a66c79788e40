"""Demo data for the provincial office: N varied, fully signed evaluations and their packages.

`evaluator-app demo DIR --pilots N` writes, for training and for tests, N evaluations of different
fictitious pilots — 试点评估, 中期评估 and 复查; 合格 and 不合格; some with a veto the panel confirmed;
panels of 5 to 7 drawn from one pool of experts (so some experts sit on several panels); one pilot
evaluated twice (不合格, then again after its 整改) — each worked through its day, signed by every
member, locked and packed as the panel hands it over (`handover.write_package`).

Each evaluation starts from `demo.demo_evaluation` (the same realistic scores, survey and notes) and is
varied here. The dates follow `today`: some deadlines (a 整改 period, a 合格 validity) end within the
next two months, so the register (`evaluator-app office rollup`) has something to flag. Deterministic
for a given `today` apart from the evaluation ids and the seal.

Files: DIR/评估文件/NN-单位-类型.sqlite and DIR/报送包/NN-单位-类型.zip.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.evaluation import (
    RECUSAL_QUESTIONS,
    Evaluation,
    Kind,
    Member,
    MemberCategory,
    Recusal,
    Role,
    Score,
    Selection,
    VetoDecision,
)
from ..domain.overview import draft_overview
from ..domain.rules import add_months
from ..domain.scoring import compute
from ..errors import UserError

if TYPE_CHECKING:
    pass

MAX_PILOTS = 500
EVALUATIONS_FOLDER = "评估文件"
PACKAGES_FOLDER = "报送包"

# (city, prefix of the unit, industry): combined with the services below into distinct pilots.
CITIES = ("甲市", "乙市", "丙县", "丁区", "戊市", "己县", "庚市", "辛区", "壬市", "癸县",
          "子市", "丑县", "寅区", "卯市", "辰县", "巳市", "午区", "未市", "申县", "酉市")
# (the pilot's subject, the unit, the industry, the provincial guidance unit)
SERVICES = (
    ("政务服务", "政务服务中心", "政务服务", "某省政务服务管理局"),
    ("社区居家养老服务", "民政局养老服务指导中心", "养老服务", "某省民政厅"),
    ("公共文化服务", "文化馆", "公共文化", "某省文化和旅游厅"),
    ("城市管理", "城市管理局", "城市管理", "某省住房和城乡建设厅"),
    ("公共就业服务", "公共就业和人才服务中心", "就业服务", "某省人力资源和社会保障厅"),
    ("农村公路养护", "交通运输局公路管理所", "交通运输", "某省交通运输厅"),
    ("社区卫生服务", "社区卫生服务中心", "卫生健康", "某省卫生健康委员会"),
    ("社区治理", "街道办事处", "社会治理", "某省民政厅"),
    ("公共法律服务", "公共法律服务中心", "司法行政", "某省司法厅"),
    ("旅游公共服务", "旅游服务中心", "文化旅游", "某省文化和旅游厅"),
    ("殡葬服务", "殡仪馆", "民政服务", "某省民政厅"),
    ("食品安全监管", "市场监督管理局", "市场监管", "某省市场监督管理局"),
)

# The pool the panels are drawn from: (name, org, title, category, education, years). 陈志远 leads every
# third panel, so he sits on more panels than the office's limit; the others are drawn at random.
POOL = (
    ("陈志远", "某省标准化研究院", "副院长（研究员）", MemberCategory.STANDARDIZATION, "博士研究生", 22),
    ("刘晓梅", "中国标准化研究院服务标准化研究所", "副所长（副研究员）", MemberCategory.STANDARDIZATION,
     "硕士研究生", 14),
    ("王建国", "某市标准化研究所", "所长（高级工程师）", MemberCategory.STANDARDIZATION, "大学本科", 19),
    ("赵丽华", "某省质量和标准化研究院", "研究员", MemberCategory.STANDARDIZATION, "博士研究生", 16),
    ("孙明", "某大学标准化学院", "教授", MemberCategory.STANDARDIZATION, "博士研究生", 12),
    ("周海燕", "某省标准化协会", "秘书长（高级工程师）", MemberCategory.STANDARDIZATION, "硕士研究生", 18),
    ("吴立新", "乙市标准化研究院", "副院长（正高级工程师）", MemberCategory.STANDARDIZATION, "大学本科", 24),
    ("郑文", "某省计量科学研究院标准化所", "高级工程师", MemberCategory.STANDARDIZATION, "硕士研究生", 9),
    ("钱卫东", "丙市标准化研究院", "院长（研究员）", MemberCategory.STANDARDIZATION, "硕士研究生", 20),
    ("黄晓丽", "某省质量技术监督研究所", "高级工程师", MemberCategory.STANDARDIZATION, "大学本科", 15),
    ("林涛", "某大学管理学院", "副教授（标准化方向）", MemberCategory.STANDARDIZATION, "博士研究生", 10),
    ("马丽", "某省标准化研究院服务标准化所", "所长（研究员）", MemberCategory.STANDARDIZATION, "硕士研究生", 17),
    ("冯国强", "某省政务服务管理局", "处长（高级经济师）", MemberCategory.INDUSTRY, "硕士研究生", 15),
    ("何静", "某省民政厅社会福利中心", "主任（高级社会工作师）", MemberCategory.INDUSTRY, "大学本科", 17),
    ("许志刚", "某省文化馆", "副馆长（研究馆员）", MemberCategory.INDUSTRY, "大学本科", 20),
    ("韩雪", "某省卫生健康发展研究中心", "副研究员", MemberCategory.INDUSTRY, "博士研究生", 8),
    ("曹阳", "某省交通规划设计院", "总工程师（正高级工程师）", MemberCategory.INDUSTRY, "硕士研究生", 21),
    ("邓丽", "某大学公共管理学院", "副教授", MemberCategory.INDUSTRY, "博士研究生", 11),
    ("彭涛", "某市城市管理委员会", "副主任（高级工程师）", MemberCategory.INDUSTRY, "大学本科", 13),
    ("罗斌", "某省人力资源和社会保障科学研究所", "研究员", MemberCategory.INDUSTRY, "硕士研究生", 16),
    ("梁慧", "某省公共法律服务管理中心", "副主任（二级律师）", MemberCategory.INDUSTRY, "大学本科", 14),
    ("宋佳", "某省旅游发展研究院", "副院长（高级经济师）", MemberCategory.INDUSTRY, "硕士研究生", 12),
    ("唐军", "某省殡葬事业管理中心", "主任（高级工程师）", MemberCategory.INDUSTRY, "大学本科", 19),
    ("谢芳", "某省食品药品检验研究院", "研究员", MemberCategory.INDUSTRY, "博士研究生", 15),
    ("蒋华", "某省市场监督管理局标准化处", "处长", MemberCategory.MANAGEMENT, "硕士研究生", 14),
    ("沈伟", "某市市场监督管理局", "副局长（高级经济师）", MemberCategory.MANAGEMENT, "大学本科", 12),
    ("韦红", "某省发展和改革委员会社会发展处", "副处长（高级经济师）", MemberCategory.MANAGEMENT, "硕士研究生", 10),
    ("董强", "某省财政厅社会保障处", "副处长（高级会计师）", MemberCategory.MANAGEMENT, "硕士研究生", 13),
    ("潘洁", "某省住房和城乡建设厅", "调研员（高级工程师）", MemberCategory.MANAGEMENT, "大学本科", 18),
    ("袁斌", "某市人民政府办公室", "副主任（高级经济师）", MemberCategory.MANAGEMENT, "硕士研究生", 11),
)
LEADS_EVERY = 3

APPLY_BEFORE_END_MONTHS = 3


@dataclass(frozen=True)
class Variant:
    """How one demo evaluation differs from `demo_evaluation`'s."""

    kind: Kind
    outcome: str  # "pass", "fail", "veto", "partial" (a 中期 with lower progress)
    panel: int  # members
    age: Callable[[dt.date], dt.date]  # the 评估日期 from today
    veto: str = ""  # the veto the panel confirms (outcome "veto")
    repeat_of: int | None = None  # offset back to the variant whose pilot this evaluates again


def _days(n: int) -> Callable[[dt.date], dt.date]:
    return lambda today: today - dt.timedelta(days=n)


def _due_in(months: int, days: int) -> Callable[[dt.date], dt.date]:
    """The evaluation date whose deadline `months` later falls `days` from today (a day or two earlier
    when the month is shorter)."""
    return lambda today: add_months(today + dt.timedelta(days=days), -months)


VARIANTS = (
    Variant(Kind.PILOT, "pass", 6, _days(1)),
    Variant(Kind.PILOT, "fail", 5, _due_in(6, 20)),  # 整改 due in 20 days
    Variant(Kind.PILOT, "fail", 7, _days(195)),  # evaluated again after its 整改: row 11
    Variant(Kind.MIDTERM, "pass", 5, _days(30)),
    Variant(Kind.REINSPECTION, "pass", 5, _days(10)),
    Variant(Kind.PILOT, "veto", 6, _days(60), veto="V1"),
    Variant(Kind.PILOT, "pass", 6, _due_in(36, 25)),  # 合格 validity ends in 25 days
    Variant(Kind.REINSPECTION, "fail", 7, _days(90)),
    Variant(Kind.MIDTERM, "partial", 6, _days(45)),
    Variant(Kind.PILOT, "pass", 5, _days(20)),
    Variant(Kind.REINSPECTION, "veto", 5, _days(15), veto="V3"),
    Variant(Kind.PILOT, "pass", 6, _days(3), repeat_of=9),
)

VETO_EVENTS = {
    "V1": "{month}发生一起窗口服务质量事故，造成群众集体投诉，经核实属实",
    "V2": "{month}被省级媒体曝光并受到通报批评，造成较大社会影响",
    "V3": "复查申请材料中提供的标准实施记录有补记、改记情形，经核实弄虚作假",
}
NOT_DUE_ITEMS = ("D1", "D5", "D6", "D7")  # 中期评估: results not yet due


def pilot_of(index: int) -> dict[str, str]:
    """The pilot of the `index`-th demo evaluation (distinct for the first 240)."""
    base = index
    variant = VARIANTS[index % len(VARIANTS)]
    if variant.repeat_of is not None and index >= variant.repeat_of:
        base = index - variant.repeat_of
    city = CITIES[(base + base // len(SERVICES)) % len(CITIES)]
    subject, unit, industry, guidance = SERVICES[base % len(SERVICES)]
    return {
        "name": f"{city}{subject}综合标准化试点",
        "unit": f"{city}{unit}",
        "address": f"某省{city}人民路 {10 + base % 90} 号",
        "legal_representative": ("张建华", "李卫东", "王秀英", "刘洪涛", "陈晓东", "杨帆")[base % 6],
        "contact": ("李晓燕", "赵敏", "周婷", "吴刚", "郑雪", "孙磊")[base % 6],
        "phone": f"0123-{5550000 + base:07d}",
        "guarantor": f"{city}人民政府",
        "guidance_unit": guidance,
        "management_unit": "某省市场监督管理局",
        "industry": industry,
    }


def varied_evaluation(index: int, today: dt.date) -> Evaluation:
    """The `index`-th demo evaluation for the office (0-based), dated relative to `today`."""
    from .demo import PILOT, _dates, _notes, _scores, demo_evaluation

    variant = VARIANTS[index % len(VARIANTS)]
    day = variant.age(today)
    seed = 4000 + index
    rng = random.Random(seed)
    evaluation = demo_evaluation(seed=seed, day=day)
    sheet = evaluation.sheet
    pilot = pilot_of(index)
    evaluation.kind = variant.kind
    evaluation.pilot = {**pilot, **_term(variant.kind, day)}
    dates = _dates(day, evaluation.pilot)
    evaluation.purpose = _purpose(variant.kind, pilot["name"], evaluation.purpose.replace(PILOT["name"], pilot["name"]))
    evaluation.basis = evaluation.basis.replace(PILOT["name"], pilot["name"])
    evaluation.panel = _panel(rng, index, variant.panel, day)
    evaluation.scores, weak = _scores(rng, sheet, [m.id for m in evaluation.panel], dates)
    collectors = [m.id for m in evaluation.panel[2:5]]  # the survey sub-group in step 5
    for number, sample in enumerate(evaluation.survey):
        sample.collector = collectors[number % len(collectors)]
    if variant.outcome in ("fail", "partial"):
        _mark_down(rng, evaluation, Decimal(16) if variant.outcome == "fail" else Decimal(18))
    if variant.kind is Kind.MIDTERM:
        members = [m.id for m in evaluation.panel]
        evaluation.scores = [s for s in evaluation.scores if s.item not in NOT_DUE_ITEMS]
        evaluation.scores += [Score(m, code, None, na=True, note="中期评估时尚未到期") for code in NOT_DUE_ITEMS
                              for m in members]
        evaluation.bonuses = []
    if variant.kind is Kind.REINSPECTION:
        evaluation.bonuses = []
    if variant.outcome == "veto":
        month = add_months(day, -3)
        event = VETO_EVENTS[variant.veto].format(month=f"{month.year}年{month.month}月")
        evaluation.vetoes = [VetoDecision(v.code, True, event) if v.code == variant.veto else v
                             for v in evaluation.vetoes]
    summary = compute(evaluation)
    evaluation.findings, evaluation.suggestions = _notes(rng, evaluation, summary, weak, dates)
    evaluation.summary_text = draft_overview(evaluation, summary)
    return evaluation


def _term(kind: Kind, day: dt.date) -> dict[str, str]:
    """The pilot's term and, for a 复查, when it was found 合格 (its 3-year validity ending a month after `day`)."""
    if kind is Kind.MIDTERM:
        start = add_months(day.replace(day=1), -17)
    else:
        end = add_months(day.replace(day=1), 2) - dt.timedelta(days=1)
        start = add_months(end + dt.timedelta(days=1), -36)
        if kind is Kind.REINSPECTION:
            start = add_months(start, -36)
    end = add_months(start, 36) - dt.timedelta(days=1)
    term = {"term_start": start.isoformat(), "term_end": end.isoformat(),
            "system_running_since": add_months(start, 4).isoformat()}
    if kind is Kind.REINSPECTION:
        qualified = add_months(day, -35)
        term.update({"pilot_evaluation_date": add_months(qualified, -2).isoformat(),
                     "qualified_date": qualified.isoformat(),
                     "qualified_document": f"国标委服务联〔{qualified.year}〕{10 + day.day}号"})
    return term


def _purpose(kind: Kind, name: str, default: str) -> str:
    if kind is Kind.REINSPECTION:
        return (f"依据《社会管理和公共服务综合标准化试点细则（试行）》第二十九条至第三十七条，对{name}进行复查，"
                "检查试点合格以来标准体系的持续运行、标准实施与改进情况及试点成效的保持情况，"
                "为确定其是否继续保持试点合格单位资格提供依据。")
    if kind is Kind.MIDTERM:
        return (f"依据《社会管理和公共服务综合标准化试点细则（试行）》第十八条，对{name}开展中期评估，"
                "检查试点任务书确定的阶段目标完成情况，查找问题并提出改进意见和建议，推动试点按期完成。")
    return default


def _panel(rng: random.Random, index: int, size: int, day: dt.date) -> list[Member]:
    """`size` members from the pool: at least a third 标准化专家 (第十九条), the first of them 组长."""
    lead = POOL[0]
    experts = [p for p in POOL if p[3] is MemberCategory.STANDARDIZATION and p is not lead]
    others = [p for p in POOL if p[3] is not MemberCategory.STANDARDIZATION]
    needed = -(-size // 3) + rng.randint(0, 1)
    chosen = [lead] + rng.sample(experts, needed - 1) if index % LEADS_EVERY == 0 else rng.sample(experts, needed)
    chosen += rng.sample(others, size - len(chosen))
    drawn = day - dt.timedelta(days=8)
    members = []
    for number, (name, org, title, category, education, years) in enumerate(chosen, start=1):
        declared = f"{day.isoformat()}T08:{30 + number * 2:02d}:00+08:00"
        members.append(Member(
            id=f"e{number}", name=name, category=category, role=Role.LEADER if number == 1 else Role.MEMBER,
            org=org, title=title, phone=f"1380000{POOL.index((name, org, title, category, education, years)):04d}",
            education=education, senior_title=True, years=years, selection=Selection.RANDOM.value,
            selection_record=f"{drawn.isoformat()} 从国家级专家库随机抽取，抽取记录编号 "
                             f"CQ-{drawn:%Y%m%d}-{index + 1:03d}-{number:02d}",
            recusal=Recusal({key: False for key in RECUSAL_QUESTIONS}, declared)))
    return members


def _mark_down(rng: random.Random, evaluation: Evaluation, points: Decimal) -> None:
    """Take about `points` more off the panel's total, spread over the A, C and D items (the B category
    and C3 keep clear of their score-rule vetoes), every member alike."""
    sheet = evaluation.sheet
    derived = sheet.derived_item
    candidates = [i for i in sheet.scored_items if i.code[0] in "ACD" and i.code not in ("C3", derived)]
    half = Decimal("0.5")
    extra: dict[str, Decimal] = {}
    left = points
    while left > 0:
        item = rng.choice(candidates)
        extra[item.code] = extra.get(item.code, Decimal(0)) + half
        left -= half
    items = {i.code: i for i in sheet.items}
    for score in evaluation.scores:
        if score.score is None or score.item not in extra:
            continue
        item = items[score.item]
        value = max(Decimal(0), score.score - extra[score.item])  # alike: the members' range stays as it was
        lost = item.max - value
        score.score = value
        score.note = f"{item.name}未达到要求，扣{lost.normalize():f}分"


# -- writing ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DemoEntry:
    index: int
    evaluation: Path
    package: Path
    pilot: str
    kind: str
    result: str


def build_office_demo(folder: str | Path, pilots: int, today: dt.date | None = None,
                      progress: Callable[[DemoEntry], None] | None = None) -> list[DemoEntry]:
    """Write `pilots` signed evaluations and their packages into `folder`; refuses to overwrite."""
    from ..presentation import result_text

    if not 1 <= pilots <= MAX_PILOTS:
        raise UserError(f"--pilots 应在 1 至 {MAX_PILOTS} 之间")
    today = today or dt.date.today()
    target = Path(folder)
    files = [(index, *_names(target, index, varied_kind(index))) for index in range(pilots)]
    existing = [str(p) for _, e, z in files for p in (e, z) if p.exists()]
    if existing:
        raise UserError(f"文件已存在：{'、'.join(existing[:3])}{'等' if len(existing) > 3 else ''}；"
                        "为避免覆盖，请换一个文件夹")
    try:
        (target / EVALUATIONS_FOLDER).mkdir(parents=True, exist_ok=True)
        (target / PACKAGES_FOLDER).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"无法创建文件夹 {target}：{err.strerror or err}") from None
    entries = []
    for index, evaluation_path, package_path in files:
        evaluation = varied_evaluation(index, today)
        write_signed(evaluation, evaluation_path, package_path)
        entry = DemoEntry(index, evaluation_path, package_path, evaluation.pilot["name"], evaluation.kind.value,
                          result_text(compute(evaluation)))
        entries.append(entry)
        if progress is not None:
            progress(entry)
    return entries


def varied_kind(index: int) -> Kind:
    return VARIANTS[index % len(VARIANTS)].kind


def _names(folder: Path, index: int, kind: Kind) -> tuple[Path, Path]:
    stem = f"{index + 1:03d}-{pilot_of(index)['unit']}-{kind.value}"
    return folder / EVALUATIONS_FOLDER / f"{stem}.sqlite", folder / PACKAGES_FOLDER / f"{stem}.zip"


def write_signed(evaluation: Evaluation, evaluation_path: Path, package_path: Path) -> None:
    """The evaluation file, worked through its day as `handover.build_demo` does (each step at its time,
    every member signing after the last step), locked, and its package."""
    from .handover import signed_demo_file, write_package

    with signed_demo_file(evaluation, evaluation_path) as store:
        write_package(store, package_path)


