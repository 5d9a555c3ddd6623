// The history as people read it: a line per ballot, per burst of edits, per round; each says which door.
import { describe, expect, it } from 'vitest';
import { describeEvent, doorOf, groupHistory, kindOf } from '../../shared/history.ts';
import type { DecisionDetail, HistoryEvent } from '../../shared/types.ts';

const d = {
  participants: [
    { personId: 1, name: 'Ana', role: 'facilitator' },
    { personId: 2, name: 'Bo', role: 'decision-maker' },
    { personId: 3, name: 'Cy', role: 'decision-maker' },
    { personId: 4, name: 'Dee', role: 'decision-maker' },
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

  it('phones voting at the same time: a line per ballot, round and burst of edits, however the events interleave', () => {
    const phones = [1, 2, 3];
    const cell = (memberId: number, minute: number, actor = 'participant') => ev('score_cast', { roundId: 1, memberId, optionId: 10, criterionId: 20 }, minute, actor);
    const events = [
      ev('round_opened', { seq: 1, kind: 'scores' }, 0),
      // Four cells each, phone after phone, with the shared screen's Dee and the facilitator's edits in between.
      ...[0, 1, 2, 3].flatMap((i) => [
        ...phones.map((m) => cell(m, 1 + i / 10)),
        cell(4, 1 + i / 10, 'desktop'),
        ev('evidence_added', { name: `Note ${i}` }, 1 + i / 10),
      ]),
      ev('score_cleared', { roundId: 1, memberId: 2, optionId: 10, criterionId: 20 }, 2, 'participant'),
      ...phones.map((m) => ev('ballot_finished', { roundId: 1, memberId: m }, 3, 'participant')),
      ev('ballot_finished', { roundId: 1, memberId: 4 }, 3, 'desktop'),
      ev('round_revealed', { seq: 1, finished: 4 }, 4),
    ];
    const groups = groupHistory(events, d);
    // 4 ballots + 2 round events + 1 burst of edits.
    expect(groups).toHaveLength(4 + 2 + 1);
    expect(groups.map((g) => `${doorOf(g.actor)} · ${g.summary}`)).toEqual([
      'at the shared screen · Round 1 opened',
      'at the shared screen · 4 edits: evidence added: Note 0; evidence added: Note 1; evidence added: Note 2; …',
      'on their own device · Ana: 4 votes cast, ballot finished',
      'on their own device · Bo: 4 votes cast, 1 vote cleared, ballot finished',
      'on their own device · Cy: 4 votes cast, ballot finished',
      'at the shared screen · Dee: 4 votes cast, ballot finished',
      'at the shared screen · Round 1 revealed (4 finished ballots)',
    ]);
    // Every event in exactly one line, and lines in the order of their last event.
    expect(groups.flatMap((g) => g.events.map((e) => e.id)).sort((a, b) => a - b)).toEqual(events.map((e) => e.id));
    const lastIds = groups.map((g) => g.events.at(-1)!.id);
    expect(lastIds).toEqual([...lastIds].sort((a, b) => a - b));
    // The same events give the same lines.
    expect(groupHistory(events, d)).toEqual(groups);
  });

  it('a ballot’s line ends when it is finished, after a long pause, or at another door; a new round is a new line', () => {
    const cast = (minute: number, roundId = 1, actor = 'participant') => ev('score_cast', { roundId, memberId: 2, optionId: 10, criterionId: 20 }, minute, actor);
    const groups = groupHistory(
      [
        cast(0),
        ev('ballot_finished', { roundId: 1, memberId: 2 }, 1, 'participant'),
        ev('ballot_reopened', { roundId: 1, memberId: 2 }, 2, 'participant'),
        cast(3),
        cast(4, 1, 'desktop'),
        cast(20),
        ev('round_cancelled', { seq: 1 }, 21),
        cast(22, 2),
        // A status change, or a delete undone, mid-round does not split the ballot's line.
        ev('status_changed', { from: 'draft', to: 'proposed' }, 23),
        ev('decision_trashed', { title: 'T' }, 24),
        ev('decision_restored', { title: 'T' }, 24),
        cast(25, 2),
      ],
      d,
    );
    expect(groups.map((g) => g.summary)).toEqual([
      'Bo: 1 vote cast, ballot finished',
      'Bo: ballot reopened, 1 vote cast',
      'Bo scored Django on Admin',
      'Bo scored Django on Admin',
      'Round 1 cancelled',
      describeEvent(ev('status_changed', { from: 'draft', to: 'proposed' }, 23), d),
      describeEvent(ev('decision_trashed', { title: 'T' }, 24), d),
      describeEvent(ev('decision_restored', { title: 'T' }, 24), d),
      'Bo: 2 votes cast',
    ]);
    expect(groups.map((g) => g.actor)).toEqual(['participant', 'participant', 'desktop', 'participant', 'desktop', 'desktop', 'desktop', 'desktop', 'participant']);
  });

  it('an anonymous decision’s votes (no cell in their events) group the same way and say no more than the events do', () => {
    const events = [1, 2, 1, 2, 1].map((m, i) => ev('score_cast', { roundId: 1, memberId: m }, i / 10, 'participant'));
    const groups = groupHistory(events, d);
    expect(groups.map((g) => g.summary)).toEqual(['Bo: 2 votes cast', 'Ana: 3 votes cast']);
    expect([...groups.map((g) => g.summary), ...events.map((e) => describeEvent(e, d))].join('\n')).not.toMatch(/Django|Admin/);
  });

  it('keeps bursts of edits together, and edits far apart or through another door apart', () => {
    const groups = groupHistory(
      [
        ev('option_added', { name: 'Django' }, 0),
        ev('criterion_added', { name: 'Admin' }, 1),
        ev('criterion_added', { name: 'Speed' }, 20),
        ev('criterion_added', { name: 'Cost' }, 20, 'cli'),
        ev('criterion_added', { name: 'Scale' }, 21),
        ev('adr_exported', { action: 'created', file: '0001-x.md' }, 22),
        ev('criterion_added', { name: 'Ops' }, 23),
      ],
      d,
    );
    expect(groups.map((g) => `${g.actor} ${g.events.length}`)).toEqual(['desktop 2', 'cli 1', 'desktop 2', 'desktop 1', 'desktop 1']);
    expect(groups[0]!.summary).toMatch(/^2 edits: /);
  });

  it('names kinds and doors', () => {
    expect(['score_cast', 'ballot_finished', 'round_opened', 'decided', 'adr_exported', 'option_added', 'decision_updated', 'decision_trashed'].map(kindOf)).toEqual(['votes', 'votes', 'rounds', 'rounds', 'exports', 'edits', 'edits', 'other']);
    expect(['desktop', 'web', 'cli', 'participant'].map(doorOf)).toEqual(['at the shared screen', 'at the shared screen', 'on the command line', 'on their own device']);
  });
});
