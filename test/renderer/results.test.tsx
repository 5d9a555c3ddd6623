// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeApi } from './fake-api.ts';
import type { Results } from '../../shared/types.ts';
import { decision, results } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { ResultsView, whatIf } = await import('../../renderer/src/components/ResultsStep.tsx');
const { Ranking } = await import('../../renderer/src/components/Ranking.tsx');

beforeAll(() => {
  // recharts measures its container; happy-dom has no layout.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

describe('results', () => {
  it('ranks the options with their scores and the minimal-flip sentence', () => {
    render(<ResultsView decision={decision} results={results} />);
    const ranking = screen.getAllByRole('list')[0]!;
    const items = within(ranking).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['1Django3.50 of 5', '2Flask3.00 of 5']);
    expect(screen.getAllByText(/\+10\.0 points on Flexibility/).length).toBeGreaterThan(0);
  });

  it('puts the flagged cells first, under "Talk about these", naming who to ask', () => {
    render(<ResultsView decision={decision} results={results} />);
    const talk = screen.getByRole('heading', { name: 'Talk about these' }).parentElement!;
    expect(talk.textContent).toContain('Django × Flexibility — scores from 1 to 3');
    expect(talk.textContent).toContain('Ask Bo and Ana to explain');
    const flagged = document.querySelectorAll('table.matrix td.flagged');
    expect([...flagged].map((c) => c.textContent)).toEqual(['2.00 ± 1.00 ⚠']);
    // Nobody wrote a reason here: no empty list.
    expect(screen.queryByRole('list', { name: /Reasons given/ })).toBeNull();
  });

  it('shows the reasons people already gave for a flagged cell, highest score first', () => {
    const withWhy = { ...results, votes: [{ ...results.votes[0]!, why: 'Too much magic for us' }, { ...results.votes[1]!, why: 'Flexible enough\nfor billing' }] };
    render(<ResultsView decision={decision} results={withWhy} />);
    const reasons = screen.getByRole('list', { name: 'Reasons given for Django × Flexibility' });
    expect([...reasons.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Bo (3): “Flexible enough\nfor billing”', 'Ana (1): “Too much magic for us”']);
  });

  it('after a re-vote, keeps a member’s earlier reason, marked with its round, under the flagged cell and in the matrix', () => {
    const revoted = { ...results, votes: [{ ...results.votes[0]!, earlier: { round: 1, why: '<b>Magic</b>\n*everywhere*' } }, { ...results.votes[1]!, why: 'Fine now' }] };
    render(<ResultsView decision={decision} results={revoted} />);
    for (const name of ['Reasons given for Django × Flexibility', 'Reasons in the matrix for Django × Flexibility']) {
      const reasons = screen.getByRole('list', { name, hidden: true });
      expect([...reasons.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Bo (3): “Fine now”', 'Ana (1) — earlier, round 1: “<b>Magic</b>\n*everywhere*”']);
      expect(reasons.querySelector('b')).toBeNull();
    }
    expect(screen.getByText('2 reasons').tagName).toBe('SUMMARY');
  });

  it('lists the disagreements a re-vote settled under "Talk about these": the range then and now, the reasons folded', () => {
    // Flask × Admin was 1 to 4 in round 1 and agrees now (2, 2); Django × Admin was never flagged.
    const settled: Results = {
      ...results,
      cells: results.cells.map((c) => (c.optionId === 2 && c.criterionId === 10 ? { ...c, flaggedBefore: { round: 1, min: 1, max: 4, everyoneAgain: true } } : c)),
      votes: [
        ...results.votes,
        { member: 0, optionId: 2, criterionId: 10, score: 2, why: '', earlier: { round: 1, why: 'Flask-Admin\nis enough' } },
        { member: 1, optionId: 2, criterionId: 10, score: 2, why: 'Fine, <i>no</i> admin', earlier: null },
      ],
    };
    render(<ResultsView decision={decision} results={settled} />);
    const talk = screen.getByRole('heading', { name: 'Talk about these' }).parentElement!;
    const list = within(talk).getByRole('list', { name: 'Settled after a re-vote' });
    expect(within(list).getAllByRole('listitem', { hidden: false })[0]!.textContent).toMatch(/^Flask × Admin interface — 1 to 4 in round 1, now all 2\.2 reasons/);
    // Folded: a summary, the reasons behind it, an earlier one marked, text as typed.
    expect(within(list).getByText('2 reasons').tagName).toBe('SUMMARY');
    const reasons = within(list).getByRole('list', { name: 'Reasons given for Flask × Admin interface, settled', hidden: true });
    expect([...reasons.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Bo (2): “Fine, <i>no</i> admin”', 'Ana (2) — earlier, round 1: “Flask-Admin\nis enough”']);
    expect(reasons.querySelector('i')).toBeNull();
  });

  it('lists a disagreement someone left by abstaining as left open, not settled', () => {
    const open: Results = {
      ...results,
      cells: results.cells.map((c) => (c.optionId === 2 && c.criterionId === 10 ? { ...c, flaggedBefore: { round: 1, min: 1, max: 4, everyoneAgain: false } } : c)),
      votes: [...results.votes, { member: 1, optionId: 2, criterionId: 10, score: 4, why: 'Still fine', earlier: null }],
    };
    render(<ResultsView decision={decision} results={open} />);
    expect(screen.queryByRole('list', { name: 'Settled after a re-vote' })).toBeNull();
    const list = screen.getByRole('list', { name: 'Left open after a re-vote' });
    expect(within(list).getAllByRole('listitem')[0]!.textContent).toMatch(/^Flask × Admin interface — 1 to 4 in round 1; now all 4, but not everyone who scored it then scored it again\./);
  });

  it('shows settled cells with no name in an anonymous decision, and no list when nothing was settled', () => {
    const anonymous: Results = {
      ...results,
      members: results.members.map((m, i) => ({ ...m, personId: null, label: `Member ${i + 1}` })),
      cells: results.cells.map((c) => (c.optionId === 2 && c.criterionId === 10 ? { ...c, flaggedBefore: { round: 1, min: 1, max: 4, everyoneAgain: true } } : c)),
      votes: [...results.votes, { member: 1, optionId: 2, criterionId: 10, score: 2, why: 'Changed my mind', earlier: null }],
    };
    render(<ResultsView decision={{ ...decision, anonymous: true }} results={anonymous} />);
    const list = screen.getByRole('list', { name: 'Settled after a re-vote' });
    expect(list.textContent).toContain('Member 2 (2): “Changed my mind”');
    expect(list.textContent).not.toMatch(/Ana|Bo/);
    // A settled cell nobody explained still says how the scores moved, with nothing to unfold.
    cleanup();
    const silent = { ...anonymous, votes: [...results.votes, ...[0, 1].map((member) => ({ member, optionId: 2, criterionId: 10, score: 2, why: '', earlier: null }))] };
    render(<ResultsView decision={decision} results={{ ...silent, cells: anonymous.cells }} />);
    expect(screen.getByRole('list', { name: 'Settled after a re-vote' }).textContent).toBe('Flask × Admin interface — 1 to 4 in round 1, now all 2.');
    cleanup();
    render(<ResultsView decision={decision} results={results} />);
    expect(screen.queryByRole('heading', { name: 'Settled after a re-vote' })).toBeNull();
  });

  it('what-if re-ranks live as a weight is dragged, without saving', () => {
    expect(whatIf(decision, results, { 10: 60, 11: 40 }).ranking).toEqual(['1', '2']);
    expect(whatIf(decision, results, { 10: 40, 11: 60 }).ranking).toEqual(['2', '1']);
    render(<ResultsView decision={decision} results={results} />);
    const what = screen.getByRole('list', { name: 'What-if ranking' });
    expect(within(what).getAllByRole('listitem')[0]!.textContent).toContain('Django');
    const sliders = screen.getAllByRole('slider', { name: 'Flexibility' });
    fireEvent.change(sliders.at(-1)!, { target: { value: '70' } });
    expect(within(what).getAllByRole('listitem')[0]!.textContent).toContain('Flask');
    expect(screen.getByRole('button', { name: 'Apply these weights' })).toHaveProperty('disabled', false);
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(within(what).getAllByRole('listitem')[0]!.textContent).toContain('Django');
    expect(vi.mocked(fakeApi.updateCriterion)).not.toHaveBeenCalled();
  });

  it('shows member totals, with — where a member abstained', () => {
    const abstained = { ...results, members: [{ ...results.members[0]!, totals: [{ optionId: 1, total: null }, { optionId: 2, total: 2.8 }] }] };
    render(<ResultsView decision={decision} results={abstained} />);
    const table = screen.getByRole('heading', { name: 'Each member’s totals' }).parentElement!;
    expect(table.textContent).toContain('Ana—2.80');
  });

  it('reads a dead heat as a tie and names the options left out, and why', () => {
    const heat: Results = {
      ...results,
      options: [
        { optionId: 1, name: 'Django', score: 3.25, incomplete: false, rank: 1 },
        { optionId: 2, name: 'Flask', score: 3.25, incomplete: false, rank: 1 },
        { optionId: 3, name: 'Pyramid', score: null, incomplete: true, rank: null },
      ],
      minimalFlip: { ...results.minimalFlip!, tie: true, tiedIds: [1, 2], criterionId: null, weightNow: null, weightAtTie: null, deltaPoints: 0, fragile: true },
      sentences: { flip: 'Django and Flask are tied: a change of weight on a criterion where they differ decides it.', leftOut: ['Pyramid is left out: 3 cells have no score.'], robustness: null },
    };
    render(<ResultsView decision={decision} results={heat} />);
    const ranking = screen.getByRole('heading', { name: 'Ranking' }).parentElement!;
    expect(ranking.textContent).toContain('Pyramid is left out: 3 cells have no score.');
    expect(within(ranking).getByText('Django and Flask are tied: a change of weight on a criterion where they differ decides it.').className).toBe('flip fragile');
    expect(ranking.textContent).not.toContain('No single weight change');
  });

  it('shows how sure the winner is: the sentence, a chart of how often each option comes first, and how it was sampled', () => {
    render(<ResultsView decision={decision} results={results} />);
    const panel = screen.getByRole('heading', { name: 'How sure is the winner?' }).parentElement!;
    expect(panel.textContent).toContain('Django stays first in 81 % of 10,000 plausible weightings.');
    expect(within(panel).getByRole('img').getAttribute('aria-label')).toBe('How often each option comes first: Django 81 %, Flask 19 %');
    expect(panel.textContent).toContain('with the default width, since nobody voted weights');
    expect(panel.textContent).toContain('one of 1,000 resamples of the 2 members (drawn with replacement)');
    // Said once on the shared screen; phones, which have no chart, show it under the ranking.
    expect(screen.getAllByText('Django stays first in 81 % of 10,000 plausible weightings.')).toHaveLength(1);
    render(<Ranking results={results} />);
    expect(screen.getAllByText('Django stays first in 81 % of 10,000 plausible weightings.')).toHaveLength(2);
  });

  it('shows the ranking at once while the figure is worked out, then the figure in the same polite live region', () => {
    const pending: Results = { ...results, robustness: null, robustnessPending: true, sentences: { ...results.sentences, robustness: null } };
    const { rerender } = render(<ResultsView decision={decision} results={pending} />);
    const ranking = within(screen.getAllByRole('list')[0]!);
    expect(ranking.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['1Django3.50 of 5', '2Flask3.00 of 5']);
    const note = screen.getByText('Working out how sure the winner is…');
    expect(note.getAttribute('aria-live')).toBe('polite');
    expect(screen.getByRole('heading', { name: 'How sure is the winner?' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: /How often each option comes first/ })).toBeNull();
    rerender(<ResultsView decision={decision} results={results} />);
    // The same element now says the figure, so a screen reader hears it arrive.
    expect(note.textContent).toBe('Django stays first in 81 % of 10,000 plausible weightings.');
    expect(screen.queryByText('Working out how sure the winner is…')).toBeNull();
  });

  it('leaves the figure out when fewer than two options can be compared', () => {
    render(<ResultsView decision={decision} results={{ ...results, robustness: null, sentences: { ...results.sentences, robustness: null } }} />);
    expect(screen.queryByRole('heading', { name: 'How sure is the winner?' })).toBeNull();
  });
});
