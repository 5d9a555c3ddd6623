// The participant door's narrow contract: what a phone or laptop in the room may ask, with a seat token.
// A participant never names a decision or a member: the token says which, and the server holds it.
import { z } from 'zod';
import type { BallotCell, BallotUpdate, EarlierReason, Results, RoundKind } from './types.ts';

/** 128 random bits, base64url: workshop codes, personal invitations and seat tokens alike. */
export const Token = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'is not a Verdict token');

/**
 * The short join code read off the shared screen and typed on a phone: 6 characters from 31 that cannot be
 * mistaken for one another (no 0/O, no 1/I/L), shown as K7P-3QX. Typed in any case, with or without spaces and dashes.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

/** K7P3QX → K7P-3QX: two groups of three are easier to read across a room and to type. */
export const formatJoinCode = (code: string): string => `${code.slice(0, 3)}-${code.slice(3)}`;

/** K7P3QX → "K 7 P, 3 Q X": a screen reader spells it out. */
export const spellJoinCode = (code: string): string => [code.slice(0, 3), code.slice(3)].map((group) => group.split('').join(' ')).join(', ');

const LIKE = 'like K7P-3QX';
/**
 * A typed join code, tidied to its six characters; the message says what is wrong with it, never whether it is right.
 * Tidying drops what a person cannot see or does not count: spaces, dashes of any kind, control characters, and
 * invisible formatting a paste can carry (zero-width spaces and joiners, U+2060, U+FEFF, soft hyphens, direction
 * marks, variation selectors); full-width
 * letters and digits count as the plain ones (NFKC).
 */
export const JoinCode = z
  .string()
  .max(40, `is too long: the code on the screen has ${JOIN_CODE_LENGTH} characters, ${LIKE}`)
  .transform((typed) => typed.normalize('NFKC').replace(/[\s\p{Pd}\p{Cc}\p{Cf}\u{FE00}-\u{FE0F}]/gu, '').toUpperCase())
  .superRefine((code, ctx) => {
    const stray = [...code].find((ch) => !JOIN_CODE_ALPHABET.includes(ch));
    if (code.length === 0) ctx.addIssue({ code: 'custom', message: `is empty: type the code shown on the screen, ${LIKE}` });
    else if (code.length !== JOIN_CODE_LENGTH) ctx.addIssue({ code: 'custom', message: `has ${code.length} character${code.length === 1 ? '' : 's'}; the code on the screen has ${JOIN_CODE_LENGTH}, ${LIKE}` });
    else if (stray !== undefined)
      ctx.addIssue({ code: 'custom', message: '01ILO'.includes(stray) ? `has “${stray}”, which join codes never use (no 0, 1, I, L or O, so nothing can be misread)` : `has “${stray}”: join codes are letters and digits only` });
  });

const Id = z.number().int().positive();
const Vote = z.union([z.number().int(), z.literal('abstain')]);

export const participantInputs = {
  /** The short code typed from the screen, exchanged for the workshop code the join link carries: never a seat. */
  enter: z.strictObject({ code: JoinCode }),
  /** The names in the room, to pick one's own; needs the workshop code from the join link. */
  roster: z.strictObject({ workshop: Token }),
  /** Takes a seat: by workshop code and name, or by a personal invitation. Answers the seat token. */
  claim: z.union([z.strictObject({ workshop: Token, memberId: Id }), z.strictObject({ invite: Token })]),
  frame: z.strictObject({}),
  ballot: z.strictObject({}),
  cast: z.strictObject({ optionId: Id.nullable(), criterionId: Id, value: Vote, why: z.string().max(2_000, 'must be at most 2,000 characters').optional() }),
  clear: z.strictObject({ optionId: Id.nullable(), criterionId: Id }),
  finish: z.strictObject({ done: z.boolean() }),
  results: z.strictObject({}),
} as const;
export type ParticipantMethod = keyof typeof participantInputs;
/** The ones that come before a seat is held, so carry no seat token. */
export const seatless: readonly ParticipantMethod[] = ['enter', 'roster', 'claim'];

export interface RosterEntry {
  memberId: number;
  name: string;
  /** Someone already holds this seat on a device. */
  taken: boolean;
  /** A personal link was sent for this seat: only that link takes it (until the facilitator resets the seat). */
  invited: boolean;
}

export interface Seat {
  seat: string;
  memberId: number;
  name: string;
}

/** What a participant sees: the question, the options and criteria with their evidence, the round, and themselves. */
export interface ParticipantFrame {
  title: string;
  context: string;
  me: { memberId: number; name: string };
  scale: { min: number; max: number };
  options: { id: number; name: string; description: string }[];
  criteria: { id: number; name: string; description: string }[];
  evidence: { optionId: number; criterionId: number; text: string; source: string }[];
  round: { seq: number; kind: RoundKind; criterionId: number | null; status: 'open' | 'revealed' } | null;
  /** Whether the facilitator lets participants see the results once revealed. */
  resultsShown: boolean;
}

export interface ParticipantBallot {
  kind: RoundKind;
  done: boolean;
  filled: number;
  total: number;
  cells: BallotCell[];
  /** The member's own reasons from earlier rounds for the cells being re-voted (see `Ballot.earlier`). */
  earlier: EarlierReason[];
}

export type ParticipantOutputs = {
  /** The workshop code, as in the join link's fragment. */
  enter: { workshop: string };
  roster: RosterEntry[];
  claim: Seat;
  frame: ParticipantFrame;
  ballot: ParticipantBallot;
  cast: BallotUpdate;
  clear: BallotUpdate;
  finish: { done: boolean };
  results: Results;
};

/** The facilitator's view of the open doors. */
export interface DoorsState {
  decisionId: number;
  /** The link to show and put in the QR code: the workshop code travels in the fragment, never in a log. */
  joinUrl: string;
  /** The plain address to type, http://HOST:PORT/, where the short code is asked for. */
  address: string;
  /** The short code to type there (K7P3QX): new each time the doors open, worthless once they close. */
  joinCode: string;
  host: string;
  port: number;
  showResults: boolean;
  seats: { memberId: number; name: string; taken: boolean }[];
}

export interface NetworkAddress {
  address: string;
  label: string;
}
