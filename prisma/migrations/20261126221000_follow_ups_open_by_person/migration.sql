-- Hand-written (prisma/raw-indexes.txt). "Has this person anything planned?" is asked by every
-- monitoring check (ensureMonitoringIn, and the hourly sweep over everyone lifted or at risk);
-- at 1,000,000 people the sweep's scan took 3-4.5 s without it.
CREATE INDEX "follow_ups_open_person_idx" ON "follow_ups" ("person_id") WHERE "status" = 'OPEN';
