import { useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { EvaluationResultDto } from '../../../../shared/dto-models';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { formatDecimal, formatInt, formatPercent } from '../../format';
import { t } from '../../i18n';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { RequestFields, type RequestField } from '../request-fields';
import { TextField } from '../text-field';
import { FactList } from './fact-list';
import type { VersionRow } from './model-types';
import { newProgressId, useWorkProgress, WorkProgressBar } from './work-progress';

function optionalNumber(text: string): number | undefined {
  const s = text.trim();
  return s === '' ? undefined : Number(s);
}

function EvaluationResult({ result }: { result: EvaluationResultDto }) {
  const m = t().models.evaluate.result;
  const rows: Array<[string, string]> = [
    [m.precision, formatPercent(result.precision)],
    [m.recall, formatPercent(result.recall)],
    [m.f1, formatPercent(result.f1)],
    [m.accuracy, formatPercent(result.accuracy)],
    [m.tpFp, `${formatInt(result.truePositives)} / ${formatInt(result.falsePositives)}`],
    [m.missed, formatInt(result.falseNegatives)],
    [m.frames, formatInt(result.frames)],
    [m.latency, formatDecimal(result.latencyMs, ' ms')],
    [m.throughput, formatDecimal(result.throughputFps, ' fps')],
  ];
  return (
    <section className="result-panel" aria-labelledby="evaluation-result-title" role="status">
      <h3 id="evaluation-result-title">{m.title(result.kind, String(result.metricId))}</h3>
      <FactList facts={rows} />
    </section>
  );
}

type PathKey = 'source' | 'truthPath';

/** Built while rendering: the labels are in the language shown (the example paths are not words). */
function pathFields(): ReadonlyArray<RequestField<PathKey>> {
  const m = t().models.evaluate;
  return [
    { key: 'source', label: m.recording, required: true, placeholder: '/home/shop/recordings/door-2025-03-01.mp4', help: m.recordingHelp },
    { key: 'truthPath', label: m.truth, required: true, placeholder: '/home/shop/recordings/door-truth.json', help: m.truthHelp },
  ];
}

/**
 * Scores a version on a recording against a truth file (line crossings JSON or MOT gt.txt); while
 * it runs, the frames evaluated of the recording's frames show as a progress bar.
 */
export function EvaluateDialog({ modelId, version, onClose }: { modelId: string; version: VersionRow; onClose: () => void }) {
  const [paths, setPaths] = useState<Record<PathKey, string>>({ source: '', truthPath: '' });
  const source = paths.source.trim();
  const truthPath = paths.truthPath.trim();
  const [fps, setFps] = useState('');
  const [maxFrames, setMaxFrames] = useState('');
  const [result, setResult] = useState<EvaluationResultDto | null>(null);
  const [progressId, setProgressId] = useState<string | null>(null);
  const action = useAction((input: RequestInput<'models:evaluate'>) => getApi().models.evaluate(input));
  const progress = useWorkProgress(progressId, action.pending);
  const m = t().models.evaluate;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    const fpsValue = optionalNumber(fps);
    const framesValue = optionalNumber(maxFrames);
    const id = newProgressId();
    setProgressId(id);
    const done = await action.run({
      modelId,
      version: version.versionNumber,
      source,
      truthPath,
      ...(fpsValue !== undefined ? { fps: fpsValue } : {}),
      ...(framesValue !== undefined ? { maxFrames: framesValue } : {}),
      progressId: id,
    });
    if (done) setResult(done);
  }

  return (
    <ModalDialog title={m.title(version.versionNumber)} description={m.description} wide onClose={onClose}>
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <RequestFields fields={pathFields()} values={paths} onChange={setPaths} error={action.error} />
        <div className="field-row">
          <TextField label={m.fps} inputMode="decimal" value={fps} onChange={setFps} placeholder={m.fpsPlaceholder} error={issueAt(action.error, 'fps')} />
          <TextField label={m.maxFrames} inputMode="numeric" value={maxFrames} onChange={setMaxFrames} placeholder={m.maxFramesPlaceholder} error={issueAt(action.error, 'maxFrames')} />
        </div>
        <InlineError error={action.error} context={m.context} />
        {action.pending ? <WorkProgressBar work="evaluation" progress={progress} /> : null}
        {result ? <EvaluationResult result={result} /> : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {result ? m.close : m.cancel}
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending || !source || !truthPath}>
            {action.pending ? m.pending : result ? m.again : m.submit}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
