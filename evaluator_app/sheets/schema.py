"""Reading and validating `evaluator-sheet/1` documents.

Validation reports every problem with its JSON path, never only the first.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ..domain.sheet import (
    UNKNOWN_ANSWER,
    Aggregation,
    Band,
    BonusSpec,
    Category,
    Derive,
    Item,
    Level,
    Question,
    Sheet,
    SurveySpec,
    VetoRule,
    VetoSpec,
)
from ..errors import FormatError, Problem
from ..jsonfile import MAX_NAME_CHARS, MAX_SHEET_ENTRIES
from ..numbers import is_multiple, to_decimal
from ..validation import Reader, check_format, describe, join

SHEET_FORMAT = "evaluator-sheet"
SHEET_MAJOR = 1


def parse_sheet(document: dict, reader: Reader, path: str = "") -> Sheet | None:
    """The Sheet a document describes, or None; every problem goes to `reader`."""
    before = len(reader.problems)
    if not check_format(reader, document, path, SHEET_FORMAT, SHEET_MAJOR):
        return None
    sheet_id = reader.text(document, "id", path, required=True, limit=MAX_NAME_CHARS)
    name = reader.text(document, "name", path, required=True, limit=MAX_NAME_CHARS)
    version = document.get("version", "")
    if isinstance(version, (int, Decimal)) and not isinstance(version, bool):
        version = str(version)
    elif not isinstance(version, str):
        reader.error(join(path, "version"), f"应为文本，实际为{describe(version)}")
        version = ""
    provisional = reader.boolean(document, "provisional", path, default=False)
    pass_score = reader.decimal(document, "pass_score", path, minimum=Decimal(0))
    aggregation = reader.choice(document, "aggregation", path, tuple(a.value for a in Aggregation),
                                required=False, default=Aggregation.MEAN.value)
    step = reader.decimal(document, "score_step", path, required=False, positive=True)
    if step is None and document.get("score_step") is None:  # absent or null: the default
        step = Decimal("0.5")
    note_required = reader.boolean(document, "deduction_note_required", path, default=False)
    ratio = reader.decimal(document, "disagreement_ratio", path, required=False,
                           minimum=Decimal(0), maximum=Decimal(1))
    if ratio is None:
        ratio = Decimal("0.5")
    bonus_cap = reader.decimal(document, "bonus_cap", path, required=False, minimum=Decimal(0))
    total_cap = reader.decimal(document, "total_cap", path, required=False, minimum=Decimal(0))

    codes: Counter[str] = Counter()
    categories = _categories(document, reader, path, step, codes)
    for code, count in codes.items():
        if count > 1:
            reader.error(join(path, "categories"), f"编号 “{code}” 重复出现 {count} 次，类别和项目的编号必须唯一")
    item_codes = {item.code: item for category in categories for item in category.items}
    if len(item_codes) > MAX_SHEET_ENTRIES:
        reader.error(join(path, "categories"), f"项目过多（{len(item_codes)} 个，最多 {MAX_SHEET_ENTRIES} 个）")
    category_codes = {category.code for category in categories}
    vetoes = _vetoes(document, reader, path, item_codes, category_codes)
    bonuses = _bonuses(document, reader, path)
    survey = None
    survey_doc = reader.obj(document, "survey", path, required=False)
    if survey_doc is not None:
        survey = _survey(survey_doc, reader, join(path, "survey"), item_codes)

    if len(reader.problems) > before:
        return None
    assert sheet_id is not None and name is not None and pass_score is not None and step is not None
    assert aggregation is not None
    return Sheet(
        id=sheet_id, name=name, version=version, provisional=bool(provisional),
        pass_score=pass_score, aggregation=Aggregation(aggregation), score_step=step,
        deduction_note_required=bool(note_required), disagreement_ratio=ratio,
        bonus_cap=bonus_cap, total_cap=total_cap, categories=tuple(categories),
        vetoes=tuple(vetoes), bonuses=tuple(bonuses), survey=survey, document=document,
    )


def _categories(document: dict, reader: Reader, path: str, step: Decimal | None,
                codes: Counter[str]) -> list[Category]:
    categories: list[Category] = []
    if not reader.array(document, "categories", path, required=True) and "categories" in document \
            and isinstance(document["categories"], list):
        reader.error(join(path, "categories"), "至少需要一个类别")
    for cat_path, cat_doc in reader.objects(document, "categories", path, limit=MAX_SHEET_ENTRIES):
        code = reader.text(cat_doc, "code", cat_path, required=True, limit=MAX_NAME_CHARS)
        name = reader.text(cat_doc, "name", cat_path, required=True, limit=MAX_NAME_CHARS)
        maximum = reader.decimal(cat_doc, "max", cat_path, positive=True)
        if code:
            codes[code] += 1
        items: list[Item] = []
        if isinstance(cat_doc.get("items"), list) and not cat_doc["items"]:
            reader.error(join(cat_path, "items"), "类别中至少需要一个项目")
        for item_path, item_doc in reader.objects(cat_doc, "items", cat_path, required=True,
                                                  limit=MAX_SHEET_ENTRIES):
            item = _item(item_doc, reader, item_path, step)
            if item_doc.get("code") and isinstance(item_doc.get("code"), str):
                codes[item_doc["code"]] += 1
            if item:
                items.append(item)
        expected = sum((i.max for i in items), Decimal(0))
        n_items = len(cat_doc.get("items") or []) if isinstance(cat_doc.get("items"), list) else 0
        if maximum is not None and len(items) == n_items and items and maximum != expected:
            reader.error(join(cat_path, "max"),
                         f"类别满分 {maximum} 不等于其项目满分之和 {expected}")
        if code and name and maximum is not None:
            categories.append(Category(code, name, maximum, tuple(items)))
    return categories


def _item(doc: dict, reader: Reader, path: str, step: Decimal | None) -> Item | None:
    code = reader.text(doc, "code", path, required=True, limit=MAX_NAME_CHARS)
    name = reader.text(doc, "name", path, required=True, limit=MAX_NAME_CHARS)
    maximum = reader.decimal(doc, "max", path, positive=True)
    guidance = reader.text(doc, "guidance", path)
    method = reader.text(doc, "method", path, limit=MAX_NAME_CHARS)
    item_step = reader.integer(doc, "step", path, minimum=1)
    if maximum is not None and step and not is_multiple(maximum, step):
        reader.error(join(path, "max"), f"满分 {maximum} 不是分值步长 {step} 的整数倍")
        return None
    if not (code and name and maximum is not None):
        return None
    return Item(code, name, maximum, guidance or "", method or "", item_step)


def _vetoes(document: dict, reader: Reader, path: str, items: dict[str, Item],
            categories: set[str]) -> list[VetoSpec]:
    vetoes: list[VetoSpec] = []
    seen: set[str] = set()
    for veto_path, doc in reader.objects(document, "vetoes", path, limit=MAX_SHEET_ENTRIES):
        code = reader.text(doc, "code", veto_path, required=True, limit=MAX_NAME_CHARS)
        text = reader.text(doc, "text", veto_path, required=True)
        if code in seen:
            reader.error(join(veto_path, "code"), f"否决项编号 “{code}” 重复")
        rule = None
        rule_doc = reader.obj(doc, "rule", veto_path, required=False)
        if rule_doc is not None:
            rule = _veto_rule(rule_doc, reader, join(veto_path, "rule"), items, categories)
        if code and text is not None:
            seen.add(code)
            vetoes.append(VetoSpec(code, text, rule))
    return vetoes


def _veto_rule(doc: dict, reader: Reader, path: str, items: dict[str, Item],
               categories: set[str]) -> VetoRule | None:
    ratio = reader.decimal(doc, "below_ratio", path, minimum=Decimal(0), maximum=Decimal(1))
    has_category, has_item = "category" in doc, "item" in doc
    if has_category == has_item:
        reader.error(path, "规则应指明 category（类别）或 item（项目）二者之一")
        return None
    kind = "category" if has_category else "item"
    target = reader.text(doc, kind, path, required=True)
    known = categories if kind == "category" else items
    if target and target not in known:
        reader.error(join(path, kind), f"引用了不存在的{'类别' if kind == 'category' else '项目'} “{target}”")
        return None
    if target and ratio is not None:
        return VetoRule(kind, target, ratio)
    return None


def _bonuses(document: dict, reader: Reader, path: str) -> list[BonusSpec]:
    bonuses: list[BonusSpec] = []
    seen: set[str] = set()
    for bonus_path, doc in reader.objects(document, "bonuses", path, limit=MAX_SHEET_ENTRIES):
        code = reader.text(doc, "code", bonus_path, required=True, limit=MAX_NAME_CHARS)
        text = reader.text(doc, "text", bonus_path, required=True)
        maximum = reader.decimal(doc, "max", bonus_path, positive=True)
        if code in seen:
            reader.error(join(bonus_path, "code"), f"加分项编号 “{code}” 重复")
        if code and text is not None and maximum is not None:
            seen.add(code)
            bonuses.append(BonusSpec(code, text, maximum))
    return bonuses


def _survey(doc: dict, reader: Reader, path: str, items: dict[str, Item]) -> SurveySpec | None:
    before = len(reader.problems)
    levels: list[Level] = []
    for level_path, level_doc in reader.objects(doc, "levels", path, required=True, limit=MAX_SHEET_ENTRIES):
        label = reader.text(level_doc, "label", level_path, required=True, limit=MAX_NAME_CHARS)
        weight = reader.decimal(level_doc, "weight", level_path, minimum=Decimal(0))
        if label == UNKNOWN_ANSWER:
            reader.error(join(level_path, "label"), f"“{UNKNOWN_ANSWER}”不能作为满意度等级，它总是无效回答")
        elif label and any(level.label == label for level in levels):
            reader.error(join(level_path, "label"), f"等级 “{label}” 重复")
        elif label and weight is not None:
            levels.append(Level(label, weight))
    if isinstance(doc.get("levels"), list) and not doc["levels"]:
        reader.error(join(path, "levels"), "至少需要一个满意度等级")
    satisfied = reader.integer(doc, "satisfied_levels", path, required=True, minimum=1)
    if satisfied is not None and levels and satisfied > len(levels):
        reader.error(join(path, "satisfied_levels"), f"为 {satisfied}，但只有 {len(levels)} 个等级")
    questions: list[Question] = []
    for q_path, q_doc in reader.objects(doc, "questions", path, required=True, limit=MAX_SHEET_ENTRIES):
        code = reader.text(q_doc, "code", q_path, required=True, limit=MAX_NAME_CHARS)
        text = reader.text(q_doc, "text", q_path, required=True)
        weight = reader.decimal(q_doc, "weight", q_path, required=False, positive=True)
        if code and any(q.code == code for q in questions):
            reader.error(join(q_path, "code"), f"问题编号 “{code}” 重复")
        elif code and text is not None:
            questions.append(Question(code, text, weight if weight is not None else Decimal(1)))
    if isinstance(doc.get("questions"), list) and not doc["questions"]:
        reader.error(join(path, "questions"), "至少需要一个问题")
    overall = reader.text(doc, "overall_question", path, required=True)
    if overall and questions and not any(q.code == overall for q in questions):
        reader.error(join(path, "overall_question"), f"引用了不存在的问题 “{overall}”")
    minimum = reader.integer(doc, "min_valid_samples", path, minimum=0)
    target = reader.integer(doc, "target_valid_samples", path, minimum=0)
    derive = None
    derive_doc = reader.obj(doc, "derive", path, required=False)
    if derive_doc is not None:
        derive = _derive(derive_doc, reader, join(path, "derive"), items)
    if len(reader.problems) > before or overall is None or satisfied is None:
        return None
    return SurveySpec(tuple(levels), satisfied, tuple(questions), overall,
                      30 if minimum is None else minimum, target, derive)


def _derive(doc: dict, reader: Reader, path: str, items: dict[str, Item]) -> Derive | None:
    code = reader.text(doc, "item", path, required=True)
    item = items.get(code or "")
    if code and item is None:
        reader.error(join(path, "item"), f"引用了不存在的项目 “{code}”")
    cap = reader.decimal(doc, "cap_below_min", path, required=False, minimum=Decimal(0))
    if cap is not None and item is not None and cap > item.max:
        reader.error(join(path, "cap_below_min"), f"{cap} 超过项目 {item.code} 的满分 {item.max}")
    bands: list[Band] = []
    for band_path, band_doc in reader.objects(doc, "bands", path, required=True, limit=MAX_SHEET_ENTRIES):
        rate = reader.decimal(band_doc, "min_rate", band_path, minimum=Decimal(0), maximum=Decimal(1))
        score = reader.decimal(band_doc, "score", band_path, minimum=Decimal(0))
        if score is not None and item is not None and score > item.max:
            reader.error(join(band_path, "score"), f"{score} 超过项目 {item.code} 的满分 {item.max}")
        elif rate is not None and score is not None:
            bands.append(Band(rate, score))
    if isinstance(doc.get("bands"), list) and not doc["bands"]:
        reader.error(join(path, "bands"), "至少需要一个换算区间")
    if not code or item is None:
        return None
    return Derive(code, tuple(sorted(bands, key=lambda b: b.min_rate, reverse=True)), cap)


def sheet_from_document(document: dict, source: str) -> Sheet:
    reader = Reader()
    sheet = parse_sheet(document, reader)
    if sheet is None:
        raise FormatError(source, reader.problems or [Problem("", "计分表无效")])
    return sheet


def validation_report(document: dict) -> list[Problem]:
    reader = Reader()
    parse_sheet(document, reader)
    return reader.problems


__all__ = ["parse_sheet", "sheet_from_document", "validation_report", "to_decimal"]
