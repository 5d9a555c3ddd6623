// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParticipantMethod } from '../../shared/participant.ts';
import type { Reply } from '../../shared/reply.ts';

const { ParticipantApp } = await import('../../renderer/src/participant/ParticipantApp.tsx');

/** The participant server, faked at fetch: each test says what its methods answer. */
let server: Partial<Record<ParticipantMethod, (input: unknown, auth: string | null) => Reply<unknown>>> = {};
const asked: { method: string; input: unknown; auth: string | null }[] = [];
beforeEach(() => {
  sessionStorage.clear();
  asked.length = 0;
  server = {};
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const method = url.replace('/p/api/', '') as ParticipantMethod;
    const auth = (init.headers as Record<string, string>).authorization ?? null;
    const input = JSON.parse(init.body as string) as unknown;
    asked.push({ method, input, auth });
    const reply = server[method]?.(input, auth) ?? { ok: false, error: { code: 'unauthorized', message: 'no seat' } };
    return { json: async () => reply } as Response;
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const code = 'W'.repeat(22);
const at = (hash: string) => history.replaceState(null, '', `/join${hash}`);

describe('the participant page', () => {
  it('lists the names, greys out taken seats and seats kept for a personal link, and keeps the seat token in this tab only', async () => {
    at(`#w=${code}`);
    server.roster = () => ({
      ok: true,
      value: [
        { memberId: 7, name: 'Ana', taken: false, invited: false },
        { memberId: 8, name: 'Bo', taken: true, invited: false },
        { memberId: 9, name: 'Cy', taken: false, invited: true },
      ],
    });
    server.claim = () => ({ ok: true, value: { seat: 'S'.repeat(22), memberId: 7, name: 'Ana' } });
    server.frame = (_i, auth) =>
      auth === `Bearer ${'S'.repeat(22)}`
        ? { ok: true, value: { title: 'Django or Flask', context: '', me: { memberId: 7, name: 'Ana' }, scale: { min: 1, max: 5 }, options: [{ id: 1, name: 'Django', description: '' }], criteria: [{ id: 3, name: 'Productivity', description: '' }], evidence: [], round: { seq: 1, kind: 'scores', criterionId: null, status: 'open' }, resultsShown: false } }
        : { ok: false, error: { code: 'unauthorized', message: 'no seat' } };
    server.ballot = () => ({ ok: true, value: { kind: 'scores', done: false, filled: 0, total: 1, cells: [], earlier: [] } });
    render(<ParticipantApp />);
    expect((await screen.findByRole('button', { name: /Bo/ })).hasAttribute('disabled')).toBe(true);
    const cy = screen.getByRole('button', { name: 'Cy — invited: use your personal link' });
    expect(cy.hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Ana' }));
    await screen.findByText('Productivity');
    expect(asked.find((a) => a.method === 'claim')?.input).toEqual({ workshop: code, memberId: 7 });
    expect(sessionStorage.getItem('verdict.seat')).toBe('S'.repeat(22));
    expect(localStorage.getItem('verdict.seat')).toBeNull();
  });

  it('says plainly when the seat was reset or the doors closed, and offers to join again', async () => {
    at(`#w=${code}`);
    sessionStorage.setItem('verdict.seat', 'S'.repeat(22));
    server.roster = () => ({ ok: true, value: [] });
    render(<ParticipantApp />);
    // A seat that no longer answers is dropped, and the names come back.
    await screen.findByRole('heading', { name: 'Who are you?' });
    expect(sessionStorage.getItem('verdict.seat')).toBeNull();
  });

  it('after the doors close and reopen, a phone that joined by the code drops the old one and is led back to type the new code', async () => {
    const fresh = 'N'.repeat(22);
    at(`#w=${code}`);
    sessionStorage.setItem('verdict.seat', 'S'.repeat(22));
    // The doors were closed and opened again: the seat and the old workshop code open nothing any more.
    server.roster = (input) => ((input as { workshop: string }).workshop === fresh ? { ok: true, value: [{ memberId: 7, name: 'Ana', taken: false, invited: false }] } : { ok: false, error: { code: 'unauthorized', message: 'This join link is not for an open workshop; ask the facilitator for the current one.' } });
    server.enter = () => ({ ok: true, value: { workshop: fresh } });
    const { unmount } = render(<ParticipantApp />);
    await screen.findByText(/This link is not for the workshop open now/);
    // The stale code is gone from the address, so "Join again" and a reload do not try it again.
    expect(location.pathname + location.hash).toBe('/join');
    expect(screen.queryByRole('button', { name: 'Join again' })).toBeNull();
    unmount();
    render(<ParticipantApp />);
    await screen.findByLabelText('Type the code on the screen');
    cleanup();

    // A seat that stops answering while the page is open: "Join again" (a reset seat) or the new code.
    at(`#w=${code}`);
    server.roster = (input) => ((input as { workshop: string }).workshop === code ? { ok: true, value: [{ memberId: 7, name: 'Ana', taken: false, invited: false }] } : { ok: false, error: { code: 'unauthorized', message: 'wrong' } });
    server.claim = () => ({ ok: true, value: { seat: 'S'.repeat(22), memberId: 7, name: 'Ana' } });
    let open = true;
    server.frame = () => (open ? { ok: true, value: { title: 'Django or Flask', context: '', me: { memberId: 7, name: 'Ana' }, scale: { min: 1, max: 5 }, options: [], criteria: [], evidence: [], round: null, resultsShown: false } } : { ok: false, error: { code: 'unauthorized', message: 'no seat' } });
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      render(<ParticipantApp />);
      fireEvent.click(await screen.findByRole('button', { name: 'Ana' }));
      await screen.findByText(/Waiting for the facilitator/);
      open = false;
      await vi.advanceTimersByTimeAsync(3_000);
    } finally {
      vi.useRealTimers();
    }
    await screen.findByText('Your seat was reset, or the facilitator closed the doors.');
    expect(screen.getByRole('button', { name: 'Join again' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Type the new code from the screen' }));
    await screen.findByLabelText('Type the code on the screen');
    expect(location.pathname + location.hash).toBe('/join');
  });

  it('a spent personal link explains itself', async () => {
    at(`#i=${'I'.repeat(22)}`);
    server.claim = () => ({ ok: false, error: { code: 'unauthorized', message: 'This personal link was used already or withdrawn; ask the facilitator for a new one.' } });
    render(<ParticipantApp />);
    await screen.findByText(/used already or withdrawn/);
    expect(asked.find((a) => a.method === 'claim')?.input).toEqual({ invite: 'I'.repeat(22) });
    // No workshop code in hand: the way on is the code on the screen.
    fireEvent.click(screen.getByRole('button', { name: 'Type the code on the screen' }));
    await screen.findByLabelText('Type the code on the screen');
  });

  it('without a link, asks for the code on the screen; says what is wrong, aloud; the right one leads to the names', async () => {
    at('');
    server.enter = (input) =>
      (input as { code: string }).code === 'k7p-3qx'
        ? { ok: true, value: { workshop: code } }
        : (input as { code: string }).code === 'K7P-3QXZ'
          ? { ok: false, error: { code: 'invalid_input', message: 'code: has 7 characters; the code on the screen has 6, like K7P-3QX', field: 'code' } }
          : { ok: false, error: { code: 'unauthorized', message: 'No workshop with that code is open here; check the screen.' } };
    server.roster = (input) => ((input as { workshop: string }).workshop === code ? { ok: true, value: [{ memberId: 7, name: 'Ana', taken: false, invited: false }] } : { ok: false, error: { code: 'unauthorized', message: 'wrong' } });
    render(<ParticipantApp />);
    const input = await screen.findByLabelText('Type the code on the screen');
    expect(input.getAttribute('aria-describedby')).toBeTruthy();
    const live = document.querySelector('[aria-live="assertive"]')!;
    const type = (text: string) => {
      fireEvent.change(input, { target: { value: text } });
      fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    };
    type('K7P-3QXZ');
    await vi.waitFor(() => expect(live.textContent).toBe('The code has 7 characters; the code on the screen has 6, like K7P-3QX'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    type('AAA-AAA');
    await vi.waitFor(() => expect(live.textContent).toBe('No workshop with that code is open here; check the screen.'));
    type('k7p-3qx');
    await screen.findByRole('heading', { name: 'Who are you?' });
    // From here on it is as if the join link had been opened: a reload keeps the workshop.
    expect(location.hash).toBe(`#w=${code}`);
    expect(asked.filter((a) => a.method === 'roster').map((a) => a.input)).toEqual([{ workshop: code }]);
  });

  it('in a re-vote, shows the member’s own earlier reason as typed, and takes a new one on several lines', async () => {
    at(`#w=${code}`);
    sessionStorage.setItem('verdict.seat', 'S'.repeat(22));
    const why = 'Two lines:\n<b>not bold</b> *nor this*';
    server.frame = () => ({ ok: true, value: { title: 'Django or Flask', context: '', me: { memberId: 7, name: 'Ana' }, scale: { min: 1, max: 5 }, options: [{ id: 1, name: 'Django', description: '' }], criteria: [{ id: 3, name: 'Productivity', description: '' }], evidence: [], round: { seq: 2, kind: 'scores', criterionId: 3, status: 'open' }, resultsShown: false } });
    server.ballot = () => ({ ok: true, value: { kind: 'scores', done: false, filled: 1, total: 1, cells: [{ optionId: 1, criterionId: 3, sealed: false, value: 4, why: '' }], earlier: [{ optionId: 1, criterionId: 3, round: 1, why }] } });
    render(<ParticipantApp />);
    const note = await screen.findByText(/Earlier \(round 1\)/);
    // The text as typed, newline and markup included (shown literally; CSS keeps the line break).
    expect(note.parentElement!.textContent).toContain(`“${why}”`);
    expect(note.parentElement!.querySelector('b')).toBeNull();
    expect(note.parentElement!.className).toContain('earlier-reason');
    fireEvent.click(screen.getByRole('button', { name: 'Write a new reason' }));
    expect(screen.getByLabelText('Why, for Django').tagName).toBe('TEXTAREA');
  });
});
