import { useStore } from '../store/index.ts';
import { describeEvent } from '../../../shared/history.ts';
import { Empty } from './common.tsx';

export function HistoryStep() {
  const { decision, history } = useStore();
  if (!decision) return null;
  if (history.length === 0) return <Empty>Loading the history…</Empty>;
  return (
    <section className="panel">
      <h3>History</h3>
      <ol className="history">
        {[...history].reverse().map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{e.at.slice(0, 19).replace('T', ' ')}</time> <span className="actor">{e.actor}</span> {describeEvent(e, decision)}
          </li>
        ))}
      </ol>
    </section>
  );
}
