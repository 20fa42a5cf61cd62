/**
 * Count review (audits): the next item to answer with its progress (`audits:next`, operator), the
 * answer (`audits:answer`), the skipped items of this visit, and the report (`audits:report`,
 * viewer). Errors stay beside the review (InlineError) instead of only in the global banner.
 */
import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/result';
import type { AuditAnswer, AuditItemKind, AuditNextDto } from '../../../shared/requests-audits';
import { getApi } from '../api';
import { t } from '../i18n';
import { createResourceStore } from './resource';

/** The answers in shortcut order: key 1 is "Right", key 4 "Missed one" (their words: review.answers in the catalogue). */
export const REVIEW_ANSWERS: ReadonlyArray<{ answer: AuditAnswer; key: string }> = [
  { answer: 'right', key: '1' },
  { answer: 'wrong_direction', key: '2' },
  { answer: 'not_a_person', key: '3' },
  { answer: 'missed_one', key: '4' },
];

/** What was being done when the error came: the page says it in the language shown (review.errorContext). */
export type ReviewAction = 'load' | 'answer' | 'enable';

/** audits:answer refuses "wrong direction" and "not a person" on a frame with no crossing: there is no count to be wrong. */
export function answersFor(kind: AuditItemKind): typeof REVIEW_ANSWERS {
  return kind === 'no_crossing' ? REVIEW_ANSWERS.filter((a) => a.answer === 'right' || a.answer === 'missed_one') : REVIEW_ANSWERS;
}

export const useReviewReport = createResourceStore(() => t().review.reportStoreContext, (api) => api.audits.report({ store: false }));

interface ReviewState {
  next: AuditNextDto | null;
  loading: boolean;
  /** An answer or skip is on its way (the buttons wait). */
  busy: boolean;
  error: AppErrorShape | null;
  /** Where the error came from, for the InlineError's title. */
  errorAction: ReviewAction;
  /** Items skipped during this visit: audits:next passes over them. */
  skipped: number[];
  load(): Promise<void>;
  answer(id: number, answer: AuditAnswer): Promise<boolean>;
  skip(id: number): Promise<void>;
  /** Admins only: settings:set audit.enabled. */
  enable(): Promise<boolean>;
  reset(): void;
}

export const useReview = create<ReviewState>()((set, get) => ({
  next: null,
  loading: false,
  busy: false,
  error: null,
  errorAction: 'load',
  skipped: [],
  async load() {
    set({ loading: true });
    const skipped = get().skipped;
    const r = await getApi().audits.next(skipped.length ? { skip: skipped.slice(-1000) } : {});
    if (r.ok) set({ next: r.value, loading: false, error: null });
    else set({ loading: false, error: r.error, errorAction: 'load' });
  },
  async answer(id, answer) {
    if (get().busy) return false;
    set({ busy: true });
    const r = await getApi().audits.answer({ id, answer });
    if (!r.ok) {
      set({ busy: false, error: r.error, errorAction: 'answer' });
      return false;
    }
    set({ error: null });
    await Promise.all([get().load(), useReviewReport.getState().load()]);
    set({ busy: false });
    return true;
  },
  async skip(id) {
    if (get().busy) return;
    set((s) => ({ busy: true, skipped: [...s.skipped.filter((x) => x !== id), id] }));
    await get().load();
    set({ busy: false });
  },
  async enable() {
    set({ busy: true });
    const r = await getApi().settings.set({ key: 'audit.enabled', value: true });
    if (!r.ok) {
      set({ busy: false, error: r.error, errorAction: 'enable' });
      return false;
    }
    await get().load();
    set({ busy: false });
    return true;
  },
  reset() {
    set({ skipped: [], error: null });
  },
}));
