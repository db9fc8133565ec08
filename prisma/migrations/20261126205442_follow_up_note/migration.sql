-- AlterTable
ALTER TABLE "follow_ups" ADD COLUMN     "note" VARCHAR(300);
