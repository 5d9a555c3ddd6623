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
}

const KEPT = 'verdict.turn';

/** The held turn, noted in this tab only: a reload then gives it back instead of locking the member out until it lapses. */
const kept = {
  save: (h: HeldTurn) => sessionStorage.setItem(KEPT, JSON.stringify({ decisionId: h.decisionId, turn: h.turn })),
  clear: () => sessionStorage.removeItem(KEPT),
  read: (): { decisionId: number; turn: string } | null => {
    try {
      return JSON.parse(sessionStorage.getItem(KEPT) ?? 'null') as { decisionId: number; turn: string } | null;
    } catch {
      return null;
    }
  },
};

/** Ends a turn this tab held before it was reloaded. */
export async function releaseLeftTurn(): Promise<void> {
  const left = kept.read();
  kept.clear();
  if (left) await api.endTurn(left);
}

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
  async closeBallot() {
    const held = get().turn;
    set({ turn: null, turnError: null });
    kept.clear();
    if (held) await api.endTurn({ decisionId: held.decisionId, turn: held.turn });
  },
});
