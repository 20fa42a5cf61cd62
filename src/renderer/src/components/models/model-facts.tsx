import { DASH, formatCompact, formatDateTime, formatPercent } from '../../format';
import { t } from '../../i18n';
import { FactList } from './fact-list';
import type { ModelDetail } from './model-types';

/** The model's own record: description, file, framework and its latest scores. */
export function ModelFacts({ detail }: { detail: ModelDetail }) {
  const m = detail.model;
  const branches = detail.branches.filter((b) => b.status === 'active').map((b) => b.name);
  const w = t().models.facts;
  const facts: Array<[string, string]> = [
    [w.modelId, m.modelId],
    [w.type, t().models.modelType[m.modelType]],
    [w.frameworkFormat, `${m.modelFramework ?? DASH} / ${m.modelFormat ?? DASH}`],
    [w.parameters, formatCompact(m.modelParameters)],
    [w.licence, m.licence ?? DASH],
    [w.f1Latest, formatPercent(m.f1Score)],
    [w.branches, branches.length ? branches.join(', ') : DASH],
    [w.registered, formatDateTime(m.createdAt)],
  ];
  return (
    <>
      {m.modelDescription ? <p className="detail-description">{m.modelDescription}</p> : null}
      <FactList facts={facts}>
        <div className="fact-wide">
          <dt>{w.file}</dt>
          <dd>
            <code className="url">{m.modelPath ?? DASH}</code>
          </dd>
        </div>
      </FactList>
    </>
  );
}
