-- Tokens: the secret is never stored, only its sha256 (hex).
CREATE TABLE tokens (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  hash        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);

-- A scenario is a named scoring configuration; every change is a new row of scenario_versions.
CREATE TABLE scenarios (
  id          TEXT PRIMARY KEY,
  vintage_id  TEXT NOT NULL,
  author      TEXT NOT NULL,
  version     INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
);

CREATE TABLE scenario_versions (
  scenario_id TEXT NOT NULL REFERENCES scenarios (id),
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  config      TEXT NOT NULL CHECK (json_valid(config)),
  author      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (scenario_id, version)
);

CREATE TABLE shortlists (
  id                TEXT PRIMARY KEY,
  title             TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  scenario_id       TEXT REFERENCES scenarios (id),
  scenario_version  INTEGER,
  vintage_id        TEXT NOT NULL,
  config            TEXT NOT NULL CHECK (json_valid(config)),
  result_hash       TEXT NOT NULL,
  level             TEXT NOT NULL,
  items             TEXT NOT NULL CHECK (json_valid(items)),
  author            TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  published_at      TEXT,
  published_by      TEXT
);

CREATE INDEX shortlists_status ON shortlists (status);

-- Published shortlists are immutable, whatever the code above does.
CREATE TRIGGER shortlists_published_no_update BEFORE UPDATE ON shortlists
WHEN OLD.status = 'published'
BEGIN
  SELECT RAISE(ABORT, 'SHORTLIST_PUBLISHED');
END;

CREATE TRIGGER shortlists_published_no_delete BEFORE DELETE ON shortlists
WHEN OLD.status = 'published'
BEGIN
  SELECT RAISE(ABORT, 'SHORTLIST_PUBLISHED');
END;
