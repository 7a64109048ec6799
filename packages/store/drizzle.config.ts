import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate -w @docket/store` writes a migration for every change to the schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/postgres/schema.ts',
  out: './drizzle',
});
