// The home page fits the role: the bureau sees its queues, a unit its lights, a leader the month,
// an administrator and the dispatchers the warnings (e.g. next year's holiday schedule not entered yet).
import { createData } from '../lib/data';
import { For, type JSX, Match, Show, Switch } from 'solid-js';
import { ROLE } from '../i18n';
import { ApiError, type Reminder, t } from '../lib/api';
import { dateTime } from '../lib/format';
import { formatRate } from '../../../workers/domain/stats/format';
import { lastMonth } from '../lib/format';
import { unitName } from '../lib/ref';
import { me, role, slug, tenant } from '../lib/session';
import { A, createAction, ErrorNotice, Loading, Notice, PageTitle } from '../components/ui';
import Readiness from './admin/Readiness';

function Stat(props: {
  href: string;
  label: string;
  n: number | string | undefined;
  tone?: 'red' | 'yellow';
  /** a line under the label: what the number includes, when it was read */
  note?: string;
}) {
  return (
    <A href={props.href} class={`stat ${props.tone ?? ''}`}>
      <div class="n">{props.n ?? '…'}</div>
      <div>{props.label}</div>
      <Show when={props.note}>
        <div class="hint">{props.note}</div>
      </Show>
    </A>
  );
}

function BureauHome() {
  const [q] = createData(slug, (s) => t(s).queues());
  const n = (k: string) => (q() as Record<string, number> | undefined)?.[k];
  return (
    <>
      <ErrorNotice error={q.error} />
      <div class="grid grid-cards">
        <Stat href="/workbench?tab=new" label="新件待分派" n={n('new')} />
        <Stat
          href="/workbench?tab=returned"
          label="退件申请"
          n={n('returned')}
          tone={n('returned') ? 'red' : undefined}
        />
        <Stat href="/workbench?tab=extension" label="延期申请" n={n('extensionRequests')} />
        <Stat href="/workbench?tab=overdue" label="逾期（红灯）" n={n('overdue')} tone="red" />
        <Stat href="/workbench?tab=dueSoon" label="临期（黄灯）" n={n('dueSoon')} tone="yellow" />
        <Stat href="/workbench?tab=supervised" label="督办件" n={n('supervised')} />
        <Stat href="/workbench?tab=repeats" label="重复件提示" n={n('repeatSuggestions')} />
        <Stat href="/workbench?tab=publish" label="问政待发布" n={n('toPublish')} />
        <Stat
          href="/workbench?tab=unsatisfied"
          label="不满意待重办"
          n={n('unsatisfied')}
          tone={n('unsatisfied') ? 'yellow' : undefined}
        />
        <Stat href="/workbench?tab=review" label="待领导审核" n={n('pendingReview')} />
        <Stat
          href="/workbench?tab=citizen-review"
          label="复查待答复"
          n={n('reviewRequests')}
          tone={n('reviewRequests') ? 'yellow' : undefined}
        />
      </div>
      <p>
        <A href="/register" class="btn primary">
          登记来件（Alt+N）
        </A>
      </p>
    </>
  );
}

function UnitHome() {
  const [n] = createData(slug, (s) => t(s).inboxCounts());
  return (
    <div class="grid grid-cards">
      <Stat href="/inbox?tab=red" label="逾期（红灯）" n={n()?.red} tone="red" />
      <Stat href="/inbox?tab=yellow" label="临期（黄灯）" n={n()?.yellow} tone="yellow" />
      <Stat href="/inbox?tab=sign" label="待签收" n={n()?.sign} />
      <Stat href="/inbox?tab=accept" label="待受理" n={n()?.accept} />
      <Stat href="/inbox?tab=reply" label="办理中" n={n()?.reply} />
      <Stat
        href="/inbox?tab=supervised"
        label="督办件"
        n={n()?.supervised}
        tone={n()?.supervised ? 'red' : undefined}
      />
      <Show when={role() === 'unit_leader'}>
        <Stat
          href="/inbox?tab=review"
          label="待我审核"
          n={n()?.review}
          tone={n()?.review ? 'yellow' : undefined}
        />
      </Show>
    </div>
  );
}

function LeaderHome() {
  // the figures of the last complete month, as the dashboard and the bulletin show them by default
  // (a few days into a month, its rates say little), and the lights as they stand now
  const month = lastMonth();
  const [s] = createData(slug, (x) => t(x).stats({ month }));
  // the lights now, by unit, with the instant they were read and how many are red for a 督办
  // deadline: the statistics' 逾期 counts only the unit's own steps (sign, accept, reply)
  const [b] = createData(slug, (x) => t(x).breakdown({ month }));
  const total = (k: 'red' | 'yellow' | 'redSupervision') =>
    b()?.lightsByUnit.reduce((n, r) => n + (r[k] ?? 0), 0);
  const asOf = () => (b()?.asOf ? `截至 ${dateTime(b()!.asOf!).slice(11)}` : '');
  const redNote = () =>
    b()
      ? [total('redSupervision') ? `其中督办 ${total('redSupervision')}` : '', asOf()]
          .filter(Boolean)
          .join(' · ')
      : '';
  return (
    <>
      <Show when={s.error instanceof ApiError && (s.error as ApiError).status === 404}>
        <Notice kind="info">统计接口尚未开通，月度数据暂不可用。</Notice>
      </Show>
      <div class="grid grid-cards">
        <Stat href="/dashboard" label="当前逾期（红灯）" n={total('red')} tone="red" note={redNote()} />
        <Stat href="/dashboard" label="当前临期（黄灯）" n={total('yellow')} tone="yellow" note={asOf()} />
        <Show when={s()}>
          <Stat href="/dashboard" label={`${month} 来件`} n={s()!.tenant.received} />
          <Stat href="/dashboard" label={`${month} 办结率`} n={formatRate(s()!.tenant.completionRate)} />
          <Stat href="/dashboard" label={`${month} 按期答复率`} n={formatRate(s()!.tenant.onTimeReplyRate)} />
          <Stat href="/dashboard" label={`${month} 满意率`} n={formatRate(s()!.tenant.satisfactionRate)} />
        </Show>
      </div>
      <p class="hint">
        红灯、黄灯是此刻各单位待办件的情况，红灯含超过督办期限的件；统计分析中的“逾期”只计签收、受理、答复环节。
      </p>
      <p class="action-bar">
        <A href="/dashboard" class="btn">
          统计分析
        </A>
        <A href="/rankings" class="btn">
          考核排名
        </A>
        <A href="/bulletins" class="btn">
          工作通报
        </A>
      </p>
    </>
  );
}

/**
 * The county settings' warnings (next year's national holiday schedule not entered yet, …). Every
 * working-day deadline a dispatcher sets hangs on that schedule, so they read them too; the
 * administrator also gets the way to the page where it is put right.
 */
function SettingsWarnings(props: { manage?: boolean }) {
  const [s] = createData(slug, (x) => t(x).settings());
  return (
    <For each={s()?.warnings ?? []}>
      {(w) => (
        <Notice kind="warn">
          {w}
          <Show when={props.manage}>
            {' '}
            {/* only the platform operator enters the national schedule; a county sees its own closures */}
            <Show
              when={role() === 'platform_admin'}
              fallback={<A href="/admin/holidays">查看本县节假日安排</A>}
            >
              <A href="/platform">去录入全国安排</A>
            </Show>
          </Show>
        </Notice>
      )}
    </For>
  );
}

function AdminHome() {
  const links: Array<[string, string]> = [
    ['/admin/units', '单位'],
    ['/admin/users', '用户与角色'],
    ['/admin/categories', '内容分类与分派'],
    ['/admin/deadlines', '办理期限'],
    ['/admin/holidays', '节假日'],
    ['/admin/settings', '评价·考核·门户'],
    ['/admin/templates', '答复模板'],
    ['/admin/tokens', 'API 令牌'],
  ];
  return (
    <>
      <SettingsWarnings manage />
      <Readiness skip={['holidays']} />
      <div class="grid grid-cards">
        <For each={links}>{([href, label]) => <Stat href={href} label="县区管理" n={label} />}</For>
      </div>
    </>
  );
}

/** Unread reminders for this person (a unit: its own; the bureau: all): the sweep's and the bureau's 催办. */
function Reminders() {
  const [list, { mutate, refetch }] = createData(slug, (s) => t(s).reminders(true));
  const read = createAction(async (body: { ids?: string[]; all?: boolean; upTo?: number }) => {
    await t(slug()).readReminders(body);
    const left = body.all ? [] : (list()?.items ?? []).filter((r) => !body.ids?.includes(r.id));
    mutate({ items: left });
    await refetch();
  });
  let box: HTMLUListElement | undefined;
  let heading: HTMLHeadingElement | undefined;
  /**
   * Marked read, the reminder's button goes with it, and the keyboard's place too: on to the next
   * reminder's (where the read one was), or to the heading when none is left.
   */
  const markRead = async (body: { ids?: string[]; all?: boolean; upTo?: number }, index = 0) => {
    await read.run(body);
    const left = [...(box?.querySelectorAll<HTMLButtonElement>('button[data-read]') ?? [])].filter(
      (b) => b.isConnected,
    );
    (left[Math.min(index, left.length - 1)] ?? heading)?.focus();
  };
  const href = (r: Reminder) =>
    r.assignmentId ? `/assignments/${r.assignmentId}` : r.caseId ? `/cases/${r.caseId}` : '/';
  return (
    <section class="card" aria-labelledby="reminders-h">
      <h2 id="reminders-h" ref={heading} tabindex="-1">
        提醒
        <Show when={list()?.items.length}>
          {' '}
          {/* the list holds the newest 100: more may wait behind them */}
          <span class="tag red">{list()!.items.length >= 100 ? '100+' : list()!.items.length}</span>
        </Show>
      </h2>
      <ErrorNotice error={list.error ?? read.error()} />
      <Show when={list()} fallback={<Loading />}>
        <Show when={list()!.items.length} fallback={<p class="muted">没有未读提醒。</p>}>
          <ul class="reminders" ref={box}>
            <For each={list()!.items.slice(0, 20)}>
              {(r, i) => (
                <li classList={{ overdue: r.kind === 'overdue' }}>
                  {/* opened is read: the list is what is still to look at, not a pile to clear by hand */}
                  <A
                    href={href(r)}
                    onClick={() =>
                      void t(slug())
                        .readReminders({ ids: [r.id] })
                        .catch(() => undefined)
                    }
                  >
                    {/* the bureau sees every unit's reminders: say whose */}
                    {role() === 'dispatcher' && r.unitName ? `${r.unitName}：` : ''}
                    {r.message}
                  </A>{' '}
                  <span class="hint">{dateTime(r.createdAt)}</span>{' '}
                  <button
                    type="button"
                    class="link"
                    disabled={read.busy()}
                    aria-label={`标为已读：${r.message}`}
                    data-read
                    onClick={() => void markRead({ ids: [r.id] }, i())}
                  >
                    标为已读
                  </button>
                </li>
              )}
            </For>
          </ul>
          <button
            type="button"
            disabled={read.busy()}
            onClick={() =>
              // all that this list was read up to: a reminder written since was not seen, stays unread
              markRead({ all: true, upTo: Math.max(...list()!.items.map((r) => r.createdAt)) })
            }
          >
            全部标为已读
          </button>
        </Show>
      </Show>
    </section>
  );
}

export default function Home() {
  const title = (): JSX.Element => `${me()!.actor.name}，您好`;
  return (
    <section>
      <PageTitle>{title()}</PageTitle>
      <p class="muted">
        {ROLE[role() ?? ''] ?? ''}
        {me()?.actor.unitId ? ` · ${unitName(me()!.actor.unitId)}` : ''}
        {tenant() ? ` · ${tenant()!.name}` : ''}
      </p>
      <Switch fallback={<Loading />}>
        <Match when={role() === 'platform_admin' && !tenant()}>
          <Notice kind="info">
            请在 <A href="/platform">平台管理</A> 中开通县区或选择要进入的县区。
          </Notice>
        </Match>
        <Match when={role() === 'dispatcher'}>
          <SettingsWarnings />
          <BureauHome />
          <Reminders />
        </Match>
        <Match when={role() === 'handler' || role() === 'unit_leader'}>
          <UnitHome />
          <Reminders />
        </Match>
        <Match when={role() === 'county_leader'}>
          <LeaderHome />
        </Match>
        <Match when={role() === 'tenant_admin' || role() === 'platform_admin'}>
          <AdminHome />
          <h2>信访工作</h2>
          <BureauHome />
        </Match>
      </Switch>
    </section>
  );
}
