import { useEffect } from 'react';
import { api } from './api.ts';
import { DecisionList } from './components/DecisionList.tsx';
import { DecisionScreen } from './components/DecisionScreen.tsx';
import { Shortcuts, useShortcuts } from './components/Shortcuts.tsx';
import { ViewControls } from './components/ViewControls.tsx';
import { runMenuCommand } from './menu.ts';
import { useHashRoute } from './route.ts';
import { coalesce } from './store/coalesce.ts';
import { useStore } from './store/index.ts';

export function App() {
  const { theme, zoom, presenter, decisionId, trashed, undoTrash, loadDecisions } = useStore();
  useShortcuts();
  useHashRoute();
  useEffect(() => {
    // A reload mid-ballot returns to it while the turn is live (the route has opened its decision by now).
    void useStore.getState().resumeBallot();
    void loadDecisions();
    // A change from any door (this window, another window, the CLI) refreshes what is on screen.
    const refreshList = coalesce(() => useStore.getState().loadDecisions());
    const refreshOpen = coalesce(() => useStore.getState().refreshDecision());
    return api.onChange((event) => {
      const s = useStore.getState();
      // A figure now ready changes nothing in the list.
      if (event.type !== 'results_ready') refreshList();
      if (s.decisionId !== null && (event.decisionId === s.decisionId || event.decisionId === null)) refreshOpen();
    });
  }, [loadDecisions]);
  useEffect(() => api.desktop?.onMenu((command) => runMenuCommand(command, useStore.getState())), []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.fontSize = `${(presenter ? 24 : 18) * zoom}px`;
  }, [theme, zoom, presenter]);

  return (
    <div className={`app${presenter ? ' presenter' : ''}`}>
      {/* Presenter mode hides the header, not the page's one top-level heading. */}
      {presenter && (
        <header>
          <h1 className="sr-only">Verdict</h1>
        </header>
      )}
      {!presenter && (
        <header className="bar">
          <h1>Verdict</h1>
          <span className="tagline">Architecture decisions, made together</span>
          <span className="spacer" />
          <ViewControls />
        </header>
      )}
      {trashed && (
        <p className="notice" role="status">
          “{trashed.title}” moved to the trash.{' '}
          <button className="link" onClick={() => void undoTrash()}>
            Undo
          </button>
        </p>
      )}
      <main className={decisionId === null ? 'home' : 'layout'}>
        {!presenter && <DecisionList compact={decisionId !== null} />}
        {decisionId !== null && <DecisionScreen />}
      </main>
      <Shortcuts />
    </div>
  );
}
