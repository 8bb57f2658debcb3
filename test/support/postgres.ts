// Tests against a real PostgreSQL server (TEST_DATABASE_URL) each use a throwaway schema.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function testSchemaName(): string {
  return `convene_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
