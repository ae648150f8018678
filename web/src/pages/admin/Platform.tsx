// Platform administration: counties (tenants), entering one to work in it, disabling and enabling
// one, and the national holiday schedule as the State Council publishes it each autumn (it takes
// precedence over built-in data). A new county is enabled at once for its administrator to set up;
// citizens find it in the portal's list once it has a category and someone to route cases.
import { createData } from '../../lib/data';
import { createSignal, For, Show } from 'solid-js';
import { MSG } from '../../i18n';
import { type Holiday, type PlatformTenant, platform, UserError } from '../../lib/api';
import { navigate } from '../../lib/router';
import { pickTenant, tenant } from '../../lib/session';
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
import HolidayTable from './HolidayTable';
import PlatformNav from './PlatformNav';

export default function Platform() {
  const [list, { refetch }] = createData(async () => (await platform.tenants()).items);
  const [holData, holCtl] = createData(() => platform.holidays());
  const hol = () => holData()?.items;
  const [slugIn, setSlug] = createSignal('');
  const [name, setName] = createSignal('');
  const [schedule, setSchedule] = createSignal('');
  const [ok, setOk] = createSignal('');
  const pages = usePages(() => list() ?? [], 20, 'tenants');
  const holPages = usePages(
    () => [...(hol() ?? [])].sort((a, b) => b.day.localeCompare(a.day)),
    20,
    'holidays',
  );
  const create = createAction(async () => {
    if (!slugIn().trim() || !name().trim()) throw new UserError('请填写县区标识和名称');
    const r = await platform.createTenant({ slug: slugIn().trim(), name: name().trim() });
    setOk(
      `已创建县区：${r.name}（/${r.slug}/），并建立了“${r.name}信访局”。下一步：点“进入管理”，在“用户与角色”中为该县区建立县级管理员，由其设置单位、用户、内容分类与分派等；有了启用的内容分类和负责分派的信访局工作人员或县级管理员后，群众即可在门户中看到该县区并提交。`,
    );
    setSlug('');
    setName('');
    refetch();
  });
  const toggle = createAction(async (tn: PlatformTenant) => {
    if (
      tn.active &&
      !window.confirm(
        `停用“${tn.name}”后，群众门户和工作人员都将无法访问该县区，已登录的工作人员会被退出。确定停用吗？`,
      )
    )
      return;
    await platform.setTenantActive(tn.id, !tn.active);
    if (tn.active && tenant()?.slug === tn.slug) pickTenant(null);
    setOk(`${tn.name}：${tn.active ? '已停用' : '已启用'}`);
    refetch();
  });
  const saveSchedule = createAction(async () => {
    // One line per day: "2027-01-01 休" or "2027-02-07 班 春节调休".
    const days = schedule()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l, i) => {
        const m = /^(\d{4}-\d{2}-\d{2})\s+(休|班)\s*(.*)$/.exec(l);
        if (!m)
          throw new UserError(`第 ${i + 1} 行格式不对：应为“2027-01-01 休 元旦”或“2027-02-07 班 春节调休”`);
        return { day: m[1]!, workday: m[2] === '班', note: m[3] || null };
      });
    if (days.length === 0) throw new UserError('请至少录入一天');
    await platform.setHolidays(days);
    setOk(`已录入 ${days.length} 天的全国节假日安排`);
    setSchedule('');
    holCtl.refetch();
  });
  const removeDay = createAction(async (h: Holiday) => {
    if (!confirm(`删除全国安排中 ${h.day} 这一天？该日将恢复按内置数据计算。`)) return;
    await platform.deleteHoliday(h.day);
    setOk(`已删除全国安排中的 ${h.day}`);
    holCtl.refetch();
  });
  return (
    <section>
      <PageTitle>平台管理</PageTitle>
      <PlatformNav />
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <ErrorNotice error={create.error() ?? toggle.error() ?? saveSchedule.error() ?? removeDay.error()} />
      <div class="grid grid-2">
        <div>
          <h2>县区</h2>
          <Show when={list()} fallback={<Loading />}>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>名称</th>
                    <th>标识</th>
                    <th>状态</th>
                    <th>操作</th>
                  </tr>
                </thead>
                <tbody>
                  <For
                    each={pages.view()}
                    fallback={
                      <tr>
                        <td colSpan={4} class="empty">
                          {MSG.empty}
                        </td>
                      </tr>
                    }
                  >
                    {(tn) => (
                      <tr>
                        <td>{tn.name}</td>
                        <td>{tn.slug}</td>
                        <td>
                          <Show when={tn.active} fallback={<span class="tag red">已停用</span>}>
                            <Show
                              when={tn.listed}
                              fallback={
                                <span title={`门户暂不显示，尚缺：${tn.missing.join('、')}`}>
                                  启用 · 门户暂不显示（尚缺{tn.missing.join('、')}）
                                </span>
                              }
                            >
                              启用 · 门户已显示
                            </Show>
                          </Show>
                        </td>
                        <td>
                          <div class="row-actions">
                            <button
                              type="button"
                              class="small"
                              disabled={tenant()?.slug === tn.slug || !tn.active}
                              onClick={() => {
                                pickTenant({ slug: tn.slug, name: tn.name });
                                navigate('/admin/units');
                              }}
                            >
                              {tenant()?.slug === tn.slug ? '当前县区' : '进入管理'}
                            </button>
                            <button
                              type="button"
                              class="small"
                              disabled={toggle.busy()}
                              aria-label={`${tn.active ? '停用' : '启用'} ${tn.name}`}
                              onClick={() => toggle.run(tn)}
                            >
                              {tn.active ? '停用' : '启用'}
                            </button>
                          </div>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Pager pages={pages} total={list()!.length} />
          </Show>
          <form
            class="card"
            onSubmit={(e) => {
              e.preventDefault();
              void create.run();
            }}
          >
            <h3>开通县区</h3>
            <div class="form-grid">
              <Field
                label="标识（门户地址）"
                required
                hint="小写字母开头，可含数字和 -，不以 - 结尾，如 qinghe"
              >
                <input value={slugIn()} onInput={(e) => setSlug(e.currentTarget.value)} />
              </Field>
              <Field label="名称" required hint="如 青禾县">
                <input value={name()} onInput={(e) => setName(e.currentTarget.value)} />
              </Field>
            </div>
            <button type="submit" class="primary" disabled={create.busy()}>
              开通
            </button>
          </form>
        </div>
        <div>
          <h2>全国节假日安排</h2>
          <For each={holData()?.warnings ?? []}>{(w) => <Notice kind="warn">{w}</Notice>}</For>
          <form
            class="card"
            onSubmit={(e) => {
              e.preventDefault();
              void saveSchedule.run();
            }}
          >
            <Field
              label="按国务院办公厅通知录入，每行一天"
              hint="例：2027-01-01 休 元旦 ／ 2027-02-07 班 春节调休"
            >
              <textarea rows={6} value={schedule()} onInput={(e) => setSchedule(e.currentTarget.value)} />
            </Field>
            <button type="submit" class="primary" disabled={saveSchedule.busy()}>
              录入
            </button>
          </form>
          <Show when={hol()} fallback={<Loading />}>
            <HolidayTable rows={holPages.view()} busy={removeDay.busy()} onDelete={(h) => removeDay.run(h)} />
            <Pager pages={holPages} total={hol()!.length} />
          </Show>
        </div>
      </div>
    </section>
  );
}
