"""Public-satisfaction statistics (第二十一条 step 5) over the survey samples."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from .evaluation import Sample
from .sheet import UNKNOWN_ANSWER, SurveySpec

WILSON_Z = Decimal("1.96")

# What a sample records (细则 step 5): nothing that identifies the respondent. Any other field is
# refused wherever a sample enters, so no name, phone or ID number reaches a file or its backups.
SAMPLE_FIELDS = ("id", "respondent_type", "place", "time", "collector", "answers", "comment")
PRIVACY_RULE = ("为保护受访者隐私，样本只记录受访者类型、地点、时间、采集成员、各题回答和意见，"
                "不记录姓名、电话、身份证号等个人信息")


def refused_field(field: str, sample_id: object) -> str:
    """The message for a field a sample may not carry."""
    shown = field if len(field) <= 40 else field[:40] + "…"
    sample = f"（样本 {sample_id}）" if isinstance(sample_id, str) and sample_id else ""
    return f"不允许的字段“{shown}”{sample}；{PRIVACY_RULE}"


@dataclass
class QuestionStats:
    code: str
    counts: dict[str, int]  # per level label, plus UNKNOWN_ANSWER
    valid: int  # answers on the scale
    rate: Fraction | None  # 满意率
    strict_rate: Fraction | None  # 严格满意率
    index: Fraction | None  # 满意度指数


@dataclass
class SurveyStats:
    valid_samples: int
    invalid_samples: int
    questions: dict[str, QuestionStats]
    rate: Fraction | None  # the overall question's 满意率 (the headline)
    strict_rate: Fraction | None
    index: Fraction | None  # weighted mean of the questions' indices
    wilson_low: Decimal | None
    wilson_high: Decimal | None
    derived_score: Decimal | None  # the band score for the derived item, capped below the minimum
    below_minimum: bool


def is_valid_sample(sample: Sample, spec: SurveySpec) -> bool:
    """Valid when the overall question has an answer on the scale (not missing, not 不了解)."""
    return sample.answers.get(spec.overall_question) in spec.labels


def question_stats(code: str, samples: list[Sample], spec: SurveySpec) -> QuestionStats:
    counts = {label: 0 for label in spec.labels}
    counts[UNKNOWN_ANSWER] = 0
    for sample in samples:
        answer = sample.answers.get(code)
        if answer in counts:
            counts[answer] += 1
    valid = sum(counts[label] for label in spec.labels)
    if not valid:
        return QuestionStats(code, counts, 0, None, None, None)
    satisfied = sum(counts[label] for label in spec.labels[:spec.satisfied_levels])
    strict = sum(counts[label] for label in spec.labels[:min(2, spec.satisfied_levels)])
    weighted = sum((Fraction(level.weight) * counts[level.label] for level in spec.levels), Fraction(0))
    return QuestionStats(code, counts, valid, Fraction(satisfied, valid), Fraction(strict, valid),
                         weighted / valid)


def wilson_interval(successes: int, n: int) -> tuple[Decimal, Decimal] | None:
    """Wilson score interval (z = 1.96), computed with 40 significant digits."""
    if n <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        p = Decimal(successes) / Decimal(n)
        z2 = WILSON_Z * WILSON_Z
        denominator = 1 + z2 / n
        centre = (p + z2 / (2 * n)) / denominator
        half = WILSON_Z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).sqrt()
        return max(Decimal(0), centre - half), min(Decimal(1), centre + half)


def band_score(rate: Fraction | None, valid: int, spec: SurveySpec) -> Decimal | None:
    derive = spec.derive
    if derive is None:
        return None
    if rate is None:
        score = Decimal(0)
    else:
        score = next((band.score for band in derive.bands if rate >= Fraction(band.min_rate)), Decimal(0))
    if valid < spec.min_valid_samples and derive.cap_below_min is not None:
        score = min(score, derive.cap_below_min)
    return score


def survey_stats(samples: list[Sample], spec: SurveySpec) -> SurveyStats:
    valid_samples = [s for s in samples if is_valid_sample(s, spec)]
    per_question = {q.code: question_stats(q.code, valid_samples, spec) for q in spec.questions}
    overall = per_question[spec.overall_question]
    answered = [(q.weight, per_question[q.code].index) for q in spec.questions
                if per_question[q.code].index is not None]
    index = None
    if answered:
        total_weight = sum((Fraction(w) for w, _ in answered), Fraction(0))
        index = sum((Fraction(w) * i for w, i in answered if i is not None), Fraction(0)) / total_weight
    interval = None
    if overall.rate is not None:
        satisfied = overall.rate * overall.valid
        interval = wilson_interval(int(satisfied), overall.valid)
    n_valid = len(valid_samples)
    return SurveyStats(
        valid_samples=n_valid,
        invalid_samples=len(samples) - n_valid,
        questions=per_question,
        rate=overall.rate,
        strict_rate=overall.strict_rate,
        index=index,
        wilson_low=interval[0] if interval else None,
        wilson_high=interval[1] if interval else None,
        derived_score=band_score(overall.rate, n_valid, spec),
        below_minimum=n_valid < spec.min_valid_samples,
    )
