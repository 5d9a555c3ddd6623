// The participant server on a fixed port (a firewall or a room's Wi-Fi rules may ask for one), on 127.0.0.2.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Doors, doorsPortFromEnv } from '../../electron/participants/doors.ts';
import type { DoorsState } from '../../shared/participant.ts';
import { ok, openTestService, workshop } from '../helpers.ts';

const ADDRESS = '127.0.0.2';
const opened: Doors[] = [];
const blockers: Server[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.closeAll();
  for (const b of blockers.splice(0)) await new Promise((r) => b.close(r));
});

/** A port that was free a moment ago, and optionally a server holding it. */
async function port(hold = false): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, ADDRESS, () => r()));
  const p = (server.address() as { port: number }).port;
  if (hold) blockers.push(server);
  else await new Promise((r) => server.close(r));
  return p;
}

function room(defaultPort?: number) {
  const s = openTestService();
  const w = workshop(s, { members: ['Ana', 'Bo'] });
  ok(s, 'openRound', { decisionId: w.decisionId });
  const doors = new Doors(s, { addresses: () => [{ address: ADDRESS, label: 'test' }], defaultPort });
  opened.push(doors);
  return { doors, decisionId: w.decisionId };
}

describe('the doors on a fixed port', () => {
  it('listens on the port asked for, and says so in the join link', async () => {
    const { doors, decisionId } = room();
    const wanted = await port();
    const r = await doors.call('openDoors', { decisionId, host: ADDRESS, port: wanted });
    expect(r.ok).toBe(true);
    const state = (r as { value: DoorsState }).value;
    expect(state.port).toBe(wanted);
    expect(state.joinUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.2:${wanted}/join#w=`));
    // The participant API answers there (a claim without a valid code is refused, as JSON).
    const res = await fetch(`http://${ADDRESS}:${wanted}/p/api/claim`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toMatchObject({ ok: false });
  });

  it('takes VERDICT_DOORS_PORT when the facilitator names none', async () => {
    const wanted = await port();
    expect(doorsPortFromEnv({ VERDICT_DOORS_PORT: String(wanted) })).toBe(wanted);
    expect(doorsPortFromEnv({})).toBe(0);
    for (const bad of ['80', '70000', 'http', '4781x', '-1']) expect(() => doorsPortFromEnv({ VERDICT_DOORS_PORT: bad })).toThrow(/VERDICT_DOORS_PORT must be a port from 1024 to 65535/);
    const { doors, decisionId } = room(wanted);
    const r = await doors.call('openDoors', { decisionId, host: ADDRESS });
    expect((r as { value: DoorsState }).value.port).toBe(wanted);
  });

  it('says plainly when the port is taken, and stays closed', async () => {
    const { doors, decisionId } = room();
    const taken = await port(true);
    const r = await doors.call('openDoors', { decisionId, host: ADDRESS, port: taken });
    expect(r).toEqual({ ok: false, error: { code: 'conflict', message: `Port ${taken} is already in use on ${ADDRESS}; choose another port, or leave it empty for any free one.`, field: 'port' } });
    expect(await doors.call('doorsState', { decisionId })).toEqual({ ok: true, value: null });
  });

  it('refuses ports that are not ports, or need root', async () => {
    const { doors, decisionId } = room();
    for (const bad of [80, 0, 65536, 4781.5, '4781']) {
      const r = await doors.call('openDoors', { decisionId, host: ADDRESS, port: bad });
      expect(r.ok).toBe(false);
      expect((r as { error: { field: string } }).error.field).toBe('port');
    }
  });
});
