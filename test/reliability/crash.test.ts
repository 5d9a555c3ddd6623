// 1. Crashes: a child casts votes through the handlers and reports each acknowledged one; it is killed with
// SIGKILL at random moments. After every kill the file opens, passes the integrity check, and holds every
// acknowledged vote (or a later vote of the same cell).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/open.ts';
import { openService } from '../../electron/service.ts';
import { ok, tempDir, workshop } from '../helpers.ts';
import { seeded, startWorker } from './child.ts';
import { report } from './report.ts';
import { nthVote } from './sequence.ts';

const KILLS = 25;

describe('crashes', () => {
  it(`loses no acknowledged vote across ${KILLS} SIGKILLs at random moments`, async () => {
    const file = join(tempDir(), 'crash.db');
    const setup = openService(file, { actor: 'setup' });
    const w = workshop(setup, { options: ['Django', 'Flask', 'FastAPI', 'Pyramid', 'Bottle'], criteria: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], weights: [1, 1, 1, 1, 1, 1, 1, 1], members: ['Ana', 'Bo', 'Cy', 'Di'] });
    const round = ok(setup, 'openRound', { decisionId: w.decisionId });
    const detail = ok(setup, 'getDecision', { decisionId: w.decisionId });
    // The members' turns, held across the kills the way an open screen would hold them.
    const turns = Object.fromEntries(w.memberIds.map((m) => [m, ok(setup, 'takeTurn', { decisionId: w.decisionId, memberId: m }).turn]));
    setup.close();
    const cells = 4 * 5 * 8;
    const random = seeded(2026);

    const lastAcked = new Map<number, number>(); // cell → index of its last acknowledged vote
    let maxAcked = -1;
    let acknowledged = 0;
    let killedMidWrite = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const worker = startWorker(['votes', file, w.decisionId, maxAcked + 1, JSON.stringify(turns)]);
      await worker.ready;
      await new Promise((r) => setTimeout(r, 5 + random() * 150));
      worker.child.kill('SIGKILL');
      const { signal } = await worker.exited;
      expect(signal, worker.stderr()).toBe('SIGKILL');
      for (const line of worker.lines) {
        const m = /^ack (\d+)$/.exec(line);
        expect(m, line).not.toBeNull();
        const i = Number(m![1]);
        lastAcked.set(i % cells, i);
        maxAcked = Math.max(maxAcked, i);
        acknowledged++;
      }

      const { db } = openDatabase(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db.prepare<[number], { why: string; score: number }>('SELECT why, score FROM score_votes WHERE round_id = ?').all(round.id);
        const stored = new Map(rows.map((r) => [Number(r.why.slice(1)) % cells, Number(r.why.slice(1))]));
        for (const [cell, i] of lastAcked) {
          const j = stored.get(cell);
          // There, or overwritten by a later vote of the same cell — at most the one in flight at the kill.
          expect(j, `vote ${i} (cell ${cell}) after kill ${kill + 1}`).toBeDefined();
          expect(j! >= i && j! % cells === cell && j! <= maxAcked + 1).toBe(true);
          expect(rows.find((r) => r.why === `v${j}`)!.score).toBe(nthVote(detail, j!).score);
        }
        if ([...stored.values()].includes(maxAcked + 1)) killedMidWrite++;
      } finally {
        db.close();
      }
    }
    expect(acknowledged).toBeGreaterThan(KILLS);
    report('crash', { kills: KILLS, acknowledgedVotes: acknowledged, committedButUnacknowledged: killedMidWrite, lost: 0 });
  }, 300_000);
});
