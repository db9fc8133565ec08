-- The last four characters of an ID number were kept in clear (id_last4) beside the issuing
-- region (id_prefix6) and the birth date: together they are the whole number, so the ciphertext
-- protected nothing. They are kept from now on only as a keyed hash (decision 004).
-- The hash needs PII_HASH_KEY, which SQL does not have: `npm run db:migrate` (and `npm start`)
-- fill these columns from id_last4 right after this file, in the same transaction
-- (scripts/lib/migrate.ts, DATA_STEPS). The next migration drops the clear column.
ALTER TABLE "persons" ADD COLUMN "id_last4_hash" CHAR(16);
ALTER TABLE "import_rows" ADD COLUMN "id_last4_hash" CHAR(16);
