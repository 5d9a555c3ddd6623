// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ballot, BallotCell, OpenCell } from '../../shared/types.ts';
import { answer, calls, fakeApi, ok } from './fake-api.ts';
import { decision, emptyBallot, round } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { BallotGrid } = await import('../../renderer/src/components/BallotGrid.tsx');
const { VoteStep } = await import('../../renderer/src/components/VoteStep.tsx');
const { useStore, resetStore } = await import('../../renderer/src/store/index.ts');

const TURN = 'T'.repeat(22);
let cells: BallotCell[] = [];
const ballot = (): Ballot => ({ ...emptyBallot, cells: [...cells], filled: cells.length });
const upsert = (cell: OpenCell) => {
  cells = [...cells.filter((c) => !(c.optionId === cell.optionId && c.criterionId === cell.criterionId)), cell];
  const b = ballot();
  return ok({ decisionId: b.decisionId, roundId: b.roundId, memberId: b.memberId, optionId: cell.optionId, criterionId: cell.criterionId, cell, done: b.done, filled: b.filled, total: b.total });
};

beforeEach(() => {
  cells = [];
  resetStore();
  answer({
    ballot: () => ok(ballot()),
    castScore: (i) => upsert({ optionId: i.optionId, criterionId: i.criterionId, sealed: false, value: i.score === 'abstain' ? null : i.score, why: i.why ?? '' }),
    finishBallot: () => ok({ ...ballot(), done: true, cells: [] }),
    takeTurn: (i) => ok({ turn: TURN, memberId: i.memberId, roundId: round.id, expiresAt: '2026-11-23T10:00:00.000Z', ballot: ballot() }),
    endTurn: () => ok({ ended: true }),
  });
});

const held = () => ({ decisionId: 1, memberId: 7, turn: TURN, ballot: ballot() });
afterEach(cleanup);

const cell = (name: RegExp) => screen.getByRole('gridcell', { name });

describe('the ballot grid', () => {
  it('shows the member’s own earlier reason beside the focused cell, as typed, and says it stays unless rewritten', async () => {
    const why = 'Magic <b>ORM</b>\nand *admin*';
    const h = { ...held(), ballot: { ...ballot(), earlier: [{ optionId: decision.options[0]!.id, criterionId: decision.criteria[0]!.id, round: 1, why }] } };
    render(<BallotGrid decision={decision} round={round} held={h} onClose={() => {}} />);
    await screen.findByRole('gridcell', { name: /^Django, Admin interface: empty, with an earlier reason/ });
    const note = screen.getByText(/^Earlier \(round 1\)/).parentElement!;
    expect(note.textContent).toContain(`“${why}”`);
    expect(note.textContent).toContain('it stays with your vote unless you write a new reason');
    expect(note.querySelector('b')).toBeNull();
    // The next cell has none: the note goes.
    fireEvent.keyDown(screen.getByRole('grid'), { key: 'ArrowRight' });
    await waitFor(() => expect(screen.queryByText(/^Earlier \(round 1\)/)).toBeNull());
  });

  it('takes digits, moves on by itself, abstains on 0 or −, and finishes on Enter', async () => {
    const onClose = vi.fn();
    render(<BallotGrid decision={decision} round={round} held={held()} onClose={onClose} />);
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
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    fireEvent.keyDown(grid, { key: '3' });
    await screen.findByText('4 of 4 filled');
    // A complete ballot finishes on Enter at once.
    fireEvent.keyDown(grid, { key: 'Enter' });
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(calls.at(-1)).toEqual({ method: 'finishBallot', input: { decisionId: 1, memberId: 7, turn: TURN } });
    expect(calls.filter((c) => c.method === 'castScore').every((c) => (c.input as { turn: unknown }).turn === TURN)).toBe(true);
  });

  it('asks before Enter finishes a ballot with cells left, and a stray Enter keeps voting', async () => {
    const onClose = vi.fn();
    render(<BallotGrid decision={decision} round={round} held={held()} onClose={onClose} />);
    const grid = await screen.findByRole('grid', { name: 'Ana’s ballot' });
    await waitFor(() => expect(document.activeElement).toBe(cell(/^Django, Admin interface/)));
    fireEvent.keyDown(grid, { key: '4' });
    await screen.findByText('1 of 4 filled');
    fireEvent.keyDown(grid, { key: 'Enter' });
    const ask = await screen.findByRole('alertdialog', { name: 'Finish with cells left?' });
    expect(ask.textContent).toMatch(/Ana has filled 1 of 4 cells/);
    expect(calls.some((c) => c.method === 'finishBallot')).toBe(false);
    // The question takes the focus on "Keep voting": the next Enter is not a finish.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Keep voting'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Keep voting' }));
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('gridcell'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // A Tab on the question is the grid's Tab: back to the cells, moved on, nothing finished.
    fireEvent.keyDown(grid, { key: 'Enter' });
    await screen.findByRole('alertdialog');
    fireEvent.keyDown(screen.getByRole('button', { name: 'Keep voting' }), { key: 'Tab' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(calls.some((c) => c.method === 'finishBallot')).toBe(false);
    // A click on a cell answers the question (keep voting); Enter then asks again, with the keyboard on it.
    fireEvent.keyDown(grid, { key: 'Enter' });
    await screen.findByRole('alertdialog');
    fireEvent.click(cell(/^Django, Admin interface/));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    // F finishes from the question (Shift on its way to it is no answer), as does its button.
    fireEvent.keyDown(grid, { key: 'Enter' });
    const keep = await screen.findByRole('button', { name: 'Keep voting' });
    await waitFor(() => expect(document.activeElement).toBe(keep));
    fireEvent.keyDown(keep, { key: 'Shift' });
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    fireEvent.keyDown(keep, { key: 'F', shiftKey: true });
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    onClose.mockClear();
    fireEvent.keyDown(grid, { key: 'Enter' });
    fireEvent.click(await screen.findByRole('button', { name: 'Finish with 1 of 4 (F)' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
  });

  it('in the why box, Enter writes a new line and never finishes; Ctrl+Enter saves and returns to the cell', async () => {
    const onClose = vi.fn();
    render(<BallotGrid decision={decision} round={round} held={held()} onClose={onClose} />);
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(document.activeElement).toBe(cell(/^Django, Admin interface/)));
    fireEvent.keyDown(grid, { key: '5' });
    await screen.findByRole('gridcell', { name: 'Django, Admin interface: 5' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    fireEvent.keyDown(grid, { key: 'w' });
    const why = (await screen.findByLabelText(/^Why \(Django, Admin interface\)/)) as HTMLTextAreaElement;
    expect(why.tagName).toBe('TEXTAREA');
    fireEvent.change(why, { target: { value: 'line one' } });
    fireEvent.keyDown(why, { key: 'Enter', shiftKey: true });
    fireEvent.keyDown(why, { key: 'Enter' });
    expect(onClose).not.toHaveBeenCalled();
    expect(calls.some((c) => c.method === 'finishBallot')).toBe(false);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.change(why, { target: { value: 'line one\nline two' } });
    fireEvent.keyDown(why, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(cells.find((c) => c.criterionId === 10 && c.optionId === 1)).toMatchObject({ why: 'line one\nline two' }));
    await waitFor(() => expect(document.activeElement).toBe(cell(/^Django, Admin interface/)));
  });

  it('refuses a digit off the scale and says why beside that cell, writing nothing', async () => {
    render(<BallotGrid decision={decision} round={round} held={held()} onClose={() => {}} />);
    const grid = await screen.findByRole('grid');
    fireEvent.keyDown(grid, { key: '9' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Scores go from 1 to 5; 0 or − abstains.');
    expect(alert.closest('[role="gridcell"]')).toBe(cell(/^Django, Admin interface/));
    expect(calls.filter((c) => c.method === 'castScore')).toEqual([]);
  });

  it('shows a refusal from the server beside the cell that was refused, though the focus moved on', async () => {
    answer({ castScore: () => ({ ok: false, error: { code: 'no_turn', message: 'Ana’s ballot is not open on this screen.' } }) });
    render(<BallotGrid decision={decision} round={round} held={held()} onClose={() => {}} />);
    const grid = await screen.findByRole('grid');
    fireEvent.keyDown(grid, { key: '4' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Ana’s ballot is not open on this screen.');
    expect(alert.closest('[role="gridcell"]')).toBe(cell(/^Django, Admin interface/));
    expect(document.activeElement).not.toBe(cell(/^Django, Admin interface/));
  });

  it('adds a why to a scored cell with w', async () => {
    render(<BallotGrid decision={decision} round={round} held={held()} onClose={() => {}} />);
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(document.activeElement).toBe(cell(/^Django, Admin interface/)));
    fireEvent.keyDown(grid, { key: '5' });
    await screen.findByRole('gridcell', { name: 'Django, Admin interface: 5' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    fireEvent.keyDown(grid, { key: 'w' });
    const why = await screen.findByLabelText(/^Why \(Django, Admin interface\)/);
    fireEvent.change(why, { target: { value: 'the admin saves weeks' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save why' }));
    await waitFor(() => expect(cells).toEqual([{ optionId: 1, criterionId: 10, sealed: false, value: 5, why: 'the admin saves weeks' }]));
  });

  it('shows a reopened ballot’s filled cells as ● only, and a typed value replaces the old one', async () => {
    cells = [
      { optionId: 1, criterionId: 10, sealed: true },
      { optionId: 2, criterionId: 10, sealed: true },
    ];
    render(<BallotGrid decision={decision} round={round} held={held()} onClose={() => {}} />);
    const grid = await screen.findByRole('grid');
    expect(cell(/^Django, Admin interface/).textContent).toBe('●');
    expect(cell(/^Django, Admin interface/).getAttribute('aria-label')).toBe('Django, Admin interface: filled earlier (hidden)');
    expect(cell(/^Flask, Admin interface/).textContent).toBe('●');
    expect(screen.getByText('2 of 4 filled')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(cell(/^Django, Admin interface/)));
    // Adding a why to a sealed cell would need its value: refused.
    fireEvent.keyDown(grid, { key: 'w' });
    fireEvent.click(await screen.findByRole('button', { name: 'Save why' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Score the cell first, then add why.');
    fireEvent.keyDown(grid, { key: '3' });
    await screen.findByRole('gridcell', { name: 'Django, Admin interface: 3' });
    expect(calls.find((c) => c.method === 'castScore')?.input).toEqual({ decisionId: 1, memberId: 7, turn: TURN, optionId: 1, criterionId: 10, score: 3, why: '' });
    expect(cell(/^Flask, Admin interface/).textContent).toBe('●');
  });

  it('Esc closes without finishing', async () => {
    const onClose = vi.fn();
    render(<BallotGrid decision={decision} round={round} held={held()} onClose={onClose} />);
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
    // The status is beside the button and describes it: the button's visible label stays the name alone.
    const bo = screen.getByRole('button', { name: 'Open Bo’s ballot' });
    expect(bo.textContent).toBe('…Bo');
    expect(document.getElementById(bo.getAttribute('aria-describedby')!)!.textContent).toBe('1/4');
    expect(screen.getByText('1 of 2 finished')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
  });

  it('a tile asks the server for the member’s turn; Esc gives it back', async () => {
    const open = { ...round, progress: [{ personId: 7, name: 'Ana', done: true, filled: 1, total: 4 }] };
    cells = [{ optionId: 1, criterionId: 10, sealed: true }];
    useStore.setState({ decision: { ...decision, rounds: [open] }, decisionId: 1, openRound: open });
    render(<VoteStep />);
    fireEvent.click(screen.getByRole('button', { name: 'Open Ana’s ballot (finished)' }));
    const grid = await screen.findByRole('grid', { name: 'Ana’s ballot' });
    expect(calls.find((c) => c.method === 'takeTurn')?.input).toEqual({ decisionId: 1, memberId: 7 });
    expect(cell(/^Django, Admin interface/).textContent).toBe('●');
    fireEvent.keyDown(grid, { key: 'Escape' });
    await waitFor(() => expect(calls.find((c) => c.method === 'endTurn')?.input).toEqual({ decisionId: 1, turn: TURN }));
    expect(screen.queryByRole('grid')).toBeNull();
  });

  it('a tab reloaded mid-ballot returns to it, with what this turn typed, while the turn is live', async () => {
    const open = { ...round, progress: [{ personId: 7, name: 'Ana', done: false, filled: 0, total: 4 }] };
    useStore.setState({ decision: { ...decision, rounds: [open] }, decisionId: 1, openRound: open });
    render(<VoteStep />);
    fireEvent.click(screen.getByRole('button', { name: 'Open Ana’s ballot' }));
    const grid = await screen.findByRole('grid', { name: 'Ana’s ballot' });
    expect(JSON.parse(sessionStorage.getItem('verdict.turn')!)).toEqual({ decisionId: 1, memberId: 7, turn: TURN, tab: window.name });
    expect(window.name).toMatch(/^verdict-tab-/);
    fireEvent.keyDown(grid, { key: '4' });
    await waitFor(() => expect(cell(/^Django, Admin interface/).textContent).toBe('4'));
    // The page goes away without Esc; the reloaded tab opens the same decision and asks for the ballot back.
    cleanup();
    resetStore();
    useStore.setState({ decision: { ...decision, rounds: [open] }, decisionId: 1, openRound: open, step: 'results' });
    render(<VoteStep />);
    await useStore.getState().resumeBallot();
    expect(calls.filter((c) => c.method === 'ballot').map((c) => c.input)).toEqual([{ decisionId: 1, memberId: 7, turn: TURN }]);
    await screen.findByRole('grid', { name: 'Ana’s ballot' });
    expect(useStore.getState().step).toBe('vote');
    expect(cell(/^Django, Admin interface/).textContent).toBe('4');
    expect(calls.filter((c) => c.method === 'endTurn')).toEqual([]);
  });

  it('a reload after the turn lapsed forgets it; one that lands on another decision gives it back', async () => {
    window.name = 'verdict-tab-this';
    const note = JSON.stringify({ decisionId: 1, memberId: 7, turn: TURN, tab: 'verdict-tab-this' });
    sessionStorage.setItem('verdict.turn', note);
    answer({ ballot: () => ({ ok: false, error: { code: 'no_turn', message: 'Ana’s ballot is not open on this screen.' } }) });
    useStore.setState({ decisionId: 1 });
    await useStore.getState().resumeBallot();
    expect(useStore.getState().turn).toBeNull();
    expect(sessionStorage.getItem('verdict.turn')).toBeNull();

    answer({ ballot: () => ok(ballot()), endTurn: () => ok({ ended: true }) });
    sessionStorage.setItem('verdict.turn', note);
    useStore.setState({ decisionId: 2 });
    await useStore.getState().resumeBallot();
    expect(useStore.getState().turn).toBeNull();
    expect(calls.filter((c) => c.method === 'endTurn').map((c) => c.input)).toEqual([{ decisionId: 1, turn: TURN }]);
    // An old or damaged note is ignored, not sent.
    sessionStorage.setItem('verdict.turn', '{"decisionId":1,"turn":"x"}');
    await useStore.getState().resumeBallot();
    expect(calls.filter((c) => c.method === 'ballot')).toHaveLength(1);
    // So is a note copied into a tab opened from this one: that turn is the other tab's, still at work there.
    useStore.setState({ decisionId: 1 });
    sessionStorage.setItem('verdict.turn', note);
    window.name = '';
    await useStore.getState().resumeBallot();
    expect(calls.filter((c) => c.method === 'ballot')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'endTurn')).toHaveLength(1);
    expect(useStore.getState().turn).toBeNull();
  });

  it('a ballot open elsewhere is refused with the server’s words, and no grid opens', async () => {
    const open = { ...round, progress: [{ personId: 7, name: 'Ana', done: false, filled: 1, total: 4 }] };
    // First a phone holds it: nothing to offer but the server's words.
    answer({ takeTurn: () => ({ ok: false, error: { code: 'turn_taken', message: 'Ana’s ballot is open on their own device.', field: 'memberId' } }) });
    useStore.setState({ decision: { ...decision, rounds: [open] }, decisionId: 1, openRound: open });
    const phone = render(<VoteStep />);
    fireEvent.click(screen.getByRole('button', { name: 'Open Ana’s ballot' }));
    await screen.findByText('Ana’s ballot is open on their own device.');
    expect(screen.queryByRole('button', { name: /here anyway/ })).toBeNull();
    phone.unmount();
    answer({ takeTurn: () => ({ ok: false, error: { code: 'turn_taken', message: 'Ana’s ballot is open elsewhere (another window, tab or phone).', field: 'takeOver' } }) });
    useStore.setState({ decision: { ...decision, rounds: [open] }, decisionId: 1, openRound: open });
    render(<VoteStep />);
    fireEvent.click(screen.getByRole('button', { name: 'Open Ana’s ballot' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Ana’s ballot is open elsewhere (another window, tab or phone).');
    expect(screen.queryByRole('grid')).toBeNull();
    // The screen offers to take it over (a tab closed mid-ballot): the server decides, and here it agrees.
    answer({ takeTurn: (i) => ok({ turn: TURN, memberId: i.memberId, roundId: round.id, expiresAt: '2026-11-23T10:00:00.000Z', ballot: ballot() }), endTurn: () => ok({ ended: true }) });
    fireEvent.click(screen.getByRole('button', { name: 'Open Ana’s ballot here anyway' }));
    await screen.findByRole('grid', { name: 'Ana’s ballot' });
    expect(calls.find((c) => c.method === 'takeTurn')?.input).toEqual({ decisionId: 1, memberId: 7, takeOver: true });
  });
});
