-- Broad searches in one office (scripts/bench.ts: one common character, one pinyin initial, three
-- digits). The list's page is cheap (it walks the office's newest ids until it has 50), but the
-- count up to 1,001 is a bitmap scan: PostgreSQL ANDed the search's bitmap (75,000 people for
-- '王') with a 300,000-entry bitmap of the office, or scanned the table, at 70-300 ms. With the
-- office first in the search's own index, the bitmap holds only the office's matches (21,000 for
-- '王') and the count reads 1,001 of them. Listed in prisma/raw-indexes.txt (not in schema.prisma).

-- GIN over an integer and a text[] needs btree_gin's operator class for the integer (contrib).
CREATE EXTENSION IF NOT EXISTS "btree_gin";

-- One character, two characters of a name, and the Latin-letter grams of the initials search.
CREATE INDEX "persons_office_name_grams_idx" ON "persons" USING GIN ("office_id", "name_grams");
-- Pinyin initials by prefix ('w').
CREATE INDEX "persons_office_name_initials_pattern_idx" ON "persons" ("office_id", "name_initials" text_pattern_ops);
-- A phone number's first digits ('138').
CREATE INDEX "persons_office_phone_pattern_idx" ON "persons" ("office_id", "phone" text_pattern_ops);
