import { useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { ExperimentRunDto } from '../../../../shared/dto-experiments';
import { getApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { t } from '../../i18n';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { BusyIndicator, EMPTY_RUN, RunFields, runReady, runRequest, useElapsed, type RunValues } from './run-fields';

/** Runs an experiment over a recording now (experiments:run): minutes on a long file, then the results are on the page. */
export function RunDialog({ experimentId, name, onDone, onClose }: { experimentId: string; name: string; onDone: (run: ExperimentRunDto) => void; onClose: () => void }) {
  const [values, setValues] = useState<RunValues>(EMPTY_RUN);
  const action = useAction((input: RequestInput<'experiments:run'>) => getApi().experiments.run(input));
  const seconds = useElapsed(action.pending);
  const m = t().experiments.run;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (action.pending || !runReady(values)) return;
    const run = await action.run(runRequest(experimentId, values));
    if (run) onDone(run);
  }

  return (
    <ModalDialog
      title={m.title(name)}
      description={m.description}
      wide
      onClose={onClose}
    >
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <RunFields values={values} onChange={setValues} error={action.error} />
        {action.pending ? <BusyIndicator label={m.running} seconds={seconds} /> : null}
        <InlineError error={action.error} context={m.runError} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t().common.cancel}
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending || !runReady(values)}>
            {action.pending ? m.runningShort : m.run}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
