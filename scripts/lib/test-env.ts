// Fixed, obviously-fake secrets for the test database and the app under test.
export const TEST_SECRETS = {
  NEXTAUTH_SECRET: "test-secret-not-for-production-0123456789",
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  PII_HASH_KEY: Buffer.alloc(32, 9).toString("base64"),
};
