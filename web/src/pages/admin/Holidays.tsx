// Holiday overrides: the national schedule the platform entered (read-only here) and the county's
// own closures or make-up working days, which take precedence.
import { createData } from '../../lib/data';
import { createSignal, For, Show } from 'solid-js';
import { MSG } from '../../i18n';
import { type Holiday, t, UserError } from '../../lib/api';
import { slug } from '../../lib/session';
import {
  createAction,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  PageTitle,
  Pager,
  usePages,
} from '../../components/ui';
import AdminNav from './AdminNav';
import HolidayTable from './HolidayTable';
import { useSettings } from './settings-store';

export default function Holidays() {
  const [data, { refetch }] = createData(slug, (s) => t(s).holidays());
  const settings = useSettings();
  const [day, setDay] = createSignal('');
  const [workday, setWorkday] = createSignal('false');
  const [note, setNote] = createSignal('');
  const [ok, setOk] = createSignal('');
  const own = () => [...(data()?.own ?? [])].sort((a, b) => b.day.localeCompare(a.day));
  const national = () => [...(data()?.national ?? [])].sort((a, b) => b.day.localeCompare(a.day));
  const ownPages = usePages(own, 20, 'holidays');
  const natPages = usePages(national, 20, 'national-holidays');
  const save = createAction(async (d: string, w: boolean, n: string | null) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new UserError('请选择日期');
    await t(slug()).setHoliday({ day: d, workday: w, note: n });
    setOk(`${d} 已设为${w ? '工作日' : '休息日'}`);
    setDay('');
    setNote('');
    refetch();
  });
  const remove = createAction(async (h: Holiday) => {
    if (!confirm(`删除本县 ${h.day} 的安排？该日将恢复按全国安排计算。`)) return;
    await t(slug()).deleteHoliday(h.day);
    setOk(`已删除本县 ${h.day} 的安排`);
    refetch();
  });
  return (
    <section>
      <PageTitle>县区管理 · 节假日</PageTitle>
      <AdminNav />
      <For each={settings.data()?.warnings ?? []}>{(w) => <Notice kind="warn">{w}</Notice>}</For>
      <p class="muted">
        工作日期限按国家法定节假日和调休计算。全国安排（元旦、春节等放假和调休）由平台运营方按国务院办公厅通知统一录入，县区不能修改；本县另有停止办公日或调休上班日时在此录入，优先于全国安排，删除后该日恢复按全国安排计算。
      </p>
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <ErrorNotice error={save.error() ?? remove.error()} />
      <form
        class="inline-form card"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(day(), workday() === 'true', note().trim() || null);
        }}
      >
        <Field label="日期" required>
          <input type="date" value={day()} onInput={(e) => setDay(e.currentTarget.value)} />
        </Field>
        <Field label="该日">
          <select value={workday()} onChange={(e) => setWorkday(e.currentTarget.value)}>
            <option value="false">休息（停止办公）</option>
            <option value="true">上班（调休工作日）</option>
          </select>
        </Field>
        <Field label="说明">
          <input maxLength={40} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="primary" disabled={save.busy()}>
          {MSG.save}
        </button>
      </form>
      <Show when={data()} fallback={<Loading />}>
        <div class="grid grid-2">
          <div>
            <h2>本县安排</h2>
            <HolidayTable
              rows={ownPages.view()}
              busy={save.busy() || remove.busy()}
              onFlip={(h) => save.run(h.day, !h.workday, h.note)}
              onDelete={(h) => remove.run(h)}
            />
            <Pager pages={ownPages} total={own().length} />
          </div>
          <div>
            <h2>全国安排（平台运营方录入）</h2>
            <HolidayTable rows={natPages.view()} />
            <Pager pages={natPages} total={national().length} />
          </div>
        </div>
      </Show>
    </section>
  );
}
