-- Indexes for the person list at a million people (scripts/bench.ts measures them).
-- The list counts matches up to 10,001 (lib/persons/data.ts countPersons). A caseworker's or a
-- supervisor's list is always limited to offices, so a filter there is "office AND filter": with
-- only single-column indexes PostgreSQL built a 300,000-entry bitmap of the office and ANDed it
-- with the filter's, or scanned the table (100-400 ms). With the office first and the filter
-- second, the count is an index-only scan of the matches themselves, and ORDER BY id DESC still
-- walks one index for a single office. Listed in prisma/raw-indexes.txt (not in schema.prisma).
CREATE INDEX "persons_office_employment_status_id_idx" ON "persons" ("office_id", "employment_status", "id");
CREATE INDEX "persons_office_track_id_idx" ON "persons" ("office_id", "track", "id");
CREATE INDEX "persons_office_caseworker_id_idx" ON "persons" ("office_id", "caseworker_id", "id");
CREATE INDEX "persons_office_origin_division_pattern_idx" ON "persons" ("office_id", "origin_division_code" text_pattern_ops, "id");

-- The poverty-status filter is a semi-join to households: households of a status by an
-- index-only scan, joined to the office's people through an index that holds both keys, instead
-- of a heap visit per person or per household.
CREATE INDEX "persons_office_household_idx" ON "persons" ("office_id", "household_id");
CREATE INDEX "households_poverty_status_id_idx" ON "households" ("poverty_status", "id");
