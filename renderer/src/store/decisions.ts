import { api } from '../api.ts';
import type { DecisionSummary, Status, TemplateInfo } from '../types.ts';
import type { Slice } from './index.ts';

export interface DecisionsSlice {
  decisions: DecisionSummary[];
  templates: TemplateInfo[];
  search: string;
  statusFilter: Status | '';
  listLoading: boolean;
  listError: string | null;
  /** The decision just moved to the trash, for Undo. */
  trashed: { id: number; title: string } | null;
  /** The trash's contents while the Trash view is shown, else null. */
  trash: DecisionSummary[] | null;
  loadDecisions(): Promise<void>;
  setFilter(filter: { search?: string; statusFilter?: Status | '' }): Promise<void>;
  createDecision(title: string, template: string): Promise<string | null>;
  duplicateDecision(id: number): Promise<void>;
  trashDecision(id: number): Promise<void>;
  undoTrash(): Promise<void>;
  showTrash(show: boolean): Promise<void>;
  restoreFromTrash(id: number): Promise<void>;
  purgeFromTrash(id: number): Promise<void>;
}

export const createDecisionsSlice: Slice<DecisionsSlice> = (set, get) => ({
  decisions: [],
  templates: [],
  search: '',
  statusFilter: '',
  listLoading: true,
  listError: null,
  trashed: null,
  trash: null,
  async loadDecisions() {
    const { search, statusFilter } = get();
    const [list, templates, trash] = await Promise.all([
      api.listDecisions({ search: search.trim() || undefined, status: statusFilter || undefined }),
      get().templates.length ? null : api.listTemplates({}),
      get().trash === null ? null : api.listDecisions({ trash: true }),
    ]);
    if (templates?.ok) set({ templates: templates.value });
    if (trash?.ok && get().trash !== null) set({ trash: trash.value });
    set(list.ok ? { decisions: list.value, listLoading: false, listError: null } : { listLoading: false, listError: list.error.message });
  },
  async showTrash(show) {
    if (!show) return set({ trash: null });
    const reply = await api.listDecisions({ trash: true });
    set(reply.ok ? { trash: reply.value, listError: null } : { listError: reply.error.message });
  },
  async restoreFromTrash(id) {
    const reply = await api.restoreDecision({ decisionId: id });
    if (!reply.ok) return set({ listError: reply.error.message });
    if (get().trashed?.id === id) set({ trashed: null });
    await get().loadDecisions();
  },
  async purgeFromTrash(id) {
    const reply = await api.purgeDecision({ decisionId: id });
    if (!reply.ok) return set({ listError: reply.error.message });
    if (get().trashed?.id === id) set({ trashed: null });
    await get().loadDecisions();
  },
  async setFilter(filter) {
    set(filter);
    await get().loadDecisions();
  },
  /** Returns an error message, or null when the decision was created and opened. */
  async createDecision(title, template) {
    const reply = await api.createDecision({ title, template: template as 'blank' | 'django-vs-flask' });
    if (!reply.ok) return reply.error.message;
    await get().loadDecisions();
    await get().openDecision(reply.value.id, 'frame');
    return null;
  },
  async duplicateDecision(id) {
    const reply = await api.duplicateDecision({ decisionId: id });
    if (!reply.ok) return set({ listError: reply.error.message });
    await get().loadDecisions();
    await get().openDecision(reply.value.id, 'frame');
  },
  async trashDecision(id) {
    const reply = await api.deleteDecision({ decisionId: id });
    if (!reply.ok) return set({ listError: reply.error.message });
    set({ trashed: { id, title: reply.value.title } });
    if (get().decision?.id === id) get().closeDecision();
    await get().loadDecisions();
  },
  async undoTrash() {
    const t = get().trashed;
    if (!t) return;
    const reply = await api.restoreDecision({ decisionId: t.id });
    if (!reply.ok) return set({ listError: reply.error.message });
    set({ trashed: null });
    await get().loadDecisions();
  },
});
