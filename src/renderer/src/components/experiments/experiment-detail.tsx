import { useEffect, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { ExperimentStatusDto } from '../../../../shared/dto-experiments';
import { getApi } from '../../api';
import { formatDateTime, formatDateTimeSeconds, formatInt } from '../../format';
import { useAction } from '../../hooks/use-action';
import { refreshExperiments, useExperimentStatus } from '../../stores/experiments';
import { useCanRequest } from '../../stores/session';
import { DetailSection } from '../models/detail-section';
import { FactList } from '../models/fact-list';
import { InlineError } from '../inline-error';
import { Loading } from '../loading';
import { StateBadge } from '../state-badge';
import { ArmsChart } from './arms-chart';
import { ArmsTable } from './arms-table';
import { ConcludeDialog } from './conclude-dialog';
import { asSentence, MODE_LABELS, RECOMMENDATION_LABELS, SPLIT_LABELS } from './experiment-words';
import { RunDialog } from './run-dialog';
import { VerdictPanel } from './verdict-panel';

/** How often a running experiment is read again while its panel is open. */
export const REFRESH_MS = 5000;

type Dialog = 'run' | 'conclude' | 'rollout';

function designFacts(s: ExperimentStatusDto): Array<[string, string]> {
  const d = s.design;
  return [
    ['Baseline', d.baselineRef],
    ['Challenger', d.challengerRef],
    ['Mode', d.mode === 'ab' ? `${MODE_LABELS.ab}, ${SPLIT_LABELS[d.split]}, ${d.trafficPercent} % to the challenger` : MODE_LABELS.shadow],
    ['Minimum sample', `${formatInt(d.minSamples)} frames per arm`],
    ['Confidence', `${Math.round(d.confidence * 1000) / 10} %`],
    ['Success metric', d.successMetric === 'f1' ? 'F1 against truth' : 'crossings against production'],
    ['Guards', `counts within ±${Math.round(d.guards.maxCountDifference * 1000) / 10} %, latency at most ${d.guards.maxLatencyRatio}×`],
    ['Interval', `${d.intervalS} s of video`],
    ['Started', formatDateTime(d.startDate)],
    ['Ended', formatDateTime(d.endDate)],
  ];
}

/** Start / Stop, Run over a recording, Conclude and Roll out: each only where the status and the role allow it. */
function Actions({ status, onDialog, onNotice }: { status: ExperimentStatusDto; onDialog: (d: Dialog) => void; onNotice: (message: string) => void }) {
  const can = {
    start: useCanRequest('experiments:start'),
    stop: useCanRequest('experiments:stop'),
    run: useCanRequest('experiments:run'),
    conclude: useCanRequest('experiments:conclude'),
  };
  const start = useAction((input: RequestInput<'experiments:start'>) => getApi().experiments.start(input));
  const stop = useAction((input: RequestInput<'experiments:stop'>) => getApi().experiments.stop(input));
  const id = status.experimentId;
  const open = status.status === 'draft' || status.status === 'running';
  const hasResults = status.samples.intervals > 0;
  const deploy = status.recommendation === 'deploy_challenger';

  async function change(which: 'start' | 'stop') {
    const done = which === 'start' ? await start.run({ experimentId: id }) : await stop.run({ experimentId: id });
    if (done) onNotice(which === 'start' ? `“${done.name}” is running: live cameras pick it up at their next check.` : `“${done.name}” is stopped; what was measured stays and can be concluded.`);
    void refreshExperiments();
  }

  if (!can.start && !can.run && !can.conclude) return null;
  return (
    <div className="experiment-actions">
      <div className="button-row">
        {can.start && status.status === 'draft' ? (
          <button type="button" className="button" disabled={start.pending} onClick={() => void change('start')}>
            {start.pending ? 'Starting…' : 'Start'}
          </button>
        ) : null}
        {can.stop && status.status === 'running' ? (
          <button type="button" className="button" disabled={stop.pending} onClick={() => void change('stop')}>
            {stop.pending ? 'Stopping…' : 'Stop'}
          </button>
        ) : null}
        {can.run && open ? (
          <button type="button" className="button" onClick={() => onDialog('run')}>
            Run over a recording…
          </button>
        ) : null}
        {can.conclude && hasResults && status.status !== 'completed' ? (
          <button type="button" className={deploy ? 'button' : 'button button-primary'} onClick={() => onDialog('conclude')}>
            Conclude…
          </button>
        ) : null}
        {can.conclude && hasResults ? (
          <button type="button" className={deploy ? 'button button-primary' : 'button'} onClick={() => onDialog('rollout')}>
            Roll out challenger…
          </button>
        ) : null}
      </div>
      <InlineError error={start.error} context="Starting" />
      <InlineError error={stop.error} context="Stopping" />
    </div>
  );
}

/** The watch panel of one experiment: verdict, both arms over time, the arms' figures, the design, the conclusions and the actions. */
export function ExperimentDetail({ experimentId, onNotice }: { experimentId: string; onNotice: (message: string) => void }) {
  const data = useExperimentStatus((s) => s.data);
  const loadError = useExperimentStatus((s) => s.error);
  const loading = useExperimentStatus((s) => s.loading);
  const load = useExperimentStatus((s) => s.load);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // A stale answer for the previously selected experiment is not shown while the new one loads.
  const current = data?.experimentId === experimentId ? data : null;
  const running = current?.status === 'running';

  // A running experiment is read again every few seconds while this panel shows it.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(experimentId), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, experimentId, load]);

  const close = () => {
    setDialog(null);
    void refreshExperiments();
  };
  const done = (message: string) => {
    onNotice(message);
    close();
  };

  return (
    <section className="card detail-panel" id="experiment-detail" aria-labelledby="experiment-detail-title" data-experiment-id={experimentId}>
      {current === null ? (
        loadError && !loading ? (
          <div className="detail-failed">
            <InlineError error={loadError} context="Loading the experiment" />
            <button type="button" className="button" onClick={() => void load(experimentId)}>
              Try again
            </button>
          </div>
        ) : (
          <Loading what="the experiment" />
        )
      ) : (
        <>
          <header className="detail-header">
            <h2 id="experiment-detail-title">{current.name}</h2>
            <StateBadge state={current.status} />
            <span className="muted small">
              {current.design.challengerRef} against {current.design.baselineRef}
              {running ? ` · refreshed every ${REFRESH_MS / 1000} s` : ''}
            </span>
          </header>
          <Actions status={current} onDialog={setDialog} onNotice={onNotice} />
          <VerdictPanel status={current} />
          <DetailSection titleId="arms-over-time-title" title="Both arms over time">
            {current.intervals.length === 0 ? <p className="muted">No results yet: run it over a recording, or start it on the cameras.</p> : <ArmsChart intervals={current.intervals} mode={current.design.mode} />}
          </DetailSection>
          <DetailSection titleId="arms-title" title="Arms">
            <ArmsTable arms={current.arms} />
          </DetailSection>
          <DetailSection titleId="design-title" title="Design">
            <FactList facts={designFacts(current)} />
          </DetailSection>
          {current.conclusions.length > 0 ? (
            <DetailSection titleId="conclusions-title" title="Conclusions">
              <ul className="event-list">
                {current.conclusions.map((c) => (
                  <li key={c.id}>
                    <time dateTime={c.createdAt}>{formatDateTimeSeconds(c.createdAt)}</time>{' '}
                    <strong>{c.recommendation ? RECOMMENDATION_LABELS[c.recommendation] : 'No verdict'}</strong>
                    {c.reason ? ` — ${asSentence(c.reason)}` : ''}
                    {c.pipelineId ? ` Roll-out pipeline ${c.pipelineId}.` : ''}
                  </li>
                ))}
              </ul>
            </DetailSection>
          ) : null}
          {dialog === 'run' ? (
            <RunDialog
              experimentId={experimentId}
              name={current.name}
              onClose={close}
              onDone={(run) => done(`Ran “${current.name}” over ${formatInt(run.frames)} frames (${formatInt(run.intervals)} intervals): ${RECOMMENDATION_LABELS[run.status.recommendation].toLowerCase()}.`)}
            />
          ) : null}
          {dialog === 'conclude' || dialog === 'rollout' ? <ConcludeDialog status={current} rollout={dialog === 'rollout'} onDone={done} onClose={close} /> : null}
        </>
      )}
    </section>
  );
}
