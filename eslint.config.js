import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const DB_ONLY_IN_DATA_LAYER =
  "Only lib/<domain>/data.ts and mutations.ts touch the database (and lib/db.ts makes the client): " +
  "reads carry the user's scope in their `where`, writes run in a transaction with their audit row. " +
  "Call a data or mutation function instead.";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/**/data.ts", "lib/**/mutations.ts", "lib/db.ts", "lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/db", message: DB_ONLY_IN_DATA_LAYER }],
          patterns: [{ group: ["@/lib/generated/prisma/client", "@prisma/*", "pg"], message: DB_ONLY_IN_DATA_LAYER, allowTypeImports: true }],
        },
      ],
    },
  },
  {
    // Layers go one way: app -> components -> lib.
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/db", message: DB_ONLY_IN_DATA_LAYER }],
          patterns: [
            { group: ["@/app/*", "@/components/*"], message: "lib/ is the product and must not depend on the UI (app -> components -> lib)." },
            { group: ["@/lib/generated/prisma/client", "@prisma/*", "pg"], message: DB_ONLY_IN_DATA_LAYER, allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/data.ts", "lib/**/mutations.ts", "lib/db.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/components/*"], message: "lib/ must not depend on the UI." }] }],
    },
  },
];

export default config;
