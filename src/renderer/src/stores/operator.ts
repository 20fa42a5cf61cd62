import { create } from 'zustand';

/**
 * The technician's name for reviews, promotions and rollbacks, typed once per session. Kept in
 * memory only: the app has no user accounts, and the name is recorded with each action.
 */
export const useOperator = create<{ name: string; setName(name: string): void }>()((set) => ({
  name: '',
  setName: (name) => set({ name }),
}));
