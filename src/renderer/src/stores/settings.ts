import { create } from 'zustand';
import type { RequestInput } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/result';
import { getApi } from '../api';
import { clearErrors, reportError } from './errors';
import { t } from '../i18n';
import { createResourceStore } from './resource';

export const useSettingsList = createResourceStore(() => t().errors.contexts.loadingSettings, (api) => api.settings.list());

export type SettingValue = RequestInput<'settings:set'>['value'];

interface SaveState {
  saving: string | null;
  /** The envelope error per setting key from the last save attempt. */
  errors: Record<string, AppErrorShape>;
  saved: Record<string, boolean>;
  save(key: string, value: SettingValue): Promise<boolean>;
}

export const useSettingsSave = create<SaveState>()((set) => ({
  saving: null,
  errors: {},
  saved: {},
  async save(key, value) {
    const context = () => t().errors.contexts.savingSetting(key);
    set((s) => ({ saving: key, saved: { ...s.saved, [key]: false } }));
    const result = await getApi().settings.set({ key, value });
    if (!result.ok) {
      set((s) => ({ saving: null, errors: { ...s.errors, [key]: result.error } }));
      reportError(context, result.error);
      return false;
    }
    clearErrors(context);
    set((s) => {
      const { [key]: _cleared, ...errors } = s.errors;
      return { saving: null, errors, saved: { ...s.saved, [key]: true } };
    });
    useSettingsList.setState((s) => ({
      data: [...(s.data ?? []).filter((row) => row.key !== key), result.value].sort((a, b) => a.key.localeCompare(b.key)),
    }));
    return true;
  },
}));
