import { useEffect, useId, useState } from 'react';
import { getApi } from '../../api';
import { t } from '../../i18n';

interface Choice {
  modelId: string;
  modelVersion: string;
  label: string;
}

const keyOf = (m: { modelId: string; modelVersion: string | null } | null): string => (m ? `${m.modelId}\u0000${m.modelVersion ?? ''}` : '');

/**
 * Which model version the camera counts with: the deployed one (it follows roll-outs, the
 * default), or one version pinned on this camera. Lists the registry's versions (`models:list`,
 * `models:versions`).
 */
export function ModelPicker({
  value,
  onChange,
}: {
  value: { modelId: string; modelVersion: string | null } | null;
  onChange: (value: { modelId: string; modelVersion: string | null } | null) => void;
}) {
  const id = useId();
  const [choices, setChoices] = useState<Choice[] | null>(null);
  useEffect(() => {
    let current = true;
    void (async () => {
      const api = getApi();
      const models = await api.models.list();
      if (!models.ok) return current ? setChoices([]) : undefined;
      const found: Choice[] = [];
      for (const m of models.value.filter((x) => x.modelType === 'detection')) {
        const versions = await api.models.versions({ modelId: m.modelId });
        if (versions.ok) for (const v of versions.value) found.push({ modelId: m.modelId, modelVersion: v.versionNumber, label: `${m.modelName} ${v.versionNumber}` });
      }
      if (current) setChoices(found);
    })();
    return () => {
      current = false;
    };
  }, []);

  const m = t().cameras.model;
  const options = [...(choices ?? [])];
  // A pinned version the registry no longer lists (or "its newest") still shows as chosen.
  if (value && !options.some((c) => keyOf(c) === keyOf(value))) options.push({ modelId: value.modelId, modelVersion: value.modelVersion ?? '', label: `${value.modelId} ${value.modelVersion ?? m.newestVersion}` });
  return (
    <div className="field">
      <label htmlFor={id}>{m.label}</label>
      <select
        id={id}
        value={keyOf(value)}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          const chosen = options.find((c) => keyOf(c) === e.target.value);
          onChange(chosen ? { modelId: chosen.modelId, modelVersion: chosen.modelVersion || null } : null);
        }}
      >
        <option value="">{m.deployed}</option>
        {options.map((c) => (
          <option key={keyOf(c)} value={keyOf(c)}>
            {m.pinned(c.label)}
          </option>
        ))}
      </select>
      <p className="field-help" id={`${id}-help`}>
        {choices === null ? m.loadingVersions : m.pinnedHelp}
      </p>
    </div>
  );
}
