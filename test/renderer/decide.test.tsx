// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Results } from '../../shared/types.ts';
import { answer, calls, fakeApi, ok } from './fake-api.ts';
import { decision, results } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { Decide } = await import('../../renderer/src/components/DecideStep.tsx');
const { useStore } = await import('../../renderer/src/store/index.ts');

/** Django and Flask both at 3.25: a dead heat for first place. */
const tied: Results = {
  ...results,
  options: [
    { optionId: 1, name: 'Django', score: 3.25, incomplete: false, rank: 1 },
    { optionId: 2, name: 'Flask', score: 3.25, incomplete: false, rank: 1 },
  ],
};

afterEach(cleanup);

describe('the decide panel', () => {
  it('asks for a reason when the top is tied, whichever tied option is chosen', () => {
    useStore.setState({ decision, decisionId: 1, results: tied });
    render(<Decide decision={decision} />);
    expect(within(screen.getByLabelText('Chosen option')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose…', 'Django (tied for first)', 'Flask (tied for first)']);
    expect(screen.getByText('Why this option (required: Django and Flask are tied for first place)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Chosen option'), { target: { value: '2' } });
    expect(screen.getByRole('textbox').getAttribute('aria-required')).toBe('true');
  });

  it('leaves the reason optional for a clear top option, and required for another', () => {
    useStore.setState({ decision, decisionId: 1, results });
    render(<Decide decision={decision} />);
    expect(screen.getByText('Because… (optional)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Chosen option'), { target: { value: '2' } });
    expect(screen.getByText('Why this option (required: it is not the top-ranked one)')).toBeTruthy();
  });

  it('sends the reason with the decision', async () => {
    answer({ decide: () => ok(decision) });
    useStore.setState({ decision, decisionId: 1, results: tied });
    render(<Decide decision={decision} />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'The admin saves us weeks' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    await vi.waitFor(() => expect(calls.find((c) => c.method === 'decide')?.input).toMatchObject({ optionId: 1, why: 'The admin saves us weeks' }));
  });
});
