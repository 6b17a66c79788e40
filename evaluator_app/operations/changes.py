"""What an operation changed, so a caller refreshes only that (and reads it from the file)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Areas of an evaluation file an operation can change.
SCORES, PANEL, SURVEY, NOTES, PILOT, META = "scores", "panel", "survey", "notes", "pilot", "meta"
CONCLUSION, STEPS, WORKFLOW, SIGNATURES, ATTACHMENTS = "conclusion", "steps", "workflow", "signatures", "attachments"

# Areas held in the `Evaluation` itself (the rest are workflow records, signatures and attachments).
EVALUATION_AREAS = frozenset({SCORES, PANEL, SURVEY, NOTES, PILOT, META, CONCLUSION, SIGNATURES})
WORKFLOW_AREAS = frozenset({STEPS, WORKFLOW, SIGNATURES})


@dataclass(frozen=True)
class OpChanges:
    areas: frozenset[str]
    result: Any = None  # what was written, where the caller needs it (the saved score, the signature…)

    @classmethod
    def of(cls, *areas: str, result: Any = None) -> OpChanges:
        return cls(frozenset(areas), result)

    @property
    def evaluation(self) -> bool:
        """The evaluation's data changed: reload it."""
        return bool(self.areas & EVALUATION_AREAS)

    @property
    def workflow(self) -> bool:
        """Step records, submissions, consensus or check results changed: reload the workflow state."""
        return bool(self.areas & WORKFLOW_AREAS)
