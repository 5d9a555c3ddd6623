// Each criterion's share of the total weight: the results' (voted or direct) once there are any, else the direct weights.
import type { Criterion, Results } from '../types.ts';
import { normaliseWeights } from './index.ts';

export function criterionShares(criteria: readonly Criterion[], results: Results | null): Map<number, number> {
  if (results) return new Map(results.weights.map((w) => [w.criterionId, w.weight]));
  const keys = criteria.map((c) => String(c.id));
  const shares = normaliseWeights(keys, Object.fromEntries(criteria.map((c) => [String(c.id), c.weight])));
  return new Map(criteria.map((c) => [c.id, shares[String(c.id)]!]));
}
