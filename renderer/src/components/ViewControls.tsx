import { useStore } from '../store/index.ts';

/** Zoom, theme, presenter mode and the shortcut list: in the header, or beside the title in presenter mode. */
export function ViewControls() {
  const { presenter, togglePresenter, theme, toggleTheme, zoomBy, setShowShortcuts } = useStore();
  return (
    <div className="view-controls" role="group" aria-label="View">
      {/* The visible glyph is hidden from assistive tech and the name is the text beside it, so the two never disagree. */}
      <button onClick={() => zoomBy(-0.1)} title="Zoom out (-)">
        <span aria-hidden="true">A−</span>
        <span className="sr-only">Zoom out</span>
      </button>
      <button onClick={() => zoomBy(0.1)} title="Zoom in (+)">
        <span aria-hidden="true">A+</span>
        <span className="sr-only">Zoom in</span>
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
