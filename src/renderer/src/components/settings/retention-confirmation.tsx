/**
 * Settings → retention periods (issue 11, part 2): before a save SHORTENS a retention period,
 * the engine counts what the next run would then archive and delete (`retention:preview`), and
 * a confirmation says so in plain words. Nothing to delete: no question. Lengthening: no question.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { SETTING_META } from '../../../../shared/settings-schema';
import { getApi } from '../../api';
import { t } from '../../i18n';
import { reportError } from '../../stores/errors';
import { ConfirmDialog } from '../confirm-dialog';
import { previewInput, shorteningSentences, shortenings } from '../health/database-words';

export interface RetentionChange {
  key: string;
  /** The period in force (stored, or the default). */
  from: number;
  /** As typed. */
  to: string;
}

interface Asking {
  sentences: string[];
  resolve: (ok: boolean) => void;
}

/** `confirm(changes)` resolves true to save, false to keep the form as it is; render `dialog`. */
export function useRetentionConfirmation(): { confirm: (changes: readonly RetentionChange[]) => Promise<boolean>; dialog: ReactNode } {
  const [asking, setAsking] = useState<Asking | null>(null);

  const confirm = useCallback(async (changes: readonly RetentionChange[]): Promise<boolean> => {
    const shortened = shortenings(changes, (key) => SETTING_META[key]);
    if (shortened.length === 0) return true;
    const preview = await getApi().retention.preview(previewInput(shortened));
    if (!preview.ok) {
      reportError(() => t().settings.retention.previewContext, preview.error);
      return false;
    }
    const sentences = shorteningSentences(shortened, preview.value);
    if (sentences.length === 0) return true;
    return new Promise<boolean>((resolve) => setAsking({ sentences, resolve }));
  }, []);

  const answer = (ok: boolean): void => {
    asking?.resolve(ok);
    setAsking(null);
  };

  const m = t().settings.retention;
  const dialog = asking ? (
    <ConfirmDialog
      title={m.title}
      description={m.description}
      confirmLabel={m.confirm}
      danger
      pending={false}
      error={null}
      errorContext={m.context}
      onConfirm={() => answer(true)}
      onClose={() => answer(false)}
    >
      {asking.sentences.map((s) => (
        <p key={s} className="retention-consequence">
          {s}
        </p>
      ))}
    </ConfirmDialog>
  ) : null;

  return { confirm, dialog };
}
