import type { Ballot, DecisionDetail, Results, Round } from '../../shared/types.ts';

export const round: Round = { id: 1, seq: 1, kind: 'scores', criterionId: null, status: 'open', openedAt: '2026-11-23T09:00:00Z', revealedAt: null, progress: [] };

export const decision: DecisionDetail = {
  id: 1,
  title: 'Use Django or Flask',
  status: 'draft',
  context: '',
  drivers: '',
  outcome: { optionId: null, rationale: '' },
  consequencesGood: '',
  consequencesBad: '',
  confirmation: '',
  moreInfo: '',
  tags: [],
  scale: { min: 1, max: 5 },
  aggregation: 'mean',
  weighting: 'direct',
  anonymous: false,
  recordNames: 'names',
  createdAt: '2026-11-23T09:00:00Z',
  updatedAt: '2026-11-23T09:00:00Z',
  deletedAt: null,
  supersedes: [],
  supersededBy: [],
  options: [
    { id: 1, name: 'Django', description: '' },
    { id: 2, name: 'Flask', description: '' },
  ],
  criteria: [
    { id: 10, name: 'Admin interface', description: '', weight: 6 },
    { id: 11, name: 'Flexibility', description: '', weight: 4 },
  ],
  evidence: [],
  participants: [
    { personId: 7, name: 'Ana', role: 'facilitator' },
    { personId: 8, name: 'Bo', role: 'decision-maker' },
  ],
  rounds: [round],
};

export const emptyBallot: Ballot = { decisionId: 1, roundId: 1, kind: 'scores', criterionId: null, memberId: 7, done: false, filled: 0, total: 4, cells: [], earlier: [] };

/** Django 4.5 / 2 and Flask 2 / 4.5 on (Admin 60 %, Flexibility 40 %): Django 3.5, Flask 3.0. */
export const results: Results = {
  decisionId: 1,
  scale: { min: 1, max: 5 },
  aggregation: 'mean',
  roundIds: [1],
  weights: [
    { criterionId: 10, name: 'Admin interface', weight: 0.6, source: 'direct' },
    { criterionId: 11, name: 'Flexibility', weight: 0.4, source: 'direct' },
  ],
  cells: [
    { optionId: 1, criterionId: 10, n: 2, mean: 4.5, median: 4.5, sd: 0.5, range: 1, flagged: false, value: 4.5, flaggedBefore: null },
    { optionId: 1, criterionId: 11, n: 2, mean: 2, median: 2, sd: 1, range: 2, flagged: true, value: 2, flaggedBefore: null },
    { optionId: 2, criterionId: 10, n: 2, mean: 2, median: 2, sd: 0, range: 0, flagged: false, value: 2, flaggedBefore: null },
    { optionId: 2, criterionId: 11, n: 2, mean: 4.5, median: 4.5, sd: 0.5, range: 1, flagged: false, value: 4.5, flaggedBefore: null },
  ],
  options: [
    { optionId: 1, name: 'Django', score: 3.5, incomplete: false, rank: 1 },
    { optionId: 2, name: 'Flask', score: 3.0, incomplete: false, rank: 2 },
  ],
  members: [
    { personId: 7, label: 'Ana', totals: [{ optionId: 1, total: 4.2 }, { optionId: 2, total: 2.8 }] },
    { personId: 8, label: 'Bo', totals: [{ optionId: 1, total: 2.8 }, { optionId: 2, total: 3.2 }] },
  ],
  votes: [
    { member: 0, optionId: 1, criterionId: 11, score: 1, why: '', earlier: null },
    { member: 1, optionId: 1, criterionId: 11, score: 3, why: '', earlier: null },
  ],
  minimalFlip: {
    winnerId: 1,
    challengerId: 2,
    tie: false,
    tiedIds: [],
    criterionId: 11,
    weightNow: 0.4,
    weightAtTie: 0.5,
    deltaPoints: 10,
    fragile: false,
    sentence: 'The result is robust: the smallest weight change that changes the winner is +10.0 points on Flexibility (40 % → 50 %).',
  },
  robustness: {
    samples: 10_000,
    seed: 14,
    concentration: 30,
    width: 'default',
    weightVoters: 0,
    members: 2,
    resamples: 1000,
    leaderIds: [1],
    wins: [
      { optionId: 1, share: 0.81 },
      { optionId: 2, share: 0.19 },
    ],
  },
  robustnessPending: false,
  sentences: {
    flip: 'The result is robust: the smallest weight change that changes the winner is +10.0 points on Flexibility (40 % → 50 %).',
    leftOut: [],
    robustness: 'Django stays first in 81 % of 10,000 plausible weightings.',
  },
};
