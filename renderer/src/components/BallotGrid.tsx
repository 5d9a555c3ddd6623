// One member's hidden ballot on the shared screen, in that member's turn: digits score, 0 or − abstains,
// arrows and Tab move, Enter finishes. Cells filled before this turn show ● and never their value.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { applyBallotUpdate } from '../../../shared/ballot.ts';
import { api } from '../api.ts';
import type { HeldTurn } from '../store/turn.ts';
import type { Ballot, BallotCell, DecisionDetail, Round } from '../types.ts';
import { ErrorNote } from './common.tsx';

interface Props {
  decision: DecisionDetail;
  round: Round;
  /** The member's turn, granted by the server, with the ballot as it saw it. */
  held: HeldTurn;
  /** Called when the ballot closes; `finished` when the member pressed Enter. */
  onClose(finished: boolean): void;
}

export const SEALED = '●';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn', 'OS']);

type Cell = { optionId: number | null; criterionId: number };
const key = (c: Cell) => `${c.optionId ?? 'w'}:${c.criterionId}`;

export function BallotGrid({ decision, round, held, onClose }: Props) {
  const { memberId, turn } = held;
  const member = decision.participants.find((p) => p.personId === memberId);
  const criteria = decision.criteria.filter((c) => round.criterionId === null || c.id === round.criterionId);
  const columns: (number | null)[] = round.kind === 'scores' ? decision.options.map((o) => o.id) : [null];
  const [ballot, setBallot] = useState<Ballot | null>(held.ballot);
  /** A refusal, shown beside the cell it concerns (`cell`), or above the grid when it concerns the ballot. */
  const [error, setError] = useState<{ message: string; cell: string | null } | null>(null);
  const fail = (message: string, cell: Cell | null) => setError({ message, cell: cell ? key(cell) : null });
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const [why, setWhy] = useState<string | null>(null);
  /** Enter on an incomplete ballot asks first: a stray Enter must not finish a ballot with cells left. */
  const [confirming, setConfirming] = useState(false);
  const cellRefs = useRef(new Map<string, HTMLElement>());
  const whyRef = useRef<HTMLTextAreaElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const { min, max } = decision.scale;

  const cellAt = (r: number, c: number): Cell => ({ optionId: columns[c] ?? null, criterionId: criteria[r]!.id });
  const current = criteria.length ? cellAt(focus[0], focus[1]) : null;
  const valueOf = (cell: Cell): BallotCell | undefined => ballot?.cells.find((x) => x.criterionId === cell.criterionId && x.optionId === cell.optionId);
  // The member's own reason from an earlier round (a re-vote): shown so they can keep it or write a new one.
  const earlierOf = (cell: Cell) => ballot?.earlier.find((x) => x.criterionId === cell.criterionId && x.optionId === cell.optionId);
  const earlier = current ? earlierOf(current) : undefined;
  const hasWhy = (cell: Cell) => {
    const v = valueOf(cell);
    return v?.sealed === false && v.why !== '';
  };

  useEffect(() => {
    if (current) cellRefs.current.get(key(current))?.focus();
  }, [focus[0], focus[1], ballot === null]);
  // The why box takes the keyboard as it appears, before the next key: a timer let a fast typist's first letters fall to the grid.
  const whyOpen = why !== null;
  useLayoutEffect(() => {
    if (whyOpen) whyRef.current?.focus();
  }, [whyOpen]);
  // The finish question takes the keyboard the same way, on Keep voting, before the next key.
  useLayoutEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  async function cast(cell: Cell, value: number | 'abstain', note?: string) {
    const existing = valueOf(cell);
    // A sealed cell's old reason is not known here: a new value replaces it along with the old value.
    const text = note ?? (existing?.sealed === false ? existing.why : '');
    const reply =
      cell.optionId === null
        ? await api.castImportance({ decisionId: decision.id, memberId, turn, criterionId: cell.criterionId, importance: value, why: text })
        : await api.castScore({ decisionId: decision.id, memberId, turn, optionId: cell.optionId, criterionId: cell.criterionId, score: value, why: text });
    if (reply.ok) {
      const update = reply.value;
      setBallot((b) => (b ? applyBallotUpdate(b, update) : b));
      // A late answer for this cell must not wipe a refusal another cell got meanwhile.
      setError((e) => (e?.cell && e.cell !== key(cell) ? e : null));
    } else fail(reply.error.message, cell);
    return reply.ok;
  }

  async function finish(anyway = false) {
    if (!anyway && ballot && ballot.filled < ballot.total) {
      // Asked already (a click left it open): the keyboard goes back to it.
      if (confirming) keepRef.current?.focus();
      setConfirming(true);
      return;
    }
    const reply = await api.finishBallot({ decisionId: decision.id, memberId, turn });
    if (!reply.ok) return fail(reply.error.message, null);
    onClose(true);
  }

  const move = (dr: number, dc: number) => {
    let [r, c] = focus;
    c += dc;
    r += dr;
    if (c >= columns.length) [r, c] = [r + 1, 0];
    if (c < 0) [r, c] = [r - 1, columns.length - 1];
    setFocus([Math.max(0, Math.min(criteria.length - 1, r)), Math.max(0, Math.min(columns.length - 1, c))]);
  };

  const backToGrid = () => {
    if (current) cellRefs.current.get(key(current))?.focus();
  };
  const saveWhy = () => {
    if (!current || why === null) return;
    const v = valueOf(current);
    if (!v || v.sealed) return fail('Score the cell first, then add why.', current);
    void cast(current, v.value ?? 'abstain', why).then((ok) => {
      if (ok) {
        setWhy(null);
        backToGrid();
      }
    });
  };

  /**
   * A digit or − on the current cell: cast it and move on at once, so fast typing fills cell after cell (a refused
   * cast says so beside its cell). False when the key is not a value.
   */
  const typeValue = (key: string): boolean => {
    const digit = /^[0-9]$/.test(key) ? Number(key) : null;
    if (!current || (key !== '-' && digit === null)) return false;
    if (digit !== null && digit !== 0 && (digit < min || digit > max)) {
      fail(`Scores go from ${min} to ${max}; 0 or − abstains.`, current);
      return true;
    }
    void cast(current, digit === null || digit === 0 ? 'abstain' : digit);
    move(0, 1);
    return true;
  };

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    // Keys typed in the why box or the finish question are theirs, not the grid's.
    if (!current || target.closest('.why, .ballot-confirm')) return;
    if (e.key === 'Escape') return onClose(false);
    // Only the grid takes the grid's keys: Enter on a footer button is that button's click, never a Finish.
    if (!target.closest('[role="grid"]')) return;
    if (e.key === 'Enter') {
      // No click from this Enter: the question that opens takes the focus at once, and would receive it.
      e.preventDefault();
      return void finish();
    }
    if (e.key === 'ArrowRight') move(0, 1);
    else if (e.key === 'ArrowLeft') move(0, -1);
    else if (e.key === 'ArrowDown') move(1, 0);
    else if (e.key === 'ArrowUp') move(-1, 0);
    else if (e.key === 'Tab') move(0, e.shiftKey ? -1 : 1);
    else if (typeValue(e.key)) {
      // cast, and the focus moved on
    } else if (e.key === 'w') {
      const v = valueOf(current);
      setWhy(v?.sealed === false ? v.why : '');
    } else return;
    e.preventDefault();
  };

  const keepVoting = () => {
    setConfirming(false);
    backToGrid();
  };
  // The question finishes only on F, or on a click (or Enter) on its Finish button; Enter or Space on Keep voting
  // goes back. Any other key means the voter was still typing (spreadsheet habits: 5 Enter 3 Tab 2, 4 Enter Tab
  // Enter), so it goes back to the grid and counts there: a Tab moves on, a digit scores.
  const onConfirmKey = (e: KeyboardEvent) => {
    // A modifier pressed on its way to a key (Shift for F), or a shortcut of the browser's, is no answer.
    if (e.key === 'Enter' || e.key === ' ' || MODIFIERS.has(e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'f' || e.key === 'F') return void finish(true);
    keepVoting();
    if (e.key === 'Tab') move(0, e.shiftKey ? -1 : 1);
    else typeValue(e.key);
  };

  if (!member) return <ErrorNote error="This member is no longer in the decision." />;
  const name = (id: number | null) => (id === null ? 'Importance' : (decision.options.find((o) => o.id === id)?.name ?? ''));
  const shown = (cell: Cell) => {
    const v = valueOf(cell);
    return v === undefined ? '' : v.sealed ? SEALED : v.value === null ? '–' : String(v.value);
  };
  const label = (v: string) => (v === '' ? 'empty' : v === SEALED ? 'filled earlier (hidden)' : v === '–' ? 'abstained' : v);
  return (
    <section
      className="ballot"
      aria-label={`${member.name}’s ballot`}
      data-grid
      onKeyDown={onKey}
      // A click on the ballot's text (a row's name, the hint) keeps the keyboard on the cell instead of dropping it to the page.
      onMouseDown={(e) => {
        if (!(e.target as HTMLElement).closest('button, input, textarea, select, a, label, [role="gridcell"]')) e.preventDefault();
      }}
    >
      <header>
        <h3>{member.name}’s ballot</h3>
        <p className="muted">
          {round.kind === 'scores' ? `Score each option from ${min} to ${max}` : `Rate how important each criterion is, from ${min} to ${max}`}. 0 or − abstains, arrows or Tab move, w adds a why, Enter finishes.{' '}
          {ballot && (
            <strong>
              {ballot.filled} of {ballot.total} filled
            </strong>
          )}
        </p>
      </header>
      {/* A cell's refusal shows beside that cell (below); the ballot's own, here above the grid, never below the fold. */}
      <ErrorNote error={error?.cell === null ? error.message : null} />
      {confirming && ballot && (
        <div className="confirm ballot-confirm" role="alertdialog" aria-label="Finish with cells left?" onKeyDown={onConfirmKey}>
          <p>
            {member.name} has filled {ballot.filled} of {ballot.total} cells. Finish anyway? Cells left empty count as not scored.
          </p>
          <button ref={keepRef} className="primary" onClick={keepVoting}>
            Keep voting
          </button>{' '}
          <button onClick={() => void finish(true)}>
            Finish with {ballot.filled} of {ballot.total} (F)
          </button>
        </div>
      )}
      <table role="grid" aria-label={`${member.name}’s ballot`} className="ballot-grid">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            {columns.map((o) => (
              <th scope="col" key={o ?? 'w'}>
                {name(o)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {criteria.map((c, r) => (
            <tr key={c.id}>
              <th scope="row" title={c.description}>
                {c.name}
              </th>
              {columns.map((o, col) => {
                const cell = { optionId: o, criterionId: c.id };
                const v = shown(cell);
                const focused = focus[0] === r && focus[1] === col;
                return (
                  <td
                    key={o ?? 'w'}
                    role="gridcell"
                    tabIndex={focused ? 0 : -1}
                    ref={(el) => void (el ? cellRefs.current.set(key(cell), el) : cellRefs.current.delete(key(cell)))}
                    // A refusal shown in the cell is part of its name too: a name must hold all the cell's visible words.
                    aria-label={`${name(o)}, ${c.name}: ${label(v)}${earlierOf(cell) ? ', with an earlier reason' : ''}${error?.cell === key(cell) ? ` — ${error.message}` : ''}`}
                    aria-selected={focused}
                    className={`cell${v === '' ? ' empty' : ''}${v === '–' ? ' abstain' : ''}${v === SEALED ? ' sealed' : ''}${hasWhy(cell) ? ' has-why' : ''}`}
                    onClick={() => {
                      // A click on a cell answers the finish question: keep voting, here.
                      setConfirming(false);
                      setFocus([r, col]);
                    }}
                  >
                    {v}
                    {error?.cell === key(cell) && (
                      <span className="cell-error" role="alert">
                        {error.message}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {earlier && (
        <p className="earlier-reason" aria-live="polite">
          <span className="muted">
            Earlier (round {earlier.round}), {name(current!.optionId)} × {criteria[focus[0]]?.name}:
          </span>{' '}
          “{earlier.why.trim()}”{' '}
          <span className="muted">— it stays with your vote unless you write a new reason (w).</span>
        </p>
      )}
      {why !== null && current && (
        <form
          className="inline-form why"
          onSubmit={(e) => {
            e.preventDefault();
            saveWhy();
          }}
        >
          <label className="field grow">
            <span className="field-label">
              Why ({name(current.optionId)}, {criteria[focus[0]]?.name}) — Enter or Shift+Enter for a new line, Ctrl+Enter or Esc saves
            </span>
            <textarea
              ref={whyRef}
              value={why}
              rows={2}
              onChange={(e) => setWhy(e.target.value)}
              maxLength={2000}
              onKeyDown={(e) => {
                // Saving is explicit (Ctrl/⌘+Enter or Esc); Enter alone writes a new line and never reaches the grid.
                if ((e.key === 'Enter' && (e.ctrlKey || e.metaKey)) || e.key === 'Escape') {
                  e.preventDefault();
                  saveWhy();
                }
              }}
            />
          </label>
          <button type="submit">Save why</button>
        </form>
      )}
      <footer className="ballot-actions">
        <button className="primary" onClick={() => void finish()}>
          Finish ballot (Enter){ballot && ballot.filled < ballot.total ? ` — ${ballot.filled} of ${ballot.total} filled` : ''}
        </button>
        <button onClick={() => onClose(false)}>Close without finishing (Esc)</button>
      </footer>
    </section>
  );
}
