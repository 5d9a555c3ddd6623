import { useEffect } from 'react';
import { api } from './api.ts';
import { DecisionList } from './components/DecisionList.tsx';
import { DecisionScreen } from './components/DecisionScreen.tsx';
import { Shortcuts, useShortcuts } from './components/Shortcuts.tsx';
import { useStore } from './store/index.ts';

export function App() {
  const { theme, zoom, presenter, decisionId, trashed, undoTrash, loadDecisions } = useStore();
  useShortcuts();
  useEffect(() => {
    void loadDecisions();
    // A change from any door (this window, another window, the CLI) refreshes what is on screen.
    return api.onChange((event) => {
      const s = useStore.getState();
      void s.loadDecisions();
      if (s.decisionId !== null && (event.decisionId === s.decisionId || event.decisionId === null)) void s.refreshDecision();
    });
  }, [loadDecisions]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.fontSize = `${(presenter ? 24 : 17) * zoom}px`;
  }, [theme, zoom, presenter]);

  return (
    <div className={`app${presenter ? ' presenter' : ''}`}>
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

export function ViewControls() {
  const { presenter, togglePresenter, theme, toggleTheme, zoomBy, setShowShortcuts } = useStore();
  return (
    <div className="view-controls" role="group" aria-label="View">
      <button onClick={() => zoomBy(-0.1)} aria-label="Zoom out" title="Zoom out (-)">
        A−
      </button>
      <button onClick={() => zoomBy(0.1)} aria-label="Zoom in" title="Zoom in (+)">
        A+
      </button>
      <button onClick={toggleTheme} aria-label={theme === 'light' ? 'Dark theme' : 'Light theme'} title="Toggle theme (t)">
        {theme === 'light' ? '☾' : '☀'}
      </button>
      <button onClick={togglePresenter} aria-pressed={presenter} title="Presenter mode (p)">
        {presenter ? 'Leave presenter mode' : 'Presenter mode'}
      </button>
      <button onClick={() => setShowShortcuts(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  );
}
