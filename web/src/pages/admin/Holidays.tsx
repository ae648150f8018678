// Holiday overrides: the national schedule the platform entered (read-only here) and the county's
// own closures or make-up working days, which take precedence.
import { createData } from '../../lib/data';
import { createSignal, For, Show } from 'solid-js';
import { MSG } from '../../i18n';
import { t, UserError } from '../../lib/api';
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
  const ownPages = usePages(own, 20);
  const natPages = usePages(national, 20);
  const save = createAction(async (d: string, w: boolean, n: string | null) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new UserError('请选择日期');
    await t(slug()).setHoliday({ day: d, workday: w, note: n });
    setOk(`${d} 已设为${w ? '工作日' : '休息日'}`);
    setDay('');
    setNote('');
    refetch();
  });
  return (
    <section>
      <PageTitle>县区管理 · 节假日</PageTitle>
      <AdminNav />
      <For each={settings.data()?.warnings ?? []}>{(w) => <Notice kind="warn">{w}</Notice>}</For>
      <p class="muted">
        工作日期限按国家法定节假日和调休计算。本县另有停止办公日或调休上班日时在此录入，优先于全国安排。
      </p>
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <ErrorNotice error={save.error()} />
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
            <HolidayTable rows={ownPages.view()} onFlip={(h) => save.run(h.day, !h.workday, h.note)} />
            <Pager pages={ownPages} total={own().length} />
          </div>
          <div>
            <h2>全国安排（平台录入）</h2>
            <HolidayTable rows={natPages.view()} />
            <Pager pages={natPages} total={national().length} />
          </div>
        </div>
      </Show>
    </section>
  );
}

function HolidayTable(props: {
  rows: Array<{ day: string; workday: boolean; note: string | null }>;
  onFlip?: (h: { day: string; workday: boolean; note: string | null }) => void;
}) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>日期</th>
            <th>安排</th>
            <th>说明</th>
            <Show when={props.onFlip}>
              <th>操作</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.rows}
            fallback={
              <tr>
                <td colSpan={4} class="empty">
                  {MSG.empty}
                </td>
              </tr>
            }
          >
            {(h) => (
              <tr>
                <td class="nowrap">{h.day}</td>
                <td>{h.workday ? '上班' : '休息'}</td>
                <td>{h.note}</td>
                <Show when={props.onFlip}>
                  <td>
                    <button type="button" class="small" onClick={() => props.onFlip!(h)}>
                      改为{h.workday ? '休息' : '上班'}
                    </button>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
