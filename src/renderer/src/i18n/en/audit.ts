/** English texts of the audit area. Vietnamese in ../vi/audit.ts (the compiler checks it has every key). */
import type { AuditOutcome } from '../../../../shared/enums';

export const audit = {
  title: 'Audit log',
  description: 'Every change, sign-in and failed sign-in: who, when, what, before and after. It can be added to, never edited.',
  exportCsv: 'Export CSV',
  exportJson: 'Export JSON',
  exportError: 'Exporting the audit log',
  /** For "Loading …". */
  loadingWhat: 'the audit log',
  /** What failed to load, in the error banner. */
  loadingError: 'Loading the audit log',
  emptyTitle: 'Nothing recorded yet',
  caption: 'Audit log, newest first',
  columns: { when: 'When', who: 'Who', what: 'What', target: 'Target', outcome: 'Outcome', change: 'Before → after' },
  /** Someone refused before signing in, known only by their address. */
  notSignedIn: (address: string) => `(not signed in, ${address})`,
  outcomes: { ok: 'ok', refused: 'refused', failed: 'failed' } satisfies Record<AuditOutcome, string>,
  show: 'Show',
  before: 'Before',
  after: 'After',
};
