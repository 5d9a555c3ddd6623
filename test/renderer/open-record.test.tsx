// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportedAdr } from '../../shared/types.ts';
import { answer, calls, fakeApi, ok } from './fake-api.ts';
import { decision } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { OpenRecord } = await import('../../renderer/src/components/OpenRecord.tsx');

afterEach(cleanup);

const imported = (supersedes: boolean): ImportedAdr => ({
  decision: { ...decision, id: 9, title: 'Use PostgreSQL for billing data' },
  profile: 'madr',
  file: '0002-use-postgresql-for-billing-data.md',
  links: { supersedes: [], supersededBy: [] },
  supersedes: supersedes ? { repo: '/repo', adrDir: 'docs/decisions', file: '0002-use-postgresql-for-billing-data.md', title: 'Use PostgreSQL for billing data', number: 2 } : null,
  notes: supersedes ? [] : ['Only the text was read, so Verdict does not know the record’s repository: link it as superseded on the export step.'],
});

function openForm() {
  render(<OpenRecord />);
  fireEvent.click(screen.getByRole('button', { name: 'Open a record…' }));
}

describe('Open a record…', () => {
  it('reads a record by its path into a new decision and opens it', async () => {
    answer({ importAdr: () => ok(imported(true)), listDecisions: () => ok([]), getDecision: () => ok({ ...decision, id: 9 }), history: () => ok([]), progress: () => ok(null) });
    openForm();
    fireEvent.change(screen.getByLabelText('Path of the ADR file'), { target: { value: ' /repo/docs/decisions/0002-use-postgresql-for-billing-data.md ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Read 0002-use-postgresql-for-billing-data.md (madr) into “Use PostgreSQL for billing data”; exporting it into docs/decisions will supersede that record.',
    );
    expect(calls[0]).toEqual({ method: 'importAdr', input: { path: '/repo/docs/decisions/0002-use-postgresql-for-billing-data.md' } });
    expect(calls.some((c) => c.method === 'getDecision' && (c.input as { decisionId: number }).decisionId === 9)).toBe(true);
  });

  it('reads a chosen file’s text, and says the repository is unknown then', async () => {
    answer({ importAdr: () => ok(imported(false)), listDecisions: () => ok([]), getDecision: () => ok({ ...decision, id: 9 }), history: () => ok([]), progress: () => ok(null) });
    openForm();
    const file = new File(['# Use PostgreSQL for billing data\n'], '0002-use-postgresql-for-billing-data.md', { type: 'text/markdown' });
    fireEvent.change(screen.getByLabelText('Choose an ADR file'), { target: { files: [file] } });
    expect((await screen.findByRole('status')).textContent).toContain('Only the text was read');
    expect(calls[0]).toEqual({ method: 'importAdr', input: { text: '# Use PostgreSQL for billing data\n', name: '0002-use-postgresql-for-billing-data.md' } });
  });

  it('shows why a file cannot be read, where it was asked', async () => {
    answer({ importAdr: () => ({ ok: false, error: { code: 'invalid_input', message: 'Cannot read notes.md as an ADR: it has no "# Title" line.', field: 'path' } }) });
    openForm();
    fireEvent.change(screen.getByLabelText('Path of the ADR file'), { target: { value: '/tmp/notes.md' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot read notes.md as an ADR: it has no "# Title" line.');
    expect(screen.getByLabelText('Path of the ADR file')).toHaveProperty('value', '/tmp/notes.md');
  });
});
