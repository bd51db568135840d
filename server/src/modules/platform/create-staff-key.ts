/** CLI: creates a platform staff API key and prints it once. `npm run staff-key -w server -- <name>` */
import { loadConfig } from '@qixue/config';
import { databaseOptions, openDatabase } from '../../db/client';
import { migrate } from '../../db/migrate';
import { hashToken, newToken } from '../../core/tokens';
import { STAFF_KEY_PREFIX } from './staff-auth';

export async function createStaffKey(db: Awaited<ReturnType<typeof openDatabase>>, name: string): Promise<string> {
  const key = STAFF_KEY_PREFIX + newToken();
  await db.prisma.staffApiKey.create({ data: { name, keyHash: hashToken(key) } });
  return key;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: npm run staff-key -w server -- <name>');
    process.exit(2);
  }
  const db = await openDatabase(databaseOptions(loadConfig()));
  await migrate(db);
  const key = await createStaffKey(db, name);
  await db.close();
  console.log(`Staff API key for "${name}" (shown once, store it safely):\n${key}`);
}

if (require.main === module) void main();
