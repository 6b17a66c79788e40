"""A fair, reproducible random draw of an evaluation panel from the 专家库 (第十九条, 第二十八条).

The method, step by step so anyone can re-run it, is docs/expert-draw.md; in short:
1. eligible: 状态 在库, meets 第二十八条 (unless waived), not working for the pilot unit, its 保证单位 or an org
   named with --exclude-org (org names compared after `library.normalise`; an org named with the excluded
   name as its prefix, such as a department of it, is excluded too);
2. pool digest: SHA-256 of one line `<expert key>\\t<category>\\n` per eligible expert, sorted by key;
3. draw key: SHA-256 of `evaluator-expert-draw/1\\n<seed>\\n<pool digest>\\n<pilot id>`;
4. each eligible expert's lot: HMAC-SHA256(draw key, expert key); lower lots are drawn first (ties, which
   never happen in practice, by expert key);
5. the K 标准化专家 seats go to the K lowest lots among the 标准化专家; the other N-K seats to the lowest lots
   among everyone left, of any category (so a panel can have more than K 标准化专家); then R reserves, in order,
   from whoever is left; the first 标准化专家 drawn is proposed as 组长.
Every expert of a stratum is treated alike (only the lot, a keyed hash of their identity, decides), and the same
library, pilot and seed always give the same panel and reserves.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from ..domain.evaluation import Evaluation, MemberCategory, Role, Selection
from ..domain.rules import MAX_PANEL, MIN_PANEL, required_standardization_experts
from ..errors import UserError
from .library import IN_LIBRARY, Expert, normalise

DRAW_FORMAT = "evaluator-expert-draw/1"
MAX_SEED_CHARS = 200
MAX_RESERVE = 20
STANDARDIZATION = MemberCategory.STANDARDIZATION.value
STD_SEAT, OTHER_SEAT, RESERVE_SEAT = "标准化专家席位", "其余席位", "备选"


@dataclass(frozen=True)
class DrawRequest:
    size: int
    seed: str
    standardization: int | None = None  # K; None: ceil(size / 3)
    reserve: int = 0
    exclude_orgs: tuple[str, ...] = ()
    allow_unqualified: bool = False


@dataclass(frozen=True)
class PilotInfo:
    id: str  # the evaluation's id, or `试点名称|试点单位` when it has none
    name: str
    unit: str
    guarantor: str = ""

    @classmethod
    def of(cls, evaluation: Evaluation) -> PilotInfo:
        pilot = evaluation.pilot
        name, unit = pilot.get("name", ""), pilot.get("unit", "")
        return cls(evaluation.id or f"{name}|{unit}", name, unit, pilot.get("guarantor", ""))


@dataclass(frozen=True)
class Exclusion:
    expert: Expert
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Drawn:
    expert: Expert
    lot: str  # HMAC-SHA256 hex
    position: int  # 1-based: panel seats first, then reserves
    seat: str  # STD_SEAT, OTHER_SEAT or RESERVE_SEAT
    seat_number: int  # 1-based within its kind of seat
    seats: int  # how many seats of that kind


@dataclass
class DrawResult:
    request: DrawRequest
    pilot: PilotInfo
    standardization: int  # K
    pool_digest: str
    pool: dict[str, int]  # eligible experts per category
    library_size: int
    exclusions: list[Exclusion]
    panel: list[Drawn]
    reserves: list[Drawn]
    waived: list[Exclusion] = field(default_factory=list)  # drawn although short of 第二十八条
    warnings: list[str] = field(default_factory=list)

    @property
    def leader(self) -> Drawn:
        return self.panel[0]


def seats_needed(request: DrawRequest) -> int:
    """K, checked: the 第十九条 minimum ceil(N/3) unless a larger K (at most N) is asked for."""
    size = request.size
    if not MIN_PANEL <= size <= MAX_PANEL:
        raise UserError(f"评估组人数应为 {MIN_PANEL} 至 {MAX_PANEL} 人（第十九条），--size 为 {size}")
    minimum = required_standardization_experts(size)
    k = minimum if request.standardization is None else request.standardization
    if k < minimum:
        raise UserError(f"{size} 人评估组至少需要 {minimum} 名标准化专家（不少于三分之一，第十九条），"
                        f"--standardization 为 {k}")
    if k > size:
        raise UserError(f"--standardization {k} 超过评估组人数 {size}")
    return k


def _check_request(request: DrawRequest) -> None:
    if not request.seed.strip():
        raise UserError("--seed 不能为空：种子须事先公布或当场确定，并写入抽取记录")
    if len(request.seed) > MAX_SEED_CHARS:
        raise UserError(f"--seed 过长（{len(request.seed)} 个字符，最多 {MAX_SEED_CHARS} 个）")
    if not 0 <= request.reserve <= MAX_RESERVE:
        raise UserError(f"--reserve 应在 0 至 {MAX_RESERVE} 之间，实际为 {request.reserve}")


def _conflicts(expert: Expert, pilot: PilotInfo, exclude_orgs: tuple[str, ...]) -> list[str]:
    org = normalise(expert.org)
    reasons = []
    named = [("试点单位", pilot.unit), ("保证单位", pilot.guarantor)] + [("指定回避单位", o) for o in exclude_orgs]
    for label, other in named:
        wanted = normalise(other)
        if wanted and org.startswith(wanted):
            inside = "" if org == wanted else f"下属的{expert.org}"
            reasons.append(f"任职于{label}（{other}）{inside}")
    return reasons


def pool_digest(pool: list[Expert]) -> str:
    lines = sorted(f"{e.key}\t{e.category}\n" for e in pool)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def draw_key(seed: str, digest: str, pilot_id: str) -> bytes:
    return hashlib.sha256(f"{DRAW_FORMAT}\n{seed}\n{digest}\n{pilot_id}".encode()).digest()


def lot(key: bytes, expert: Expert) -> str:
    return hmac.new(key, expert.key.encode("ascii"), hashlib.sha256).hexdigest()


def draw(experts: list[Expert], pilot: PilotInfo, request: DrawRequest) -> DrawResult:
    """The panel and reserves for `request`; UserError (nothing drawn) when it cannot be met."""
    _check_request(request)
    k = seats_needed(request)
    pool: list[Expert] = []
    exclusions: list[Exclusion] = []
    waived: list[Exclusion] = []
    for expert in experts:
        reasons = ([f"状态为{expert.status}"] if expert.status != IN_LIBRARY else [])
        reasons += _conflicts(expert, pilot, request.exclude_orgs)
        shortfalls = expert.shortfalls()
        if reasons or (shortfalls and not request.allow_unqualified):
            exclusions.append(Exclusion(expert, tuple(reasons + shortfalls)))
            continue
        if shortfalls:
            waived.append(Exclusion(expert, tuple(shortfalls)))
        pool.append(expert)
    counts = {c.value: sum(1 for e in pool if e.category == c.value) for c in MemberCategory}
    size = request.size
    if counts[STANDARDIZATION] < k:
        raise UserError(f"无法抽取：符合条件的标准化专家只有 {counts[STANDARDIZATION]} 名，"
                        f"{size} 人评估组需要至少 {k} 名（第十九条）；"
                        f"已排除 {len(exclusions)} 名专家（暂停、回避或不符合第二十八条）")
    if len(pool) < size:
        raise UserError(f"无法抽取：符合条件的专家只有 {len(pool)} 名，评估组需要 {size} 名；"
                        f"已排除 {len(exclusions)} 名专家（暂停、回避或不符合第二十八条）")
    digest = pool_digest(pool)
    key = draw_key(request.seed, digest, pilot.id)
    ordered = sorted(((lot(key, e), e.key, e) for e in pool), key=lambda entry: entry[:2])
    std = [entry for entry in ordered if entry[2].category == STANDARDIZATION][:k]
    taken = {entry[1] for entry in std}
    rest = [entry for entry in ordered if entry[1] not in taken]
    others, reserves = rest[:size - k], rest[size - k:size - k + request.reserve]
    panel = [Drawn(e, h, n, STD_SEAT, n, k) for n, (h, _, e) in enumerate(std, start=1)]
    panel += [Drawn(e, h, k + n, OTHER_SEAT, n, size - k) for n, (h, _, e) in enumerate(others, start=1)]
    spare = [Drawn(e, h, size + n, RESERVE_SEAT, n, request.reserve) for n, (h, _, e) in enumerate(reserves, start=1)]
    warnings = []
    if len(spare) < request.reserve:
        warnings.append(f"备选只抽到 {len(spare)} 名（要求 {request.reserve} 名）：符合条件的专家已全部抽出")
    drawn_keys = {d.expert.key for d in panel + spare}
    waived = [w for w in waived if w.expert.key in drawn_keys]
    for w in waived:
        warnings.append(f"已按 --allow-unqualified 抽取：{'；'.join(w.reasons)}")
    return DrawResult(request, pilot, k, digest, counts, len(experts), exclusions, panel, spare, waived, warnings)


def selection_record(result: DrawResult, drawn: Drawn) -> str:
    where = (f"备选第 {drawn.seat_number} 位" if drawn.seat == RESERVE_SEAT
             else f"第 {drawn.position} 位（{drawn.seat} {drawn.seat_number}/{drawn.seats}）")
    return (f"种子“{result.request.seed}”，{where}；签 {drawn.lot[:16]}；"
            f"抽取池 {result.pool_digest[:16]}（{DRAW_FORMAT}）")


def member_doc(result: DrawResult, drawn: Drawn, member_id: str, role: Role) -> dict:
    """The exchange format's member shape (evaluator-evaluation/1 `panel[]`)."""
    e = drawn.expert
    return {"id": member_id, "name": e.name, "org": e.org, "title": e.title, "phone": e.phone,
            "category": e.category, "role": role.value, "education": e.education,
            "senior_title": e.senior_title, "years": e.years,
            "selection": {"method": Selection.RANDOM.value, "record": selection_record(result, drawn)}}


def panel_docs(result: DrawResult) -> list[dict]:
    return [member_doc(result, d, f"e{n}", Role.LEADER if n == 1 else Role.MEMBER)
            for n, d in enumerate(result.panel, start=1)]


def reserve_docs(result: DrawResult) -> list[dict]:
    return [{**member_doc(result, d, f"r{d.seat_number}", Role.MEMBER), "reserve": d.seat_number}
            for d in result.reserves]


def draw_document(result: DrawResult, by: str = "", witnesses: tuple[str, ...] = ()) -> dict:
    """What `draw --json` prints: the same for the same library, pilot, seed and options."""
    request = result.request
    doc: dict = {
        "format": DRAW_FORMAT,
        "method": "HMAC-SHA256 抽签，见 docs/expert-draw.md",
        "seed": request.seed,
        "pilot": {"id": result.pilot.id, "name": result.pilot.name, "unit": result.pilot.unit,
                  "guarantor": result.pilot.guarantor},
        "size": request.size,
        "standardization_seats": result.standardization,
        "reserve": request.reserve,
        "exclude_orgs": list(request.exclude_orgs),
        "allow_unqualified": request.allow_unqualified,
        "library_size": result.library_size,
        "pool": {"digest": result.pool_digest, "size": sum(result.pool.values()), "by_category": result.pool},
        "exclusions": [{"name": x.expert.name, "org": x.expert.org, "category": x.expert.category,
                        "reasons": list(x.reasons)} for x in result.exclusions],
        "panel": panel_docs(result),
        "leader": "e1",
        "reserves": reserve_docs(result),
        "order": [{"id": doc_id, "position": d.position, "seat": d.seat, "seat_number": d.seat_number,
                   "seats": d.seats, "lot": d.lot} for doc_id, d in _ids(result)],
        "warnings": result.warnings,
    }
    if by:
        doc["by"] = by
    if witnesses:
        doc["witnesses"] = list(witnesses)
    return doc


def _ids(result: DrawResult) -> list[tuple[str, Drawn]]:
    return ([(f"e{n}", d) for n, d in enumerate(result.panel, start=1)]
            + [(f"r{d.seat_number}", d) for d in result.reserves])


def evaluation_with_panel(document: dict, result: DrawResult) -> dict:
    """The pilot's exchange document with its panel replaced by the drawn one (refused when scores or survey
    samples already name members, which the new panel would orphan)."""
    if document.get("scores"):
        raise UserError("评估文件中已有评分，不能替换评估组；抽取应在评估开始前进行")
    if any(isinstance(s, dict) and s.get("collector") for s in document.get("survey") or []):
        raise UserError("评估文件中已有满意度样本记录了调查人，不能替换评估组；抽取应在评估开始前进行")
    return {**document, "panel": panel_docs(result)}
