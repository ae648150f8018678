// The unit's inbox: its assignments by step with lights and due times, signing right from the list,
// and the unit leader's review queue.
import CaseSearchField from '../components/CaseSearchField';
import { createData } from '../lib/data';
import { createMemo, createSignal, Show } from 'solid-js';
import { MOVE_DONE, MSG } from '../i18n';
import { ApiError, type AssignmentRow, type InboxCounts, t } from '../lib/api';
import { unitName } from '../lib/ref';
import { query, setQuery } from '../lib/router';
import { me, role, slug } from '../lib/session';
import AssignmentTable from '../components/AssignmentTable';
import TabList from '../components/TabList';
import {
  createAction,
  createCursorPager,
  CursorPager,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  Options,
  PageTitle,
} from '../components/ui';

interface Tab {
  key: keyof InboxCounts | 'done' | 'returned';
  label: string;
  query: Record<string, string>;
  leader?: boolean;
  /** the unit's finished work: no count (it only grows), a line saying what is in it */
  history?: string;
}

const TABS: Tab[] = [
  { key: 'todo', label: '全部待办', query: { state: 'dispatched,signed,accepted,return_requested' } },
  { key: 'sign', label: '待签收', query: { state: 'dispatched' } },
  { key: 'accept', label: '待受理', query: { state: 'signed' } },
  { key: 'reply', label: '办理中', query: { state: 'accepted' } },
  {
    key: 'review',
    label: '待领导审核',
    query: { state: 'accepted', replyStatus: 'pending_review' },
    leader: true,
  },
  // 督办件 come first in a unit's day: the bureau watches them (and their own deadline)
  {
    key: 'supervised',
    label: '督办件',
    query: { state: 'dispatched,signed,accepted,return_requested', supervised: 'true' },
  },
  { key: 'red', label: '逾期', query: { light: 'red' } },
  { key: 'yellow', label: '临期', query: { light: 'yellow' } },
  { key: 'waiting', label: '退件/延期审批中', query: { waiting: 'true' } },
  // what the unit concluded: answered, or refused (不予受理 concludes it by the written notice)
  {
    key: 'done',
    label: '已答复/办结',
    query: { state: 'replied,closed,rated,unrated,refused' },
    history: '本单位已答复、已办结的件，以及不予受理（以告知书办结）的件。',
  },
  // a case given back is no longer the unit's: apart, so it does not read as answered
  {
    key: 'returned',
    label: '已退件',
    query: { state: 'returned' },
    history: '信访局同意退件、已退回的件，不再由本单位办理。',
  },
];

const LIGHTS = { red: '逾期', yellow: '临期', green: '正常' };

export default function Inbox() {
  const tabs = () => TABS.filter((x) => !x.leader || role() === 'unit_leader');
  const tab = createMemo(
    () =>
      tabs().find((x) => x.key === query().get('tab')) ??
      TABS.find((x) => x.key === (role() === 'unit_leader' ? 'review' : 'todo'))!,
  );
  /**
   * The light asked for in the filter; none on 逾期/临期, whose tab is the light: a 亮灯 kept from
   * another tab would list green rows under 逾期 (or none) while the tab counts the red ones.
   */
  const light = () => (tab().query.light ? '' : (query().get('light') ?? ''));
  const pager = createCursorPager('inbox', () => [tab().key, query().get('q') ?? '', light()]);
  const [counts, countsCtl] = createData(slug, (s) => t(s).inboxCounts());
  const refresh = () => Promise.all([countsCtl.refetch(), pageCtl.refetch()]);
  let okBox: HTMLDivElement | undefined;
  let tableBox: HTMLDivElement | undefined;
  /**
   * After a 签收 from the list its button is gone, and with it the keyboard's place: go on to the
   * next case still to sign (where the signed one was), or to the message when none is left.
   */
  const refocus = (index: number) => {
    const left = tableBox?.querySelectorAll<HTMLButtonElement>('button[data-sign]') ?? [];
    const next = left[Math.min(index, left.length - 1)];
    (next ?? okBox)?.focus();
  };
  const [q, setQ] = createSignal(query().get('q') ?? '');
  const [ok, setOk] = createSignal('');
  const [page, pageCtl] = createData(
    () => ({ tab: tab(), cursor: pager.cursor(), q: query().get('q') ?? '', light: light(), s: slug() }),
    async ({ tab, cursor, q, light, s }) => ({
      key: tab.key,
      ...(await t(s).assignments({
        ...tab.query,
        light: light || tab.query.light,
        q: q || undefined,
        cursor,
        limit: 20,
      })),
    }),
  );
  /** the rows of the tab selected, once read: never another tab's under its name (已退件 over 已答复) */
  const shown = () => {
    const p = page();
    return p?.key === tab().key ? p : undefined;
  };
  /** what the tab shows now, for the 台账 export (every page of it) */
  const exportQuery = () => ({
    ...tab().query,
    light: light() || tab().query.light,
    q: query().get('q') || undefined,
  });
  const sign = createAction(async (a: AssignmentRow) => {
    const index =
      page()
        ?.items.filter((x) => x.state === 'dispatched')
        .findIndex((x) => x.id === a.id) ?? 0;
    try {
      await t(slug()).move(a.id, 'sign', { version: a.version });
      setOk(`${MOVE_DONE.sign}：${a.caseNumber} ${a.title}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setOk('');
        await refresh();
        okBox?.focus();
        throw new ApiError(409, 'CONFLICT', `${a.caseNumber}：${e.message}。列表已刷新。`);
      }
      throw e;
    }
    await refresh();
    // once the buttons are enabled again (busy ends after this returns)
    setTimeout(() => refocus(index));
  });
  return (
    <section>
      <PageTitle
        actions={
          <>
            <a href={t(slug()).ledgerUrl('assignments', 'xlsx', exportQuery())} download="">
              导出 Excel
            </a>
            <button type="button" onClick={refresh}>
              刷新
            </button>
          </>
        }
      >
        {unitName(me()?.actor.unitId)} · 待办件
      </PageTitle>
      <TabList
        label="待办分类"
        items={tabs()}
        selected={tab().key}
        panel="inbox-panel"
        onSelect={(x) => setQuery({ tab: x.key })}
      >
        {(x) => (
          <>
            {x.label}
            <Show when={!x.history}>
              <span
                class={`count ${(x.key === 'red' || x.key === 'supervised') && counts()?.[x.key as keyof InboxCounts] ? 'hot' : ''}`}
              >
                {counts()?.[x.key as keyof InboxCounts] ?? '…'}
              </span>
            </Show>
          </>
        )}
      </TabList>
      <div role="tabpanel" id="inbox-panel" aria-label={tab().label}>
        <Show when={tab().history}>
          <p class="hint">{tab().history}</p>
        </Show>
        <Show when={tab().key === 'review'}>
          <p class="hint">
            承办人提交的答复须经您审核通过后才能答复群众。打开该件，在“答复”栏审核通过或退回修改。
          </p>
        </Show>
        <div ref={okBox} tabIndex={-1}>
          <Show when={ok()}>
            <Notice kind="ok">{ok()}</Notice>
          </Show>
          <ErrorNotice error={sign.error()} />
        </div>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery({ q: q().trim() || null });
            pager.reset();
          }}
        >
          <CaseSearchField value={q()} onInput={setQ} />
          <Show when={!tab().query.light}>
            <Field label="亮灯">
              <select value={light()} onChange={(e) => setQuery({ light: e.currentTarget.value || null })}>
                <option value="">全部</option>
                <Options table={LIGHTS} />
              </select>
            </Field>
          </Show>
          <button type="submit">{MSG.search}</button>
        </form>
        <ErrorNotice error={page.error} />
        <Show when={shown()} fallback={<Loading />}>
          <div ref={tableBox}>
            <AssignmentTable
              rows={shown()!.items}
              caption={tab().label}
              actions={(a) => (
                <Show when={a.state === 'dispatched'}>
                  <button
                    type="button"
                    class="small"
                    disabled={sign.busy()}
                    onClick={() => sign.run(a)}
                    aria-label={`签收 ${a.caseNumber}`}
                    data-sign
                  >
                    签收
                  </button>
                </Show>
              )}
            />
          </div>
          <CursorPager pager={pager} nextCursor={shown()!.nextCursor} loading={page.loading} />
        </Show>
      </div>
    </section>
  );
}
