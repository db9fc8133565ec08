-- CreateEnum
CREATE TYPE "contract_type" AS ENUM ('FIXED_TERM', 'OPEN_ENDED', 'PROBATION', 'DISPATCH', 'PART_TIME', 'PUBLIC_WELFARE', 'NONE');

-- CreateEnum
CREATE TYPE "support_kind" AS ENUM ('RENT_WAIVER', 'UTILITY_WAIVER', 'TRANSPORT_ALLOWANCE', 'LIVING_ALLOWANCE', 'JOB_STABILITY_SUBSIDY', 'OTHER');

-- CreateEnum
CREATE TYPE "follow_up_reason" AS ENUM ('PLACEMENT', 'MONITORING', 'MANUAL');

-- CreateEnum
CREATE TYPE "follow_up_status" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "contact_channel" AS ENUM ('PHONE', 'WECHAT', 'VISIT', 'EMPLOYER', 'FAMILY', 'OTHER');

-- CreateEnum
CREATE TYPE "follow_up_outcome" AS ENUM ('SETTLED', 'STRUGGLING', 'WANTS_CHANGE', 'LEFT_JOB', 'RETURNED_HOME');

-- CreateEnum
CREATE TYPE "notification_kind" AS ENUM ('OVERDUE', 'ESCALATION', 'ESCALATION_RAISED');

-- AlterTable
ALTER TABLE "offices" ADD COLUMN     "follow_up_cadence" INTEGER[] DEFAULT ARRAY[7, 30, 90, 180, 365]::INTEGER[],
ADD COLUMN     "monitoring_interval_days" INTEGER NOT NULL DEFAULT 90;

-- AlterTable
ALTER TABLE "persons" ADD COLUMN     "at_risk" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "at_risk_note" VARCHAR(300),
ADD COLUMN     "poverty_status" "poverty_status" NOT NULL DEFAULT 'NONE';

-- AlterTable
ALTER TABLE "placements" ADD COLUMN     "contract_type" "contract_type" NOT NULL DEFAULT 'FIXED_TERM',
ADD COLUMN     "ended_by_id" INTEGER,
ADD COLUMN     "holds_opening" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "previous_placement_id" INTEGER,
ADD COLUMN     "referral_id" INTEGER;

-- CreateTable
CREATE TABLE "placement_supports" (
    "id" SERIAL NOT NULL,
    "placement_id" INTEGER NOT NULL,
    "kind" "support_kind" NOT NULL,
    "monthly_amount" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "note" VARCHAR(200),

    CONSTRAINT "placement_supports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_ups" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "placement_id" INTEGER,
    "office_id" INTEGER NOT NULL,
    "caseworker_id" INTEGER,
    "reason" "follow_up_reason" NOT NULL,
    "cadence_day" INTEGER,
    "due_date" DATE NOT NULL,
    "status" "follow_up_status" NOT NULL DEFAULT 'OPEN',
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "escalated_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "outcome" "follow_up_outcome",
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up_contacts" (
    "id" SERIAL NOT NULL,
    "follow_up_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" "contact_channel" NOT NULL,
    "reached" BOOLEAN NOT NULL,
    "outcome" "follow_up_outcome",
    "income" INTEGER,
    "notes" VARCHAR(1000),
    "recorded_by_id" INTEGER,

    CONSTRAINT "follow_up_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" "notification_kind" NOT NULL,
    "dedupe_key" VARCHAR(80) NOT NULL,
    "person_id" INTEGER,
    "follow_up_id" INTEGER,
    "params" JSONB NOT NULL DEFAULT '{}',
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "placement_supports_placement_id_idx" ON "placement_supports"("placement_id");

-- CreateIndex
CREATE INDEX "follow_ups_person_id_due_date_idx" ON "follow_ups"("person_id", "due_date");

-- CreateIndex
CREATE INDEX "follow_ups_placement_id_idx" ON "follow_ups"("placement_id");

-- CreateIndex
CREATE INDEX "follow_up_contacts_follow_up_id_at_idx" ON "follow_up_contacts"("follow_up_id", "at");

-- CreateIndex
CREATE INDEX "follow_up_contacts_person_id_at_idx" ON "follow_up_contacts"("person_id", "at");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_dedupe_key_key" ON "notifications"("user_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "persons_poverty_status_id_idx" ON "persons"("poverty_status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "placements_previous_placement_id_key" ON "placements"("previous_placement_id");

-- CreateIndex
CREATE INDEX "placements_referral_id_idx" ON "placements"("referral_id");

-- CreateIndex
CREATE INDEX "placements_office_id_start_date_idx" ON "placements"("office_id", "start_date");

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_previous_placement_id_fkey" FOREIGN KEY ("previous_placement_id") REFERENCES "placements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placement_supports" ADD CONSTRAINT "placement_supports_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_caseworker_id_fkey" FOREIGN KEY ("caseworker_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_follow_up_id_fkey" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (prisma/raw-indexes.txt lists the indexes) ----------------------------------

-- The household's poverty status on each member, filled once here; createPerson, the household
-- mutations and changePovertyStatus keep it in step from now on.
UPDATE "persons" p SET "poverty_status" = h."poverty_status" FROM "households" h WHERE p."household_id" = h."id" AND p."poverty_status" <> h."poverty_status";
CREATE INDEX "persons_office_poverty_status_id_idx" ON "persons" ("office_id", "poverty_status", "id");

-- "My day" for a caseworker and the supervisor's view of an office read open follow-ups by due
-- date; the sweep finds unescalated third failures.
CREATE INDEX "follow_ups_open_caseworker_due_idx" ON "follow_ups" ("caseworker_id", "due_date") WHERE "status" = 'OPEN';
CREATE INDEX "follow_ups_open_office_due_idx" ON "follow_ups" ("office_id", "due_date", "caseworker_id") WHERE "status" = 'OPEN';
CREATE INDEX "follow_ups_to_escalate_idx" ON "follow_ups" ("id") WHERE "status" = 'OPEN' AND "failed_attempts" >= 3 AND "escalated_at" IS NULL;
-- One open placement follow-up per placement and cadence day (the plan is idempotent).
CREATE UNIQUE INDEX "follow_ups_placement_cadence_once" ON "follow_ups" ("placement_id", "cadence_day") WHERE "reason" = 'PLACEMENT';
-- At most one open monitoring follow-up per person.
CREATE UNIQUE INDEX "follow_ups_one_open_monitoring" ON "follow_ups" ("person_id") WHERE "reason" = 'MONITORING' AND "status" = 'OPEN';
CREATE INDEX "notifications_unread_idx" ON "notifications" ("user_id", "created_at") WHERE "read_at" IS NULL;

ALTER TABLE "placements" ADD CONSTRAINT "placements_end_after_start" CHECK ("end_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "placements" ADD CONSTRAINT "placements_wage_positive" CHECK ("monthly_wage" IS NULL OR "monthly_wage" > 0);
ALTER TABLE "placements" ADD CONSTRAINT "placements_not_own_previous" CHECK ("previous_placement_id" IS NULL OR "previous_placement_id" <> "id");
ALTER TABLE "placement_supports" ADD CONSTRAINT "placement_supports_amount" CHECK ("monthly_amount" >= 0);
ALTER TABLE "placement_supports" ADD CONSTRAINT "placement_supports_period" CHECK ("end_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_done_has_outcome" CHECK (("status" = 'DONE') = ("completed_at" IS NOT NULL) AND ("status" = 'DONE') = ("outcome" IS NOT NULL));
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_attempts" CHECK ("failed_attempts" >= 0);
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_outcome_when_reached" CHECK ("reached" = ("outcome" IS NOT NULL));
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_income" CHECK ("income" IS NULL OR "income" >= 0);
ALTER TABLE "offices" ADD CONSTRAINT "offices_monitoring_interval" CHECK ("monitoring_interval_days" BETWEEN 7 AND 366);
