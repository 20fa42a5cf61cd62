import type { Handlers } from '../../shared/contract';
import type { experimentRequests } from '../../shared/requests-experiments';
import type { Caller } from '../../shared/roles';
import { ExperimentService } from '../experiments/experiment-service';
import { createRegistryContext, type RegistryOptions } from '../registry/registry-context';
import type { EngineContext } from '../wiring/engine-context';
import { toExperimentDto } from './dto-mappers';

export type ExperimentRequestName = keyof typeof experimentRequests | 'experiments:list';

const who = (caller: Caller | undefined): string | undefined => caller?.user?.username ?? undefined;

/**
 * Handlers of the experiment requests (src/shared/requests-experiments.ts, and the app shell's
 * `experiments:list`). Thin: the logic is in
 * ExperimentService. Whoever is signed in is who created or concluded an experiment.
 */
export function experimentHandlers(ctx: EngineContext, options: RegistryOptions = {}): Pick<Handlers, ExperimentRequestName> {
  let service: ExperimentService | undefined;
  const svc = (): ExperimentService => (service ??= new ExperimentService(createRegistryContext(ctx.db, options, ctx.repos)));
  const { repos } = ctx;
  return {
    'experiments:list': () => repos.abExperiments.listExperiments().map((e) => toExperimentDto(e, repos.abExperiments.getDesign(e.experimentId))),
    'experiments:create': (input, caller) => {
      const by = who(caller);
      return svc().create({ ...input, ...(by ? { createdBy: by } : {}) });
    },
    'experiments:status': ({ experimentId }) => svc().status(experimentId),
    'experiments:start': ({ experimentId }) => svc().start(experimentId),
    'experiments:stop': ({ experimentId }) => svc().stop(experimentId),
    'experiments:run': (input) => svc().run(input),
    'experiments:conclude': (input, caller) => {
      const by = who(caller);
      return svc().conclude({ ...input, ...(by ? { by } : {}) });
    },
  };
}
