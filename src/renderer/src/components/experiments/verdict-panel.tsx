import type { ExperimentStatusDto } from '../../../../shared/dto-experiments';
import { formatInt } from '../../format';
import { StateBadge } from '../state-badge';
import { asSentence, differenceInWords, RECOMMENDATION_LABELS, RECOMMENDATION_STATES } from './experiment-words';

/** "0.0031" → "0.003"; very small p-values as "< 0.0001". */
function pText(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return p < 0.01 ? p.toPrecision(2) : p.toFixed(p < 0.1 ? 3 : 2);
}

/** The verdict: the difference in words, the recommendation with its reason, the sample against the minimum and (A/B) the split's health. */
export function VerdictPanel({ status }: { status: ExperimentStatusDto }) {
  const { comparison, samples, srm, design } = status;
  const smallest = Math.min(samples.baselineFrames, samples.challengerFrames);
  const sampleDone = smallest >= samples.minSamples;
  const difference = differenceInWords(comparison, design.confidence);
  return (
    <section className="verdict" aria-labelledby="verdict-title">
      <h3 id="verdict-title">Verdict</h3>
      <p className="verdict-recommendation" data-testid="recommendation" data-recommendation={status.recommendation}>
        <StateBadge state={RECOMMENDATION_STATES[status.recommendation]} label={RECOMMENDATION_LABELS[status.recommendation]} />
        <span className="muted"> risk {status.risk}, suggested roll-out {status.strategy}</span>
      </p>
      <p className="verdict-reason" data-testid="reason">
        {asSentence(status.reason)}
      </p>
      <p className="verdict-difference" data-testid="difference" data-significant={comparison.significant}>
        {asSentence(difference)}{' '}
        <span className="muted">
          {comparison.significant ? 'Significant' : 'Not significant'} (p = {pText(comparison.pValue)}).
        </span>
      </p>
      <div className="verdict-figures">
        <div className="sample">
          <p className="field-label" id="sample-label">
            Sample
          </p>
          <progress
            className="sample-bar"
            value={Math.min(smallest, samples.minSamples)}
            max={Math.max(1, samples.minSamples)}
            aria-labelledby="sample-label"
            aria-describedby="sample-text"
          />
          <p className="small" id="sample-text" data-testid="sample">
            {formatInt(smallest)} of {formatInt(samples.minSamples)} frames per arm{sampleDone ? ' — minimum reached' : ''}; {formatInt(samples.intervals)} intervals.
          </p>
        </div>
        {design.mode === 'ab' ? (
          <div className="split-health" data-testid="split-health">
            <p className="field-label">Split health</p>
            {srm ? (
              srm.ok ? (
                <p>
                  <StateBadge state="approved" label="Split OK" /> <span className="small">sample-ratio check p = {pText(srm.pValue)}</span>
                </p>
              ) : (
                <p>
                  <StateBadge state="failed" label="Sample ratio mismatch" />{' '}
                  <span className="small">p = {pText(srm.pValue)}: the arms did not get the traffic configured ({design.trafficPercent} % to the challenger), so no comparison can be trusted.</span>
                </p>
              )
            ) : (
              <p className="small">Not checked yet: no assignments recorded.</p>
            )}
            <p className="small">
              Assigned: {formatInt(status.assignments.baseline)} to the baseline, {formatInt(status.assignments.challenger)} to the challenger.
            </p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
