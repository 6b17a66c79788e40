"""Exchange documents for tests, built as plain JSON dicts the way another author would write them."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHEET = ROOT / "scoring_sheets" / "sms-pilot-default.json"


def default_sheet() -> dict:
    return json.loads(DEFAULT_SHEET.read_text("utf-8"), parse_float=Decimal)


def small_sheet(aggregation: str = "mean", **overrides) -> dict:
    """A two-category sheet of another shape: 10 points, a survey-derived item, a rule veto."""
    sheet = {
        "format": "evaluator-sheet/1", "id": "test-small", "name": "测试计分表", "version": "1",
        "provisional": False, "pass_score": 8, "aggregation": aggregation, "score_step": Decimal("0.5"),
        "deduction_note_required": False, "disagreement_ratio": Decimal("0.5"),
        "bonus_cap": 2, "total_cap": 10,
        "categories": [
            {"code": "X", "name": "体系", "max": 6, "items": [
                {"code": "X1", "name": "框架", "max": 4, "method": "查阅资料", "step": 3},
                {"code": "X2", "name": "明细", "max": 2, "method": "查阅资料", "step": 3}]},
            {"code": "Y", "name": "成效", "max": 4, "items": [
                {"code": "Y1", "name": "满意度", "max": 2, "method": "满意度调查", "step": 5},
                {"code": "Y2", "name": "档案", "max": 2, "method": "查阅资料", "step": 3}]},
        ],
        "vetoes": [{"code": "V1", "text": "重大事故"},
                   {"code": "V2", "text": "体系未建立", "rule": {"category": "X", "below_ratio": Decimal("0.5")}}],
        "bonuses": [{"code": "J1", "text": "国家标准", "max": 2}, {"code": "J2", "text": "团体标准", "max": 1}],
        "survey": {
            "levels": [{"label": "非常满意", "weight": 100}, {"label": "满意", "weight": 80},
                       {"label": "基本满意", "weight": 60}, {"label": "不满意", "weight": 40},
                       {"label": "非常不满意", "weight": 20}],
            "satisfied_levels": 3,
            "questions": [{"code": "Q1", "text": "服务态度"}, {"code": "Q2", "text": "总体满意度"}],
            "overall_question": "Q2", "min_valid_samples": 4,
            "derive": {"item": "Y1", "cap_below_min": 1,
                       "bands": [{"min_rate": Decimal("0.9"), "score": 2}, {"min_rate": Decimal("0.5"), "score": 1},
                                 {"min_rate": 0, "score": 0}]},
        },
    }
    sheet.update(overrides)
    return sheet


def panel(size: int = 6, experts: int = 2) -> list[dict]:
    members = []
    for index in range(size):
        members.append({
            "id": f"e{index + 1}", "name": f"专家{'甲乙丙丁戊己庚辛壬癸'[index]}", "org": "某标准化研究院",
            "title": "研究员", "phone": f"1380000000{index}",
            "category": "标准化专家" if index < experts else ("行业专家" if index % 2 else "管理人员"),
            "role": "组长" if index == 0 else "成员",
            "education": "硕士", "senior_title": True, "years": 10 + index,
        })
    return members


def evaluation(sheet: dict | None = None, members: list[dict] | None = None, kind: str = "试点评估",
               scores: list[dict] | None = None, survey: list[dict] | None = None, **more) -> dict:
    doc = {
        "format": "evaluator-evaluation/1", "kind": kind,
        "pilot": {"name": "某市政务服务综合标准化试点", "unit": "某市政务服务中心", "address": "某市人民路 1 号",
                  "legal_representative": "王某", "contact": "李某", "phone": "010-12345678",
                  "guarantor": "某市人民政府", "guidance_unit": "某省市场监督管理局",
                  "management_unit": "某市市场监督管理局",
                  "industry": "政务服务", "term_start": "2023-01-01", "term_end": "2025-12-31",
                  "system_running_since": "2023-06-01"},
        "evaluation_date": "2025-11-20", "purpose": "检验试点建设成效",
        "basis": "《社会管理和公共服务综合标准化试点细则（试行）》",
        "sheet": copy.deepcopy(sheet if sheet is not None else small_sheet()),
        "panel": members if members is not None else panel(),
        "scores": scores or [], "vetoes": [], "bonuses": [], "survey": survey or [],
    }
    doc.update(more)
    return doc


def full_scores(doc: dict, value_for=lambda member, item: None) -> list[dict]:
    """A score for every member and member-scored item; `value_for` may supply a value."""
    sheet = doc["sheet"]
    derived = (sheet.get("survey") or {}).get("derive", {}).get("item")
    scores = []
    for member in doc["panel"]:
        for category in sheet["categories"]:
            for item in category["items"]:
                if item["code"] == derived:
                    continue
                value = value_for(member["id"], item["code"])
                scores.append({"member": member["id"], "item": item["code"],
                               "score": item["max"] if value is None else value})
    return scores


def samples(answers: list[tuple[str, ...]], questions: list[str]) -> list[dict]:
    """One sample per row of answers, in question order; a shorter row leaves the last questions unanswered."""
    return [{"id": f"s{index + 1:03d}", "respondent_type": "群众", "place": "大厅",
             "time": "2025-11-20T10:05:00+08:00", "collector": "e2",
             "answers": dict(zip(questions, row, strict=False))} for index, row in enumerate(answers)]


NO_CONFLICT = {"employed": False, "consulted": False, "related": False}


def submit_all(store) -> None:
    """Every member declares no conflict (where not yet declared) and every scorer submits their sheet,
    through the operations a panel uses."""
    from evaluator_app import operations
    from evaluator_app.domain.scoring import scorers
    for member in store.load().panel:
        if member.recusal is None:
            operations.declare_recusal(store, member.id, NO_CONFLICT)
    for scorer in scorers(store.load()):
        if scorer not in store.workflow_state().submitted:
            operations.submit_sheet(store, scorer)


def flip_report_byte(source: Path, target: Path) -> None:
    """A copy of a submission package whose 评估报告.pdf has one byte changed and whose manifest.json was
    rewritten to match, so that only the report's seal can tell."""
    import hashlib
    import io
    import zipfile
    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    pdf = bytearray(members["评估报告.pdf"])
    pdf[len(pdf) // 3] ^= 0x01
    members["评估报告.pdf"] = bytes(pdf)
    manifest = json.loads(members["manifest.json"])
    for entry in manifest["files"]:
        if entry["name"] == "评估报告.pdf":
            entry["sha256"] = hashlib.sha256(pdf).hexdigest()
            entry["size"] = len(pdf)
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())


def digests(folder: Path, pattern: str = "*.zip") -> dict[str, str]:
    """The received packages below `folder` (or the files matching `pattern`) and their SHA-256: to show
    that nothing received was changed."""
    import hashlib
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob(pattern)) if p.is_file()}
