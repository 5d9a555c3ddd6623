// Keeping a copy of a ballot current from the one-cell updates that casting and clearing answer with.
import type { Ballot, BallotUpdate } from './types.ts';

/** A ballot with one cell's update applied: how the page keeps its copy current. */
export function applyBallotUpdate<B extends Pick<Ballot, 'done' | 'filled' | 'total' | 'cells'>>(ballot: B, u: BallotUpdate): B {
  const others = ballot.cells.filter((c) => !(c.optionId === u.optionId && c.criterionId === u.criterionId));
  return { ...ballot, done: u.done, filled: u.filled, total: u.total, cells: u.cell ? [...others, u.cell] : others };
}
