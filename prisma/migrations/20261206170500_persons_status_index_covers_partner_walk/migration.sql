-- A partner office's one-character name search with a status filter (王, unemployed, in Haidong)
-- is counted by walking persons in (employment_status, id) order and testing the origin and the
-- name on each row (lib/persons/data.ts, countBroadSearch). At a million people the walk read
-- 73,500 index entries and fetched 73,500 rows, 56,700 of them only to find they were not from
-- the partner's region: 45 ms. Carrying the origin and the name in the index makes the walk an
-- index-only scan. Prisma's schema language cannot say INCLUDE, so the index is in
-- prisma/raw-indexes.txt from now on. Same name, same key: other plans that used it are unchanged.
DROP INDEX IF EXISTS "persons_employment_status_id_idx";
CREATE INDEX "persons_employment_status_id_idx" ON "persons" ("employment_status", "id") INCLUDE ("origin_division_code", "name");
