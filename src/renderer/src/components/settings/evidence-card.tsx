import { useState } from 'react';
import { DEFAULT_EVIDENCE_LEVEL, EVIDENCE_LEVELS, isOneOf, type EvidenceLevel } from '../../../../shared/enums';
import { t } from '../../i18n';
import { useCanRequest } from '../../stores/session';
import { useSettingsList, useSettingsSave } from '../../stores/settings';

/**
 * Settings → Stored detail: the `storage.evidence` setting. Counts are complete at every level;
 * the level decides how much per-frame detail the database keeps (and so how fast it grows).
 */
export function EvidenceCard() {
  const settings = useSettingsList((s) => s.data);
  const save = useSettingsSave((s) => s.save);
  const saving = useSettingsSave((s) => s.saving === 'storage.evidence');
  const saved = useSettingsSave((s) => s.saved['storage.evidence'] === true);
  const canSave = useCanRequest('settings:set');
  const stored = settings?.find((s) => s.key === 'storage.evidence')?.value;
  const current: EvidenceLevel = isOneOf(EVIDENCE_LEVELS, stored) ? stored : DEFAULT_EVIDENCE_LEVEL;
  const [choice, setChoice] = useState<EvidenceLevel | null>(null);
  const shown = choice ?? current;
  // What each level keeps, in words, with the bench's figure on the sample recording (README).
  const m = t().settings.evidence;
  return (
    <section className="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{m.title}</h2>
      <p className="field-help">{m.intro}</p>
      <fieldset className="field" disabled={!canSave || saving}>
        <legend>{m.legend}</legend>
        {EVIDENCE_LEVELS.map((level) => (
          <div key={level} className="radio-row">
            <input type="radio" id={`evidence-${level}`} name="evidence" value={level} checked={shown === level} onChange={() => setChoice(level)} aria-describedby={`evidence-${level}-help`} />
            <label htmlFor={`evidence-${level}`}>
              {m.levels[level].label}
              {level === DEFAULT_EVIDENCE_LEVEL ? m.defaultSuffix : ''}
            </label>
            <p className="field-help" id={`evidence-${level}-help`}>
              {m.levels[level].help}
            </p>
          </div>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="button" disabled={!canSave || saving || shown === current} onClick={() => void save('storage.evidence', shown).then((ok) => ok && setChoice(null))}>
          {saving ? t().common.saving : m.save}
        </button>
        {saved && choice === null ? <span role="status">{t().settings.saved}</span> : null}
        {!canSave ? <span className="field-help">{m.roleCannot}</span> : null}
      </div>
    </section>
  );
}
