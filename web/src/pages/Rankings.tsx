// The month's ranking of units (考核排名), townships and departments apart, each score term shown,
// zero-case units (零诉求) listed apart rather than ranked last.
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { MSG, UNIT_KIND } from '../i18n';
import { type ProcedureSheet, t, UserError } from '../lib/api';
import { createData } from '../lib/data';
import { unitName, units } from '../lib/ref';
import { isBureau, slug } from '../lib/session';
import { createAction, ErrorNotice, Field, Loading, Notice, PageTitle } from '../components/ui';
import { formatRate, pointsLabel } from '../../../workers/domain/stats/format';
import { CASE_KIND_LABEL, StatsError, usePeriod } from './stats-common';

interface Term {
  label: string;
  rate?: number | null;
  weight: number;
  points: number;
}
interface Ranked {
  rank: number;
  unitId: string;
  unitName: string;
  unitKind?: string;
  score: number;
  volume?: { label: string; received: number; weight: number; points: number };
  terms?: Term[];
  procedure?: { label: string; weight: number; points: number };
  repeatPenalty?: { delta: number | null; points: number };
  deductions?: { count: number; points: number };
  satisfactionRate?: number | null;
  received?: number;
}
interface Result {
  ranked: Ranked[];
  zeroCase: Array<{ unitId: string; unitName: string; unitKind?: string }>;
  maxScore?: number;
}

const KIND_TITLES: Record<string, string> = { township: '乡镇（街道）', department: '县直部门' };

/**
 * A rate with nothing to divide scores per the county's setting, full points by default. Said at the
 * "—" itself: a township that closed none of its cases stood first with 85 points, 25 of them for a
 * satisfaction rate it did not have, and the leader saw only "25.00 —".
 */
const fullForNull = (answer: Record<string, unknown> | undefined) =>
  (answer?.profile as { nullRatePoints?: string } | undefined)?.nullRatePoints !== 'zero';
const nullNote = (answer: Record<string, unknown> | undefined) =>
  fullForNull(answer) ? '（无此项，按满分计）' : '（无此项，记0分）';

/** The answer may hold one ranking or one per unit kind; either way, a list of labelled groups. */
function groups(answer: Record<string, unknown> | undefined): Array<{ title: string; r: Result }> {
  if (!answer) return [];
  const out: Array<{ title: string; r: Result }> = [];
  // { groups: [{ unitKind, ranked, zeroCase }] } (or with the result nested under `result`).
  if (Array.isArray(answer.groups)) {
    for (const g of answer.groups as Array<{ unitKind: string; result?: Result } & Partial<Result>>) {
      const r = (g?.result ?? g) as Result | undefined;
      if (r && Array.isArray(r.ranked))
        out.push({
          title: KIND_TITLES[g.unitKind] ?? g.unitKind,
          r: { ...r, maxScore: r.maxScore ?? (answer.maxScore as number) },
        });
    }
    if (out.length) return out;
  }
  const isResult = (x: unknown): x is Result =>
    Boolean(x && typeof x === 'object' && Array.isArray((x as Result).ranked));
  for (const [k, title] of [
    ['township', '乡镇（街道）'],
    ['department', '县直部门'],
  ] as const) {
    const v = answer[k] ?? (answer.groups as Record<string, unknown> | undefined)?.[k];
    if (isResult(v)) out.push({ title, r: v });
  }
  if (!out.length && isResult(answer)) out.push({ title: '全部单位', r: answer });
  if (!out.length && isResult(answer.ranking)) out.push({ title: '全部单位', r: answer.ranking });
  return out;
}

export default function Rankings() {
  const period = usePeriod({ kinds: () => (data() as { kinds?: string[] } | undefined)?.kinds });
  const [data, dataCtl] = createData(
    () => ({ s: slug(), q: period.query() }),
    ({ s, q }) => t(s).rankings(q),
  );
  return (
    <section>
      <PageTitle
        actions={
          <button type="button" onClick={() => window.print()}>
            打印
          </button>
        }
      >
        考核排名 · {period.range().label}
        {period.caseKind() ? ` · ${CASE_KIND_LABEL[period.caseKind()]}` : ''}
      </PageTitle>
      {period.picker()}
      <StatsError error={data.error} what="考核排名" />
      <Show when={data()} fallback={<Show when={!data.error}>{<Loading />}</Show>}>
        <For each={groups(data())} fallback={<p class="empty">{MSG.dashNoData}</p>}>
          {(g) => {
            // score columns hold points: '及时受理得分（5分）', the rate under each figure
            const termLabels = () => g.r.ranked[0]?.terms?.map((x) => pointsLabel(x.label, x.weight)) ?? [];
            const first = () => g.r.ranked[0];
            return (
              <div class="card">
                <h2>
                  {g.title}
                  <Show when={g.r.maxScore}>（满分 {g.r.maxScore} 分）</Show>
                </h2>
                {/* a wide table scrolls sideways: a focusable region, so the keyboard reaches it too */}
                <section class="table-wrap" tabindex="0" aria-label={`${g.title}考核得分`}>
                  <table>
                    <thead>
                      <tr>
                        <th class="num">排名</th>
                        <th>单位</th>
                        <th class="num">得分</th>
                        <th class="num">受理件数</th>
                        <th class="num">
                          {first()?.volume
                            ? pointsLabel(first()!.volume!.label, first()!.volume!.weight)
                            : '访量得分'}
                        </th>
                        <For each={termLabels()}>{(l) => <th class="num">{l}</th>}</For>
                        <th class="num">
                          {first()?.procedure
                            ? pointsLabel(first()!.procedure!.label, first()!.procedure!.weight)
                            : '制度落实得分'}
                        </th>
                        <th class="num">重复率扣分</th>
                        <th class="num">通报扣分</th>
                        <th class="num">满意率</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For
                        each={g.r.ranked}
                        fallback={
                          <tr>
                            <td colSpan={10} class="empty">
                              {MSG.dashNoData}
                            </td>
                          </tr>
                        }
                      >
                        {(u) => (
                          <tr>
                            <td class="num">{u.rank}</td>
                            {/* on one line: on a phone the table scrolls sideways instead */}
                            <td class="nowrap">
                              {u.unitName}
                              <Show when={u.unitKind && g.title === '全部单位'}>
                                <span class="hint"> {UNIT_KIND[u.unitKind!]}</span>
                              </Show>
                            </td>
                            <td class="num">
                              <strong>{u.score.toFixed(2)}</strong>
                            </td>
                            <td class="num">{u.received ?? u.volume?.received ?? '—'}</td>
                            <td class="num">{u.volume ? u.volume.points.toFixed(2) : '—'}</td>
                            <For each={u.terms ?? []}>
                              {(x) => (
                                <td class="num" title={`${x.label} ${formatRate(x.rate)} × ${x.weight}`}>
                                  {x.points.toFixed(2)}
                                  <br />
                                  <span class="hint">
                                    {formatRate(x.rate)}
                                    {x.rate == null ? nullNote(data()) : ''}
                                  </span>
                                </td>
                              )}
                            </For>
                            <td class="num">{u.procedure ? u.procedure.points.toFixed(2) : '—'}</td>
                            <td class="num">
                              {u.repeatPenalty?.points ? `-${u.repeatPenalty.points.toFixed(2)}` : '0'}
                            </td>
                            <td class="num">
                              {u.deductions?.points
                                ? `-${u.deductions.points.toFixed(2)}（${u.deductions.count} 件）`
                                : '0'}
                            </td>
                            <td class="num">{formatRate(u.satisfactionRate)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </section>
                <Show when={g.r.zeroCase.length}>
                  <p>
                    <strong>零诉求单位（不参与排名）：</strong>
                    {g.r.zeroCase.map((z) => z.unitName).join('、')}
                  </p>
                </Show>
              </div>
            );
          }}
        </For>
        <p class="hint">
          得分相同时，按满意率、再按受理件数排序。比率分母为 0
          时显示“—”（本期没有可计算该项的件，如尚无件办结、评价），
          {fullForNull(data()) ? '该项按满分计（本县考核设置：无此项不扣分）' : '该项记 0 分（本县考核设置）'}
          。
        </p>
      </Show>
      <Show when={isBureau()}>
        <ProcedureScores month={period.month()} onSaved={dataCtl.refetch} />
        <Deductions month={period.month()} />
      </Show>
    </section>
  );
}

/** The sheet's units under the same headings as the ranking tables, townships first. */
function byKind<T extends { unitKind: string }>(items: T[]): Array<{ title: string; items: T[] }> {
  const order = ['township', 'department', ...new Set(items.map((i) => i.unitKind))];
  return [...new Set(order)]
    .map((k) => ({
      title: KIND_TITLES[k] ?? UNIT_KIND[k] ?? k,
      items: items.filter((i) => i.unitKind === k),
    }))
    .filter((g) => g.items.length);
}

/** What the clerk has typed in a row and not yet saved; a field left untouched keeps the saved value. */
type Draft = Record<string, { points?: string; note?: string }>;

/**
 * 制度落实得分: the part of the score the system cannot see (联席会议, 下沉接访, 台账), entered by the
 * bureau per unit for the month; a unit without an entry counts at the full weight.
 */
function ProcedureScores(props: { month: string; onSaved: () => Promise<void> }) {
  const [sheet, ctl] = createData(
    () => ({ s: slug(), m: props.month }),
    ({ s, m }) => t(s).procedureScores(m),
  );
  const [draft, setDraft] = createSignal<Draft>({});
  const [ok, setOk] = createSignal('');
  // another month is another sheet: what was typed for the last one does not carry over
  createEffect(
    on(
      () => props.month,
      () => {
        setDraft({});
        setOk('');
      },
      { defer: true },
    ),
  );
  type Item = ProcedureSheet['items'][number];
  const pointsText = (u: Item) => draft()[u.unitId]?.points ?? (u.points === null ? '' : String(u.points));
  const noteText = (u: Item) => draft()[u.unitId]?.note ?? u.note ?? '';
  const edit = (unitId: string, field: 'points' | 'note', value: string) =>
    setDraft((d) => ({ ...d, [unitId]: { ...d[unitId], [field]: value } }));
  const outOfRange = (u: Item) => {
    const v = pointsText(u).trim();
    if (v === '') return false;
    const n = Number(v);
    return !Number.isFinite(n) || n < 0 || n > (sheet()?.weight ?? 0);
  };
  const save = createAction(async () => {
    const s = sheet();
    if (!s) return;
    setOk('');
    const entries: Array<{ unitId: string; points: number | null; note: string | null }> = [];
    for (const u of s.items) {
      if (!draft()[u.unitId]) continue;
      if (outOfRange(u)) throw new UserError(`${u.unitName}：得分应在 0 到 ${s.weight} 之间`);
      const v = pointsText(u).trim();
      const points = v === '' ? null : Number(v);
      // the note is sent as shown: what the clerk sees is what is saved
      const note = noteText(u).trim() || null;
      if (points !== u.points || note !== u.note) entries.push({ unitId: u.unitId, points, note });
    }
    if (!entries.length) throw new UserError('没有需要保存的改动');
    ctl.mutate(await t(slug()).setProcedureScores({ month: props.month, entries }));
    setDraft({});
    setOk('已保存制度落实得分');
    await props.onSaved();
  });
  const label = () => sheet()?.label ?? '制度落实';
  return (
    <div class="card no-print">
      <h2>
        {label()}得分（{props.month}）
      </h2>
      <StatsError error={sheet.error} what={`${label()}得分`} />
      <Show when={sheet()}>
        {(s) => (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save.run();
            }}
          >
            <p class="hint">
              联席会议、下沉接访、台账等系统看不到的工作，由信访局按月评定，满分 {s().weight}{' '}
              分；未录入的单位按满分计，清空即恢复满分。
            </p>
            <Show when={ok()}>
              <Notice kind="ok">{ok()}</Notice>
            </Show>
            <ErrorNotice error={save.error()} />
            <div class="table-wrap score-sheet">
              <table>
                <thead>
                  <tr>
                    <th>单位</th>
                    <th class="num">得分（0–{s().weight}）</th>
                    <th>说明</th>
                  </tr>
                </thead>
                <tbody>
                  <For
                    each={byKind(s().items)}
                    fallback={
                      <tr>
                        <td colSpan={3} class="empty">
                          没有参加考核的单位。
                        </td>
                      </tr>
                    }
                  >
                    {(g) => (
                      <>
                        <tr>
                          <th colSpan={3} scope="colgroup" class="sheet-group">
                            {g.title}
                          </th>
                        </tr>
                        <For each={g.items}>
                          {(u) => (
                            <tr>
                              <td class="nowrap">{u.unitName}</td>
                              <td class="num">
                                <input
                                  type="number"
                                  inputMode="decimal"
                                  min={0}
                                  max={s().weight}
                                  step="0.5"
                                  aria-label={`${u.unitName} ${label()}得分`}
                                  aria-invalid={outOfRange(u) ? 'true' : undefined}
                                  placeholder={`${s().weight}（未录入按满分）`}
                                  value={pointsText(u)}
                                  onInput={(e) => edit(u.unitId, 'points', e.currentTarget.value)}
                                />
                              </td>
                              <td>
                                <input
                                  maxLength={200}
                                  aria-label={`${u.unitName} 说明`}
                                  value={noteText(u)}
                                  onInput={(e) => edit(u.unitId, 'note', e.currentTarget.value)}
                                />
                              </td>
                            </tr>
                          )}
                        </For>
                      </>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <p>
              <button type="submit" class="primary" disabled={save.busy()}>
                保存
              </button>
            </p>
          </form>
        )}
      </Show>
      <Show when={!sheet() && !sheet.error}>
        <Loading />
      </Show>
    </div>
  );
}

const LEVEL: Record<string, string> = { city: '市级通报', county: '县级通报', other: '其他' };

/** 通报扣分: a case of a unit criticised in a bulletin, recorded by the bureau for the month's ranking. */
function Deductions(props: { month: string }) {
  const [list, ctl] = createData(
    () => ({ s: slug(), m: props.month }),
    async ({ s, m }) => (await t(s).deductions(m)).items,
  );
  const [unitId, setUnitId] = createSignal('');
  const [level, setLevel] = createSignal<'city' | 'county' | 'other'>('county');
  const [points, setPoints] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [ok, setOk] = createSignal('');
  const save = createAction(async () => {
    if (!unitId()) throw new UserError('请选择被通报的单位');
    if (!reason().trim()) throw new UserError('请填写通报事由');
    await t(slug()).recordDeduction({
      unitId: unitId(),
      month: props.month,
      level: level(),
      points: points() === '' ? null : Number(points()),
      reason: reason().trim(),
    });
    setOk(`已记录：${unitName(unitId())} ${LEVEL[level()]}`);
    setReason('');
    setPoints('');
    await ctl.refetch();
  });
  // a deduction recorded by mistake is revoked with a reason; it stays listed, struck through
  const [revoking, setRevoking] = createSignal('');
  const [revokeWhy, setRevokeWhy] = createSignal('');
  const revoke = createAction(async () => {
    if (!revokeWhy().trim()) throw new UserError('请填写撤销原因');
    await t(slug()).revokeDeduction(revoking(), revokeWhy().trim());
    setOk('已撤销该扣分，不再计入考核');
    setRevoking('');
    await ctl.refetch();
  });
  return (
    <div class="card no-print">
      <h2>通报扣分（{props.month}）</h2>
      <StatsError error={list.error} what="通报扣分" />
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <ErrorNotice error={save.error()} />
      <ErrorNotice error={revoke.error()} />
      <Show when={list()}>
        <ul>
          <For each={list()!} fallback={<li class="muted">本月没有记录。</li>}>
            {(d) => (
              <li>
                <span class={d.revokedAt ? 'revoked' : undefined}>
                  {unitName(String(d.unitId))} · {LEVEL[String(d.level)] ?? String(d.level)} · -
                  {String(d.points)} 分 · {String(d.reason)}
                </span>
                <Show
                  when={!d.revokedAt}
                  fallback={<span class="muted">（已撤销：{String(d.revokeReason)}）</span>}
                >
                  <Show
                    when={revoking() === d.id}
                    fallback={
                      <button
                        type="button"
                        class="link"
                        aria-label={`撤销 ${unitName(String(d.unitId))} 的这条扣分`}
                        onClick={() => {
                          setRevokeWhy('');
                          setRevoking(String(d.id));
                        }}
                      >
                        撤销
                      </button>
                    }
                  >
                    <form
                      class="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void revoke.run();
                      }}
                    >
                      <Field label="撤销原因" required>
                        <input
                          maxLength={200}
                          value={revokeWhy()}
                          onInput={(e) => setRevokeWhy(e.currentTarget.value)}
                        />
                      </Field>
                      <button type="submit" disabled={revoke.busy()}>
                        确认撤销
                      </button>
                      <button type="button" class="link" onClick={() => setRevoking('')}>
                        取消
                      </button>
                    </form>
                  </Show>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <Field label="单位" required>
          <select value={unitId()} onChange={(e) => setUnitId(e.currentTarget.value)}>
            <option value="">请选择</option>
            <For each={units().filter((u) => u.kind !== 'bureau')}>
              {(u) => <option value={u.id}>{u.name}</option>}
            </For>
          </select>
        </Field>
        <Field label="级别">
          <select
            value={level()}
            onChange={(e) => setLevel(e.currentTarget.value as 'city' | 'county' | 'other')}
          >
            <For each={Object.keys(LEVEL)}>{(k) => <option value={k}>{LEVEL[k]}</option>}</For>
          </select>
        </Field>
        <Field label="扣分（留空按考核方案）">
          <input
            type="number"
            min={0}
            step="0.1"
            style={{ width: '90px' }}
            value={points()}
            onInput={(e) => setPoints(e.currentTarget.value)}
          />
        </Field>
        <Field label="通报事由" required>
          <input maxLength={200} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
        <button type="submit" disabled={save.busy()}>
          记录
        </button>
      </form>
    </div>
  );
}
