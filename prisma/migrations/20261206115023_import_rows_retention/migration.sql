-- AlterTable
ALTER TABLE "import_batches" ADD COLUMN     "rows_purged_at" TIMESTAMPTZ(3);
