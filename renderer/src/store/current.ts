import type { Input, Method, Output } from '../../../shared/api.ts';
import type { Reply } from '../../../shared/reply.ts';
import { api } from '../api.ts';
import type { DecisionDetail, HistoryEvent, Results, Round } from '../types.ts';
import type { Slice } from './index.ts';
import type { Step } from './ui.ts';

export interface CurrentSlice {
  /** The open decision's id, set as soon as it is asked for. */
  decisionId: number | null;
  decision: DecisionDetail | null;
  /** Results once votes are revealed; null while a round is open or before any vote. */
  results: Results | null;
  openRound: Round | null;
  history: HistoryEvent[];
  decisionLoading: boolean;
  decisionError: string | null;
  openDecision(id: number, step?: Step): Promise<void>;
  closeDecision(): void;
  refreshDecision(): Promise<void>;
  /** Calls a method and refreshes the open decision on success; the caller shows a failure where it happened. */
  act<M extends Method>(name: M, input: Input<M>): Promise<Reply<Output<M>>>;
  loadHistory(): Promise<void>;
}

export const createCurrentSlice: Slice<CurrentSlice> = (set, get) => ({
  decisionId: null,
  decision: null,
  results: null,
  openRound: null,
  history: [],
  decisionLoading: false,
  decisionError: null,
  async openDecision(id, step) {
    const same = get().decisionId === id;
    if (!same && get().turn) void get().closeBallot();
    set({ decisionId: id, decisionLoading: true, decisionError: null, ...(same ? {} : { decision: null, results: null, openRound: null, history: [] }) });
    get().setStep(step ?? (same ? get().step : 'frame'));
    await get().refreshDecision();
  },
  closeDecision() {
    if (get().turn) void get().closeBallot();
    set({ decisionId: null, decision: null, results: null, openRound: null, history: [] });
  },
  async refreshDecision() {
    const wanted = get().decisionId;
    if (wanted === null) return;
    const reply = await api.getDecision({ decisionId: wanted });
    if (get().decisionId !== wanted) return;
    if (!reply.ok) return set({ decisionLoading: false, decisionError: reply.error.message });
    const d = reply.value;
    const open = d.rounds.find((r) => r.status === 'open') ?? null;
    const revealed = d.rounds.some((r) => r.kind === 'scores' && r.status === 'revealed');
    // The screen never waits for the robustness figure: it follows with a 'results_ready' change.
    const results = open === null && revealed ? await api.results({ decisionId: d.id, wait: false }) : null;
    set({ decision: d, openRound: open, results: results?.ok ? results.value : null, decisionLoading: false, decisionError: null });
    if (get().step === 'history') await get().loadHistory();
  },
  async act(name, input) {
    const call = api[name] as (input: unknown) => Promise<Reply<Output<typeof name>>>;
    const reply = await call(input);
    if (reply.ok) await get().refreshDecision();
    return reply;
  },
  async loadHistory() {
    const d = get().decision;
    if (!d) return;
    const reply = await api.history({ decisionId: d.id });
    if (reply.ok) set({ history: reply.value });
  },
});
