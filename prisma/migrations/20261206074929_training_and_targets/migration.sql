-- CreateEnum
CREATE TYPE "training_kind" AS ENUM ('E_COMMERCE', 'ELDER_CARE', 'INFANT_CARE', 'PLUMBING_ELECTRICAL', 'ONLINE_ENTREPRENEURSHIP', 'COOKING', 'DRIVING', 'MANUFACTURING', 'PRE_JOB', 'VOCATIONAL_CLASS', 'OTHER');

-- CreateEnum
CREATE TYPE "training_delivery" AS ENUM ('IN_ORIGIN', 'IN_DESTINATION');

-- CreateEnum
CREATE TYPE "cohort_status" AS ENUM ('PLANNED', 'RUNNING', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "enrolment_status" AS ENUM ('ENROLLED', 'COMPLETED', 'WITHDRAWN', 'FAILED');

-- CreateEnum
CREATE TYPE "attendance_status" AS ENUM ('PRESENT', 'ABSENT', 'EXCUSED');

-- CreateEnum
CREATE TYPE "target_metric" AS ENUM ('NEW_TRANSFERS', 'ABSORBED', 'PUBLIC_WELFARE', 'TRAINED');

-- CreateTable
CREATE TABLE "training_programmes" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "provider_office_id" INTEGER,
    "provider_name" VARCHAR(120) NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "kind" "training_kind" NOT NULL,
    "delivery" "training_delivery" NOT NULL,
    "division_code" VARCHAR(12) NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "capacity" INTEGER NOT NULL,
    "subsidy_per_person" INTEGER NOT NULL DEFAULT 0,
    "description" VARCHAR(2000),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_programmes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_programme_skills" (
    "programme_id" INTEGER NOT NULL,
    "skill_id" INTEGER NOT NULL,
    "level" "skill_level" NOT NULL DEFAULT 'SKILLED',

    CONSTRAINT "training_programme_skills_pkey" PRIMARY KEY ("programme_id","skill_id")
);

-- CreateTable
CREATE TABLE "training_cohorts" (
    "id" SERIAL NOT NULL,
    "programme_id" INTEGER NOT NULL,
    "office_id" INTEGER NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "capacity" INTEGER NOT NULL,
    "tuition_free" BOOLEAN NOT NULL DEFAULT false,
    "monthly_allowance" INTEGER NOT NULL DEFAULT 0,
    "status" "cohort_status" NOT NULL DEFAULT 'PLANNED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_cohorts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrolments" (
    "id" SERIAL NOT NULL,
    "cohort_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "status" "enrolment_status" NOT NULL DEFAULT 'ENROLLED',
    "enrolled_on" DATE NOT NULL,
    "ended_on" DATE,
    "certificate" VARCHAR(120),
    "certificate_number" VARCHAR(60),
    "note" VARCHAR(500),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "enrolments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance_records" (
    "id" SERIAL NOT NULL,
    "cohort_id" INTEGER NOT NULL,
    "enrolment_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "status" "attendance_status" NOT NULL,
    "recorded_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "allowance_payments" (
    "id" SERIAL NOT NULL,
    "cohort_id" INTEGER NOT NULL,
    "enrolment_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "amount" INTEGER NOT NULL,
    "paid_on" DATE NOT NULL,
    "reference" VARCHAR(80),
    "paid_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "allowance_payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "targets" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "metric" "target_metric" NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "value" INTEGER NOT NULL,
    "note" VARCHAR(500),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reported_figures" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "metric" "target_metric" NOT NULL,
    "as_of" DATE NOT NULL,
    "value" INTEGER NOT NULL,
    "source" VARCHAR(300) NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reported_figures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "training_programmes_office_id_start_date_idx" ON "training_programmes"("office_id", "start_date");

-- CreateIndex
CREATE INDEX "training_programmes_provider_office_id_idx" ON "training_programmes"("provider_office_id");

-- CreateIndex
CREATE INDEX "training_programme_skills_skill_id_idx" ON "training_programme_skills"("skill_id");

-- CreateIndex
CREATE INDEX "training_cohorts_programme_id_idx" ON "training_cohorts"("programme_id");

-- CreateIndex
CREATE INDEX "training_cohorts_office_id_start_date_idx" ON "training_cohorts"("office_id", "start_date");

-- CreateIndex
CREATE INDEX "enrolments_person_id_idx" ON "enrolments"("person_id");

-- CreateIndex
CREATE INDEX "enrolments_status_ended_on_idx" ON "enrolments"("status", "ended_on");

-- CreateIndex
CREATE UNIQUE INDEX "enrolments_cohort_id_person_id_key" ON "enrolments"("cohort_id", "person_id");

-- CreateIndex
CREATE INDEX "attendance_records_cohort_id_day_idx" ON "attendance_records"("cohort_id", "day");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_records_enrolment_id_day_key" ON "attendance_records"("enrolment_id", "day");

-- CreateIndex
CREATE INDEX "allowance_payments_cohort_id_month_idx" ON "allowance_payments"("cohort_id", "month");

-- CreateIndex
CREATE INDEX "allowance_payments_person_id_idx" ON "allowance_payments"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "allowance_payments_enrolment_id_month_key" ON "allowance_payments"("enrolment_id", "month");

-- CreateIndex
CREATE INDEX "targets_office_id_idx" ON "targets"("office_id");

-- CreateIndex
CREATE INDEX "targets_metric_period_start_idx" ON "targets"("metric", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "targets_region_code_metric_period_start_period_end_key" ON "targets"("region_code", "metric", "period_start", "period_end");

-- CreateIndex
CREATE INDEX "reported_figures_metric_as_of_idx" ON "reported_figures"("metric", "as_of");

-- CreateIndex
CREATE INDEX "reported_figures_office_id_idx" ON "reported_figures"("office_id");

-- AddForeignKey
ALTER TABLE "training_programmes" ADD CONSTRAINT "training_programmes_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_programmes" ADD CONSTRAINT "training_programmes_provider_office_id_fkey" FOREIGN KEY ("provider_office_id") REFERENCES "offices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_programme_skills" ADD CONSTRAINT "training_programme_skills_programme_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "training_programmes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_programme_skills" ADD CONSTRAINT "training_programme_skills_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_cohorts" ADD CONSTRAINT "training_cohorts_programme_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "training_programmes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_cohorts" ADD CONSTRAINT "training_cohorts_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "training_cohorts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "training_cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allowance_payments" ADD CONSTRAINT "allowance_payments_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "training_cohorts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allowance_payments" ADD CONSTRAINT "allowance_payments_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allowance_payments" ADD CONSTRAINT "allowance_payments_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "targets" ADD CONSTRAINT "targets_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reported_figures" ADD CONSTRAINT "reported_figures_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules the database keeps whatever code writes (docs/decisions/011, 012).
ALTER TABLE "training_programmes" ADD CONSTRAINT "training_programmes_dates_check" CHECK ("end_date" >= "start_date"),
  ADD CONSTRAINT "training_programmes_capacity_check" CHECK ("capacity" > 0),
  ADD CONSTRAINT "training_programmes_subsidy_check" CHECK ("subsidy_per_person" >= 0);
ALTER TABLE "training_cohorts" ADD CONSTRAINT "training_cohorts_dates_check" CHECK ("end_date" >= "start_date"),
  ADD CONSTRAINT "training_cohorts_capacity_check" CHECK ("capacity" > 0),
  ADD CONSTRAINT "training_cohorts_allowance_check" CHECK ("monthly_allowance" >= 0);
-- An enrolment that is over has the day it ended; one still running has none.
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_ended_check" CHECK (("status" = 'ENROLLED') = ("ended_on" IS NULL)),
  ADD CONSTRAINT "enrolments_ended_after_check" CHECK ("ended_on" IS NULL OR "ended_on" >= "enrolled_on");
-- A month is paid as its first day, for a positive amount.
ALTER TABLE "allowance_payments" ADD CONSTRAINT "allowance_payments_month_check" CHECK (EXTRACT(DAY FROM "month") = 1),
  ADD CONSTRAINT "allowance_payments_amount_check" CHECK ("amount" > 0);
ALTER TABLE "targets" ADD CONSTRAINT "targets_period_check" CHECK ("period_end" >= "period_start"),
  ADD CONSTRAINT "targets_value_check" CHECK ("value" > 0),
  ADD CONSTRAINT "targets_region_check" CHECK (length("region_code") IN (2, 4, 6));
ALTER TABLE "reported_figures" ADD CONSTRAINT "reported_figures_value_check" CHECK ("value" >= 0),
  ADD CONSTRAINT "reported_figures_region_check" CHECK (length("region_code") IN (2, 4, 6));
