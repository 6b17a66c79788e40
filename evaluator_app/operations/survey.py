"""Step 5 满意度调查: survey samples, one respondent each."""

from __future__ import annotations

from ..domain.evaluation import Sample
from ..domain.survey import refused_field
from ..errors import UserError
from ..storage.store import EvaluationStore
from .changes import SURVEY, OpChanges
from .ownership import ensure_may_edit, member_name, owner_of


def save_sample(store: EvaluationStore, sample: Sample) -> OpChanges:
    """Add a sample or replace the one with its id; answers are checked against the sheet's survey.
    A sample carrying any field beyond the documented ones is refused (respondents' privacy)."""
    if sample.extra:
        raise UserError(f"样本 {sample.id}：{refused_field(next(iter(sample.extra)), '')}")
    with store.transaction():
        _ensure_collector(store, sample.id)
        ensure_may_edit(store, owner_of(store, sample.collector),
                        f"由{member_name(store, sample.collector) if sample.collector else '组长'}采集的样本")
        store.save_sample(sample)
    return OpChanges.of(SURVEY)


def delete_sample(store: EvaluationStore, sample_id: str, reason: str = "") -> OpChanges:
    with store.transaction():
        _ensure_collector(store, sample_id)
        store.delete_sample(sample_id, reason)
    return OpChanges.of(SURVEY)


def _ensure_collector(store: EvaluationStore, sample_id: str) -> None:
    """A sample already in the file is changed only by whoever collected it."""
    row = store.conn.execute("SELECT collector FROM sample WHERE id = ?", (sample_id,)).fetchone()
    if row is not None:
        collector = row[0] or ""
        ensure_may_edit(store, owner_of(store, collector),
                        f"样本 {sample_id}（由{member_name(store, collector) if collector else '组长'}采集）")
