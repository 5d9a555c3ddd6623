import type { Slice } from './index.ts';

export const steps = ['frame', 'criteria', 'team', 'vote', 'results', 'decide', 'history'] as const;
export type Step = (typeof steps)[number];
export const stepLabels: Record<Step, string> = {
  frame: 'Frame',
  criteria: 'Criteria',
  team: 'Team',
  vote: 'Vote',
  results: 'Results',
  decide: 'Decide & export',
  history: 'History',
};

export interface UiSlice {
  step: Step;
  presenter: boolean;
  theme: 'light' | 'dark';
  zoom: number;
  showShortcuts: boolean;
  /** An optional countdown for the current step: it warns, never blocks. */
  timer: { step: Step; endsAt: number } | null;
  /** Asks the list to focus its title field with this template chosen (the desktop menu's New Decision). */
  newDecision: { template: string; seq: number } | null;
  setStep(step: Step): void;
  /** The step before or after the current one (presenter mode has no tabs). */
  moveStep(by: 1 | -1): void;
  togglePresenter(): void;
  toggleTheme(): void;
  zoomBy(delta: number): void;
  resetZoom(): void;
  requestNewDecision(template: string): void;
  setShowShortcuts(show: boolean): void;
  startTimer(minutes: number | null): void;
}

const stored = <T>(key: string, fallback: T): T => {
  try {
    const v = localStorage.getItem(`verdict.${key}`);
    return v === null ? fallback : (JSON.parse(v) as T);
  } catch {
    return fallback;
  }
};
const store = (key: string, value: unknown) => {
  try {
    localStorage.setItem(`verdict.${key}`, JSON.stringify(value));
  } catch {
    // private mode: the choice lasts this session only
  }
};

export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  step: 'frame',
  presenter: false,
  theme: stored<'light' | 'dark'>('theme', 'light'),
  zoom: stored('zoom', 1),
  showShortcuts: false,
  timer: null,
  newDecision: null,
  setStep(step) {
    // Leaving the Vote step gives the open ballot's turn back.
    if (get().turn) void get().closeBallot();
    set({ step });
    if (step === 'history') void get().loadHistory();
  },
  moveStep(by) {
    const next = steps[steps.indexOf(get().step) + by];
    if (next) get().setStep(next);
  },
  togglePresenter: () => set({ presenter: !get().presenter }),
  toggleTheme() {
    const theme = get().theme === 'light' ? 'dark' : 'light';
    store('theme', theme);
    set({ theme });
  },
  zoomBy(delta) {
    const zoom = Math.min(2, Math.max(0.6, Math.round((get().zoom + delta) * 10) / 10));
    store('zoom', zoom);
    set({ zoom });
  },
  resetZoom() {
    store('zoom', 1);
    set({ zoom: 1 });
  },
  requestNewDecision: (template) => set({ presenter: false, newDecision: { template, seq: (get().newDecision?.seq ?? 0) + 1 } }),
  setShowShortcuts: (show) => set({ showShortcuts: show }),
  startTimer: (minutes) => set({ timer: minutes === null ? null : { step: get().step, endsAt: Date.now() + minutes * 60_000 } }),
});
