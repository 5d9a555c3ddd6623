// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DoorsState } from '../../shared/participant.ts';
import { answer, calls, doorsAnswers, fakeApi, ok } from './fake-api.ts';
import { decision } from './fixtures.ts';

vi.mock('../../renderer/src/api.ts', () => ({ api: fakeApi }));
const { DoorsBar, DoorsPanel } = await import('../../renderer/src/components/DoorsPanel.tsx');

const open: DoorsState = {
  decisionId: 1,
  joinUrl: 'http://192.168.1.20:41234/join#w=AAAAAAAAAAAAAAAAAAAAAA',
  address: 'http://192.168.1.20:41234/',
  joinCode: 'K7P3QX',
  host: '192.168.1.20',
  port: 41234,
  showResults: true,
  seats: [
    { memberId: 7, name: 'Ana', taken: true },
    { memberId: 8, name: 'Bo', taken: false },
  ],
};

beforeEach(() => {
  answer({});
  for (const k of Object.keys(doorsAnswers)) delete doorsAnswers[k];
  doorsAnswers.networkAddresses = () => ok([{ address: '192.168.1.20', label: '192.168.1.20 (wlan0: the room’s network)' }, { address: '127.0.0.1', label: '127.0.0.1 (this computer only: a demo)' }]);
});
afterEach(cleanup);

describe('the doors panel', () => {
  it('offers the machine’s addresses and opens the doors with the choices made', async () => {
    doorsAnswers.openDoors = () => ok(open);
    render(<DoorsPanel decision={decision} />);
    const select = (await screen.findByLabelText('Offer on')) as HTMLSelectElement;
    await vi.waitFor(() => expect(select.value).toBe('192.168.1.20'));
    fireEvent.change(select, { target: { value: '127.0.0.1' } });
    fireEvent.click(screen.getByLabelText('Show them the results after the reveal'));
    fireEvent.click(screen.getByRole('button', { name: 'Open the doors' }));
    await screen.findByRole('img', { name: 'QR code of the join link' });
    expect(calls.find((c) => c.method === ('doors.openDoors' as never))?.input).toEqual({ decisionId: 1, host: '127.0.0.1', showResults: true });
    // The whole link is on the wall, code included, as in the QR code beside it: typed by hand, it works.
    expect(screen.getByText('http://192.168.1.20:41234/join#w=AAAAAAAAAAAAAAAAAAAAAA')).toBeTruthy();
    // No camera: the plain address and the short code, grouped for the eye and spelled out for a screen reader.
    expect(screen.getByText('http://192.168.1.20:41234/')).toBeTruthy();
    const shown = screen.getByText('K7P-3QX');
    expect(shown.getAttribute('aria-hidden')).toBe('true');
    expect(shown.parentElement!.querySelector('.sr-only')!.textContent).toBe('the join code: K 7 P, 3 Q X');
  });

  it('opens on a fixed port when one is given, remembers it, and refuses one that is not a port', async () => {
    localStorage.removeItem('verdict.doorsPort');
    doorsAnswers.openDoors = () => ok(open);
    render(<DoorsPanel decision={decision} />);
    await vi.waitFor(() => expect((screen.getByLabelText('Offer on') as HTMLSelectElement).value).toBe('192.168.1.20'));
    fireEvent.change(screen.getByLabelText('Port'), { target: { value: 'eighty' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the doors' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/The port must be a number from 1024 to 65535/);
    expect(calls.some((c) => c.method === ('doors.openDoors' as never))).toBe(false);
    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '4781' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the doors' }));
    await screen.findByRole('img', { name: 'QR code of the join link' });
    expect(calls.find((c) => c.method === ('doors.openDoors' as never))?.input).toEqual({ decisionId: 1, host: '192.168.1.20', showResults: false, port: 4781 });
    expect(localStorage.getItem('verdict.doorsPort')).toBe('4781');
  });

  it('keeps open doors visible and closable on every other step', async () => {
    doorsAnswers.doorsState = () => ok(open);
    doorsAnswers.closeDoors = () => ok({ closed: true });
    render(<DoorsBar decisionId={1} />);
    await screen.findByText(/Participants’ devices can still reach this decision/);
    fireEvent.click(screen.getByRole('button', { name: 'Close the doors' }));
    await vi.waitFor(() => expect(screen.queryByText(/can still reach/)).toBeNull());
    expect(calls.find((c) => c.method === ('doors.closeDoors' as never))?.input).toEqual({ decisionId: 1 });
  });

  it('shows who holds a seat, resets a lost phone’s seat, and says why it cannot open', async () => {
    doorsAnswers.doorsState = () => ok(open);
    doorsAnswers.resetSeat = () => ok({ ...open, seats: open.seats.map((s) => ({ ...s, taken: false })) });
    render(<DoorsPanel decision={decision} />);
    await screen.findByText('on a device');
    fireEvent.click(screen.getByRole('button', { name: 'Reset Ana’s seat' }));
    await vi.waitFor(() => expect(screen.queryByText('on a device')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Reset Bo’s seat' })).toBeNull();
    cleanup();

    doorsAnswers.doorsState = () => ok(null);
    doorsAnswers.openDoors = () => ({ ok: false, error: { code: 'round_closed', message: 'Open a round first: participants vote in the open round.' } });
    render(<DoorsPanel decision={decision} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open the doors' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Open a round first: participants vote in the open round.');
  });
});
