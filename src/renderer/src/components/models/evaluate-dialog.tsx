import { useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { EvaluationResultDto } from '../../../../shared/dto-models';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { formatDecimal, formatInt, formatPercent } from '../../format';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { RequestFields, type RequestField } from '../request-fields';
import { TextField } from '../text-field';
import { FactList } from './fact-list';
import type { VersionRow } from './model-types';

function optionalNumber(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

function EvaluationResult({ result }: { result: EvaluationResultDto }) {
  const rows: Array<[string, string]> = [
    ['Precision', formatPercent(result.precision)],
    ['Recall', formatPercent(result.recall)],
    ['F1', formatPercent(result.f1)],
    ['Accuracy', formatPercent(result.accuracy)],
    ['True / false positives', `${formatInt(result.truePositives)} / ${formatInt(result.falsePositives)}`],
    ['Missed (false negatives)', formatInt(result.falseNegatives)],
    ['Frames', formatInt(result.frames)],
    ['Latency', formatDecimal(result.latencyMs, ' ms')],
    ['Throughput', formatDecimal(result.throughputFps, ' fps')],
  ];
  return (
    <section className="result-panel" aria-labelledby="evaluation-result-title" role="status">
      <h3 id="evaluation-result-title">
        Result ({result.kind === 'crossings' ? 'line crossings' : 'MOT boxes'}), saved as measurement #{result.metricId}
      </h3>
      <FactList facts={rows} />
    </section>
  );
}

type PathKey = 'source' | 'truthPath';

const PATH_FIELDS: ReadonlyArray<RequestField<PathKey>> = [
  { key: 'source', label: 'Recording', required: true, placeholder: '/home/shop/recordings/door-2025-03-01.mp4', help: 'A video file on this PC (full path).' },
  {
    key: 'truthPath',
    label: 'Truth file',
    required: true,
    placeholder: '/home/shop/recordings/door-truth.json',
    help: 'footfall-crossings/v1 JSON (lines and crossings) or a MOT-challenge gt.txt.',
  },
];

/** Scores a version on a recording against a truth file (line crossings JSON or MOT gt.txt). */
export function EvaluateDialog({ modelId, version, onClose }: { modelId: string; version: VersionRow; onClose: () => void }) {
  const [paths, setPaths] = useState<Record<PathKey, string>>({ source: '', truthPath: '' });
  const source = paths.source.trim();
  const truthPath = paths.truthPath.trim();
  const [fps, setFps] = useState('');
  const [maxFrames, setMaxFrames] = useState('');
  const [result, setResult] = useState<EvaluationResultDto | null>(null);
  const action = useAction((input: RequestInput<'models:evaluate'>) => getApi().models.evaluate(input));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    const fpsValue = optionalNumber(fps);
    const framesValue = optionalNumber(maxFrames);
    const done = await action.run({
      modelId,
      version: version.versionNumber,
      source,
      truthPath,
      ...(fpsValue !== undefined ? { fps: fpsValue } : {}),
      ...(framesValue !== undefined ? { maxFrames: framesValue } : {}),
    });
    if (done) setResult(done);
  }

  return (
    <ModalDialog
      title={`Evaluate version ${version.versionNumber}`}
      description="Runs the version over a recording through the real pipeline and scores it against the truth file. Nothing is counted; the scores are stored with the version."
      wide
      onClose={onClose}
    >
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <RequestFields fields={PATH_FIELDS} values={paths} onChange={setPaths} error={action.error} />
        <div className="field-row">
          <TextField label="Frames per second" inputMode="decimal" value={fps} onChange={setFps} placeholder="from the truth file" error={issueAt(action.error, 'fps')} />
          <TextField label="At most frames" inputMode="numeric" value={maxFrames} onChange={setMaxFrames} placeholder="all" error={issueAt(action.error, 'maxFrames')} />
        </div>
        <InlineError error={action.error} context="Evaluation" />
        {result ? <EvaluationResult result={result} /> : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending || !source || !truthPath}>
            {action.pending ? 'Evaluating…' : result ? 'Evaluate again' : 'Evaluate'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
