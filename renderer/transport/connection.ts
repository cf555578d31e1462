import { create } from 'zustand';

/**
 * Whether the browser host still accepts this page. A missing or refused launch token cannot be
 * fixed from inside the page, so the shell replaces the UI with an explanation.
 */
interface ConnectionState {
  linkInvalid: boolean;
  markLinkInvalid(): void;
}

export const useConnection = create<ConnectionState>((set) => ({
  linkInvalid: false,
  markLinkInvalid: () => set({ linkInvalid: true }),
}));
