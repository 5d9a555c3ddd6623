// One zustand store: the decision list and the open decision, refreshed by change events.
import { create } from 'zustand';
import type { DecisionDetail, DecisionSummary, Status, TemplateInfo } from './types.ts';
import { api } from './api.ts';

export interface Store {
  decisions: DecisionSummary[];
  templates: TemplateInfo[];
  search: string;
  status: Status | '';
  loading: boolean;
  error: string | null;
  current: DecisionDetail | null;
  undo: { id: number; title: string } | null;
  load(): Promise<void>;
  setFilter(filter: { search?: string; status?: Status | '' }): Promise<void>;
  open(id: number | null): Promise<void>;
  create(title: string, template: string): Promise<boolean>;
  remove(id: number): Promise<void>;
  restore(): Promise<void>;
}

export const useStore = create<Store>((set, get) => ({
  decisions: [],
  templates: [],
  search: '',
  status: '',
  loading: true,
  error: null,
  current: null,
  undo: null,
  async load() {
    const { search, status } = get();
    const [list, templates] = await Promise.all([api.listDecisions({ search: search || undefined, status: status || undefined }), api.listTemplates({})]);
    if (!list.ok) return set({ loading: false, error: list.error.message });
    set({ decisions: list.value, templates: templates.ok ? templates.value : [], loading: false, error: null });
    const current = get().current;
    if (current) await get().open(current.id);
  },
  async setFilter(filter) {
    set(filter);
    await get().load();
  },
  async open(id) {
    if (id === null) return set({ current: null });
    const reply = await api.getDecision({ decisionId: id });
    set(reply.ok ? { current: reply.value, error: null } : { current: null, error: reply.error.message });
  },
  async create(title, template) {
    const reply = await api.createDecision({ title, template: template as 'blank' });
    if (!reply.ok) {
      set({ error: reply.error.message });
      return false;
    }
    set({ current: reply.value, error: null });
    await get().load();
    return true;
  },
  async remove(id) {
    const reply = await api.deleteDecision({ decisionId: id });
    if (!reply.ok) return set({ error: reply.error.message });
    set({ undo: { id, title: reply.value.title }, current: get().current?.id === id ? null : get().current });
    await get().load();
  },
  async restore() {
    const undo = get().undo;
    if (!undo) return;
    const reply = await api.restoreDecision({ decisionId: undo.id });
    set(reply.ok ? { undo: null, current: reply.value } : { error: reply.error.message });
    await get().load();
  },
}));

/** Plain selectors, tested on their own. */
export const weightPercents = (d: DecisionDetail): Map<number, number> => {
  const sum = d.criteria.reduce((s, c) => s + c.weight, 0);
  return new Map(d.criteria.map((c) => [c.id, sum > 0 ? (c.weight / sum) * 100 : 100 / d.criteria.length]));
};
