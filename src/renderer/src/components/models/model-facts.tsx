import { DASH, formatCompact, formatDateTime, formatPercent } from '../../format';
import { FactList } from './fact-list';
import type { ModelDetail } from './model-types';

/** The model's own record: description, file, framework and its latest scores. */
export function ModelFacts({ detail }: { detail: ModelDetail }) {
  const m = detail.model;
  const branches = detail.branches.filter((b) => b.status === 'active').map((b) => b.name);
  const facts: Array<[string, string]> = [
    ['Model id', m.modelId],
    ['Type', m.modelType],
    ['Framework / format', `${m.modelFramework ?? DASH} / ${m.modelFormat ?? DASH}`],
    ['Parameters', formatCompact(m.modelParameters)],
    ['Licence', m.licence ?? DASH],
    ['F1 (latest)', formatPercent(m.f1Score)],
    ['Branches', branches.length ? branches.join(', ') : DASH],
    ['Registered', formatDateTime(m.createdAt)],
  ];
  return (
    <>
      {m.modelDescription ? <p className="detail-description">{m.modelDescription}</p> : null}
      <FactList facts={facts}>
        <div className="fact-wide">
          <dt>File</dt>
          <dd>
            <code className="url">{m.modelPath ?? DASH}</code>
          </dd>
        </div>
      </FactList>
    </>
  );
}
