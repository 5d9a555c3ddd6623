-- Verdict's first schema: decisions, their options, criteria and evidence,
-- people and roles, voting rounds with their votes, and an append-only history.

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at TEXT NOT NULL
);

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'proposed', 'accepted', 'rejected', 'deprecated', 'superseded')),
  context TEXT NOT NULL DEFAULT '',
  drivers TEXT NOT NULL DEFAULT '',
  chosen_option_id INTEGER REFERENCES options (id) ON DELETE SET NULL,
  outcome_rationale TEXT NOT NULL DEFAULT '',
  consequences_good TEXT NOT NULL DEFAULT '',
  consequences_bad TEXT NOT NULL DEFAULT '',
  confirmation TEXT NOT NULL DEFAULT '',
  more_info TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  scale_min INTEGER NOT NULL DEFAULT 1,
  scale_max INTEGER NOT NULL DEFAULT 5 CHECK (scale_max > scale_min),
  aggregation TEXT NOT NULL DEFAULT 'mean' CHECK (aggregation IN ('mean', 'median')),
  weighting TEXT NOT NULL DEFAULT 'direct' CHECK (weighting IN ('direct', 'voted')),
  anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX decisions_by_update ON decisions (updated_at DESC);

-- "A supersedes B", kept as data so both records can link to each other.
CREATE TABLE supersessions (
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  superseded_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  PRIMARY KEY (decision_id, superseded_id),
  CHECK (decision_id <> superseded_id)
);
CREATE INDEX supersessions_by_superseded ON supersessions (superseded_id);

CREATE TABLE options (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (decision_id, name)
);

CREATE TABLE criteria (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL COLLATE NOCASE,
  description TEXT NOT NULL DEFAULT '',
  weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),
  UNIQUE (decision_id, name)
);

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  option_id INTEGER NOT NULL REFERENCES options (id) ON DELETE CASCADE,
  criterion_id INTEGER NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evidence_by_option ON evidence (option_id, criterion_id);
CREATE INDEX evidence_by_criterion ON evidence (criterion_id);

CREATE TABLE participants (
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'decision-maker', 'consulted', 'informed')),
  position INTEGER NOT NULL,
  PRIMARY KEY (decision_id, person_id)
);
CREATE INDEX participants_by_person ON participants (person_id);

CREATE TABLE rounds (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('scores', 'weights')),
  -- Set for a re-vote of a single criterion.
  criterion_id INTEGER REFERENCES criteria (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('open', 'revealed')),
  opened_at TEXT NOT NULL,
  revealed_at TEXT,
  UNIQUE (decision_id, seq)
);
-- At most one open round per decision.
CREATE UNIQUE INDEX one_open_round ON rounds (decision_id) WHERE status = 'open';

CREATE TABLE score_votes (
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  option_id INTEGER NOT NULL REFERENCES options (id) ON DELETE CASCADE,
  criterion_id INTEGER NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,
  score INTEGER, -- NULL is an abstention
  why TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (round_id, person_id, option_id, criterion_id)
) WITHOUT ROWID;
CREATE INDEX score_votes_by_option ON score_votes (option_id);
CREATE INDEX score_votes_by_criterion ON score_votes (criterion_id);

CREATE TABLE importance_votes (
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  criterion_id INTEGER NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,
  importance INTEGER, -- NULL is an abstention
  why TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (round_id, person_id, criterion_id)
) WITHOUT ROWID;
CREATE INDEX importance_votes_by_criterion ON importance_votes (criterion_id);

-- Who has finished their ballot in a round.
CREATE TABLE ballots_done (
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  finished_at TEXT NOT NULL,
  PRIMARY KEY (round_id, person_id)
) WITHOUT ROWID;

-- The history outlives the decision it tells of, so no foreign key here.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
);
CREATE INDEX events_by_decision ON events (decision_id, id);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'the history is append-only');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'the history is append-only');
END;
