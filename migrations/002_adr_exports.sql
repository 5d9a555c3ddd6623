-- The ADR files Verdict wrote (with a hash, so an edited file is never overwritten unasked),
-- and existing records a decision supersedes.

CREATE TABLE adr_exports (
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  repo TEXT NOT NULL,
  adr_dir TEXT NOT NULL,
  file TEXT NOT NULL,
  number INTEGER,
  profile TEXT NOT NULL CHECK (profile IN ('madr', 'nygard', 'log4brains')),
  sha256 TEXT NOT NULL,
  exported_at TEXT NOT NULL,
  PRIMARY KEY (repo, adr_dir, file)
);
CREATE INDEX adr_exports_by_decision ON adr_exports (decision_id);

CREATE TABLE adr_supersedes (
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  repo TEXT NOT NULL,
  adr_dir TEXT NOT NULL,
  file TEXT NOT NULL,
  title TEXT NOT NULL,
  number INTEGER,
  PRIMARY KEY (decision_id, repo, adr_dir, file)
);
