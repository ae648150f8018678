// Loads the county's settings with their version and saves partial patches with compare-and-set:
// if someone else saved in between, the page reloads and says so instead of overwriting.
import { createData } from '../../lib/data';
import { createSignal } from 'solid-js';
import { ApiError, type SettingsAnswer, t } from '../../lib/api';
import { slug } from '../../lib/session';
import { MSG } from '../../i18n';

export function useSettings() {
  const [data, { refetch, mutate }] = createData(slug, (s) => t(s).settings());
  const [ok, setOk] = createSignal('');
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const save = async (patch: Record<string, unknown>, what: string = MSG.saved) => {
    if (busy()) return false;
    setBusy(true);
    setOk('');
    setError(null);
    try {
      const r: SettingsAnswer = await t(slug()).patchSettings(patch, data()?.version);
      mutate({ ...data()!, settings: r.settings, version: r.version });
      setOk(what);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await refetch();
        setError(new ApiError(409, 'CONFLICT', '设置已被他人修改，页面已刷新为最新内容，请核对后重新保存。'));
      } else setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { data, refetch, save, ok, error, busy };
}
