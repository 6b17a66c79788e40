"""The on-site steps of each kind of evaluation (第二十一条; 复查: 第三十四条)."""

from __future__ import annotations

from dataclasses import dataclass

from .evaluation import Kind


@dataclass
class Step:
    number: int
    key: str
    title: str
    article: str
    short: str = ""  # for the stepper

    @property
    def needs_valid_panel(self) -> bool:
        """Only the scoring and the conclusion drawn from it need a valid panel (第十九条; 复查: 第三十四条);
        hearing the report, reviewing documents, the site and the survey may go ahead while it is completed."""
        return self.key in ("scoring", "conclusion")


ON_SITE_STEPS: tuple[Step, ...] = (
    Step(1, "announce", "宣布评估组成员、评估程序及有关事宜", "第二十一条（一）", "宣布评估组与程序"),
    Step(2, "report", "听取试点单位工作汇报", "第二十一条（二）", "听取工作汇报"),
    Step(3, "documents", "查阅相应的文件、记录、标准文本等资料", "第二十一条（三）", "查阅资料"),
    Step(4, "site", "考核现场", "第二十一条（四）", "考核现场"),
    Step(5, "survey", "随机调查公众满意程度", "第二十一条（五）", "满意度调查"),
    Step(6, "scoring", "对照评估计分表进行测评", "第二十一条（六）", "对照计分表测评"),
    Step(7, "conclusion", "形成考核评估结论", "第二十一条（七）", "形成评估结论"),
    Step(8, "debrief", "向试点单位通报评估情况，提出改进意见和建议", "第二十一条（八）", "通报评估情况"),
)

REINSPECTION_STEPS: tuple[Step, ...] = (
    Step(1, "announce", "成立复查专家组", "第三十四条（一）", "成立复查专家组"),
    Step(2, "documents", "申请材料评价", "第三十四条（二）", "申请材料评价"),
    Step(3, "site", "现场复查（体系文件审查与现场抽查）", "第三十四条（三）", "现场复查"),
    Step(4, "survey", "公众满意度抽查", "第三十四条（三）", "满意度抽查"),
    Step(5, "scoring", "对照计分表测评", "第三十四条（三）", "对照计分表测评"),
    Step(6, "conclusion", "形成复查结论并与被复查单位沟通", "第三十四条（四）", "形成复查结论"),
)


def steps_for(kind: Kind) -> tuple[Step, ...]:
    return REINSPECTION_STEPS if kind is Kind.REINSPECTION else ON_SITE_STEPS
