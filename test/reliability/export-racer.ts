// One exporter in a race (test/reliability/hostile-repos.test.ts): its own database, so no SQLite lock
// orders it against the others; it prints "ready", waits for "go" on stdin, exports, and prints the file.
import { openService } from '../../electron/service.ts';

const [db, repo, title] = process.argv.slice(2) as [string, string, string];
const service = openService(db, { actor: 'racer' });
const created = service.call('createDecision', { title });
if (!created.ok) throw new Error(created.error.message);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  const done = service.call('exportAdr', { decisionId: created.value.id, repo });
  service.close();
  process.stdout.write(`${done.ok ? `wrote ${done.value.path}` : `refused ${done.error.message}`}\n`);
  process.exit(done.ok ? 0 : 1);
});
