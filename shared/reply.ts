// The one shape every door answers with: a value, or a user-readable error.
import type { z } from 'zod';

export const errorCodes = [
  'invalid_input', // the input breaks the contract or a rule; `field` names the culprit
  'not_found',
  'conflict', // a name already taken, a state that does not allow the change
  'round_open', // a round is open and the change must wait until it is revealed
  'round_closed', // voting needs an open round
  'votes_hidden', // values asked for before the reveal
  'invalid_transition',
  'forbidden', // a door refused the caller (sender, Host, Origin)
  'unauthorized', // no valid seat token (the participant door)
  'no_turn', // a ballot's values asked for or changed without that member's turn
  'turn_taken', // the member's ballot is open on another screen, tab or phone
  'rate_limited', // too many requests from one seat
  'busy', // the database stayed locked by another process
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface UserErrorShape {
  code: ErrorCode;
  message: string;
  /** The input field at fault, as a dotted path, when one is. */
  field?: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: UserErrorShape };

/** An error meant for the user: its message is shown as it is. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  toJSON(): UserErrorShape {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}

export function fail(code: ErrorCode, message: string, field?: string): never {
  throw new UserError(code, message, field);
}

/** Turns a zod failure into one readable error naming the first field at fault. */
export function invalidInput(error: z.ZodError): UserErrorShape {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  // A wrong whole input (not an object at all) is blamed on "input".
  const fieldAt = (issue.code === 'unrecognized_keys' ? [...issue.path.map(String), issue.keys[0]!].join('.') : field) || 'input';
  return { code: 'invalid_input', message: `${fieldAt}: ${message}`, field: fieldAt };
}
