-- persons (office_id, household_id) served the poverty-status filter while it was a semi-join to
-- households. The filter now reads the status copied onto each person
-- (persons_office_poverty_status_id_idx), and no query reads persons by office and household
-- together: the bench cluster's statistics showed no scan of this index at a million people.
-- It still cost every insert into persons, about 0.24 s of an import's 100,000 rows
-- (decision 010). Lookups by household alone keep persons_household_id_idx.
DROP INDEX IF EXISTS "persons_office_household_idx";
