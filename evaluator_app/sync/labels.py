"""How merged records are named to the user ("评分 e3/A1"): the one wording of merge reports, conflicts and the GUI."""

from __future__ import annotations

KIND_LABELS = {"meta": "评估信息", "pilot": "试点信息", "member": "评估组成员", "recusal": "回避声明", "score": "评分",
               "revision": "评分修改记录", "submission": "计分表提交", "reopened": "重新打开的评分项",
               "accepted": "保留的评分分歧", "veto": "否决项", "bonus": "加分项", "override": "换算得分调整",
               "sample": "满意度样本", "finding": "问题", "suggestion": "改进建议", "check": "核查结果",
               "step": "步骤记录", "attachment": "附件", "signature": "签字"}


def describe(kind: str, key: str) -> str:
    return f"{KIND_LABELS.get(kind, kind)} {key}"


__all__ = ["KIND_LABELS", "describe"]
