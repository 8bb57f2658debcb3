// Prisma CLI configuration. The app itself never reads this: it builds its client
// with a driver adapter (src/db/client.ts) and applies migrations with the wasm
// schema engine (src/db/migrate.ts). DATABASE_URL is only needed for `prisma migrate deploy`.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/convene' },
});
