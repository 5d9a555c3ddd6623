// A URL per decision and step (#/d/12/vote): a reload, Back and Forward keep the facilitator's place.
import { useEffect } from 'react';
import { useStore } from './store/index.ts';
import { steps, type Step } from './store/ui.ts';

export interface Route {
  decisionId: number;
  step: Step;
}

export function parseRoute(hash: string): Route | null {
  const m = /^#\/d\/(\d{1,15})(?:\/([a-z]+))?$/.exec(hash);
  if (!m) return null;
  const step = (m[2] ?? 'frame') as Step;
  return steps.includes(step) ? { decisionId: Number(m[1]), step } : null;
}

export const formatRoute = (decisionId: number | null, step: Step): string => (decisionId === null ? '#/' : `#/d/${decisionId}/${step}`);

function follow(hash: string): void {
  const s = useStore.getState();
  const route = parseRoute(hash);
  if (route === null) {
    if (s.decisionId !== null) s.closeDecision();
  } else if (route.decisionId !== s.decisionId) void s.openDecision(route.decisionId, route.step);
  else if (route.step !== s.step) s.setStep(route.step);
}

/** Opens the place the URL names, then keeps the URL in step with the screen; Back follows it. */
export function useHashRoute(): void {
  useEffect(() => {
    follow(location.hash);
    const onPop = () => follow(location.hash);
    window.addEventListener('popstate', onPop);
    // Each move is one history entry, so Back returns to the previous step or decision; the changes of one
    // action (open a decision, then choose its step) are written once, after it.
    let pending = false;
    const unsubscribe = useStore.subscribe(() => {
      if (pending) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        const s = useStore.getState();
        const hash = formatRoute(s.decisionId, s.step);
        if (hash !== (location.hash || '#/')) history.pushState(null, '', hash);
      });
    });
    return () => {
      window.removeEventListener('popstate', onPop);
      unsubscribe();
    };
  }, []);
}
