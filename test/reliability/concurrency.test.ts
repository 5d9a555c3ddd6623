// 2. Two writers: the app's own store and two other processes (CLI-like) write to one database at once.
// No SQLITE_BUSY reaches anyone, and every write is there afterwards.
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openService } from '../../electron/service.ts';
import { tempDir } from '../helpers.ts';
import { startWorker } from './child.ts';
import { report } from './report.ts';

const PER_WRITER = 300;

describe('two writers', () => {
  it('processes writing the same database at once all succeed, and nothing is lost', async () => {
    const file = join(tempDir(), 'shared.db');
    const app = openService(file, { actor: 'desktop' });
    const workers = [startWorker(['writer', file, 'cli-a', PER_WRITER]), startWorker(['writer', file, 'cli-b', PER_WRITER])];
    await Promise.all(workers.map((w) => w.ready));

    // The "window" writes too, yielding between calls as the main process does between IPC messages.
    const appErrors: string[] = [];
    let appWritten = 0;
    let running = true;
    void Promise.all(workers.map((w) => w.exited)).then(() => (running = false));
    while (running || appWritten < 50) {
      const d = app.call('createDecision', { title: `window ${appWritten}` });
      if (d.ok) appWritten++;
      else appErrors.push(d.error.code);
      await new Promise((r) => setImmediate(r));
    }

    const summaries = workers.map((w) => JSON.parse(w.lines.at(-1)!) as { written: number; errors: string[] });
    for (const [i, w] of workers.entries()) expect(w.stderr(), `worker ${i}`).toBe('');
    expect(summaries).toEqual([
      { written: PER_WRITER, errors: [] },
      { written: PER_WRITER, errors: [] },
    ]);
    expect(appErrors).toEqual([]);
    const titles = app.ctx.db.prepare<[], { title: string }>('SELECT title FROM decisions').all().map((r) => r.title);
    expect(titles).toHaveLength(2 * PER_WRITER + appWritten);
    for (const name of ['cli-a', 'cli-b']) for (let k = 0; k < PER_WRITER; k++) expect(titles).toContain(`${name} ${k}`);
    expect(app.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    report('two writers', { processes: 3, writes: 2 * PER_WRITER * 2 + appWritten, busyErrors: 0, lost: 0 });
    app.close();
  }, 120_000);

  it('two processes opening an old file at once both succeed, and leave one backup', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = tempDir();
      const file = join(dir, 'old.db');
      copyFileSync(join(import.meta.dirname, '../fixtures/db/v1.sqlite'), file);
      const workers = [startWorker(['open', file]), startWorker(['open', file])];
      await Promise.all(workers.map((w) => w.ready));
      // Both are loaded and waiting: let them go at the same moment.
      for (const w of workers) w.child.stdin!.end('go\n');
      await Promise.all(workers.map((w) => w.exited));
      const answers = workers.map((w) => JSON.parse(w.lines.at(-1) ?? '{}') as { backup?: string | null; error?: string });
      expect(answers.map((a) => a.error ?? 'ok'), workers.map((w) => w.stderr()).join('\n')).toEqual(['ok', 'ok']);
      expect(answers.filter((a) => a.backup).length).toBe(1);
      expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
      const check = openService(file, { actor: 'test' });
      expect(check.call('getDecision', { decisionId: 1 })).toMatchObject({ ok: true, value: { status: 'accepted' } });
      check.close();
    }
  }, 60_000);
});
