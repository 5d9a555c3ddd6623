// The participant page's only way to the server: POST /p/api/<method> with the seat token, on the address it came from.
import type { ParticipantMethod, ParticipantOutputs } from '../../../shared/participant.ts';
import type { Reply } from '../../../shared/reply.ts';

const SEAT = 'verdict.seat';

/** The seat lives in this tab only: a shared phone or a closed tab gives it up. */
export const seatStore = {
  get: (): string | null => sessionStorage.getItem(SEAT),
  set: (seat: string) => sessionStorage.setItem(SEAT, seat),
  clear: () => sessionStorage.removeItem(SEAT),
};

export async function call<M extends ParticipantMethod>(method: M, input: object = {}): Promise<Reply<ParticipantOutputs[M]>> {
  const seat = seatStore.get();
  try {
    const res = await fetch(`/p/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(seat ? { authorization: `Bearer ${seat}` } : {}) },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Reply<ParticipantOutputs[M]>;
  } catch {
    return { ok: false, error: { code: 'unauthorized', message: 'The workshop cannot be reached: the facilitator may have closed the doors.' } };
  }
}

/** What the join link carries after "#": the workshop code (w=…) or a personal invitation (i=…). */
export function linkOf(hash: string): { workshop?: string; invite?: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { workshop: params.get('w') ?? undefined, invite: params.get('i') ?? undefined };
}
