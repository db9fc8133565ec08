-- The same as 20261206170500 for the track and poverty-status filters: a partner's 王 with the
-- track filter walked (track, id) and fetched every row to test its origin (59 / 68 ms p50/p95
-- at a million people). Same names, same keys; they move to prisma/raw-indexes.txt.
DROP INDEX IF EXISTS "persons_track_id_idx";
CREATE INDEX "persons_track_id_idx" ON "persons" ("track", "id") INCLUDE ("origin_division_code", "name");
DROP INDEX IF EXISTS "persons_poverty_status_id_idx";
CREATE INDEX "persons_poverty_status_id_idx" ON "persons" ("poverty_status", "id") INCLUDE ("origin_division_code", "name");
