-- AlterTable
ALTER TABLE "reported_figures" ADD COLUMN     "origin_code" VARCHAR(12);

-- The origin is a GB/T 2260 prefix: province, city, county, town or village.
ALTER TABLE "reported_figures" ADD CONSTRAINT "reported_figures_origin_code_check" CHECK ("origin_code" IS NULL OR length("origin_code") IN (2, 4, 6, 9, 12));
