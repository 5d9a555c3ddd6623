// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdrFolder, ExportPlan } from '../../shared/types.ts';
import { answer, calls, fakeApi, ok } from './fake-api.ts';
import { decision } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { ExportPanel } = await import('../../renderer/src/components/DecideStep.tsx');

const folder: AdrFolder = { root: '/repo', adrDir: 'docs/decisions', path: '/repo/docs/decisions', profile: 'madr', detected: 'madr', source: 'docs/decisions', exists: true, git: true, notes: [] };
const plan = (action: ExportPlan['action']): ExportPlan => ({
  decisionId: 1,
  folder,
  file: '0004-use-django-or-flask.md',
  number: 4,
  action,
  markdown: '---\nstatus: accepted\n---\n\n# Use Django or Flask\n\n## Decision Outcome\n\nChosen option: "Django", because it fits.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n',
  supersedes: [],
  notes: [],
  branch: { available: true, name: 'adr/0004-use-django-or-flask', file: '0004-use-django-or-flask.md', current: 'main' },
});

function setup(action: ExportPlan['action']) {
  answer({
    listExports: () => ok([]),
    scanRepo: () => ok({ ...folder, nextNumber: 4, records: [] }),
    previewExport: () => ok(plan(action)),
    exportAdr: (i) =>
      ok({ path: '/repo/docs/decisions/0004-use-django-or-flask.md', file: '0004-use-django-or-flask.md', number: 4, profile: 'madr', action: i.onConflict === 'overwrite' ? 'overwritten' : 'created', superseded: [], notes: [] }),
    getDecision: () => ok(decision),
  });
  render(<ExportPanel decision={decision} />);
  fireEvent.change(screen.getByLabelText('Repository folder'), { target: { value: '/repo' } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
}

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('the export preview', () => {
  it('shows the folder, the convention, the file and number it will write, and the rendered record', async () => {
    setup('create');
    expect((await screen.findByText(/Will write/)).textContent).toBe('Will write 0004-use-django-or-flask.md as number 4.');
    expect(document.querySelector('.plan p')?.textContent).toBe('docs/decisions — MADR 4 (found by docs/decisions), 0 records there.');
    const preview = screen.getByRole('article', { name: 'ADR preview' });
    expect(preview.querySelector('h1')?.textContent).toBe('Use Django or Flask');
    expect(preview.querySelector('table')).not.toBeNull();
    expect(preview.textContent).not.toContain('status: accepted');
    fireEvent.click(screen.getByRole('button', { name: 'Show markdown' }));
    expect(screen.getByLabelText('ADR markdown').textContent).toContain('status: accepted');
  });

  it('exports and shows the path written', async () => {
    setup('create');
    fireEvent.click(await screen.findByRole('button', { name: 'Export' }));
    expect((await screen.findByRole('status')).textContent).toContain('/repo/docs/decisions/0004-use-django-or-flask.md');
    expect(calls.find((c) => c.method === 'exportAdr')?.input).toEqual({ decisionId: 1, repo: '/repo', format: undefined, onConflict: 'refuse' });
  });

  it('offers a new file or an overwrite, explicitly, when the file was edited', async () => {
    setup('conflict');
    expect((await screen.findByText(/was edited in the repository/)).textContent).toContain('0004-use-django-or-flask.md');
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Overwrite/ }));
    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'exportAdr')?.input).toMatchObject({ onConflict: 'overwrite' });
  });

  it('shows an error from the API where it happened, keeping the typed path', async () => {
    answer({ listExports: () => ok([]), scanRepo: () => ({ ok: false, error: { code: 'not_found', message: 'The folder /nope does not exist.', field: 'repo' } }) });
    render(<ExportPanel decision={decision} />);
    fireEvent.change(screen.getByLabelText('Repository folder'), { target: { value: '/nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The folder /nope does not exist.');
    expect(screen.getByLabelText('Repository folder')).toHaveProperty('value', '/nope');
  });
});

describe('committing on a new branch, and who voted what', () => {
  it('commits on the named branch when asked, and says how to push it', async () => {
    setup('create');
    fireEvent.click(await screen.findByLabelText(/Commit on a new branch/));
    expect(screen.getByText(/Will commit/).textContent).toBe(
      'Will commit 0004-use-django-or-flask.md on a new branch, adr/0004-use-django-or-flask, from main; your working tree, index and current branch stay as they are.',
    );
    answer({
      listExports: () => ok([]),
      scanRepo: () => ok({ ...folder, nextNumber: 4, records: [] }),
      previewExport: () => ok(plan('create')),
      exportAdr: () =>
        ok({
          path: '/repo/docs/decisions/0004-use-django-or-flask.md',
          file: '0004-use-django-or-flask.md',
          number: 4,
          profile: 'madr',
          action: 'created',
          superseded: [],
          notes: [],
          branch: { name: 'team/adr-4', commit: 'a'.repeat(40), from: 'main', files: ['docs/decisions/0004-use-django-or-flask.md'], push: 'git push -u origin team/adr-4' },
        }),
      getDecision: () => ok(decision),
    });
    fireEvent.change(screen.getByLabelText('Branch name'), { target: { value: 'team/adr-4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Commit on a new branch' }));
    expect((await screen.findByRole('status')).textContent).toContain('Push it with git push -u origin team/adr-4');
    expect(calls.find((c) => c.method === 'exportAdr')?.input).toEqual({ decisionId: 1, repo: '/repo', format: undefined, onConflict: 'refuse', branch: 'team/adr-4' });
  });

  it('says why it cannot commit outside a repository, and still exports the file', async () => {
    answer({
      listExports: () => ok([]),
      scanRepo: () => ok({ ...folder, nextNumber: 4, records: [] }),
      previewExport: () => ok({ ...plan('create'), branch: { available: false, reason: '/repo is not inside a git repository, so there is no branch to commit on.' } }),
      exportAdr: () => ok({ path: '/repo/docs/decisions/0004-use-django-or-flask.md', file: '0004-use-django-or-flask.md', number: 4, profile: 'madr', action: 'created', superseded: [], notes: [] }),
      getDecision: () => ok(decision),
    });
    render(<ExportPanel decision={decision} />);
    fireEvent.change(screen.getByLabelText('Repository folder'), { target: { value: '/repo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByLabelText(/Commit on a new branch/)).toHaveProperty('disabled', true);
    expect(screen.getByText(/is not inside a git repository/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect((await screen.findByRole('status')).textContent).toContain('Written: /repo/docs/decisions/0004-use-django-or-flask.md');
    expect(calls.find((c) => c.method === 'exportAdr')?.input).not.toHaveProperty('branch', expect.anything());
  });

  it('saves who voted what as the decision’s choice; an anonymous decision shows nobody and cannot change it', async () => {
    setup('create');
    const select0 = await screen.findByLabelText('Who voted what, in the record');
    answer({ updateDecision: () => ok({ ...decision, recordNames: 'roles' }), getDecision: () => ok(decision), scanRepo: () => ok({ ...folder, nextNumber: 4, records: [] }), previewExport: () => ok(plan('create')), listExports: () => ok([]) });
    fireEvent.change(select0, { target: { value: 'roles' } });
    await vi.waitFor(() => expect(calls.find((c) => c.method === 'updateDecision')?.input).toEqual({ decisionId: 1, patch: { recordNames: 'roles' } }));
    // The preview is asked again, so the record on screen says it the new way.
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'previewExport')).toHaveLength(1));
    cleanup();
    answer({ listExports: () => ok([]), scanRepo: () => ok({ ...folder, nextNumber: 4, records: [] }), previewExport: () => ok(plan('create')) });
    render(<ExportPanel decision={{ ...decision, anonymous: true }} />);
    fireEvent.change(screen.getByLabelText('Repository folder'), { target: { value: '/repo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const select = await screen.findByLabelText('Who voted what, in the record');
    expect(select).toHaveProperty('value', 'nobody');
    expect(select).toHaveProperty('disabled', true);
  });
});
