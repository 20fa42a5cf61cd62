import type { ExperimentStatusDto } from '../../../../shared/dto-experiments';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import { StateBadge } from '../state-badge';
import { asSentence, differenceInWords, fixed, RECOMMENDATION_STATES, upTo } from './experiment-words';

/** Two significant digits below 0.01 ("0.0031"), else two or three decimals; very small p-values as "< 0.0001". */
function pText(p: number): string {
  if (p < 0.0001) return `< ${fixed(0.0001, 4)}`;
  if (p >= 0.01) return fixed(p, p < 0.1 ? 3 : 2);
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(p)));
  return fixed(p, decimals);
}

/** The verdict: the difference in words, the recommendation with its reason, the sample against the minimum and (A/B) the split's health. */
export function VerdictPanel({ status }: { status: ExperimentStatusDto }) {
  const { comparison, samples, srm, design } = status;
  const smallest = Math.min(samples.baselineFrames, samples.challengerFrames);
  const sampleDone = smallest >= samples.minSamples;
  const difference = differenceInWords(comparison, design.confidence);
  const m = t().experiments;
  const v = m.verdict;
  return (
    <section className="verdict" aria-labelledby="verdict-title">
      <h3 id="verdict-title">{v.title}</h3>
      <p className="verdict-recommendation" data-testid="recommendation" data-recommendation={status.recommendation}>
        <StateBadge state={RECOMMENDATION_STATES[status.recommendation]} label={m.recommendations[status.recommendation]} />
        <span className="muted"> {v.riskAndStrategy(m.risks[status.risk], m.strategyNames[status.strategy])}</span>
      </p>
      <p className="verdict-reason" data-testid="reason">
        {asSentence(status.reason)}
      </p>
      <p className="verdict-difference" data-testid="difference" data-significant={comparison.significant}>
        {asSentence(difference)}{' '}
        <span className="muted">{v.significance(comparison.significant, pText(comparison.pValue))}</span>
      </p>
      <div className="verdict-figures">
        <div className="sample">
          <p className="field-label" id="sample-label">
            {v.sample}
          </p>
          <progress
            className="sample-bar"
            value={Math.min(smallest, samples.minSamples)}
            max={Math.max(1, samples.minSamples)}
            aria-labelledby="sample-label"
            aria-describedby="sample-text"
          />
          <p className="small" id="sample-text" data-testid="sample">
            {v.sampleText(formatInt(smallest), m.counts.framesPerArm(samples.minSamples, formatInt(samples.minSamples)), sampleDone, m.counts.intervals(samples.intervals, formatInt(samples.intervals)))}
          </p>
        </div>
        {design.mode === 'ab' ? (
          <div className="split-health" data-testid="split-health">
            <p className="field-label">{v.splitHealth}</p>
            {srm ? (
              srm.ok ? (
                <p>
                  <StateBadge state="approved" label={v.splitOk} /> <span className="small">{v.srmCheck(pText(srm.pValue))}</span>
                </p>
              ) : (
                <p>
                  <StateBadge state="failed" label={v.srmMismatch} /> <span className="small">{v.srmExplained(pText(srm.pValue), upTo(design.trafficPercent, 1))}</span>
                </p>
              )
            ) : (
              <p className="small">{v.notChecked}</p>
            )}
            <p className="small">
              {v.assigned(formatInt(status.assignments.baseline), formatInt(status.assignments.challenger))}
            </p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
