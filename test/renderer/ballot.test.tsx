// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ballot, BallotCell } from '../../shared/types.ts';
import { answer, calls, fakeApi, ok } from './fake-api.ts';
import { decision, emptyBallot, round } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { BallotGrid } = await import('../../renderer/src/components/BallotGrid.tsx');
const { VoteStep } = await import('../../renderer/src/components/VoteStep.tsx');
const { useStore, resetStore } = await import('../../renderer/src/store/index.ts');

let cells: BallotCell[] = [];
const ballot = (): Ballot => ({ ...emptyBallot, cells: [...cells], filled: cells.length });
const upsert = (cell: BallotCell) => {
  cells = [...cells.filter((c) => !(c.optionId === cell.optionId && c.criterionId === cell.criterionId)), cell];
  const b = ballot();
  return ok({ decisionId: b.decisionId, roundId: b.roundId, memberId: b.memberId, optionId: cell.optionId, criterionId: cell.criterionId, cell, done: b.done, filled: b.filled, total: b.total });
};

beforeEach(() => {
  cells = [];
  resetStore();
  answer({
    ballot: () => ok(ballot()),
    castScore: (i) => upsert({ optionId: i.optionId, criterionId: i.criterionId, value: i.score === 'abstain' ? null : i.score, why: i.why ?? '' }),
    finishBallot: () => ok({ ...ballot(), done: true }),
  });
});
afterEach(cleanup);

const cell = (name: RegExp) => screen.getByRole('gridcell', { name });

describe('the ballot grid', () => {
  it('takes digits, moves on by itself, abstains on 0 or −, and finishes on Enter', async () => {
    const onClose = vi.fn();
    render(<BallotGrid decision={decision} round={round} memberId={7} onClose={onClose} />);
    const grid = await screen.findByRole('grid', { name: 'Ana’s ballot' });
    await waitFor(() => expect(document.activeElement).toBe(cell(/^Django, Admin interface/)));
    fireEvent.keyDown(grid, { key: '4' });
    await screen.findByRole('gridcell', { name: 'Django, Admin interface: 4' });
    expect(document.activeElement).toBe(cell(/^Flask, Admin interface/));
    fireEvent.keyDown(grid, { key: '0' });
    await screen.findByRole('gridcell', { name: 'Flask, Admin interface: abstained' });
    fireEvent.keyDown(grid, { key: '-' });
    await screen.findByRole('gridcell', { name: 'Django, Flexibility: abstained' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(cell(/^Flask, Admin interface/));
    fireEvent.keyDown(grid, { key: '2' });
    await screen.findByRole('gridcell', { name: 'Flask, Admin interface: 2' });
    expect(calls.filter((c) => c.method === 'castScore').map((c) => (c.input as { score: unknown }).score)).toEqual([4, 'abstain', 'abstain', 2]);
    await screen.findByText('3 of 4 filled');
    fireEvent.keyDown(grid, { key: 'Enter' });
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(calls.at(-1)).toEqual({ method: 'finishBallot', input: { decisionId: 1, memberId: 7 } });
  });

  it('refuses a digit off the scale and says why, writing nothing', async () => {
    render(<BallotGrid decision={decision} round={round} memberId={7} onClose={() => {}} />);
    const grid = await screen.findByRole('grid');
    fireEvent.keyDown(grid, { key: '9' });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Scores go from 1 to 5; 0 or − abstains.');
    expect(calls.filter((c) => c.method === 'castScore')).toEqual([]);
  });

  it('adds a why to a scored cell with w', async () => {
    render(<BallotGrid decision={decision} round={round} memberId={7} onClose={() => {}} />);
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(document.activeElement).toBe(cell(/^Django, Admin interface/)));
    fireEvent.keyDown(grid, { key: '5' });
    await screen.findByRole('gridcell', { name: 'Django, Admin interface: 5' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    fireEvent.keyDown(grid, { key: 'w' });
    const why = await screen.findByLabelText(/^Why \(Django, Admin interface\)/);
    fireEvent.change(why, { target: { value: 'the admin saves weeks' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save why' }));
    await waitFor(() => expect(cells).toEqual([{ optionId: 1, criterionId: 10, value: 5, why: 'the admin saves weeks' }]));
  });

  it('Esc closes without finishing', async () => {
    const onClose = vi.fn();
    render(<BallotGrid decision={decision} round={round} memberId={7} onClose={onClose} />);
    fireEvent.keyDown(await screen.findByRole('grid'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledWith(false);
    expect(calls.some((c) => c.method === 'finishBallot')).toBe(false);
  });
});

describe('the shared screen while votes are hidden', () => {
  it('shows who is done and who is voting, never a value', () => {
    const open = {
      ...round,
      progress: [
        { personId: 7, name: 'Ana', done: true, filled: 4, total: 4 },
        { personId: 8, name: 'Bo', done: false, filled: 1, total: 4 },
      ],
    };
    useStore.setState({ decision: { ...decision, rounds: [open] }, decisionId: 1, openRound: open });
    render(<VoteStep />);
    expect(screen.getByRole('button', { name: 'Open Ana’s ballot (finished)' }).textContent).toContain('✓');
    expect(screen.getByRole('button', { name: 'Open Bo’s ballot' }).textContent).toContain('voting');
    expect(screen.getByText('1 of 2 finished')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
  });
});
