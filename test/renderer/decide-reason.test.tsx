// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answer, calls, fakeApi, ok } from './fake-api.ts';
import { decision, results } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { Decide } = await import('../../renderer/src/components/DecideStep.tsx');
const { useStore } = await import('../../renderer/src/store/index.ts');

afterEach(cleanup);

const draft = 'the admin interface weighs most in the result, and Django leads Flask there by two points or more';

describe('the team’s reason on the Decide step', () => {
  it('offers a draft built from what carried the result, and records the sentence the team keeps', async () => {
    answer({ decide: () => ok(decision), getDecision: () => ok(decision) });
    useStore.setState({ decision, decisionId: 1, results });
    render(<Decide decision={decision} />);
    const field = screen.getByRole('textbox');
    expect(field).toHaveProperty('value', draft);
    fireEvent.change(field, { target: { value: 'the admin saves the back-office team weeks' } });
    expect(screen.getByText(/Draft from the results/).textContent).toContain(draft);
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    await vi.waitFor(() => expect(calls.find((c) => c.method === 'decide')?.input).toEqual({ decisionId: 1, optionId: 1, status: 'accepted', why: 'the admin saves the back-office team weeks' }));
  });

  it('always asks for it: an empty reason cannot be recorded, and the draft comes back with one click', () => {
    answer({});
    useStore.setState({ decision, decisionId: 1, results });
    render(<Decide decision={decision} />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '  ' } });
    expect(screen.getByRole('button', { name: 'Record the decision' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Use the draft' }));
    expect(screen.getByRole('textbox')).toHaveProperty('value', draft);
    expect(screen.getByRole('button', { name: 'Record the decision' })).toHaveProperty('disabled', false);
  });

  it('offers no draft for an option the scores did not put first: only the team can say why', () => {
    answer({});
    useStore.setState({ decision, decisionId: 1, results });
    render(<Decide decision={decision} />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Chosen option'), { target: { value: '2' } });
    expect(screen.queryByText(/Draft from the results/)).toBeNull();
    expect(screen.getByText(/required: it is not the top-ranked one/)).toBeTruthy();
  });
});
