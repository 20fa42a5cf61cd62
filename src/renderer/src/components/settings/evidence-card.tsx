import { useState } from 'react';
import { DEFAULT_EVIDENCE_LEVEL, EVIDENCE_LEVELS, isOneOf, type EvidenceLevel } from '../../../../shared/enums';
import { useCanRequest } from '../../stores/session';
import { useSettingsList, useSettingsSave } from '../../stores/settings';

/** What each level keeps, in words, with the bench's figure on the sample recording (README). */
const LEVEL_TEXT: Record<EvidenceLevel, { label: string; help: string }> = {
  full: {
    label: 'Every frame',
    help: 'Every detected person and track on every frame. For checking a model closely; about 43 MB per camera-hour at 5 frames a second.',
  },
  events: {
    label: 'Around each count (recommended)',
    help: 'The people and tracks around each crossing and zone event, with their whole path, plus the boxes of one sampled frame a second for health checks. About 9 MB per camera-hour.',
  },
  summary: {
    label: 'Counts only',
    help: 'Each frame’s summary and every crossing with its path; no per-person detail. About 8 MB per camera-hour.',
  },
};

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
  return (
    <section className="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Stored detail</h2>
      <p className="field-help">Counts, crossings and their paths are always kept in full. This decides how much else each frame leaves in the database. It applies to counting started after saving.</p>
      <fieldset className="field" disabled={!canSave || saving}>
        <legend>Per-frame detail</legend>
        {EVIDENCE_LEVELS.map((level) => (
          <div key={level} className="radio-row">
            <input type="radio" id={`evidence-${level}`} name="evidence" value={level} checked={shown === level} onChange={() => setChoice(level)} aria-describedby={`evidence-${level}-help`} />
            <label htmlFor={`evidence-${level}`}>
              {LEVEL_TEXT[level].label}
              {level === DEFAULT_EVIDENCE_LEVEL ? ' — default' : ''}
            </label>
            <p className="field-help" id={`evidence-${level}-help`}>
              {LEVEL_TEXT[level].help}
            </p>
          </div>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="button" disabled={!canSave || saving || shown === current} onClick={() => void save('storage.evidence', shown).then((ok) => ok && setChoice(null))}>
          {saving ? 'Saving…' : 'Save stored detail'}
        </button>
        {saved && choice === null ? <span role="status">Saved.</span> : null}
        {!canSave ? <span className="field-help">Your role cannot change settings.</span> : null}
      </div>
    </section>
  );
}
