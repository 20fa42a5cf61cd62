import { useEffect, useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import { getApi } from '../../api';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import { issueAt, useAction } from '../../hooks/use-action';
import { productionRef, useVersionChoices } from '../../stores/experiments';
import { InlineError } from '../inline-error';
import { Loading } from '../loading';
import { ModalDialog } from '../modal-dialog';
import { DEFAULT_DESIGN, DesignFields, type DesignValues } from './design-fields';
import { BusyIndicator, EMPTY_RUN, RunFields, runReady, runRequest, useElapsed, type RunValues } from './run-fields';
import { DeriveChallenger, VersionSelect } from './version-picker';

/** The steps in order, by their catalogue keys. */
const STEPS = ['versions', 'design', 'run'] as const;
type Step = 0 | 1 | 2;

function optionalNumber(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

function createRequest(baseline: string, challenger: string, d: DesignValues): RequestInput<'experiments:create'> {
  const minSamples = optionalNumber(d.minSamples);
  const confidence = optionalNumber(d.confidence);
  const intervalS = optionalNumber(d.intervalS);
  const trafficPercent = optionalNumber(d.trafficPercent);
  return {
    name: d.name.trim(),
    baseline,
    challenger,
    mode: d.mode,
    ...(d.mode === 'ab' ? { split: d.split, ...(trafficPercent !== undefined ? { trafficPercent } : {}) } : {}),
    ...(minSamples !== undefined ? { minSamples } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    ...(intervalS !== undefined ? { intervalS } : {}),
  };
}

/** Which step a field the engine refused belongs to, so "Create" can send the user back to it. */
const DESIGN_KEYS = ['name', 'mode', 'split', 'trafficPercent', 'minSamples', 'confidence', 'intervalS'];

/**
 * A new experiment in three steps: the two versions (or a challenger derived right here), the
 * design, and an optional run over a recording now. Done: the new experiment, and a sentence on
 * what happened.
 */
export function CreateExperimentDialog({ onDone, onClose }: { onDone: (experimentId: string, message: string) => void; onClose: () => void }) {
  const choices = useVersionChoices((s) => s.data);
  const choicesError = useVersionChoices((s) => s.error);
  const loadChoices = useVersionChoices((s) => s.load);
  const [step, setStep] = useState<Step>(0);
  const [baseline, setBaseline] = useState('');
  const [challenger, setChallenger] = useState('');
  const [design, setDesign] = useState<DesignValues>(DEFAULT_DESIGN);
  const [nameTouched, setNameTouched] = useState(false);
  const [runNow, setRunNow] = useState(false);
  const [run, setRun] = useState<RunValues>(EMPTY_RUN);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const create = useAction((input: RequestInput<'experiments:create'>) => getApi().experiments.create(input));
  const runAction = useAction((input: RequestInput<'experiments:run'>) => getApi().experiments.run(input));
  const seconds = useElapsed(runAction.pending);
  const pending = create.pending || runAction.pending;
  const m = t().experiments;
  const words = m.create;

  useEffect(() => void loadChoices(), [loadChoices]);
  // Defaults once the versions are known: production as the baseline, the newest other version as the challenger.
  useEffect(() => {
    if (!choices || baseline) return;
    const prod = productionRef(choices);
    if (!prod) return;
    setBaseline(prod);
    const newest = [...choices].filter((c) => c.ref !== prod).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    setChallenger(newest?.ref ?? prod);
  }, [choices, baseline]);
  // The name follows the versions until the user types one.
  useEffect(() => {
    if (!nameTouched && challenger && baseline) setDesign((d) => ({ ...d, name: t().experiments.against(challenger, baseline) }));
  }, [challenger, baseline, nameTouched]);

  const versionsReady = baseline !== '' && challenger !== '';
  const designReady = design.name.trim() !== '';
  const canSubmit = !pending && versionsReady && designReady && (!runNow || runReady(run));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step < 2) {
      if ((step === 0 && versionsReady) || (step === 1 && designReady)) setStep((step + 1) as Step);
      return;
    }
    if (!canSubmit) return;
    let id = createdId;
    if (!id) {
      const made = await create.run(createRequest(baseline, challenger, design));
      if (!made) return;
      id = made.experimentId;
      setCreatedId(id);
      if (!runNow) {
        onDone(id, words.created(made.name));
        return;
      }
    }
    const done = await runAction.run(runRequest(id, run));
    if (done) {
      onDone(id, words.ran(done.status.name, m.counts.frames(done.frames, formatInt(done.frames)), m.counts.intervals(done.intervals, formatInt(done.intervals)), done.status.recommendation));
    }
  }

  const createIssueOnDesign = create.error?.issues?.some((i) => DESIGN_KEYS.includes(i.path.split('.')[0] ?? '')) ?? false;
  const versionIssue = (key: 'baseline' | 'challenger') => issueAt(create.error, key);

  return (
    <ModalDialog title={words.title} description={words.description} wide onClose={onClose}>
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <ol className="stepper" aria-label={words.stepsLabel}>
          {STEPS.map((key, i) => (
            <li key={key} className={i === step ? 'stepper-current' : i < step ? 'stepper-done' : undefined} aria-current={i === step ? 'step' : undefined}>
              <button type="button" className="button button-quiet" disabled={pending || (i > 0 && !versionsReady) || (i > 1 && !designReady)} onClick={() => setStep(i as Step)}>
                <span className="stepper-number" aria-hidden="true">
                  {i + 1}
                </span>
                {words.steps[key]}
              </button>
            </li>
          ))}
        </ol>
        {step === 0 ? (
          choices === null ? (
            choicesError ? <InlineError error={choicesError} context={m.stores.versions} /> : <Loading what={words.versionsWhat} />
          ) : choices.length === 0 ? (
            <p className="notice notice-warn">{words.noModel}</p>
          ) : (
            <>
              <VersionSelect label={m.baseline} help={words.baselineHelp} value={baseline} choices={choices} onChange={setBaseline} error={versionIssue('baseline')} />
              <VersionSelect
                label={m.challenger}
                help={words.challengerHelp}
                value={challenger}
                choices={choices}
                onChange={setChallenger}
                error={versionIssue('challenger')}
              />
              {baseline ? (
                <DeriveChallenger
                  sourceRef={baseline}
                  onDerived={(ref) => {
                    setChallenger(ref);
                    void loadChoices();
                  }}
                />
              ) : null}
            </>
          )
        ) : null}
        {step === 1 ? (
          <DesignFields
            values={design}
            onChange={(v) => {
              if (v.name !== design.name) setNameTouched(true);
              setDesign(v);
            }}
            error={create.error}
          />
        ) : null}
        {step === 2 ? (
          <>
            <p className="summary">
              <strong>{words.summary(words.modeShort[design.mode], design.name.trim())}</strong>: <code>{challenger}</code> {m.againstWord} <code>{baseline}</code>.
              {createdId ? ` ${words.createdAs(createdId)}` : ''}
            </p>
            <label className="checkbox">
              <input type="checkbox" checked={runNow} disabled={pending || createdId !== null} onChange={(e) => setRunNow(e.target.checked)} />
              {words.runNow}
            </label>
            {runNow ? <RunFields values={run} onChange={setRun} error={runAction.error} /> : null}
            {runAction.pending ? <BusyIndicator label={m.run.running} seconds={seconds} /> : null}
          </>
        ) : null}
        <InlineError error={create.error} context={words.createError} />
        {createIssueOnDesign && step !== 1 ? (
          <button type="button" className="button button-quiet" onClick={() => setStep(1)}>
            {words.backToDesign}
          </button>
        ) : null}
        <InlineError error={runAction.error} context={m.run.runError} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {createdId ? t().common.close : t().common.cancel}
          </button>
          {step > 0 ? (
            <button type="button" className="button" disabled={pending} onClick={() => setStep((step - 1) as Step)}>
              {words.back}
            </button>
          ) : null}
          {step < 2 ? (
            <button type="submit" className="button button-primary" disabled={step === 0 ? !versionsReady : !designReady}>
              {words.next}
            </button>
          ) : (
            <button type="submit" className="button button-primary" disabled={!canSubmit}>
              {create.pending ? words.creating : runAction.pending ? m.run.runningShort : createdId ? words.runAgain : runNow ? words.createAndRun : words.create}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
