"""How merged records are named to the user ("评分 e3/A1"): the one wording of merge reports, conflicts and the GUI."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

LEADER = ""  # owner of the panel's own records (the 组长's file), as opposed to a member id

KIND_LABELS = {"meta": "评估信息", "pilot": "试点信息", "member": "评估组成员", "recusal": "回避声明", "score": "评分",
               "revision": "评分修改记录", "submission": "计分表提交", "reopened": "重新打开的评分项",
               "accepted": "保留的评分分歧", "veto": "否决项", "bonus": "加分项", "override": "换算得分调整",
               "sample": "满意度样本", "finding": "问题", "suggestion": "改进建议", "check": "核查结果",
               "step": "步骤记录", "attachment": "附件", "signature": "签字"}


NO_RECORD = "（无此记录）"
NOT_DUE = "未到期"
SCORE = "{score} 分"
NOT_SCORED = "（未评分）"
WITH_NOTE = "；扣分理由：{note}"
VALUE_WORDING = (NO_RECORD, NOT_DUE, SCORE, NOT_SCORED, WITH_NOTE)


def describe(kind: str, key: str) -> str:
    return f"{KIND_LABELS.get(kind, kind)} {key}"


def describe_value(kind: str, value: Any, translate: Callable[[str], str] = lambda text: text) -> str:
    """A version of a record as a person reads it ("7.5 分；扣分理由：…"); `translate` is the window's `tr`."""
    if value is None:
        return translate(NO_RECORD)
    if kind == "score" and isinstance(value, dict):
        if value.get("na"):
            return translate(NOT_DUE)
        score = value.get("score")
        text = translate(SCORE).format(score=score) if score is not None else translate(NOT_SCORED)
        return text + (translate(WITH_NOTE).format(note=value["note"]) if value.get("note") else "")
    if kind == "sample" and isinstance(value, dict):
        answers = "，".join(f"{code} {answer}" for code, answer in sorted(value.get("answers", {}).items()))
        return f"{value.get('place', '')} {value.get('time', '')}：{answers}"
    if isinstance(value, dict) and set(value) & {"text", "note", "reason"}:
        parts = [str(value[k]) for k in ("status", "score", "confirmed", "text", "note", "reason")
                 if k in value and value[k] not in (None, "")]
        return "；".join(parts)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


__all__ = ["LEADER", "KIND_LABELS", "VALUE_WORDING", "describe", "describe_value"]
