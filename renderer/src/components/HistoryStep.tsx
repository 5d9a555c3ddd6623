import { useState } from 'react';
import { describeEvent, doorOf, groupHistory, historyKindLabels, historyKinds, historyTime as time, type HistoryKind } from '../../../shared/history.ts';
import { useStore } from '../store/index.ts';
import { Empty } from './common.tsx';

export function HistoryStep() {
  const { decision, history } = useStore();
  const [kind, setKind] = useState<HistoryKind | ''>('');
  if (!decision) return null;
  if (history.length === 0) return <Empty>Loading the history…</Empty>;
  const groups = groupHistory(history, decision).filter((g) => kind === '' || g.kind === kind);
  return (
    <section className="panel">
      <div className="inline-form">
        <h3>History</h3>
        <label className="field">
          <span className="field-label">Show</span>
          <select aria-label="Show" value={kind} onChange={(e) => setKind(e.target.value as HistoryKind | '')}>
            <option value="">Everything</option>
            {historyKinds.map((k) => (
              <option key={k} value={k}>
                {historyKindLabels[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {groups.length === 0 ? (
        <Empty>Nothing of this kind yet.</Empty>
      ) : (
        <ol className="history">
          {[...groups].reverse().map((g) => (
            <li key={g.events[0]!.id}>
              <time dateTime={g.to}>{time(g.to)}</time> <span className="actor">{doorOf(g.actor)}</span>{' '}
              {g.events.length === 1 ? (
                g.summary
              ) : (
                <details>
                  <summary>{g.summary}</summary>
                  <ol className="history-detail">
                    {g.events.map((e) => (
                      <li key={e.id}>
                        <time dateTime={e.at}>{time(e.at)}</time> {describeEvent(e, decision)}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
