// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportPlan } from '../../shared/types.ts';
import { answer, calls, fakeApi, ok, setDesktop } from './fake-api.ts';
import { decision } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { ExportPanel } = await import('../../renderer/src/components/DecideStep.tsx');
const { DecisionScreen } = await import('../../renderer/src/components/DecisionScreen.tsx');
const { useStore, resetStore } = await import('../../renderer/src/store/index.ts');
const { runMenuCommand } = await import('../../renderer/src/menu.ts');

beforeEach(() => {
  localStorage.clear();
  resetStore();
  setDesktop(undefined);
});
afterEach(cleanup);

describe('presenter mode', () => {
  it('shows nothing but the current step: no tabs, no list, no timer picker; ‹ › and [ ] move between steps', () => {
    answer({ getDecision: () => ok(decision) });
    useStore.setState({ decision, decisionId: decision.id, step: 'vote' });
    const { rerender } = render(<DecisionScreen />);
    expect(screen.getAllByRole('button', { name: /Frame|Criteria|Results/ })).toHaveLength(3);
    useStore.getState().togglePresenter();
    rerender(<DecisionScreen />);
    expect(screen.queryByRole('button', { name: /Frame|Criteria|Results/ })).toBeNull();
    expect(screen.queryByLabelText('Start a timer for this step')).toBeNull();
    const steps = screen.getByRole('navigation', { name: 'Steps' });
    expect(within(steps).getByText(/4 \/ 7 · Vote/)).toBeTruthy();
    fireEvent.click(within(steps).getByRole('button', { name: 'Next step' }));
    expect(useStore.getState().step).toBe('results');
    fireEvent.click(within(steps).getByRole('button', { name: 'Previous step' }));
    fireEvent.click(within(steps).getByRole('button', { name: 'Previous step' }));
    expect(useStore.getState().step).toBe('team');
    useStore.setState({ step: 'frame' });
    rerender(<DecisionScreen />);
    expect((within(steps).getByRole('button', { name: 'Previous step' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the desktop menu', () => {
  it('carries out each command with the store’s own actions', () => {
    const s = () => useStore.getState();
    useStore.setState({ presenter: true });
    runMenuCommand({ command: 'new-decision', template: 'django-vs-flask' }, s());
    expect(s().newDecision).toEqual({ template: 'django-vs-flask', seq: 1 });
    expect(s().presenter).toBe(false);
    runMenuCommand({ command: 'new-decision' }, s());
    expect(s().newDecision).toEqual({ template: 'blank', seq: 2 });
    runMenuCommand({ command: 'presenter' }, s());
    expect(s().presenter).toBe(true);
    runMenuCommand({ command: 'toggle-theme' }, s());
    expect(s().theme).toBe('dark');
    runMenuCommand({ command: 'zoom-in' }, s());
    runMenuCommand({ command: 'zoom-in' }, s());
    expect(s().zoom).toBe(1.2);
    runMenuCommand({ command: 'zoom-out' }, s());
    expect(s().zoom).toBe(1.1);
    runMenuCommand({ command: 'zoom-reset' }, s());
    expect(s().zoom).toBe(1);
    runMenuCommand({ command: 'shortcuts' }, s());
    expect(s().showShortcuts).toBe(true);
  });
});

describe('the export target in the desktop app', () => {
  const plan: ExportPlan = {
    decisionId: 1,
    folder: { root: '/home/ana/billing', adrDir: 'doc/adr', path: '/home/ana/billing/doc/adr', profile: 'nygard', detected: 'nygard', source: '.adr-dir', exists: true, git: true, notes: [] },
    file: '0002-use-django.md',
    number: 2,
    action: 'create',
    markdown: '# 2. Use Django\n',
    supersedes: [],
    notes: [],
    branch: { available: true, name: 'adr/0002-use-django', file: '0002-use-django.md', current: 'main' },
  };

  it('web mode’s client has no desktop extras, so the page never looks for them there', async () => {
    const { httpClient } = await vi.importActual<typeof import('../../renderer/src/api.ts')>('../../renderer/src/api.ts');
    const client = httpClient('/api');
    expect(client.desktop).toBeUndefined();
    expect(typeof client.listDecisions).toBe('function');
  });

  it('web mode has the path field only', () => {
    answer({ listExports: () => ok([]) });
    render(<ExportPanel decision={decision} />);
    expect(screen.queryByRole('button', { name: 'Choose folder…' })).toBeNull();
  });

  it('the native dialog fills the field and previews at once; cancelling changes nothing', async () => {
    const picks: (string | null)[] = [null, '/home/ana/billing'];
    const asked: unknown[] = [];
    setDesktop({ pickFolder: async (input) => (asked.push(input), picks.shift() ?? null), onMenu: () => () => {} });
    answer({ listExports: () => ok([]), scanRepo: () => ok({ ...plan.folder, nextNumber: 2, records: [] }), previewExport: () => ok(plan) });
    render(<ExportPanel decision={decision} />);
    const choose = screen.getByRole('button', { name: 'Choose folder…' });
    fireEvent.click(choose);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(calls.filter((c) => c.method === 'previewExport')).toHaveLength(0);
    fireEvent.click(choose);
    expect((await screen.findByText(/Will write/)).textContent).toBe('Will write 0002-use-django.md as number 2.');
    expect((screen.getByLabelText('Repository folder') as HTMLInputElement).value).toBe('/home/ana/billing');
    expect(calls.find((c) => c.method === 'previewExport')?.input).toMatchObject({ repo: '/home/ana/billing' });
  });
});
