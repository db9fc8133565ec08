-- Hand-written (prisma/raw-indexes.txt lists the indexes). The supervisor's view counts open
-- follow-ups per caseworker by due date over one office, a region or everything; measured with
-- `npm run bench:followups` at 2,000,000 follow-ups it read the heap for failed_attempts. These
-- answer it from the index alone (index-only scans once autovacuum has set the visibility map).
DROP INDEX "follow_ups_open_office_due_idx";
CREATE INDEX "follow_ups_open_office_due_idx" ON "follow_ups" ("office_id", "due_date", "caseworker_id") INCLUDE ("failed_attempts") WHERE "status" = 'OPEN';
-- Everything (an admin): by due date first.
CREATE INDEX "follow_ups_open_due_idx" ON "follow_ups" ("due_date") INCLUDE ("office_id", "caseworker_id", "failed_attempts") WHERE "status" = 'OPEN';
-- The escalations list: open follow-ups with three failed attempts, few among millions.
CREATE INDEX "follow_ups_open_escalated_idx" ON "follow_ups" ("office_id", "escalated_at", "due_date") WHERE "status" = 'OPEN' AND "failed_attempts" >= 3;
