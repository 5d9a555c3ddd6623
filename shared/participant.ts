// The participant door's narrow contract: what a phone or laptop in the room may ask, with a seat token.
// A participant never names a decision or a member: the token says which, and the server holds it.
import { z } from 'zod';
import type { BallotCell, BallotUpdate, EarlierReason, Results, RoundKind } from './types.ts';

/** 128 random bits, base64url: workshop codes, personal invitations and seat tokens alike. */
export const Token = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'is not a Verdict token');

const Id = z.number().int().positive();
const Vote = z.union([z.number().int(), z.literal('abstain')]);

export const participantInputs = {
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
/** The two that come before a seat is held, so carry no seat token. */
export const seatless: readonly ParticipantMethod[] = ['roster', 'claim'];

export interface RosterEntry {
  memberId: number;
  name: string;
  /** Someone already holds this seat on a device. */
  taken: boolean;
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
  host: string;
  port: number;
  showResults: boolean;
  seats: { memberId: number; name: string; taken: boolean }[];
}

export interface NetworkAddress {
  address: string;
  label: string;
}
