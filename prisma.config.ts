import { defineConfig } from "prisma/config";

// Prisma 7 does not load .env, and env("DATABASE_URL") throws during `generate` when it is
// unset; generate needs no database, so an empty URL is fine there.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
