-- CreateEnum
CREATE TYPE "import_status" AS ENUM ('VALIDATING', 'PREVIEW', 'COMMITTING', 'COMMITTED', 'FAILED', 'DISCARDED');

-- CreateEnum
CREATE TYPE "import_row_status" AS ENUM ('NEW', 'UPDATE', 'UNCHANGED', 'ERROR');

-- CreateEnum
CREATE TYPE "conflict_decision" AS ENUM ('TAKE_FILE', 'KEEP_OURS');

-- CreateEnum
CREATE TYPE "exchange_format" AS ENUM ('CSV', 'XLSX');

-- CreateEnum
CREATE TYPE "exchange_direction" AS ENUM ('RECEIVED', 'SENT');

-- CreateEnum
CREATE TYPE "exchange_cadence" AS ENUM ('WEEKLY', 'MONTHLY', 'QUARTERLY');

-- CreateTable
CREATE TABLE "import_batches" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "partner_office_id" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "file_name" VARCHAR(200) NOT NULL,
    "format" "exchange_format" NOT NULL,
    "file_size" INTEGER NOT NULL,
    "file_hash" CHAR(64) NOT NULL,
    "file_data" BYTEA,
    "encoding" VARCHAR(20),
    "status" "import_status" NOT NULL DEFAULT 'VALIDATING',
    "phase" VARCHAR(20),
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "new_rows" INTEGER NOT NULL DEFAULT 0,
    "updated_rows" INTEGER NOT NULL DEFAULT 0,
    "unchanged_rows" INTEGER NOT NULL DEFAULT 0,
    "error_rows" INTEGER NOT NULL DEFAULT 0,
    "conflict_rows" INTEGER NOT NULL DEFAULT 0,
    "base_at" TIMESTAMPTZ(3),
    "duplicate_of_id" INTEGER,
    "error_key" VARCHAR(80),
    "error_params" JSONB,
    "notices" JSONB NOT NULL DEFAULT '[]',
    "heartbeat_at" TIMESTAMPTZ(3),
    "committed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_rows" (
    "batch_id" INTEGER NOT NULL,
    "row_number" INTEGER NOT NULL,
    "status" "import_row_status" NOT NULL,
    "person_id" INTEGER,
    "person_version" INTEGER,
    "household_id" INTEGER,
    "name" VARCHAR(60),
    "id_masked" VARCHAR(18),
    "values" JSONB NOT NULL DEFAULT '{}',
    "errors" JSONB NOT NULL DEFAULT '[]',
    "diff" JSONB NOT NULL DEFAULT '[]',
    "conflict" BOOLEAN NOT NULL DEFAULT false,
    "decision" "conflict_decision",

    CONSTRAINT "import_rows_pkey" PRIMARY KEY ("batch_id","row_number")
);

-- CreateTable
CREATE TABLE "exchange_logs" (
    "id" SERIAL NOT NULL,
    "partner_office_id" INTEGER NOT NULL,
    "office_id" INTEGER NOT NULL,
    "user_id" INTEGER,
    "direction" "exchange_direction" NOT NULL,
    "format" "exchange_format" NOT NULL,
    "file_name" VARCHAR(200) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rows" INTEGER NOT NULL,
    "new_rows" INTEGER NOT NULL DEFAULT 0,
    "updated_rows" INTEGER NOT NULL DEFAULT 0,
    "unchanged_rows" INTEGER NOT NULL DEFAULT 0,
    "batch_id" INTEGER,
    "filters" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "exchange_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exchange_expectations" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "partner_office_id" INTEGER NOT NULL,
    "cadence" "exchange_cadence" NOT NULL,
    "grace_days" INTEGER NOT NULL DEFAULT 5,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_by_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exchange_expectations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_batches_office_id_created_at_idx" ON "import_batches"("office_id", "created_at");

-- CreateIndex
CREATE INDEX "import_batches_partner_office_id_status_committed_at_idx" ON "import_batches"("partner_office_id", "status", "committed_at");

-- CreateIndex
CREATE INDEX "import_batches_created_by_id_idx" ON "import_batches"("created_by_id");

-- CreateIndex
CREATE INDEX "import_batches_file_hash_idx" ON "import_batches"("file_hash");

-- CreateIndex
CREATE INDEX "import_rows_batch_id_status_row_number_idx" ON "import_rows"("batch_id", "status", "row_number");

-- CreateIndex
CREATE UNIQUE INDEX "exchange_logs_batch_id_key" ON "exchange_logs"("batch_id");

-- CreateIndex
CREATE INDEX "exchange_logs_partner_office_id_direction_at_idx" ON "exchange_logs"("partner_office_id", "direction", "at");

-- CreateIndex
CREATE INDEX "exchange_logs_office_id_at_idx" ON "exchange_logs"("office_id", "at");

-- CreateIndex
CREATE INDEX "exchange_logs_user_id_idx" ON "exchange_logs"("user_id");

-- CreateIndex
CREATE INDEX "exchange_expectations_partner_office_id_idx" ON "exchange_expectations"("partner_office_id");

-- CreateIndex
CREATE INDEX "exchange_expectations_updated_by_id_idx" ON "exchange_expectations"("updated_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "exchange_expectations_office_id_partner_office_id_key" ON "exchange_expectations"("office_id", "partner_office_id");

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_partner_office_id_fkey" FOREIGN KEY ("partner_office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exchange_logs" ADD CONSTRAINT "exchange_logs_partner_office_id_fkey" FOREIGN KEY ("partner_office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exchange_logs" ADD CONSTRAINT "exchange_logs_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exchange_logs" ADD CONSTRAINT "exchange_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exchange_logs" ADD CONSTRAINT "exchange_logs_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exchange_expectations" ADD CONSTRAINT "exchange_expectations_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exchange_expectations" ADD CONSTRAINT "exchange_expectations_partner_office_id_fkey" FOREIGN KEY ("partner_office_id") REFERENCES "offices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exchange_expectations" ADD CONSTRAINT "exchange_expectations_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
