"""The `summary --json` document: decimals as strings, rounded half up only here."""

from __future__ import annotations

from ..domain.scoring import Summary
from ..numbers import FOUR_PLACES, fmt
from ..presentation import consequence_text, result_text


def summary_document(summary: Summary) -> dict:
    stats = summary.survey
    return {
        "kind": summary.kind.value,
        "panel": {
            "size": summary.panel_size,
            "standardization_experts": summary.standardization_experts,
            "required_standardization_experts": summary.required_experts,
            "valid": summary.panel_valid,
            "problems": summary.panel_problems,
        },
        "items": {code: fmt(value) for code, value in summary.items.items()},
        "categories": {code: fmt(value) for code, value in summary.categories.items()},
        "members": {member: fmt(value) for member, value in summary.members.items()},
        "base_score": fmt(summary.base_score),
        "bonus": fmt(summary.bonus),
        "total": fmt(summary.total),
        "vetoes": summary.vetoes,
        "satisfaction": {
            "valid_samples": stats.valid_samples if stats else 0,
            "invalid_samples": stats.invalid_samples if stats else 0,
            "rate": fmt(stats.rate, FOUR_PLACES) if stats else None,
            "strict_rate": fmt(stats.strict_rate, FOUR_PLACES) if stats else None,
            "index": fmt(stats.index) if stats else None,
            "wilson_low": fmt(stats.wilson_low, FOUR_PLACES) if stats else None,
            "wilson_high": fmt(stats.wilson_high, FOUR_PLACES) if stats else None,
            "derived_score": fmt(summary.derived_value),
            "computed_score": fmt(stats.derived_score) if stats else None,
            "overridden": summary.overridden,
            "below_minimum": stats.below_minimum if stats else False,
        },
        "not_applicable": summary.not_applicable,
        "progress": fmt(summary.progress, FOUR_PLACES),
        "disagreements": [
            {"item": d.item, "low": fmt(d.low), "high": fmt(d.high)} for d in summary.disagreements
        ],
        "warnings": summary.warnings,
        "result": summary.result,
        "result_text": result_text(summary),
        "missing": [{"member": member, "item": item} for member, item in summary.missing],
        "conflicts": summary.conflicts,
        "consequence": consequence_document(summary),
    }


def consequence_document(summary: Summary) -> dict | None:
    """What follows from the result: the 细则's article, the text, the date it sets (ISO) or null."""
    consequence = summary.consequence
    if consequence is None:
        return None
    return {
        "code": consequence.code.value,
        "article": consequence.article,
        "text": consequence_text(summary),
        "due": consequence.due.isoformat() if consequence.due else None,
    }
