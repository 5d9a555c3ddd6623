import { useEffect } from 'react';
import { steps, stepLabels } from '../store/ui.ts';
import { useStore } from '../store/index.ts';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[data-grid]') !== null);

/** Keys for the facilitator; none of them fires while someone types or fills a ballot. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useStore.getState();
      if (e.key === 'Escape' && s.showShortcuts) return s.setShowShortcuts(false);
      // While a ballot is open at this screen, its voter has the keyboard, wherever the focus went.
      if (typing(e.target) || s.turn !== null || e.ctrlKey || e.metaKey) return;
      if (e.altKey && /^[1-7]$/.test(e.key) && s.decisionId !== null) {
        e.preventDefault();
        return s.setStep(steps[Number(e.key) - 1]!);
      }
      if (e.altKey) return;
      if (e.key === '?') s.setShowShortcuts(!s.showShortcuts);
      else if (e.key === 'p') s.togglePresenter();
      else if (e.key === 't') s.toggleTheme();
      else if (e.key === '+' || e.key === '=') s.zoomBy(0.1);
      else if (e.key === '-') s.zoomBy(-0.1);
      else if (e.key === '[' && s.decisionId !== null) s.moveStep(-1);
      else if (e.key === ']' && s.decisionId !== null) s.moveStep(1);
      else if (e.key === 'Escape' && s.presenter) s.togglePresenter();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function Shortcuts() {
  const { showShortcuts, setShowShortcuts } = useStore();
  if (!showShortcuts) return null;
  const rows: [string, string][] = [
    ['?', 'Show or hide this list'],
    ...steps.map((s, i): [string, string] => [`Alt+${i + 1}`, `Go to ${stepLabels[s]}`]),
    ['[ / ]', 'Previous or next step'],
    ['p', 'Presenter mode on or off (Esc leaves it)'],
    ['t', 'Light or dark theme'],
    ['+ / −', 'Zoom in or out'],
    ['Ballot: 1–9', 'Score the cell'],
    ['Ballot: 0 or −', 'Abstain ("don’t know")'],
    ['Ballot: arrows, Tab', 'Move between cells'],
    ['Ballot: w', 'Write a short “why” for the cell'],
    ['Ballot: Enter', 'Finish the ballot'],
    ['Ballot: Esc', 'Close the ballot without finishing'],
  ];
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={() => setShowShortcuts(false)}>
      <div className="sheet" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {rows.map(([key, what]) => (
              <tr key={key}>
                <th scope="row">
                  <kbd>{key}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button onClick={() => setShowShortcuts(false)} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
