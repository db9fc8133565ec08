-- The GIN index over office + name grams (20261126213854_person_search_office_indexes) answers a
-- gram on its own too: PostgreSQL already chose it for searches without an office. This one
-- only cost every insert into persons its upkeep (about 0.7 s of a 100,000-row import).
-- DropIndex
DROP INDEX IF EXISTS "persons_name_grams_idx";
