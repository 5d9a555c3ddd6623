// Benchmarks of the store: a vote through the handler, results and export of a large decision, database size.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openService, type Service } from '../../electron/service.ts';
import { renderMadr } from '../../shared/adr/render.ts';
import type { Method, Output } from '../../shared/api.ts';
import { ms, perSecond, time, type Row } from './harness.ts';

export interface Sizes {
  votes: number;
  large: { members: number; options: number; criteria: number };
  sizeVotes: number;
  runs: number;
}

const call = <M extends Method>(s: Service, name: M, input: unknown): Output<M> => {
  const r = s.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as Output<M>;
};

/** A decision of the given shape with an open scores round; people, options and criteria through the handlers. */
function decision(s: Service, shape: { members: number; options: number; criteria: number }) {
  const d = call(s, 'createDecision', { title: `Bench ${shape.members}×${shape.options}×${shape.criteria}` });
  const members = Array.from({ length: shape.members }, (_, i) => call(s, 'addParticipant', { decisionId: d.id, name: `Member ${d.id}-${i + 1}` }).personId);
  const options = Array.from({ length: shape.options }, (_, i) => call(s, 'addOption', { decisionId: d.id, name: `Option ${i + 1}` }).id);
  const criteria = Array.from({ length: shape.criteria }, (_, i) => call(s, 'addCriterion', { decisionId: d.id, name: `Criterion ${i + 1}`, weight: 1 + (i % 5) }).id);
  const round = call(s, 'openRound', { decisionId: d.id });
  const cells: [number, number, number][] = [];
  for (const m of members) for (const o of options) for (const c of criteria) cells.push([m, o, c]);
  // Each member's turn, as the screen holding their ballot would have it.
  const turns = new Map(members.map((m) => [m, call(s, 'takeTurn', { decisionId: d.id, memberId: m }).turn]));
  return { id: d.id, round: round.id, cells, turns };
}

const upsertSql = `INSERT INTO score_votes (round_id, person_id, option_id, criterion_id, score, why, updated_at) VALUES (?, ?, ?, ?, ?, '', ?)
  ON CONFLICT (round_id, person_id, option_id, criterion_id) DO UPDATE SET score = excluded.score, why = excluded.why, updated_at = excluded.updated_at`;

export async function storeBenchmarks(sizes: Sizes): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-bench-'));
  const rows: Row[] = [];
  try {
    const s = openService(join(dir, 'bench.db'), { actor: 'bench' });

    // 1. A vote through the handler (validation, immediate transaction, event, change feed) against a bare
    //    prepared upsert into the same table, each in its own transaction as a user's vote is.
    const small = decision(s, { members: 12, options: 10, criteria: 15 });
    const upsert = s.ctx.db.prepare(upsertSql);
    let k = 0;
    const handler = await time(
      () => {
        for (let i = 0; i < sizes.votes; i++, k++) {
          const [m, o, c] = small.cells[k % small.cells.length]!;
          call(s, 'castScore', { decisionId: small.id, memberId: m, turn: small.turns.get(m), optionId: o, criterionId: c, score: 1 + (k % 5) });
        }
      },
      { runs: sizes.runs },
    );
    const bare = await time(
      () => {
        for (let i = 0; i < sizes.votes; i++, k++) {
          const [m, o, c] = small.cells[k % small.cells.length]!;
          upsert.run(small.round, m, o, c, 1 + (k % 5), new Date().toISOString());
        }
      },
      { runs: sizes.runs },
    );
    const voteRatio = bare.median / handler.median;
    rows.push({ what: 'casting a vote through the handler', measured: perSecond(sizes.votes, handler), against: `bare prepared upsert: ${perSecond(sizes.votes, bare)}`, ratio: `${voteRatio.toFixed(2)} of bare`, goal: '≥ 0.5 of the bare rate', met: voteRatio >= 0.5 });

    // 2. Results of a large decision through the handler against a bare SELECT of its score rows.
    const big = decision(s, sizes.large);
    s.ctx.db.transaction(() => {
      const at = new Date().toISOString();
      big.cells.forEach(([m, o, c], i) => upsert.run(big.round, m, o, c, 1 + ((m + o * 3 + c * 7 + i) % 5), at));
    })();
    call(s, 'revealRound', { decisionId: big.id });
    const scores = big.cells.length;
    const results = await time(() => call(s, 'results', { decisionId: big.id }), { runs: sizes.runs * 2 });
    const select = s.ctx.db.prepare('SELECT * FROM score_votes WHERE round_id = ?');
    const read = await time(() => select.all(big.round), { runs: sizes.runs * 2 });
    const resultsRatio = results.median / read.median;
    const shape = `${sizes.large.members} members × ${sizes.large.options} options × ${sizes.large.criteria} criteria (${scores.toLocaleString('en')} scores)`;
    rows.push({ what: `results for ${shape}, through the handler`, measured: ms(results), against: `bare SELECT of the rows: ${ms(read)}`, ratio: `${resultsRatio.toFixed(2)}×`, goal: '≤ 2× the bare read', met: resultsRatio <= 2 });

    // 4. Exporting that decision (plan, render, atomic write, record) against rendering alone.
    const detail = call(s, 'getDecision', { decisionId: big.id });
    const outcome = call(s, 'results', { decisionId: big.id });
    const render = await time(() => renderMadr({ decision: detail, results: outcome, date: '2026-11-23', number: 1, supersedes: [], supersededBy: [] }), { runs: sizes.runs * 2 });
    let repoCount = 0;
    const exporting = await time(
      () => {
        const repo = join(dir, `repo-${repoCount++}`);
        mkdirSync(repo);
        call(s, 'exportAdr', { decisionId: big.id, repo, format: 'madr', onConflict: 'refuse' });
      },
      { runs: sizes.runs },
    );
    rows.push({ what: 'exporting the large decision as an ADR', measured: ms(exporting), against: `rendering alone: ${ms(render)}`, ratio: `${(exporting.median / render.median).toFixed(2)}×`, goal: '— (reported)', met: null });
    s.close();

    // 8. Database size per 10,000 votes, through the handlers (each vote also writes its history event).
    const sized = openService(join(dir, 'size.db'), { actor: 'bench' });
    const members = Math.ceil(Math.sqrt(sizes.sizeVotes / 25));
    const target = decision(sized, { members, options: members, criteria: 25 });
    const fileSize = () => {
      sized.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      return statSync(join(dir, 'size.db')).size;
    };
    const before = fileSize();
    for (let i = 0; i < sizes.sizeVotes; i++) {
      const [m, o, c] = target.cells[i % target.cells.length]!;
      call(sized, 'castScore', { decisionId: target.id, memberId: m, turn: target.turns.get(m), optionId: o, criterionId: c, score: 1 + (i % 5), why: i % 4 === 0 ? 'a short reason for this score' : undefined });
    }
    const grown = ((fileSize() - before) * 10_000) / sizes.sizeVotes;
    sized.close();
    rows.push({ what: 'database size per 10,000 votes', measured: `${(grown / 1024 / 1024).toFixed(2)} MiB`, against: '— (votes with a history event each; a quarter with a reason)', ratio: '—', goal: 'reported', met: null });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
