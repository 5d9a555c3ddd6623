-- Who voted what, as the exported record says it: by name, by role only, or by nobody.
-- Anonymous decisions always say nobody, whatever this holds.
ALTER TABLE decisions ADD COLUMN record_names TEXT NOT NULL DEFAULT 'names' CHECK (record_names IN ('names', 'roles', 'nobody'));
