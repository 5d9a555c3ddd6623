-- Turns: the server-side grant that lets one screen (or one phone's seat) read and change one member's
-- ballot in one round. In the database, not in memory, because the app, web mode and the CLI may share
-- one file: a turn taken in one process is seen by all. Only a hash of the token is kept.
CREATE TABLE turns (
  token_hash TEXT PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  actor TEXT NOT NULL,
  taken_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  UNIQUE (round_id, person_id)
);

-- Which turn wrote a vote: a turn sees the values it wrote, and only filled marks for the rest.
ALTER TABLE score_votes ADD COLUMN turn_hash TEXT;
ALTER TABLE importance_votes ADD COLUMN turn_hash TEXT;
