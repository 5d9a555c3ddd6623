// One zustand store from three slices: the decision list, the open decision, and the screen.
import { create, type StateCreator } from 'zustand';
import { createCurrentSlice, type CurrentSlice } from './current.ts';
import { createDecisionsSlice, type DecisionsSlice } from './decisions.ts';
import { createUiSlice, type UiSlice } from './ui.ts';

export type Store = DecisionsSlice & CurrentSlice & UiSlice;
export type Slice<T> = StateCreator<Store, [], [], T>;

export const useStore = create<Store>()((...a) => ({
  ...createDecisionsSlice(...a),
  ...createCurrentSlice(...a),
  ...createUiSlice(...a),
}));

/** Back to a blank store (tests). */
export function resetStore(): void {
  useStore.setState(useStore.getInitialState(), true);
}
