// The result's sentences, written once for every door: the handler stores them with plain names, and the
// ADR writes them again with names escaped for markdown.
import type { Results, ResultSentences } from '../types.ts';
import { describeFlip, describeLeftOut, type Flip, type Names } from './index.ts';
import { describeRobustness } from './robustness.ts';

type Plain = Omit<Results, 'sentences' | 'minimalFlip'> & { minimalFlip: Omit<NonNullable<Results['minimalFlip']>, 'sentence'> | null };

export function resultSentences(r: Plain, escape: (text: string) => string = (t) => t): ResultSentences {
  const optionName = new Map(r.options.map((o) => [String(o.optionId), o.name]));
  const criterionName = new Map(r.weights.map((w) => [String(w.criterionId), w.name]));
  const names: Names = { option: (id) => escape(optionName.get(id) ?? id), criterion: (id) => escape(criterionName.get(id) ?? id) };
  const f = r.minimalFlip;
  const flip: Flip | null =
    f === null
      ? null
      : f.tie
        ? { tie: true, winner: String(f.winnerId), challenger: String(f.challengerId), criterion: null, weightNow: null, weightAtTie: null, deltaPoints: 0, fragile: true, tied: f.tiedIds.map(String) }
        : { tie: false, winner: String(f.winnerId), challenger: String(f.challengerId), criterion: String(f.criterionId), weightNow: f.weightNow!, weightAtTie: f.weightAtTie!, deltaPoints: f.deltaPoints, fragile: f.fragile };
  const complete = r.options.filter((o) => !o.incomplete).length;
  const leftOut = r.options
    .filter((o) => o.incomplete)
    .map((o) => describeLeftOut(escape(o.name), r.cells.filter((c) => c.optionId === o.optionId && c.n === 0).length));
  const rob = r.robustness;
  const robustness =
    rob === null
      ? null
      : describeRobustness(
          { ...rob, leaders: rob.leaderIds.map(String), wins: rob.wins.map((w) => ({ option: String(w.optionId), share: w.share })) },
          names,
        );
  const value = (o: string, k: string) => r.cells.find((c) => String(c.optionId) === o && String(c.criterionId) === k)?.value ?? null;
  return { flip: describeFlip(flip, complete, names, value, [...criterionName.keys()]), leftOut, robustness };
}
