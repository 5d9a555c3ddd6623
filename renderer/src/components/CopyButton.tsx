// Copy to the clipboard; when the system refuses (a denied permission, no clipboard API), say so and select
// the text so the user can copy it by hand, instead of failing silently.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

type Source = string | (() => Promise<string | null>);
type State = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; text: string };

export function CopyButton({ text, label, className, ariaLabel }: { text: Source; label: string; className?: string; ariaLabel?: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const area = useRef<HTMLTextAreaElement>(null);

  // Selected as the text appears (before it is painted), so Ctrl+C right away copies it.
  useLayoutEffect(() => {
    if (state.kind !== 'failed') return;
    area.current?.focus();
    area.current?.select();
  }, [state]);
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    const value = typeof text === 'string' ? text : await text();
    if (value === null) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'failed', text: value });
    }
  };

  return (
    <>
      <button className={className} aria-label={ariaLabel} onClick={() => void copy()}>
        {state.kind === 'copied' ? 'Copied' : label}
      </button>
      {state.kind === 'failed' && (
        <div className="copy-failed" role="alert">
          <p>Copying failed: the system did not allow it. The text is selected below; press Ctrl+C (⌘C on a Mac) to copy it.</p>
          <textarea
            ref={area}
            readOnly
            value={state.text}
            aria-label="Text to copy"
            rows={Math.min(8, state.text.split('\n').length)}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button className="link" onClick={() => setState({ kind: 'idle' })}>
            Done
          </button>
        </div>
      )}
    </>
  );
}
