"""Step 5 满意度调查: survey samples, one respondent each."""

from __future__ import annotations

from ..domain.evaluation import Sample
from ..domain.survey import refused_field
from ..errors import UserError
from ..storage.store import EvaluationStore
from .changes import SURVEY, OpChanges


def save_sample(store: EvaluationStore, sample: Sample) -> OpChanges:
    """Add a sample or replace the one with its id; answers are checked against the sheet's survey.
    A sample carrying any field beyond the documented ones is refused (respondents' privacy)."""
    if sample.extra:
        raise UserError(f"样本 {sample.id}：{refused_field(next(iter(sample.extra)), '')}")
    store.save_sample(sample)
    return OpChanges.of(SURVEY)


def delete_sample(store: EvaluationStore, sample_id: str, reason: str = "") -> OpChanges:
    store.delete_sample(sample_id, reason)
    return OpChanges.of(SURVEY)
