import { useEffect, useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { productionRef, useVersionChoices } from '../../stores/experiments';
import { InlineError } from '../inline-error';
import { Loading } from '../loading';
import { ModalDialog } from '../modal-dialog';
import { DEFAULT_DESIGN, DesignFields, type DesignValues } from './design-fields';
import { BusyIndicator, EMPTY_RUN, RunFields, runReady, runRequest, useElapsed, type RunValues } from './run-fields';
import { DeriveChallenger, VersionSelect } from './version-picker';

const STEPS = ['Versions', 'Design', 'Run'] as const;
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
    if (!nameTouched && challenger && baseline) setDesign((d) => ({ ...d, name: `${challenger} against ${baseline}` }));
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
        onDone(id, `Experiment “${made.name}” created as a draft: run it over a recording or start it on the cameras.`);
        return;
      }
    }
    const done = await runAction.run(runRequest(id, run));
    if (done) {
      onDone(id, `Experiment “${done.status.name}” ran over ${done.frames} frames (${done.intervals} intervals): ${done.status.recommendation.replace(/_/g, ' ')}.`);
    }
  }

  const createIssueOnDesign = create.error?.issues?.some((i) => DESIGN_KEYS.includes(i.path.split('.')[0] ?? '')) ?? false;
  const versionIssue = (key: 'baseline' | 'challenger') => issueAt(create.error, key);

  return (
    <ModalDialog title="New experiment" description="Does the challenger count as well as production, here? Pick the two versions, choose how to compare them, and optionally run it now." wide onClose={onClose}>
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <ol className="stepper" aria-label="Steps">
          {STEPS.map((label, i) => (
            <li key={label} className={i === step ? 'stepper-current' : i < step ? 'stepper-done' : undefined} aria-current={i === step ? 'step' : undefined}>
              <button type="button" className="button button-quiet" disabled={pending || (i > 0 && !versionsReady) || (i > 1 && !designReady)} onClick={() => setStep(i as Step)}>
                <span className="stepper-number" aria-hidden="true">
                  {i + 1}
                </span>
                {label}
              </button>
            </li>
          ))}
        </ol>
        {step === 0 ? (
          choices === null ? (
            choicesError ? <InlineError error={choicesError} context="Loading model versions" /> : <Loading what="model versions" />
          ) : choices.length === 0 ? (
            <p className="notice notice-warn">No model is registered yet: import one on the Models page first.</p>
          ) : (
            <>
              <VersionSelect label="Baseline" help="The version counting now (production by default)." value={baseline} choices={choices} onChange={setBaseline} error={versionIssue('baseline')} />
              <VersionSelect
                label="Challenger"
                help="The version to prove. The same version as the baseline is an A/A test: it should show no difference."
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
              <strong>{design.mode === 'shadow' ? 'Shadow' : 'A/B'}</strong> experiment “{design.name.trim()}”: <code>{challenger}</code> against <code>{baseline}</code>.
              {createdId ? ` Created as ${createdId}.` : ''}
            </p>
            <label className="checkbox">
              <input type="checkbox" checked={runNow} disabled={pending || createdId !== null} onChange={(e) => setRunNow(e.target.checked)} />
              Run it over a recording now (offline: a verdict in minutes)
            </label>
            {runNow ? <RunFields values={run} onChange={setRun} error={runAction.error} /> : null}
            {runAction.pending ? <BusyIndicator label="Running the experiment over the recording…" seconds={seconds} /> : null}
          </>
        ) : null}
        <InlineError error={create.error} context="Creating the experiment" />
        {createIssueOnDesign && step !== 1 ? (
          <button type="button" className="button button-quiet" onClick={() => setStep(1)}>
            Back to the design
          </button>
        ) : null}
        <InlineError error={runAction.error} context="The run" />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {createdId ? 'Close' : 'Cancel'}
          </button>
          {step > 0 ? (
            <button type="button" className="button" disabled={pending} onClick={() => setStep((step - 1) as Step)}>
              Back
            </button>
          ) : null}
          {step < 2 ? (
            <button type="submit" className="button button-primary" disabled={step === 0 ? !versionsReady : !designReady}>
              Next
            </button>
          ) : (
            <button type="submit" className="button button-primary" disabled={!canSubmit}>
              {create.pending ? 'Creating…' : runAction.pending ? 'Running…' : createdId ? 'Run again' : runNow ? 'Create and run' : 'Create experiment'}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
