-- CreateEnum
CREATE TYPE "vacancy_kind" AS ENUM ('REGULAR', 'PUBLIC_WELFARE');

-- CreateEnum
CREATE TYPE "vacancy_status" AS ENUM ('DRAFT', 'OPEN', 'FILLED', 'CLOSED');

-- CreateEnum
CREATE TYPE "gender_requirement" AS ENUM ('NONE', 'MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "skill_requirement" AS ENUM ('REQUIRED', 'NICE_TO_HAVE', 'CERTIFICATE');

-- CreateEnum
CREATE TYPE "referral_status" AS ENUM ('SHORTLISTED', 'REFERRED', 'HIRED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "referral_source" AS ENUM ('SUGGESTION', 'DRIVE', 'MANUAL');

-- CreateEnum
CREATE TYPE "dismiss_reason" AS ENUM ('NOT_INTERESTED', 'WAGE_TOO_LOW', 'TOO_FAR', 'UNSUITABLE_WORK', 'HEALTH', 'FAMILY', 'OTHER');

-- CreateEnum
CREATE TYPE "suggestion_direction" AS ENUM ('VACANCIES_FOR_PERSON', 'CANDIDATES_FOR_VACANCY');

-- CreateEnum
CREATE TYPE "drive_status" AS ENUM ('PROPOSED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "placement_status" AS ENUM ('ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "end_reason" AS ENUM ('DID_NOT_ADAPT', 'WAGE', 'HOUSING', 'FAMILY', 'HEALTH', 'EMPLOYER_CLOSED', 'RETURNED_HOME', 'FOUND_ANOTHER_JOB', 'COMMUTE', 'OTHER');

-- CreateTable
CREATE TABLE "occupations" (
    "code" VARCHAR(16) NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "title_en" VARCHAR(200),
    "level" SMALLINT NOT NULL,
    "parent_code" VARCHAR(16),

    CONSTRAINT "occupations_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "employers" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "uscc" CHAR(18) NOT NULL,
    "industry" VARCHAR(40),
    "division_code" VARCHAR(12) NOT NULL,
    "address_detail" VARCHAR(200),
    "contact_name" VARCHAR(60),
    "contact_phone" VARCHAR(20),
    "notes" VARCHAR(2000),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "employers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vacancies" (
    "id" SERIAL NOT NULL,
    "employer_id" INTEGER NOT NULL,
    "office_id" INTEGER NOT NULL,
    "kind" "vacancy_kind" NOT NULL DEFAULT 'REGULAR',
    "title" VARCHAR(120) NOT NULL,
    "occupation_code" VARCHAR(16),
    "sector" VARCHAR(40),
    "description" VARCHAR(4000),
    "openings" INTEGER NOT NULL,
    "filled" INTEGER NOT NULL DEFAULT 0,
    "wage_min" INTEGER,
    "wage_max" INTEGER,
    "division_code" VARCHAR(12) NOT NULL,
    "county_code" CHAR(6) NOT NULL,
    "address_detail" VARCHAR(200),
    "room_and_board" BOOLEAN NOT NULL DEFAULT false,
    "training_provided" BOOLEAN NOT NULL DEFAULT false,
    "training_description" VARCHAR(300),
    "training_days" INTEGER,
    "age_min" SMALLINT,
    "age_max" SMALLINT,
    "gender_requirement" "gender_requirement" NOT NULL DEFAULT 'NONE',
    "start_date" DATE,
    "status" "vacancy_status" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vacancies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vacancy_skills" (
    "vacancy_id" INTEGER NOT NULL,
    "skill_id" INTEGER NOT NULL,
    "requirement" "skill_requirement" NOT NULL DEFAULT 'REQUIRED',

    CONSTRAINT "vacancy_skills_pkey" PRIMARY KEY ("vacancy_id","skill_id")
);

-- CreateTable
CREATE TABLE "referrals" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "vacancy_id" INTEGER NOT NULL,
    "status" "referral_status" NOT NULL,
    "source" "referral_source" NOT NULL DEFAULT 'SUGGESTION',
    "score" DOUBLE PRECISION,
    "algorithm_version" VARCHAR(40),
    "drive_id" INTEGER,
    "note" VARCHAR(500),
    "created_by_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "referrals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suggestion_dismissals" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "vacancy_id" INTEGER NOT NULL,
    "reason" "dismiss_reason" NOT NULL,
    "note" VARCHAR(500),
    "person_version" INTEGER NOT NULL,
    "vacancy_version" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suggestion_dismissals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suggestion_logs" (
    "id" BIGSERIAL NOT NULL,
    "shown_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shown_by_id" INTEGER,
    "direction" "suggestion_direction" NOT NULL,
    "person_id" INTEGER NOT NULL,
    "vacancy_id" INTEGER NOT NULL,
    "rank" SMALLINT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "algorithm_version" VARCHAR(40) NOT NULL,

    CONSTRAINT "suggestion_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recruitment_drives" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "status" "drive_status" NOT NULL DEFAULT 'PROPOSED',
    "vacancy_ids" INTEGER[],
    "pool_size" INTEGER NOT NULL,
    "total_score" DOUBLE PRECISION NOT NULL,
    "upper_bound" DOUBLE PRECISION NOT NULL,
    "algorithm_version" VARCHAR(40) NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recruitment_drives_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drive_lines" (
    "id" SERIAL NOT NULL,
    "drive_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "vacancy_id" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "accepted" BOOLEAN,

    CONSTRAINT "drive_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "placements" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "vacancy_id" INTEGER,
    "employer_id" INTEGER NOT NULL,
    "office_id" INTEGER NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "occupation_code" VARCHAR(16),
    "county_code" CHAR(6) NOT NULL,
    "room_and_board" BOOLEAN NOT NULL DEFAULT false,
    "monthly_wage" INTEGER,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "end_reason" "end_reason",
    "end_note" VARCHAR(500),
    "status" "placement_status" NOT NULL DEFAULT 'ACTIVE',
    "created_by_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "placements_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "occupations_parent_code_idx" ON "occupations"("parent_code");

-- CreateIndex
CREATE UNIQUE INDEX "employers_uscc_key" ON "employers"("uscc");

-- CreateIndex
CREATE INDEX "employers_office_id_idx" ON "employers"("office_id");

-- CreateIndex
CREATE INDEX "vacancies_employer_id_idx" ON "vacancies"("employer_id");

-- CreateIndex
CREATE INDEX "vacancies_office_id_id_idx" ON "vacancies"("office_id", "id");

-- CreateIndex
CREATE INDEX "vacancies_status_id_idx" ON "vacancies"("status", "id");

-- CreateIndex
CREATE INDEX "vacancies_updated_at_idx" ON "vacancies"("updated_at");

-- CreateIndex
CREATE INDEX "vacancy_skills_skill_id_idx" ON "vacancy_skills"("skill_id");

-- CreateIndex
CREATE INDEX "referrals_vacancy_id_idx" ON "referrals"("vacancy_id");

-- CreateIndex
CREATE INDEX "referrals_drive_id_idx" ON "referrals"("drive_id");

-- CreateIndex
CREATE UNIQUE INDEX "referrals_person_id_vacancy_id_key" ON "referrals"("person_id", "vacancy_id");

-- CreateIndex
CREATE INDEX "suggestion_dismissals_vacancy_id_idx" ON "suggestion_dismissals"("vacancy_id");

-- CreateIndex
CREATE UNIQUE INDEX "suggestion_dismissals_person_id_vacancy_id_key" ON "suggestion_dismissals"("person_id", "vacancy_id");

-- CreateIndex
CREATE INDEX "suggestion_logs_vacancy_id_shown_at_idx" ON "suggestion_logs"("vacancy_id", "shown_at");

-- CreateIndex
CREATE INDEX "suggestion_logs_person_id_shown_at_idx" ON "suggestion_logs"("person_id", "shown_at");

-- CreateIndex
CREATE INDEX "recruitment_drives_office_id_idx" ON "recruitment_drives"("office_id");

-- CreateIndex
CREATE INDEX "drive_lines_person_id_idx" ON "drive_lines"("person_id");

-- CreateIndex
CREATE INDEX "drive_lines_vacancy_id_idx" ON "drive_lines"("vacancy_id");

-- CreateIndex
CREATE UNIQUE INDEX "drive_lines_drive_id_person_id_key" ON "drive_lines"("drive_id", "person_id");

-- CreateIndex
CREATE INDEX "placements_person_id_start_date_idx" ON "placements"("person_id", "start_date");

-- CreateIndex
CREATE INDEX "placements_vacancy_id_idx" ON "placements"("vacancy_id");

-- CreateIndex
CREATE INDEX "placements_employer_id_idx" ON "placements"("employer_id");

-- CreateIndex
CREATE INDEX "placements_updated_at_idx" ON "placements"("updated_at");

-- CreateIndex
CREATE INDEX "households_updated_at_idx" ON "households"("updated_at");

-- CreateIndex
CREATE INDEX "persons_updated_at_idx" ON "persons"("updated_at");

-- AddForeignKey
ALTER TABLE "employers" ADD CONSTRAINT "employers_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_employer_id_fkey" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vacancy_skills" ADD CONSTRAINT "vacancy_skills_vacancy_id_fkey" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vacancy_skills" ADD CONSTRAINT "vacancy_skills_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_vacancy_id_fkey" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_drive_id_fkey" FOREIGN KEY ("drive_id") REFERENCES "recruitment_drives"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestion_dismissals" ADD CONSTRAINT "suggestion_dismissals_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestion_dismissals" ADD CONSTRAINT "suggestion_dismissals_vacancy_id_fkey" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recruitment_drives" ADD CONSTRAINT "recruitment_drives_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drive_lines" ADD CONSTRAINT "drive_lines_drive_id_fkey" FOREIGN KEY ("drive_id") REFERENCES "recruitment_drives"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drive_lines" ADD CONSTRAINT "drive_lines_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drive_lines" ADD CONSTRAINT "drive_lines_vacancy_id_fkey" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_vacancy_id_fkey" FOREIGN KEY ("vacancy_id") REFERENCES "vacancies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_employer_id_fkey" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- Rules the database keeps whatever the application does (Prisma's schema cannot express them).
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_filled_within_openings" CHECK ("filled" >= 0 AND "filled" <= "openings");
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_wage_range" CHECK ("wage_min" IS NULL OR "wage_max" IS NULL OR "wage_min" <= "wage_max");
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_age_range" CHECK ("age_min" IS NULL OR "age_max" IS NULL OR "age_min" <= "age_max");
ALTER TABLE "placements" ADD CONSTRAINT "placements_end_date_and_reason_together" CHECK (("end_date" IS NULL) = ("end_reason" IS NULL));
ALTER TABLE "placements" ADD CONSTRAINT "placements_status_matches_end" CHECK (("status" = 'ENDED') = ("end_date" IS NOT NULL));
-- At most one active placement per person: a second can only start when the first ends
-- (a reassignment does both in one transaction).
CREATE UNIQUE INDEX "placements_one_active_per_person" ON "placements" ("person_id") WHERE "status" = 'ACTIVE';
