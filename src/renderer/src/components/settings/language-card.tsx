/**
 * Settings → Language: English, Vietnamese or the computer's language, kept on this computer
 * (i18n/locale.ts). Each language is named in itself — its own catalogue's `ownName` — so whoever
 * reads the list finds theirs whatever the screen speaks now. Choosing one re-renders the app at
 * once: main.tsx keys the root on the language.
 */
import { CATALOGUES, LOCALES, osLocale, t, useLocale, type LocaleChoice } from '../../i18n';

const isChoice = (v: string): v is LocaleChoice => v === 'system' || (LOCALES as readonly string[]).includes(v);

export function LanguageCard() {
  const choice = useLocale((s) => s.choice);
  const choose = useLocale((s) => s.choose);
  const os = osLocale();
  const m = t().settings.language;
  return (
    <section className="card" aria-labelledby="language-title">
      <h2 id="language-title">{m.title}</h2>
      <div className="field">
        <label htmlFor="language-choice">{m.label}</label>
        <select
          id="language-choice"
          value={choice}
          onChange={(e) => {
            if (isChoice(e.target.value)) choose(e.target.value);
          }}
          aria-describedby="language-help"
        >
          <option value="system">{m.followComputer(CATALOGUES[os].settings.language.ownName)}</option>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {CATALOGUES[locale].settings.language.ownName}
            </option>
          ))}
        </select>
        <p className="field-help" id="language-help">
          {m.help}
        </p>
      </div>
    </section>
  );
}
