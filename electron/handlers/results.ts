// Results from the revealed rounds: for each criterion, the votes of its latest revealed round.
import type { Parsed } from '../../shared/api.ts';
import { fail } from '../../shared/reply.ts';
import { ranks, score, type Vote } from '../../shared/scoring/index.ts';
import type { RobustnessInput } from '../../shared/scoring/robustness.ts';
import { resultSentences } from '../../shared/scoring/sentences.ts';
import type { ResultFlip, ResultMember, ResultRobustness, Results, ResultVote } from '../../shared/types.ts';
import type { Ctx } from '../context.ts';
import { criteriaOf, decisionRow, openRoundOf, optionsOf, participantsOf, type DecisionRow, type RoundRow } from './lookup.ts';
import { cellKey, earlierFlags } from './earlier-flags.ts';
import { earlierReasons, reasonKey } from './reasons.ts';
import { roundsOf } from './rounds.ts';

/** For each criterion, the id of the latest revealed round of that kind that covers it. */
function latestRounds(rounds: readonly RoundRow[], kind: RoundRow['kind'], criterionIds: readonly number[]): Map<number, number> {
  const byCriterion = new Map<number, number>();
  const revealed = rounds.filter((r) => r.kind === kind && r.status === 'revealed').sort((a, b) => b.seq - a.seq);
  for (const k of criterionIds) {
    const r = revealed.find((x) => x.criterion_id === null || x.criterion_id === k);
    if (r !== undefined) byCriterion.set(k, r.id);
  }
  return byCriterion;
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Results without the hidden-votes check, for handlers that have already made it. Without `robustness`
 * the figure is left out (null), for callers that only need the ranking. Without `wait`, a figure not yet
 * cached is left pending and computed in the background (ctx.robustness), announced when ready.
 */
export function computeResults(ctx: Ctx, d: DecisionRow, { withRobustness = true, wait = true } = {}): Results {
  const options = optionsOf(ctx, d.id);
  const criteria = criteriaOf(ctx, d.id);
  const rounds = roundsOf(ctx, d.id);
  const criterionIds = criteria.map((c) => c.id);
  const scoreRounds = latestRounds(rounds, 'scores', criterionIds);
  const roundIds = [...new Set(scoreRounds.values())];

  const votes =
    roundIds.length === 0
      ? []
      : ctx
          .sql<{ round_id: number; person_id: number; option_id: number; criterion_id: number; score: number | null; why: string }>(
            `SELECT round_id, person_id, option_id, criterion_id, score, why FROM score_votes WHERE round_id IN (${placeholders(roundIds.length)})`,
          )
          .all(...roundIds)
          .filter((v) => scoreRounds.get(v.criterion_id) === v.round_id);

  // Weights: voted importance where a revealed weights round has it, else the direct weight.
  const rawWeights: Record<string, number> = {};
  const weightVotes: Record<string, Record<string, number | null>> = {};
  const weightSource = new Map<number, 'direct' | 'voted'>();
  for (const c of criteria) {
    rawWeights[c.id] = c.weight;
    weightSource.set(c.id, 'direct');
  }
  if (d.weighting === 'voted') {
    const weightRounds = latestRounds(rounds, 'weights', criterionIds);
    for (const c of criteria) {
      const roundId = weightRounds.get(c.id);
      if (roundId === undefined) continue;
      const { mean } = ctx
        .sql<{ mean: number | null }>('SELECT avg(importance) AS mean FROM importance_votes WHERE round_id = ? AND criterion_id = ? AND importance IS NOT NULL')
        .get(roundId, c.id)!;
      if (mean !== null) {
        rawWeights[c.id] = mean;
        weightSource.set(c.id, 'voted');
      }
      const own = ctx.sql<{ person_id: number; importance: number | null }>('SELECT person_id, importance FROM importance_votes WHERE round_id = ? AND criterion_id = ?').all(roundId, c.id);
      for (const v of own) (weightVotes[v.person_id] ??= {})[c.id] = v.importance;
    }
  }

  // A re-vote without a new reason keeps the member's reason from an earlier round (reasons.ts has the rule).
  const seqOf = new Map(rounds.map((x) => [x.id, x.seq]));
  const earlierFound = new Map(
    earlierReasons(ctx, d.id, 'scores', (c) => seqOf.get(scoreRounds.get(c) ?? -1)).map((e) => [reasonKey(e.personId, e.optionId, e.criterionId), { round: e.round, why: e.why }]),
  );
  const flaggedBefore = earlierFlags(ctx, d, (c) => seqOf.get(scoreRounds.get(c) ?? -1));
  // Whether everyone who scored a flagged cell then scored it again now: a disagreement left by abstaining is not settled.
  const earlierFlagOf = (optionId: number, criterionId: number) => {
    const f = flaggedBefore.get(cellKey(optionId, criterionId));
    if (!f) return null;
    const again = new Set(votes.filter((v) => v.option_id === optionId && v.criterion_id === criterionId && v.score !== null).map((v) => v.person_id));
    return { round: f.round, min: f.min, max: f.max, everyoneAgain: [...f.scorers].every((id) => again.has(id)) };
  };
  const earlierOf = (v: (typeof votes)[number]) => (v.why.trim() === '' ? (earlierFound.get(reasonKey(v.person_id, v.option_id, v.criterion_id)) ?? null) : null);

  // Members: participants in their order, then anyone else who voted.
  const voterIds = new Set(votes.map((v) => v.person_id));
  const names = new Map(participantsOf(ctx, d.id).map((p) => [p.person_id, p.name]));
  const memberIds = [...names.keys()].filter((id) => voterIds.has(id));
  for (const id of voterIds) if (!names.has(id)) memberIds.push(id);
  const scores: Record<string, Record<string, Record<string, Vote>>> = {};
  for (const v of votes) {
    ((scores[v.person_id] ??= {})[v.option_id] ??= {})[v.criterion_id] = v.score ?? 'abstain';
  }
  // Anonymous members are ordered by what they voted, not by the roster, so "Member 1" names nobody:
  // two members with the same votes are interchangeable, so their order tells nothing either.
  if (d.anonymous) {
    const ballotOf = (id: number) =>
      JSON.stringify(votes.filter((v) => v.person_id === id).map((v) => [v.option_id, v.criterion_id, v.score, v.why, earlierOf(v)?.why ?? '']).sort());
    const keys = new Map(memberIds.map((id) => [id, ballotOf(id)]));
    memberIds.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0));
  }

  const key = (id: number): string => String(id);
  const input: RobustnessInput = {
    scale: [d.scale_min, d.scale_max],
    aggregation: d.aggregation,
    members: memberIds.map(key),
    options: options.map((o) => key(o.id)),
    criteria: criterionIds.map(key),
    weights: rawWeights,
    scores,
  };
  const r = score(input);
  const wanted = withRobustness && memberIds.length > 0;
  // The figure's samples follow the order of its inputs: in the order of the ids, so moving a criterion or an
  // option on screen (or an anonymous decision's order of members) never changes it.
  const byId = (ids: readonly string[]) => [...ids].sort((a, b) => Number(a) - Number(b));
  const figureInput = { ...input, members: byId(input.members), options: byId(input.options), criteria: byId(input.criteria), weightVotes };
  const figure = !wanted ? null : wait ? ctx.robustness.now(figureInput) : ctx.robustness.soon(d.id, figureInput);
  const rob = figure ?? null;

  const rankOf = new Map<string, number>();
  const shownRanks = ranks(r.ranking.map((o) => r.totals[o]!.score!));
  r.ranking.forEach((o, i) => rankOf.set(o, shownRanks[i]!));
  const ordered = [...r.ranking, ...options.map((o) => key(o.id)).filter((o) => !rankOf.has(o))];
  const optionName = new Map(options.map((o) => [key(o.id), o.name]));
  const memberIndex = new Map(memberIds.map((id, i) => [id, i]));

  const members: ResultMember[] = memberIds.map((id, i) => ({
    personId: d.anonymous ? null : id,
    label: d.anonymous ? `Member ${i + 1}` : (names.get(id) ?? `Person ${id}`),
    totals: options.map((o) => ({ optionId: o.id, total: r.memberTotals[key(id)]![key(o.id)]! })),
  }));
  const resultVotes: ResultVote[] = votes
    .map((v) => ({
      member: memberIndex.get(v.person_id)!,
      optionId: v.option_id,
      criterionId: v.criterion_id,
      score: v.score,
      why: v.why,
      earlier: earlierOf(v),
    }))
    .sort((a, b) => a.member - b.member || a.optionId - b.optionId || a.criterionId - b.criterionId);

  const flip = r.minimalFlip;
  const minimalFlip: Omit<ResultFlip, 'sentence'> | null =
    flip === null
      ? null
      : {
          winnerId: Number(flip.winner),
          challengerId: Number(flip.challenger),
          tie: flip.tie,
          tiedIds: flip.tie ? flip.tied.map(Number) : [],
          criterionId: flip.criterion === null ? null : Number(flip.criterion),
          weightNow: flip.weightNow,
          weightAtTie: flip.weightAtTie,
          deltaPoints: flip.deltaPoints,
          fragile: flip.fragile,
        };
  let robustnessResult: ResultRobustness | null = null;
  if (rob !== null) {
    const { leaders, wins, ...rest } = rob;
    robustnessResult = { ...rest, leaderIds: leaders.map(Number), wins: wins.map((w) => ({ optionId: Number(w.option), share: w.share })) };
  }
  const plain = {
    decisionId: d.id,
    scale: { min: d.scale_min, max: d.scale_max },
    aggregation: d.aggregation,
    roundIds,
    weights: criteria.map((c) => ({ criterionId: c.id, name: c.name, weight: r.weights[key(c.id)]!, source: weightSource.get(c.id)! })),
    cells: options.flatMap((o) =>
      criteria.map((c) => ({ optionId: o.id, criterionId: c.id, ...r.cells[key(o.id)]![key(c.id)]!, flaggedBefore: earlierFlagOf(o.id, c.id) })),
    ),
    options: ordered.map((o) => ({
      optionId: Number(o),
      name: optionName.get(o)!,
      score: r.totals[o]!.score,
      incomplete: r.totals[o]!.incomplete,
      rank: rankOf.get(o) ?? null,
    })),
    members,
    votes: resultVotes,
    minimalFlip,
    robustness: robustnessResult,
    robustnessPending: figure === undefined,
  };
  const sentences = resultSentences(plain);
  return { ...plain, minimalFlip: minimalFlip && { ...minimalFlip, sentence: sentences.flip }, sentences };
}

export function results(ctx: Ctx, input: Parsed<'results'>): Results {
  const d = decisionRow(ctx, input.decisionId);
  const open = openRoundOf(ctx, d.id);
  if (open !== undefined) fail('votes_hidden', `Votes are hidden until round ${open.seq} is revealed.`);
  return computeResults(ctx, d, { wait: input.wait });
}
