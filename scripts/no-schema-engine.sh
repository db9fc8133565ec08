#!/bin/sh
# Prisma's native schema engine is downloaded from a host these machines cannot reach.
# generate/validate/format do not need it; migrations are applied by scripts/db-migrate.ts and
# created by scripts/migration-create.ts (schema-engine-wasm). Say so honestly if anything calls us.
echo "schema engine not installed (see docs/decisions/002-migrations-without-native-engine.md)" >&2
exit 1
