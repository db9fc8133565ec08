-- AlterTable
ALTER TABLE "import_batches" ADD COLUMN     "kept_decisions" JSONB,
ADD COLUMN     "rows_purged_at" TIMESTAMPTZ(3);
