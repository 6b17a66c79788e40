"""Reading and writing the evaluation exchange document, `evaluator-evaluation/1`.

Format errors (wrong types, out-of-range scores, unknown references) are refused with every
problem and its JSON path. Domain-rule problems (an invalid panel, missing scores) are accepted:
the panel fixes them in the app, and `summary` reports them.
"""

from __future__ import annotations

from decimal import Decimal

from ..domain.evaluation import (
    PILOT_DATE_FIELDS,
    PILOT_FIELDS,
    RECUSAL_QUESTIONS,
    RESPONDENT_TYPES,
    BonusAward,
    Evaluation,
    Kind,
    Member,
    MemberCategory,
    Note,
    Override,
    Recusal,
    Role,
    Sample,
    Score,
    VetoDecision,
)
from ..domain.rules import period_problem
from ..domain.sheet import PANEL_MEMBER, UNKNOWN_ANSWER, Aggregation, Sheet
from ..domain.survey import SAMPLE_FIELDS, refused_field
from ..errors import FormatError
from ..jsonfile import MAX_NAME_CHARS, MAX_NOTES, MAX_PANEL_MEMBERS, MAX_SAMPLES, MAX_SHEET_ENTRIES
from ..numbers import is_multiple
from ..sheets.schema import parse_sheet
from ..validation import Reader, check_format, describe, extras, join

EVALUATION_FORMAT = "evaluator-evaluation"
EVALUATION_MAJOR = 1
FORMAT_ID = f"{EVALUATION_FORMAT}/{EVALUATION_MAJOR}"

TOP_KEYS = ("format", "id", "kind", "pilot", "evaluation_date", "evaluation_end_date", "purpose", "basis", "sheet",
            "panel", "scores", "vetoes", "bonuses", "overrides", "survey", "findings", "suggestions", "overview")
MEMBER_KEYS = ("id", "name", "org", "title", "phone", "category", "role", "education", "senior_title",
               "years", "selection", "recusal", "replaces")
SCORE_KEYS = ("member", "item", "score", "na", "note")


def parse_evaluation(document: dict, source: str) -> Evaluation:
    reader = Reader()
    evaluation = _parse(document, reader)
    if evaluation is None or reader.problems:
        raise FormatError(source, reader.problems)
    return evaluation


def _parse(doc: dict, r: Reader) -> Evaluation | None:
    if not check_format(r, doc, "", EVALUATION_FORMAT, EVALUATION_MAJOR):
        return None
    kind = r.choice(doc, "kind", "", tuple(k.value for k in Kind))
    pilot, pilot_extra = _pilot(doc, r)
    evaluation_date = r.date(doc, "evaluation_date", "")
    evaluation_end_date = r.date(doc, "evaluation_end_date", "")
    if evaluation_end_date and not evaluation_date:
        r.error("evaluation_end_date", "有评估结束日期时须有评估日期（第一天）")
    elif problem := period_problem(evaluation_date, evaluation_end_date):
        r.error("evaluation_end_date", problem)
    purpose = r.text(doc, "purpose", "") or ""
    basis = r.text(doc, "basis", "") or ""
    overview = r.text(doc, "overview", "") or ""
    evaluation_id = r.text(doc, "id", "") or ""
    sheet_doc = r.obj(doc, "sheet", "")
    sheet = parse_sheet(sheet_doc, r, "sheet") if sheet_doc is not None else None
    panel = _panel(doc, r)
    if sheet is None or kind is None or pilot is None:
        return None
    member_ids = {m.id for m in panel}
    evaluation = Evaluation(
        kind=Kind(kind), sheet=sheet, pilot=pilot, evaluation_date=evaluation_date,
        evaluation_end_date=evaluation_end_date if evaluation_end_date != evaluation_date else None, purpose=purpose,
        basis=basis, panel=panel, summary_text=overview, id=evaluation_id,
        extra=extras(doc, TOP_KEYS), pilot_extra=pilot_extra,
    )
    evaluation.scores = _scores(doc, r, sheet, evaluation.kind, member_ids)
    evaluation.vetoes = _vetoes(doc, r, sheet)
    evaluation.bonuses = _bonuses(doc, r, sheet)
    evaluation.overrides = _overrides(doc, r, sheet)
    evaluation.survey = _survey(doc, r, sheet, member_ids)
    evaluation.findings = _notes(doc, "findings", r, sheet)
    evaluation.suggestions = _notes(doc, "suggestions", r, sheet)
    return evaluation


def _pilot(doc: dict, r: Reader) -> tuple[dict[str, str] | None, dict]:
    pilot_doc = r.obj(doc, "pilot", "")
    if pilot_doc is None:
        return None, {}
    pilot: dict[str, str] = {}
    for key in PILOT_FIELDS:
        if key in PILOT_DATE_FIELDS:
            value = r.date(pilot_doc, key, "pilot")
        else:
            value = r.text(pilot_doc, key, "pilot", required=key in ("name", "unit"), limit=MAX_NAME_CHARS)
        if value:
            pilot[key] = value
    return pilot, extras(pilot_doc, tuple(PILOT_FIELDS))


def _panel(doc: dict, r: Reader) -> list[Member]:
    panel: list[Member] = []
    seen: set[str] = set()
    for path, m in r.objects(doc, "panel", "", required=True, limit=MAX_PANEL_MEMBERS):
        member_id = r.text(m, "id", path, required=True, limit=MAX_NAME_CHARS)
        name = r.text(m, "name", path, required=True, limit=MAX_NAME_CHARS)
        category = r.choice(m, "category", path, tuple(c.value for c in MemberCategory))
        role = r.choice(m, "role", path, tuple(c.value for c in Role))
        if member_id == PANEL_MEMBER:
            r.error(join(path, "id"), f"“{PANEL_MEMBER}” 保留给共识模式的评估组统一评分，不能用作成员编号")
            member_id = None
        elif member_id in seen:
            r.error(join(path, "id"), f"成员编号 “{member_id}” 重复")
            member_id = None
        texts = {key: r.text(m, key, path, limit=MAX_NAME_CHARS) or ""
                 for key in ("org", "title", "phone", "education", "replaces")}
        senior = r.boolean(m, "senior_title", path)
        years = r.integer(m, "years", path, minimum=0)
        selection, record = _selection(m, r, path)
        recusal = _recusal(m, r, path)
        if member_id and name and category and role:
            seen.add(member_id)
            panel.append(Member(
                id=member_id, name=name, category=MemberCategory(category), role=Role(role),
                org=texts["org"], title=texts["title"], phone=texts["phone"], education=texts["education"],
                senior_title=senior, years=years, selection=selection, selection_record=record,
                recusal=recusal, replaces=texts["replaces"], extra=extras(m, MEMBER_KEYS),
            ))
    return panel


def _selection(m: dict, r: Reader, path: str) -> tuple[str, str]:
    value = m.get("selection")
    if value is None:
        return "", ""
    here = join(path, "selection")
    if not isinstance(value, dict):
        r.error(here, f"应为对象 {{\"method\": …, \"record\": …}}，实际为{describe(value)}")
        return "", ""
    method = r.choice(value, "method", here, ("随机抽取", "推荐"), required=False, default="") or ""
    record = r.text(value, "record", here) or ""
    return method, record


def _recusal(m: dict, r: Reader, path: str) -> Recusal | None:
    value = r.obj(m, "recusal", path, required=False)
    if value is None:
        return None
    here = join(path, "recusal")
    answers_doc = r.obj(value, "answers", here)
    answers: dict[str, bool] = {}
    for key, answer in (answers_doc or {}).items():
        if key not in RECUSAL_QUESTIONS:
            r.error(join(join(here, "answers"), key), f"未知的回避声明问题，应为 {' / '.join(RECUSAL_QUESTIONS)} 之一")
        elif not isinstance(answer, bool):
            r.error(join(join(here, "answers"), key), f"应为 true 或 false，实际为{describe(answer)}")
        else:
            answers[key] = answer
    return Recusal(answers, r.timestamp(value, "declared_at", here) or "")


def _scores(doc: dict, r: Reader, sheet: Sheet, kind: Kind, member_ids: set[str]) -> list[Score]:
    scores: list[Score] = []
    seen: set[tuple[str, str]] = set()
    consensus = sheet.aggregation is Aggregation.CONSENSUS
    for path, s in r.objects(doc, "scores", "", limit=MAX_PANEL_MEMBERS * MAX_SHEET_ENTRIES):
        member = r.text(s, "member", path, required=True)
        code = r.text(s, "item", path, required=True)
        na = r.boolean(s, "na", path, default=False)
        note = r.text(s, "note", path) or ""
        ok = True
        if member is not None and member:
            if consensus and member != PANEL_MEMBER:
                r.error(join(path, "member"), f"共识模式的计分表只接受评估组统一评分（member 为 “{PANEL_MEMBER}”），"
                                              f"实际为 “{member}”")
                ok = False
            elif not consensus and member not in member_ids:
                r.error(join(path, "member"), f"未知的成员 “{member}”，评估组中没有此编号")
                ok = False
        item = sheet.item(code) if code else None
        if code and item is None:
            r.error(join(path, "item"), f"未知的项目 “{code}”，计分表中没有此项目")
            ok = False
        elif item is not None and item.code == sheet.derived_item:
            r.error(join(path, "item"),
                    f"项目 {item.code} 由满意度调查换算得出，不由成员评分；如需调整请使用 overrides")
            ok = False
        if member and code and (member, code) in seen:
            r.error(path, f"成员 “{member}” 对项目 {code} 的评分重复出现")
            ok = False
        value: Decimal | None = None
        if na:
            if kind is not Kind.MIDTERM:
                r.error(join(path, "na"), "只有中期评估可以将项目标记为未到期")
                ok = False
            if s.get("score") is not None:
                r.error(join(path, "score"), "标记为未到期的项目不应再有得分")
                ok = False
        elif item is not None:
            value = r.decimal(s, "score", path)
            if value is None:
                ok = False
            elif value < 0 or value > item.max:
                r.error(join(path, "score"), f"{value} 超出项目 {item.code} 的得分范围 0 至 {item.max}")
                ok = False
            elif not is_multiple(value, sheet.score_step):
                r.error(join(path, "score"), f"{value} 不是分值步长 {sheet.score_step} 的整数倍")
                ok = False
        if ok and member and code:
            seen.add((member, code))
            scores.append(Score(member, code, value, bool(na), note, extras(s, SCORE_KEYS)))
    return scores


def _vetoes(doc: dict, r: Reader, sheet: Sheet) -> list[VetoDecision]:
    decisions: list[VetoDecision] = []
    for path, v in r.objects(doc, "vetoes", "", limit=MAX_SHEET_ENTRIES):
        code = r.text(v, "code", path, required=True)
        confirmed = v.get("confirmed")
        if not isinstance(confirmed, bool):
            r.error(join(path, "confirmed"),
                    "缺少必填项" if confirmed is None else f"应为 true 或 false，实际为{describe(confirmed)}")
        note = r.text(v, "note", path) or ""
        if code and sheet.veto(code) is None:
            r.error(join(path, "code"), f"未知的否决项 “{code}”，计分表中没有此否决项")
        elif code and any(d.code == code for d in decisions):
            r.error(join(path, "code"), f"否决项 “{code}” 重复出现")
        elif code and isinstance(confirmed, bool):
            decisions.append(VetoDecision(code, confirmed, note, extras(v, ("code", "confirmed", "note"))))
    return decisions


def _bonuses(doc: dict, r: Reader, sheet: Sheet) -> list[BonusAward]:
    awards: list[BonusAward] = []
    for path, b in r.objects(doc, "bonuses", "", limit=MAX_SHEET_ENTRIES):
        code = r.text(b, "code", path, required=True)
        spec = sheet.bonus(code) if code else None
        value = r.decimal(b, "score", path, minimum=Decimal(0), maximum=spec.max if spec else None)
        note = r.text(b, "note", path) or ""
        if code and spec is None:
            r.error(join(path, "code"), f"未知的加分项 “{code}”，计分表中没有此加分项")
        elif code and any(a.code == code for a in awards):
            r.error(join(path, "code"), f"加分项 “{code}” 重复出现")
        elif code and value is not None:
            awards.append(BonusAward(code, value, note, extras(b, ("code", "score", "note"))))
    return awards


def _overrides(doc: dict, r: Reader, sheet: Sheet) -> list[Override]:
    overrides: list[Override] = []
    for path, o in r.objects(doc, "overrides", "", limit=MAX_SHEET_ENTRIES):
        code = r.text(o, "item", path, required=True)
        item = sheet.item(code) if code else None
        if code and code != sheet.derived_item:
            r.error(join(path, "item"),
                    f"只能调整由满意度换算的项目（{sheet.derived_item or '本计分表没有'}），实际为 “{code}”")
            item = None
        value = r.decimal(o, "score", path, minimum=Decimal(0), maximum=item.max if item else None)
        reason = r.text(o, "reason", path, required=True)
        if code and any(x.item == code for x in overrides):
            r.error(join(path, "item"), f"项目 “{code}” 的调整重复出现")
        elif code and item is not None and value is not None and reason:
            overrides.append(Override(code, value, reason, extras(o, ("item", "score", "reason"))))
    return overrides


def _survey(doc: dict, r: Reader, sheet: Sheet, member_ids: set[str]) -> list[Sample]:
    samples: list[Sample] = []
    spec = sheet.survey
    if doc.get("survey") and spec is None:
        r.error("survey", "计分表没有满意度调查部分，不能录入满意度样本")
        return samples
    allowed = (spec.labels if spec else ()) + (UNKNOWN_ANSWER,)
    seen: set[str] = set()
    for path, s in r.objects(doc, "survey", "", limit=MAX_SAMPLES):
        sample_id = r.text(s, "id", path, required=True, limit=MAX_NAME_CHARS)
        for key in s:
            if key not in SAMPLE_FIELDS:
                r.error(join(path, key), refused_field(key, sample_id))
        if sample_id in seen:
            r.error(join(path, "id"), f"样本编号 “{sample_id}” 重复")
        respondent = r.choice(s, "respondent_type", path, RESPONDENT_TYPES, required=False, default="")
        place = r.text(s, "place", path, limit=MAX_NAME_CHARS) or ""
        time = r.timestamp(s, "time", path) or ""
        collector = r.text(s, "collector", path) or ""
        if collector and collector not in member_ids:
            r.error(join(path, "collector"), f"未知的成员 “{collector}”，评估组中没有此编号")
        comment = r.text(s, "comment", path) or ""
        answers_doc = r.obj(s, "answers", path)
        answers: dict[str, str] = {}
        for code, answer in (answers_doc or {}).items():
            here = join(join(path, "answers"), code)
            if spec is not None and spec.question(code) is None:
                r.error(here, f"未知的问题 “{code}”，计分表中没有此问题")
            elif answer not in allowed:
                r.error(here, f"回答为{describe(answer)}，应为 {' / '.join(allowed)} 之一")
            else:
                answers[code] = answer
        if sample_id and sample_id not in seen:
            seen.add(sample_id)
            samples.append(Sample(sample_id, answers, respondent or "", place, time, collector, comment))
    return samples


def _notes(doc: dict, key: str, r: Reader, sheet: Sheet) -> list[Note]:
    notes: list[Note] = []
    for index, value in enumerate(r.array(doc, key, "", limit=MAX_NOTES) or []):
        path = f"{key}[{index}]"
        if isinstance(value, str):
            notes.append(Note(f"{key[0]}{index + 1}", value))
            continue
        if not isinstance(value, dict):
            r.error(path, f"应为对象或文本，实际为{describe(value)}")
            continue
        text = r.text(value, "text", path, required=True)
        note_id = r.text(value, "id", path) or f"{key[0]}{index + 1}"
        item = r.text(value, "item", path) or ""
        if item and sheet.item(item) is None:
            r.error(join(path, "item"), f"未知的项目 “{item}”")
        step = r.integer(value, "step", path, minimum=1)
        if text:
            notes.append(Note(note_id, text, item, step, extras(value, ("id", "text", "item", "step"))))
    return notes


# -- writing -----------------------------------------------------------------------------------

def evaluation_document(evaluation: Evaluation) -> dict:
    """The exchange document for an evaluation; decimals are written as strings."""
    doc: dict = {"format": FORMAT_ID}
    if evaluation.id:
        doc["id"] = evaluation.id
    doc["kind"] = evaluation.kind.value
    doc["pilot"] = {**{k: v for k, v in evaluation.pilot.items() if v}, **evaluation.pilot_extra}
    if evaluation.evaluation_date:
        doc["evaluation_date"] = evaluation.evaluation_date
    if evaluation.evaluation_end_date:
        doc["evaluation_end_date"] = evaluation.evaluation_end_date
    doc["purpose"] = evaluation.purpose
    doc["basis"] = evaluation.basis
    doc["sheet"] = evaluation.sheet.document
    doc["panel"] = [_member_doc(m) for m in evaluation.panel]
    doc["scores"] = [_score_doc(s) for s in evaluation.scores]
    doc["vetoes"] = [{"code": v.code, "confirmed": v.confirmed, **({"note": v.note} if v.note else {}), **v.extra}
                     for v in evaluation.vetoes]
    doc["bonuses"] = [{"code": b.code, "score": b.score, "note": b.note, **b.extra} for b in evaluation.bonuses]
    if evaluation.overrides:
        doc["overrides"] = [{"item": o.item, "score": o.score, "reason": o.reason, **o.extra}
                            for o in evaluation.overrides]
    doc["survey"] = [_sample_doc(s) for s in evaluation.survey]
    doc["findings"] = [_note_doc(n) for n in evaluation.findings]
    doc["suggestions"] = [_note_doc(n) for n in evaluation.suggestions]
    if evaluation.summary_text:
        doc["overview"] = evaluation.summary_text
    doc.update(evaluation.extra)
    return doc


def _member_doc(m: Member) -> dict:
    doc: dict = {"id": m.id, "name": m.name, "org": m.org, "title": m.title, "phone": m.phone,
                 "category": m.category.value, "role": m.role.value}
    if m.education:
        doc["education"] = m.education
    if m.senior_title is not None:
        doc["senior_title"] = m.senior_title
    if m.years is not None:
        doc["years"] = m.years
    if m.selection or m.selection_record:
        doc["selection"] = {"method": m.selection, "record": m.selection_record}
    if m.recusal is not None:
        doc["recusal"] = {"answers": m.recusal.answers, "declared_at": m.recusal.declared_at}
    if m.replaces:
        doc["replaces"] = m.replaces
    doc.update(m.extra)
    return doc


def _score_doc(s: Score) -> dict:
    doc: dict = {"member": s.member, "item": s.item}
    if s.na:
        doc["na"] = True
    else:
        doc["score"] = s.score
    if s.note:
        doc["note"] = s.note
    doc.update(s.extra)
    return doc


def _sample_doc(s: Sample) -> dict:
    """Only the documented fields: a sample stored by an earlier version with more (a respondent's
    name, say) does not pass them on."""
    return {"id": s.id, "respondent_type": s.respondent_type, "place": s.place, "time": s.time,
            "collector": s.collector, "answers": s.answers, "comment": s.comment}


def _note_doc(n: Note) -> dict:
    doc: dict = {"id": n.id, "text": n.text}
    if n.item:
        doc["item"] = n.item
    if n.step is not None:
        doc["step"] = n.step
    doc.update(n.extra)
    return doc
