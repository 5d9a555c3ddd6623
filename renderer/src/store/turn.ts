// The ballot open on this screen: a member's turn, granted by the server when their tile is chosen and
// given back at Finish, Esc, another member's tile, another step or another decision.
import { api } from '../api.ts';
import type { Ballot } from '../types.ts';
import type { Slice } from './index.ts';

export interface HeldTurn {
  decisionId: number;
  memberId: number;
  turn: string;
  /** The ballot as the turn first saw it: filled cells sealed, no values. */
  ballot: Ballot;
}

export interface TurnSlice {
  turn: HeldTurn | null;
  /** Why a tile did not open (the ballot is open elsewhere, the round closed). */
  turnError: string | null;
  openBallot(memberId: number): Promise<void>;
  closeBallot(): Promise<void>;
  /** After a reload: the ballot this tab held opens again while its turn is live. */
  resumeBallot(): Promise<void>;
}

const KEPT = 'verdict.turn';

type Kept = Pick<HeldTurn, 'decisionId' | 'memberId' | 'turn'>;

/**
 * The held turn, noted in this tab only (sessionStorage): a reload mid-ballot returns to it while the turn is
 * live, and another tab or window never sees it. The server decides whether it is still live.
 */
const kept = {
  save: (h: HeldTurn) => sessionStorage.setItem(KEPT, JSON.stringify({ decisionId: h.decisionId, memberId: h.memberId, turn: h.turn } satisfies Kept)),
  clear: () => sessionStorage.removeItem(KEPT),
  read: (): Kept | null => {
    try {
      const k = JSON.parse(sessionStorage.getItem(KEPT) ?? 'null') as Partial<Kept> | null;
      return Number.isInteger(k?.decisionId) && Number.isInteger(k?.memberId) && typeof k?.turn === 'string' ? (k as Kept) : null;
    } catch {
      return null;
    }
  },
};

export const createTurnSlice: Slice<TurnSlice> = (set, get) => ({
  turn: null,
  turnError: null,
  async openBallot(memberId) {
    const decisionId = get().decisionId;
    if (decisionId === null) return;
    const held = get().turn;
    // Taking the next member's turn gives back this screen's current one in the same step.
    const release = held?.decisionId === decisionId ? held.turn : undefined;
    if (held && release === undefined) await get().closeBallot();
    const reply = await api.takeTurn({ decisionId, memberId, release });
    if (!reply.ok) {
      // A refused take gives nothing back (its release is undone with it): end this screen's turn, so the
      // member it held is not locked out on this very screen.
      if (held) await get().closeBallot();
      return set({ turn: null, turnError: reply.error.message });
    }
    const turn = { decisionId, memberId, turn: reply.value.turn, ballot: reply.value.ballot };
    kept.save(turn);
    set({ turn, turnError: null });
  },
  async resumeBallot() {
    const left = kept.read();
    kept.clear();
    if (!left) return;
    // Refused when the turn lapsed, ended elsewhere, or its round was revealed: nothing to return to.
    const reply = await api.ballot(left);
    if (!reply.ok) return;
    const s = get();
    // The page opened another place (a link to another decision) or a ballot meanwhile: give this one back.
    if (s.decisionId !== left.decisionId || s.turn !== null) {
      await api.endTurn({ decisionId: left.decisionId, turn: left.turn });
      return;
    }
    const turn = { ...left, ballot: reply.value };
    s.setStep('vote');
    kept.save(turn);
    set({ turn, turnError: null });
  },
  async closeBallot() {
    const held = get().turn;
    set({ turn: null, turnError: null });
    kept.clear();
    if (held) await api.endTurn({ decisionId: held.decisionId, turn: held.turn });
  },
});
