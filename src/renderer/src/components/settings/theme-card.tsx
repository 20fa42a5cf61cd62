/** Settings → Appearance: light, dark or the computer's theme, kept on this computer (stores/theme). */
import { t } from '../../i18n';
import { effectiveTheme, useTheme, type ThemeChoice } from '../../stores/theme';

export function ThemeCard() {
  const choice = useTheme((s) => s.choice);
  const choose = useTheme((s) => s.choose);
  const os = effectiveTheme('system');
  const m = t().settings.appearance;
  return (
    <section className="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title">{m.title}</h2>
      <div className="field">
        <label htmlFor="theme-choice">{m.theme}</label>
        <select id="theme-choice" value={choice} onChange={(e) => choose(e.target.value as ThemeChoice)} aria-describedby="theme-help">
          <option value="system">{m.followComputer(os === 'dark' ? m.darkNow : m.lightNow)}</option>
          <option value="light">{m.light}</option>
          <option value="dark">{m.dark}</option>
        </select>
        <p className="field-help" id="theme-help">
          {m.keptHere}
        </p>
      </div>
    </section>
  );
}
