-- CreateEnum
CREATE TYPE "office_kind" AS ENUM ('DESTINATION_BUREAU', 'ORIGIN_BUREAU', 'HR_AGENCY', 'TRAINING_INSTITUTION');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('ADMIN', 'SUPERVISOR', 'CASEWORKER', 'PARTNER');

-- CreateEnum
CREATE TYPE "poverty_status" AS ENUM ('REGISTERED_POOR', 'LIFTED', 'LIFTED_UNSTABLE', 'MARGINAL_AT_RISK', 'EPIDEMIC_RETURNED', 'NONE');

-- CreateEnum
CREATE TYPE "relation" AS ENUM ('SELF', 'HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'PARENT_IN_LAW', 'SIBLING', 'GRANDCHILD', 'GRANDPARENT', 'OTHER');

-- CreateEnum
CREATE TYPE "gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "education" AS ENUM ('NONE', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'COLLEGE', 'BACHELOR_OR_ABOVE');

-- CreateEnum
CREATE TYPE "health" AS ENUM ('HEALTHY', 'CHRONIC_ILLNESS', 'DISABLED', 'SERIOUS_ILLNESS');

-- CreateEnum
CREATE TYPE "employment_status" AS ENUM ('UNEMPLOYED', 'EMPLOYED', 'SELF_EMPLOYED', 'IN_TRAINING', 'STUDENT', 'NOT_IN_LABOUR_FORCE');

-- CreateEnum
CREATE TYPE "migration_willingness" AS ENUM ('WILLING', 'UNWILLING', 'UNDECIDED');

-- CreateEnum
CREATE TYPE "track" AS ENUM ('TRANSFER', 'TRAIN_THEN_PLACE', 'LOCAL');

-- CreateEnum
CREATE TYPE "skill_level" AS ENUM ('BASIC', 'SKILLED', 'CERTIFIED');

-- CreateTable
CREATE TABLE "offices" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "name_en" VARCHAR(160) NOT NULL,
    "kind" "office_kind" NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "offices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "username" VARCHAR(60) NOT NULL,
    "display_name" VARCHAR(80) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "office_id" INTEGER NOT NULL,
    "locale" VARCHAR(10) NOT NULL DEFAULT 'zh-CN',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "last_login_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" VARCHAR(200) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "first_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "divisions" (
    "code" VARCHAR(12) NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "level" SMALLINT NOT NULL,
    "parent_code" VARCHAR(12),

    CONSTRAINT "divisions_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "skills" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "name_zh" VARCHAR(80) NOT NULL,
    "name_en" VARCHAR(120) NOT NULL,
    "category" VARCHAR(40) NOT NULL,
    "occupation_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "skills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "households" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "division_code" VARCHAR(12),
    "address_detail" VARCHAR(200),
    "poverty_status" "poverty_status" NOT NULL DEFAULT 'NONE',
    "poverty_status_since" DATE,
    "per_capita_income" INTEGER,
    "registration_note" VARCHAR(500),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "households_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "household_members" (
    "id" SERIAL NOT NULL,
    "household_id" INTEGER NOT NULL,
    "person_id" INTEGER,
    "name" VARCHAR(60) NOT NULL,
    "relation" "relation" NOT NULL,
    "birth_year" SMALLINT,
    "is_labourer" BOOLEAN NOT NULL DEFAULT false,
    "note" VARCHAR(200),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "household_members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "poverty_status_changes" (
    "id" SERIAL NOT NULL,
    "household_id" INTEGER NOT NULL,
    "status" "poverty_status" NOT NULL,
    "effective_date" DATE NOT NULL,
    "note" VARCHAR(500),
    "changed_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "poverty_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "persons" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "caseworker_id" INTEGER,
    "household_id" INTEGER,
    "name" VARCHAR(60) NOT NULL,
    "name_grams" TEXT[],
    "name_initials" VARCHAR(60) NOT NULL,
    "id_cipher" TEXT NOT NULL,
    "id_hash" CHAR(64) NOT NULL,
    "id_last4" CHAR(4) NOT NULL,
    "id_prefix6" CHAR(6) NOT NULL,
    "gender" "gender" NOT NULL,
    "birth_date" DATE NOT NULL,
    "phone" VARCHAR(11),
    "ethnicity" VARCHAR(20),
    "education" "education",
    "health" "health" NOT NULL DEFAULT 'HEALTHY',
    "health_note" VARCHAR(200),
    "origin_division_code" VARCHAR(12) NOT NULL,
    "origin_address_detail" VARCHAR(200),
    "current_division_code" VARCHAR(12),
    "current_address_detail" VARCHAR(200),
    "employment_status" "employment_status" NOT NULL DEFAULT 'UNEMPLOYED',
    "work_history" VARCHAR(2000),
    "migration" "migration_willingness" NOT NULL DEFAULT 'UNDECIDED',
    "migration_note" VARCHAR(200),
    "preferred_sectors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "preferred_regions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expected_wage" INTEGER,
    "needs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "training_wishes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "training_wish_note" VARCHAR(200),
    "consent_given" BOOLEAN NOT NULL DEFAULT false,
    "consent_at" TIMESTAMPTZ(3),
    "derived_track" "track" NOT NULL,
    "track_reason" VARCHAR(40) NOT NULL,
    "track_override" "track",
    "track_override_note" VARCHAR(300),
    "track" "track" NOT NULL,
    "notes" VARCHAR(2000),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "persons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_skills" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "skill_id" INTEGER,
    "custom_name" VARCHAR(80),
    "level" "skill_level" NOT NULL DEFAULT 'BASIC',
    "certificate" VARCHAR(120),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_skills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "office_id" INTEGER,
    "action" VARCHAR(60) NOT NULL,
    "entity_type" VARCHAR(40) NOT NULL,
    "entity_id" VARCHAR(40) NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "ip" VARCHAR(64),

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "offices_code_key" ON "offices"("code");

-- CreateIndex
CREATE INDEX "offices_region_code_idx" ON "offices"("region_code");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE INDEX "users_office_id_idx" ON "users"("office_id");

-- CreateIndex
CREATE INDEX "divisions_parent_code_idx" ON "divisions"("parent_code");

-- CreateIndex
CREATE UNIQUE INDEX "skills_code_key" ON "skills"("code");

-- CreateIndex
CREATE INDEX "households_office_id_idx" ON "households"("office_id");

-- CreateIndex
CREATE INDEX "households_poverty_status_idx" ON "households"("poverty_status");

-- CreateIndex
CREATE UNIQUE INDEX "household_members_person_id_key" ON "household_members"("person_id");

-- CreateIndex
CREATE INDEX "household_members_household_id_idx" ON "household_members"("household_id");

-- CreateIndex
CREATE INDEX "poverty_status_changes_household_id_idx" ON "poverty_status_changes"("household_id");

-- CreateIndex
CREATE INDEX "poverty_status_changes_changed_by_id_idx" ON "poverty_status_changes"("changed_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "persons_id_hash_key" ON "persons"("id_hash");

-- CreateIndex
CREATE INDEX "persons_office_id_id_idx" ON "persons"("office_id", "id");

-- CreateIndex
CREATE INDEX "persons_caseworker_id_id_idx" ON "persons"("caseworker_id", "id");

-- CreateIndex
CREATE INDEX "persons_household_id_idx" ON "persons"("household_id");

-- CreateIndex
CREATE INDEX "persons_employment_status_id_idx" ON "persons"("employment_status", "id");

-- CreateIndex
CREATE INDEX "persons_track_id_idx" ON "persons"("track", "id");

-- CreateIndex
CREATE INDEX "persons_id_last4_idx" ON "persons"("id_last4");

-- CreateIndex
CREATE INDEX "persons_name_grams_idx" ON "persons" USING GIN ("name_grams");

-- CreateIndex
CREATE INDEX "person_skills_skill_id_idx" ON "person_skills"("skill_id");

-- CreateIndex
CREATE UNIQUE INDEX "person_skills_person_id_skill_id_key" ON "person_skills"("person_id", "skill_id");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_at_idx" ON "audit_events"("entity_type", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_at_idx" ON "audit_events"("actor_id", "at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "households" ADD CONSTRAINT "households_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poverty_status_changes" ADD CONSTRAINT "poverty_status_changes_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poverty_status_changes" ADD CONSTRAINT "poverty_status_changes_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persons" ADD CONSTRAINT "persons_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persons" ADD CONSTRAINT "persons_caseworker_id_fkey" FOREIGN KEY ("caseworker_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persons" ADD CONSTRAINT "persons_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
