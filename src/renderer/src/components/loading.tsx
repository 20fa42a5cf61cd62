import { t } from '../i18n';

/** `what` in the language shown, as the loading sentence needs it: "settings", "your session". */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      {t().shell.loading(what)}
    </p>
  );
}
