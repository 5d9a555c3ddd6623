// One zustand store from four slices: the decision list, the open decision, the ballot turn, and the screen.
import { create, type StateCreator } from 'zustand';
import { createCurrentSlice, type CurrentSlice } from './current.ts';
import { createDecisionsSlice, type DecisionsSlice } from './decisions.ts';
import { createTurnSlice, type TurnSlice } from './turn.ts';
import { createUiSlice, type UiSlice } from './ui.ts';

export type Store = DecisionsSlice & CurrentSlice & TurnSlice & UiSlice;
export type Slice<T> = StateCreator<Store, [], [], T>;

export const useStore = create<Store>()((...a) => ({
  ...createDecisionsSlice(...a),
  ...createCurrentSlice(...a),
  ...createTurnSlice(...a),
  ...createUiSlice(...a),
}));

/** Back to a blank store (tests). */
export function resetStore(): void {
  useStore.setState(useStore.getInitialState(), true);
}
