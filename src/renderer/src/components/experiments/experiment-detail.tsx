import { useEffect, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { ExperimentStatusDto } from '../../../../shared/dto-experiments';
import { getApi } from '../../api';
import { formatDateTime, formatDateTimeSeconds, formatInt } from '../../format';
import { useAction } from '../../hooks/use-action';
import { t } from '../../i18n';
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
import { asSentence, confidenceLabel, upTo } from './experiment-words';
import { RunDialog } from './run-dialog';
import { VerdictPanel } from './verdict-panel';

/** How often a running experiment is read again while its panel is open. */
export const REFRESH_MS = 5000;

type Dialog = 'run' | 'conclude' | 'rollout';

function designFacts(s: ExperimentStatusDto): Array<[string, string]> {
  const d = s.design;
  const m = t().experiments;
  const f = m.facts;
  return [
    [m.baseline, d.baselineRef],
    [m.challenger, d.challengerRef],
    [m.mode, d.mode === 'ab' ? [m.modes.ab, m.splits[d.split], m.toChallenger(upTo(d.trafficPercent, 1))].join(', ') : m.modes.shadow],
    [f.minSample, m.counts.framesPerArm(d.minSamples, formatInt(d.minSamples))],
    [m.confidence, `${confidenceLabel(d.confidence)} %`],
    [f.successMetric, d.successMetric === 'f1' ? f.metricF1 : f.metricCrossings],
    [f.guards, f.guardsText(upTo(Math.round(d.guards.maxCountDifference * 1000) / 10, 1), upTo(d.guards.maxLatencyRatio, 2))],
    [m.interval, f.intervalText(upTo(d.intervalS, 1))],
    [t().common.started, formatDateTime(d.startDate)],
    [m.ended, formatDateTime(d.endDate)],
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
  const m = t().experiments.actions;

  async function change(which: 'start' | 'stop') {
    const done = which === 'start' ? await start.run({ experimentId: id }) : await stop.run({ experimentId: id });
    if (done) onNotice(which === 'start' ? m.started(done.name) : m.stopped(done.name));
    void refreshExperiments();
  }

  if (!can.start && !can.run && !can.conclude) return null;
  return (
    <div className="experiment-actions">
      <div className="button-row">
        {can.start && status.status === 'draft' ? (
          <button type="button" className="button" disabled={start.pending} onClick={() => void change('start')}>
            {start.pending ? m.starting : m.start}
          </button>
        ) : null}
        {can.stop && status.status === 'running' ? (
          <button type="button" className="button" disabled={stop.pending} onClick={() => void change('stop')}>
            {stop.pending ? m.stopping : m.stop}
          </button>
        ) : null}
        {can.run && open ? (
          <button type="button" className="button" onClick={() => onDialog('run')}>
            {m.runOver}
          </button>
        ) : null}
        {can.conclude && hasResults && status.status !== 'completed' ? (
          <button type="button" className={deploy ? 'button' : 'button button-primary'} onClick={() => onDialog('conclude')}>
            {m.conclude}
          </button>
        ) : null}
        {can.conclude && hasResults ? (
          <button type="button" className={deploy ? 'button button-primary' : 'button'} onClick={() => onDialog('rollout')}>
            {m.rollout}
          </button>
        ) : null}
      </div>
      <InlineError error={start.error} context={m.startError} />
      <InlineError error={stop.error} context={m.stopError} />
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
  const m = t().experiments;
  const words = m.detail;

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
            <InlineError error={loadError} context={m.stores.status} />
            <button type="button" className="button" onClick={() => void load(experimentId)}>
              {t().common.retry}
            </button>
          </div>
        ) : (
          <Loading what={words.loadingWhat} />
        )
      ) : (
        <>
          <header className="detail-header">
            <h2 id="experiment-detail-title">{current.name}</h2>
            <StateBadge state={current.status} />
            <span className="muted small">
              {m.against(current.design.challengerRef, current.design.baselineRef)}
              {running ? ` · ${words.refreshedEvery(formatInt(REFRESH_MS / 1000))}` : ''}
            </span>
          </header>
          <Actions status={current} onDialog={setDialog} onNotice={onNotice} />
          <VerdictPanel status={current} />
          <DetailSection titleId="arms-over-time-title" title={words.overTime}>
            {current.intervals.length === 0 ? <p className="muted">{words.noResults}</p> : <ArmsChart intervals={current.intervals} mode={current.design.mode} />}
          </DetailSection>
          <DetailSection titleId="arms-title" title={words.arms}>
            <ArmsTable arms={current.arms} />
          </DetailSection>
          <DetailSection titleId="design-title" title={words.design}>
            <FactList facts={designFacts(current)} />
          </DetailSection>
          {current.conclusions.length > 0 ? (
            <DetailSection titleId="conclusions-title" title={words.conclusions}>
              <ul className="event-list">
                {current.conclusions.map((c) => (
                  <li key={c.id}>
                    <time dateTime={c.createdAt}>{formatDateTimeSeconds(c.createdAt)}</time>{' '}
                    <strong>{c.recommendation ? m.recommendations[c.recommendation] : words.noVerdict}</strong>
                    {c.reason ? ` — ${asSentence(c.reason)}` : ''}
                    {c.pipelineId ? ` ${words.rolloutPipeline(c.pipelineId)}` : ''}
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
              onDone={(run) =>
                done(words.ran(current.name, m.counts.frames(run.frames, formatInt(run.frames)), m.counts.intervals(run.intervals, formatInt(run.intervals)), m.recommendations[run.status.recommendation]))
              }
            />
          ) : null}
          {dialog === 'conclude' || dialog === 'rollout' ? <ConcludeDialog status={current} rollout={dialog === 'rollout'} onDone={done} onClose={close} /> : null}
        </>
      )}
    </section>
  );
}
