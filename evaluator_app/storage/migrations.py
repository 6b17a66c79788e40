"""Schema versions of the evaluation file, applied forward with `PRAGMA user_version`.

Never edit a released step: add a new one. Each step runs in one transaction with the version bump.
"""

from __future__ import annotations

from . import changelog

# An application id marks the file as ours ("EVAL" in ASCII).
APPLICATION_ID = 0x4556414C

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sheet (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    document TEXT NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE TABLE pilot_field (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE member (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    org TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    role TEXT NOT NULL,
    education TEXT NOT NULL DEFAULT '',
    senior_title INTEGER,
    years INTEGER,
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE score (
    id TEXT PRIMARY KEY,
    member_id TEXT REFERENCES member(id) ON DELETE CASCADE,  -- NULL: the panel's consensus score
    item TEXT NOT NULL,
    score TEXT,
    na INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX score_member_item ON score (coalesce(member_id, ''), item);
CREATE TABLE veto_decision (
    code TEXT PRIMARY KEY,
    confirmed INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE bonus_award (
    code TEXT PRIMARY KEY,
    score TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE override (
    item TEXT PRIMARY KEY,
    score TEXT NOT NULL,
    reason TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE sample (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    respondent_type TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL DEFAULT '',
    collector TEXT REFERENCES member(id) ON DELETE SET NULL,
    answers TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
""" + changelog.SCHEMA

# Version 2: how members were chosen and their 回避 declarations, findings and suggestions,
# score revisions of the consensus round, and the record of each on-site step.
_V2 = """
ALTER TABLE member ADD COLUMN selection TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN selection_record TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN recusal TEXT;
ALTER TABLE member ADD COLUMN replaces TEXT NOT NULL DEFAULT '';
CREATE TABLE note (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('finding', 'suggestion')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    item TEXT NOT NULL DEFAULT '',
    step INTEGER,
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE score_revision (
    id TEXT PRIMARY KEY,
    score_id TEXT NOT NULL REFERENCES score(id) ON DELETE CASCADE,
    old_score TEXT,
    new_score TEXT,
    reason TEXT NOT NULL,
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE step_record (
    step INTEGER PRIMARY KEY,
    status TEXT NOT NULL DEFAULT '未开始',
    started_at TEXT NOT NULL DEFAULT '',
    finished_at TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

# Version 3: handwritten signatures (kept when voided: re-signing or unlocking voids, never deletes)
# and the signed versions, the exchange JSON of the evaluation as it was when it was locked.
_V3 = """
CREATE TABLE signature (
    id TEXT PRIMARY KEY,
    signer TEXT NOT NULL,  -- member id; no foreign key, so a signature outlives its member's record
    purpose TEXT NOT NULL CHECK (purpose IN ('sheet', 'report', 'conclusion')),
    signed_at TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    png BLOB NOT NULL,
    strokes TEXT NOT NULL DEFAULT '[]',
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    voided_at TEXT,
    void_reason TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL
);
CREATE UNIQUE INDEX signature_active ON signature (signer, purpose) WHERE voided_at IS NULL;
CREATE TRIGGER signature_no_delete BEFORE DELETE ON signature
BEGIN SELECT RAISE(ABORT, 'signatures are kept; void them instead'); END;
CREATE TRIGGER signature_void_only BEFORE UPDATE ON signature
WHEN OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL OR NEW.id IS NOT OLD.id OR NEW.signer IS NOT OLD.signer
  OR NEW.purpose IS NOT OLD.purpose OR NEW.signed_at IS NOT OLD.signed_at
  OR NEW.content_sha256 IS NOT OLD.content_sha256 OR NEW.png IS NOT OLD.png OR NEW.strokes IS NOT OLD.strokes
  OR NEW.width IS NOT OLD.width OR NEW.height IS NOT OLD.height OR NEW.author IS NOT OLD.author
BEGIN SELECT RAISE(ABORT, 'a signature can only be voided'); END;
CREATE TABLE signed_version (
    id TEXT PRIMARY KEY,
    locked_at TEXT NOT NULL,
    document TEXT NOT NULL,  -- the exchange JSON text (evaluator-evaluation/1) that was signed
    sha256 TEXT NOT NULL,
    signatures TEXT NOT NULL DEFAULT '[]',  -- ids of the signatures that completed it
    author TEXT NOT NULL
);
CREATE TRIGGER signed_version_no_update BEFORE UPDATE ON signed_version
BEGIN SELECT RAISE(ABORT, 'signed versions are kept unchanged'); END;
CREATE TRIGGER signed_version_no_delete BEFORE DELETE ON signed_version
BEGIN SELECT RAISE(ABORT, 'signed versions are kept unchanged'); END;
"""

# Version 4: files and photos kept inside the evaluation file (the unit's 申请表 and 总结报告,
# evidence and photos of steps 3 and 4), each with its SHA-256 and, for images, a thumbnail.
_V4 = """
CREATE TABLE attachment (
    id TEXT PRIMARY KEY,
    step INTEGER,
    item TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    mime TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    thumbnail BLOB,
    caption TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    added_at TEXT NOT NULL
);
"""

# Version 5: the workflow state in typed tables instead of keys of `step_record.data` (whose step
# number depends on the kind: 测评 is step 6 on site and step 5 in a 复查). Moved forward from the
# JSON kept by version 4, which then drops those keys.
_V5 = """
CREATE TABLE sheet_submission (
    scorer TEXT PRIMARY KEY,
    submitted_at TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE TABLE reopened_item (
    scorer TEXT NOT NULL,
    item TEXT NOT NULL,
    reopened_at TEXT NOT NULL,
    author TEXT NOT NULL,
    PRIMARY KEY (scorer, item)
);
CREATE TABLE accepted_disagreement (
    item TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE TABLE check_result (
    step TEXT NOT NULL,
    item TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (step, item)
);
CREATE TEMP VIEW step_key AS
SELECT r.step AS step, CASE
    WHEN (SELECT value FROM meta WHERE key = 'kind') = '复查'
    THEN CASE r.step WHEN 2 THEN 'documents' WHEN 3 THEN 'site' WHEN 5 THEN 'scoring' ELSE '' END
    ELSE CASE r.step WHEN 3 THEN 'documents' WHEN 4 THEN 'site' WHEN 6 THEN 'scoring' ELSE '' END
END AS key FROM step_record r;
INSERT INTO sheet_submission (scorer, submitted_at, author)
SELECT j.key, j.value, r.author FROM step_record r JOIN step_key k ON k.step = r.step,
    json_each(r.data, '$.submitted') j
WHERE k.key = 'scoring' AND json_valid(r.data) AND json_type(r.data, '$.submitted') = 'object'
    AND j.type = 'text';
INSERT OR IGNORE INTO reopened_item (scorer, item, reopened_at, author)
SELECT m.key, i.value, r.updated_at, r.author FROM step_record r JOIN step_key k ON k.step = r.step,
    json_each(r.data, '$.reopened') m, json_each(m.value) i
WHERE k.key = 'scoring' AND json_valid(r.data) AND json_type(r.data, '$.reopened') = 'object'
    AND m.type = 'array' AND i.type = 'text';
INSERT INTO accepted_disagreement (item, reason, accepted_at, author)
SELECT j.key, j.value, r.updated_at, r.author FROM step_record r JOIN step_key k ON k.step = r.step,
    json_each(r.data, '$.accepted') j
WHERE k.key = 'scoring' AND json_valid(r.data) AND json_type(r.data, '$.accepted') = 'object'
    AND j.type = 'text';
INSERT INTO check_result (step, item, status, note, author, updated_at)
SELECT k.key, j.key, coalesce(json_extract(j.value, '$.status'), '未查'), coalesce(json_extract(j.value, '$.note'), ''),
    r.author, r.updated_at FROM step_record r JOIN step_key k ON k.step = r.step,
    json_each(r.data, '$.checks') j
WHERE k.key IN ('documents', 'site') AND json_valid(r.data) AND json_type(r.data, '$.checks') = 'object'
    AND j.type = 'object';
UPDATE step_record SET data = json_remove(data, '$.submitted', '$.reopened', '$.accepted', '$.checks')
WHERE json_valid(data) AND step IN (SELECT step FROM step_key WHERE key IN ('documents', 'site', 'scoring'));
DROP VIEW temp.step_key;
"""

# Version 6: the seal of the file itself. At every signature, lock and unlock the installation's seal
# key signs a statement of the evaluation id, the change-log head at that moment and the digest of
# what was signed; the rows are kept unchanged, like the signatures they vouch for.
_V6 = """
CREATE TABLE file_seal (
    id TEXT PRIMARY KEY,
    statement TEXT NOT NULL,  -- canonical JSON, evaluator-file-seal/1
    signature BLOB NOT NULL,
    certificate BLOB NOT NULL  -- DER of the certificate that made `signature`
);
CREATE TRIGGER file_seal_no_update BEFORE UPDATE ON file_seal
BEGIN SELECT RAISE(ABORT, 'file seals are kept unchanged'); END;
CREATE TRIGGER file_seal_no_delete BEFORE DELETE ON file_seal
BEGIN SELECT RAISE(ABORT, 'file seals are kept unchanged'); END;
"""

# Version 7: several laptops. Each file has a replica id (a copy made for a member gets its own, and
# `bound_member` names whose it is). The leader's file remembers, per source it exchanges with, the
# digest of every record as they last shared it (the base of a three-way merge), where each record
# it took came from, and the conflicts the panel leader still has to decide.
_V7 = """
INSERT OR IGNORE INTO meta (key, value) VALUES ('replica_id', lower(hex(randomblob(16))));
CREATE TABLE sync_source (
    id TEXT PRIMARY KEY,          -- the source's replica id, or json:<sha256> for an exchange document
    member TEXT NOT NULL DEFAULT '',  -- the member a member file is bound to; '' for a whole evaluation
    label TEXT NOT NULL DEFAULT '',   -- file name as last seen
    laptop TEXT NOT NULL DEFAULT '',  -- computer that last wrote it, as it says
    sent_at TEXT NOT NULL DEFAULT '',
    merged_at TEXT NOT NULL DEFAULT '',
    has_base INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_base (
    source TEXT NOT NULL REFERENCES sync_source(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (source, kind, key)
) WITHOUT ROWID;
CREATE TABLE record_origin (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    source TEXT NOT NULL,
    member TEXT NOT NULL DEFAULT '',
    laptop TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL DEFAULT '',  -- when the source recorded it
    merged_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TABLE merge_conflict (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    versions TEXT NOT NULL,  -- JSON list of {source, member, laptop, label, value}, sorted
    opened_at TEXT NOT NULL,
    resolved_at TEXT,
    chosen TEXT,
    reason TEXT NOT NULL DEFAULT '',
    resolved_by TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX merge_conflict_open ON merge_conflict (kind, key) WHERE resolved_at IS NULL;
CREATE INDEX sample_position ON sample (position);
CREATE INDEX note_position ON note (position);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
LATEST_VERSION = len(MIGRATIONS)
