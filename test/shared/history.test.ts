// The history as people read it: a line per ballot, per burst of edits, per round; each says which door.
import { describe, expect, it } from 'vitest';
import { doorOf, groupHistory, kindOf } from '../../shared/history.ts';
import type { DecisionDetail, HistoryEvent } from '../../shared/types.ts';

const d = {
  participants: [
    { personId: 1, name: 'Ana', role: 'facilitator' },
    { personId: 2, name: 'Bo', role: 'decision-maker' },
  ],
  options: [{ id: 10, name: 'Django' }],
  criteria: [{ id: 20, name: 'Admin' }],
} as unknown as DecisionDetail;

let id = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const ev = (type: string, data: Record<string, unknown>, minute: number, actor = 'desktop'): HistoryEvent => ({ id: ++id, decisionId: 1, at: at(minute), actor, type, data });

describe('groupHistory', () => {
  it('folds a ballot’s cells into one line per member and round, and says when it was finished', () => {
    const events = [
      ev('round_opened', { seq: 1, kind: 'scores' }, 0),
      ...Array.from({ length: 24 }, (_, i) => ev('score_cast', { roundId: 1, memberId: 2, optionId: 10, criterionId: 20 }, 1 + i / 10, 'participant')),
      ev('ballot_finished', { roundId: 1, memberId: 2 }, 4, 'participant'),
      ...Array.from({ length: 3 }, () => ev('score_cast', { roundId: 1, memberId: 1, optionId: 10, criterionId: 20 }, 5)),
      ev('round_revealed', { seq: 1, finished: 1 }, 6),
    ];
    const groups = groupHistory(events, d);
    expect(groups.map((g) => g.summary)).toEqual(['Round 1 opened', 'Bo: 24 votes cast, ballot finished', 'Ana: 3 votes cast', 'Round 1 revealed (1 finished ballots)']);
    expect(groups[1]!.events).toHaveLength(25);
    expect(doorOf(groups[1]!.actor)).toBe('on their own device');
  });

  it('keeps bursts of edits together, and edits far apart or through another door apart', () => {
    const groups = groupHistory(
      [ev('option_added', { name: 'Django' }, 0), ev('criterion_added', { name: 'Admin' }, 1), ev('criterion_added', { name: 'Speed' }, 20), ev('criterion_added', { name: 'Cost' }, 20, 'cli')],
      d,
    );
    expect(groups.map((g) => g.events.length)).toEqual([2, 1, 1]);
    expect(groups[0]!.summary).toMatch(/^2 edits: /);
  });

  it('names kinds and doors', () => {
    expect(['score_cast', 'ballot_finished', 'round_opened', 'decided', 'adr_exported', 'option_added', 'decision_updated', 'decision_trashed'].map(kindOf)).toEqual(['votes', 'votes', 'rounds', 'rounds', 'exports', 'edits', 'edits', 'other']);
    expect(['desktop', 'web', 'cli'].map(doorOf)).toEqual(['at the shared screen', 'at the shared screen', 'on the command line']);
  });
});
