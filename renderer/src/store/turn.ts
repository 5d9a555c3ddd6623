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
  /** The member whose ballot another screen or a phone holds: the screen offers to open it here anyway. */
  heldElsewhere: number | null;
  /** `takeOver`: take the ballot from another screen that still holds it (a tab closed mid-ballot). */
  openBallot(memberId: number, takeOver?: boolean): Promise<void>;
  closeBallot(): Promise<void>;
  /** After a reload: the ballot this tab held opens again while its turn is live. */
  resumeBallot(): Promise<void>;
}

const KEPT = 'verdict.turn';

type Kept = Pick<HeldTurn, 'decisionId' | 'memberId' | 'turn'> & { tab: string };

/**
 * This tab's own name for itself. A tab opened from this one (window.open, "duplicate tab") starts with a copy of
 * its sessionStorage but not its window.name, so the note below can tell the tab that wrote it from a copy.
 */
function tabName(): string {
  if (!window.name.startsWith('verdict-tab-')) window.name = `verdict-tab-${crypto.randomUUID()}`;
  return window.name;
}

/**
 * The held turn, noted in this tab only (sessionStorage): a reload mid-ballot returns to it while the turn is
 * live; a copied note in another tab is ignored, so two screens never write one ballot. The server decides
 * whether the turn is still live.
 */
const kept = {
  save: (h: HeldTurn) => sessionStorage.setItem(KEPT, JSON.stringify({ decisionId: h.decisionId, memberId: h.memberId, turn: h.turn, tab: tabName() } satisfies Kept)),
  clear: () => sessionStorage.removeItem(KEPT),
  read: (): Kept | null => {
    try {
      const k = JSON.parse(sessionStorage.getItem(KEPT) ?? 'null') as Partial<Kept> | null;
      const valid = Number.isInteger(k?.decisionId) && Number.isInteger(k?.memberId) && typeof k?.turn === 'string' && typeof k?.tab === 'string';
      return valid ? (k as Kept) : null;
    } catch {
      return null;
    }
  },
};

export const createTurnSlice: Slice<TurnSlice> = (set, get) => ({
  turn: null,
  turnError: null,
  heldElsewhere: null,
  async openBallot(memberId, takeOver = false) {
    const decisionId = get().decisionId;
    if (decisionId === null) return;
    const held = get().turn;
    // Taking the next member's turn gives back this screen's current one in the same step.
    const release = held?.decisionId === decisionId ? held.turn : undefined;
    if (held && release === undefined) await get().closeBallot();
    const reply = await api.takeTurn({ decisionId, memberId, release, ...(takeOver ? { takeOver } : {}) });
    if (!reply.ok) {
      // A refused take gives nothing back (its release is undone with it): end this screen's turn, so the
      // member it held is not locked out on this very screen.
      if (held) await get().closeBallot();
      // Offered only where the server says a take-over would work: never for a ballot open on a phone.
      return set({ turn: null, turnError: reply.error.message, heldElsewhere: reply.error.code === 'turn_taken' && reply.error.field === 'takeOver' ? memberId : null });
    }
    const turn = { decisionId, memberId, turn: reply.value.turn, ballot: reply.value.ballot };
    kept.save(turn);
    set({ turn, turnError: null, heldElsewhere: null });
  },
  async resumeBallot() {
    const left = kept.read();
    // A note copied from the tab that opened this one is that tab's turn, not ours.
    if (!left || left.tab !== tabName()) return kept.clear();
    // The note stays until the answer comes: a second reload meanwhile must still find it.
    const reply = await api.ballot({ decisionId: left.decisionId, memberId: left.memberId, turn: left.turn });
    // Refused when the turn lapsed, ended elsewhere, or its round was revealed: nothing to return to.
    if (!reply.ok) return kept.clear();
    const s = get();
    // The page opened another place (a link to another decision) or a ballot meanwhile: give this one back.
    if (s.decisionId !== left.decisionId || s.turn !== null) {
      kept.clear();
      await api.endTurn({ decisionId: left.decisionId, turn: left.turn });
      return;
    }
    const turn = { decisionId: left.decisionId, memberId: left.memberId, turn: left.turn, ballot: reply.value };
    s.setStep('vote');
    kept.save(turn);
    set({ turn, turnError: null });
  },
  async closeBallot() {
    const held = get().turn;
    set({ turn: null, turnError: null, heldElsewhere: null });
    kept.clear();
    if (held) await api.endTurn({ decisionId: held.decisionId, turn: held.turn });
  },
});
