// Rating window, reply review, repeat window, scoring profile (考核办法) and portal branding/notice.
import { createEffect, For, Show } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { KIND, MSG } from '../../i18n';
import type { DayRule } from '../../lib/api';
import { ErrorNotice, Field, Loading, Notice, PageTitle } from '../../components/ui';
import AdminNav from './AdminNav';
import DayRuleInput from './DayRuleInput';
import { useSettings } from './settings-store';

const FIGURES: Record<string, string> = {
  completionRate: '办结率',
  timelyAcceptanceRate: '及时受理率',
  onTimeReplyRate: '按期答复率',
  participationRate: '参评率',
  satisfactionRate: '满意率',
  bureauSatisfactionRate: '信访部门满意率',
  oneTimeResolutionRate: '一次性化解率',
  repeatRate: '重复率',
};

interface Scoring {
  terms: Array<{ figure: string; weight: number; label: string; invert?: boolean }>;
  volume: { weight: number; label: string };
  procedure: { weight: number; label: string };
  nullRatePoints?: 'full' | 'zero';
  penalties: { repeatRateYoYPerPoint: number };
  deductionLevels: { city: number; county: number };
  targets: Array<{ figure: string; min?: number; max?: number; label: string }>;
}

interface Form {
  ratingWindow: DayRule;
  requireReplyReview: boolean;
  repeatWindowDays: number;
  showHandlerNames: boolean;
  anonymousAllowed: Record<string, boolean>;
  branding: { portalTitle: string; logoUrl: string; notice: string; primaryColor: string };
  portalLimits: { submitPerIpPerHour: number; submitPerPhonePerDay: number };
  scoring: Scoring;
}

const n = (v: string) => (v === '' ? 0 : Number(v));

export default function Settings() {
  const s = useSettings();
  const [f, setF] = createStore<Form>({} as Form);
  createEffect(() => {
    const x = s.data()?.settings;
    if (!x) return;
    setF(
      reconcile({
        ratingWindow: x.deadlines.ratingWindow,
        requireReplyReview: x.requireReplyReview,
        repeatWindowDays: x.repeatWindowDays,
        showHandlerNames: x.showHandlerNames,
        anonymousAllowed: { ...x.anonymousAllowed },
        branding: {
          portalTitle: x.branding.portalTitle ?? '',
          logoUrl: x.branding.logoUrl ?? '',
          notice: x.branding.notice ?? '',
          primaryColor: x.branding.primaryColor ?? '',
        },
        portalLimits: { ...x.portalLimits },
        scoring: structuredClone(x.scoring as Scoring),
      }),
    );
  });
  const total = () =>
    f.scoring
      ? f.scoring.volume.weight +
        f.scoring.procedure.weight +
        f.scoring.terms.reduce((a, t) => a + t.weight, 0)
      : 0;
  const saveGeneral = (e: Event) => {
    e.preventDefault();
    void s.save(
      {
        deadlines: { ratingWindow: unwrap(f.ratingWindow) },
        requireReplyReview: f.requireReplyReview,
        repeatWindowDays: f.repeatWindowDays,
        showHandlerNames: f.showHandlerNames,
        anonymousAllowed: unwrap(f.anonymousAllowed),
      },
      '办理与评价设置已保存。',
    );
  };
  const saveBranding = (e: Event) => {
    e.preventDefault();
    const b = unwrap(f.branding);
    // An empty field goes back to the default (null), rather than storing an empty string.
    void s.save(
      {
        branding: {
          portalTitle: b.portalTitle.trim() || null,
          logoUrl: b.logoUrl.trim() || null,
          notice: b.notice.trim() || null,
          primaryColor: b.primaryColor.trim() || null,
        },
        portalLimits: unwrap(f.portalLimits),
      },
      '门户标题与公告已保存，群众门户刷新后生效。',
    );
  };
  const saveScoring = (e: Event) => {
    e.preventDefault();
    void s.save({ scoring: structuredClone(unwrap(f.scoring)) }, '考核方案已保存，排名按新方案计算。');
  };
  return (
    <section>
      <PageTitle>县区管理 · 评价、考核与门户</PageTitle>
      <AdminNav />
      <Show when={s.data() && f.scoring} fallback={<Loading />}>
        <For each={s.data()!.warnings ?? []}>{(w) => <Notice kind="warn">{w}</Notice>}</For>
        <Show when={s.ok()}>
          <Notice kind="ok">{s.ok()}</Notice>
        </Show>
        <ErrorNotice error={s.error()} />
        <form class="card" onSubmit={saveGeneral}>
          <h2>办理与评价</h2>
          <div class="form-grid">
            <Field label="群众评价期限（答复后）">
              <DayRuleInput
                label="评价期限"
                max={90}
                value={f.ratingWindow}
                onChange={(v) => v && setF('ratingWindow', v)}
              />
            </Field>
            <Field label="重复件认定窗口（办结后天数）">
              <input
                type="number"
                min={0}
                max={1095}
                value={f.repeatWindowDays}
                onInput={(e) => setF('repeatWindowDays', n(e.currentTarget.value))}
              />
            </Field>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={f.requireReplyReview}
              onChange={(e) => setF('requireReplyReview', e.currentTarget.checked)}
            />{' '}
            答复须经单位领导审核后才能发出
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={f.showHandlerNames}
              onChange={(e) => setF('showHandlerNames', e.currentTarget.checked)}
            />{' '}
            向群众显示承办人姓名
          </label>
          <fieldset>
            <legend>允许匿名提交</legend>
            <For each={Object.keys(KIND)}>
              {(k) => (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={f.anonymousAllowed[k] ?? false}
                    onChange={(e) => setF('anonymousAllowed', k, e.currentTarget.checked)}
                  />{' '}
                  {KIND[k]}
                </label>
              )}
            </For>
          </fieldset>
          <button type="submit" class="primary" disabled={s.busy()}>
            {MSG.save}
          </button>
        </form>

        <form class="card" onSubmit={saveScoring}>
          <h2>考核方案（满分 {total()} 分）</h2>
          <Show when={total() !== 100}>
            <Notice kind="warn">各项分值合计为 {total()} 分，通常应为 100 分。</Notice>
          </Show>
          <div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th>考核项</th>
                  <th>指标</th>
                  <th class="num">分值</th>
                  <th>反向计分</th>
                  <th>
                    <span class="skip">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td class="title-cell">
                    <input
                      aria-label="访量项名称"
                      value={f.scoring.volume.label}
                      onInput={(e) => setF('scoring', 'volume', 'label', e.currentTarget.value)}
                    />
                  </td>
                  <td class="muted" data-label="指标">
                    受理件数（与最多的单位相比）
                  </td>
                  <td class="num" data-label="分值">
                    <input
                      aria-label="访量分值"
                      type="number"
                      min={0}
                      step="0.5"
                      style={{ width: '70px' }}
                      value={f.scoring.volume.weight}
                      onInput={(e) => setF('scoring', 'volume', 'weight', n(e.currentTarget.value))}
                    />
                  </td>
                  <td />
                  <td />
                </tr>
                <For each={f.scoring.terms}>
                  {(term, i) => (
                    <tr>
                      <td class="title-cell">
                        <input
                          aria-label={`第 ${i() + 1} 项名称`}
                          value={term.label}
                          onInput={(e) => setF('scoring', 'terms', i(), 'label', e.currentTarget.value)}
                        />
                      </td>
                      <td data-label="指标">
                        <select
                          aria-label={`第 ${i() + 1} 项指标`}
                          value={term.figure}
                          onChange={(e) => setF('scoring', 'terms', i(), 'figure', e.currentTarget.value)}
                        >
                          <For each={Object.keys(FIGURES)}>
                            {(k) => <option value={k}>{FIGURES[k]}</option>}
                          </For>
                        </select>
                      </td>
                      <td class="num" data-label="分值">
                        <input
                          aria-label={`第 ${i() + 1} 项分值`}
                          type="number"
                          min={0}
                          step="0.5"
                          style={{ width: '70px' }}
                          value={term.weight}
                          onInput={(e) => setF('scoring', 'terms', i(), 'weight', n(e.currentTarget.value))}
                        />
                      </td>
                      <td data-label="反向计分">
                        <input
                          type="checkbox"
                          aria-label={`第 ${i() + 1} 项反向计分`}
                          checked={term.invert ?? false}
                          onChange={(e) => setF('scoring', 'terms', i(), 'invert', e.currentTarget.checked)}
                        />
                      </td>
                      <td class="actions">
                        <button
                          type="button"
                          class="small danger"
                          onClick={() => setF('scoring', 'terms', (ts) => ts.filter((_, j) => j !== i()))}
                        >
                          删除
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
                <tr>
                  <td class="title-cell">
                    <input
                      aria-label="制度落实项名称"
                      value={f.scoring.procedure.label}
                      onInput={(e) => setF('scoring', 'procedure', 'label', e.currentTarget.value)}
                    />
                  </td>
                  <td class="muted" data-label="指标">
                    人工评定
                  </td>
                  <td class="num" data-label="分值">
                    <input
                      aria-label="制度落实分值"
                      type="number"
                      min={0}
                      step="0.5"
                      style={{ width: '70px' }}
                      value={f.scoring.procedure.weight}
                      onInput={(e) => setF('scoring', 'procedure', 'weight', n(e.currentTarget.value))}
                    />
                  </td>
                  <td />
                  <td />
                </tr>
              </tbody>
            </table>
          </div>
          <p>
            <button
              type="button"
              onClick={() =>
                setF('scoring', 'terms', (ts) => [
                  ...ts,
                  { figure: 'completionRate', weight: 5, label: '办结率', invert: false },
                ])
              }
            >
              添加考核项
            </button>
          </p>
          <div class="form-grid">
            <Field label="重复率同比每上升 1 个百分点扣分">
              <input
                type="number"
                min={0}
                step="0.1"
                value={f.scoring.penalties.repeatRateYoYPerPoint}
                onInput={(e) =>
                  setF('scoring', 'penalties', 'repeatRateYoYPerPoint', n(e.currentTarget.value))
                }
              />
            </Field>
            <Field label="市级通报每件扣分">
              <input
                type="number"
                min={0}
                step="0.1"
                value={f.scoring.deductionLevels.city}
                onInput={(e) => setF('scoring', 'deductionLevels', 'city', n(e.currentTarget.value))}
              />
            </Field>
            <Field label="县级通报每件扣分">
              <input
                type="number"
                min={0}
                step="0.1"
                value={f.scoring.deductionLevels.county}
                onInput={(e) => setF('scoring', 'deductionLevels', 'county', n(e.currentTarget.value))}
              />
            </Field>
            <Field label="无数据的比率项">
              <select
                value={f.scoring.nullRatePoints ?? 'full'}
                onChange={(e) => setF('scoring', 'nullRatePoints', e.currentTarget.value as 'full' | 'zero')}
              >
                <option value="full">得满分（无此项不扣分）</option>
                <option value="zero">不得分</option>
              </select>
            </Field>
          </div>
          <h3>目标值（通报中点名未达标单位）</h3>
          <div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th>名称</th>
                  <th>指标</th>
                  <th class="num">不低于（%）</th>
                  <th class="num">不高于（%）</th>
                  <th>
                    <span class="skip">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={f.scoring.targets}>
                  {(tg, i) => (
                    <tr>
                      <td class="title-cell">
                        <input
                          aria-label={`目标 ${i() + 1} 名称`}
                          value={tg.label}
                          onInput={(e) => setF('scoring', 'targets', i(), 'label', e.currentTarget.value)}
                        />
                      </td>
                      <td data-label="指标">
                        <select
                          aria-label={`目标 ${i() + 1} 指标`}
                          value={tg.figure}
                          onChange={(e) => setF('scoring', 'targets', i(), 'figure', e.currentTarget.value)}
                        >
                          <For each={Object.keys(FIGURES)}>
                            {(k) => <option value={k}>{FIGURES[k]}</option>}
                          </For>
                        </select>
                      </td>
                      <td class="num" data-label="不低于（%）">
                        <input
                          aria-label={`目标 ${i() + 1} 下限`}
                          type="number"
                          min={0}
                          max={100}
                          style={{ width: '70px' }}
                          value={tg.min === undefined ? '' : Math.round(tg.min * 1000) / 10}
                          onInput={(e) =>
                            setF(
                              'scoring',
                              'targets',
                              i(),
                              'min',
                              e.currentTarget.value === '' ? undefined : n(e.currentTarget.value) / 100,
                            )
                          }
                        />
                      </td>
                      <td class="num" data-label="不高于（%）">
                        <input
                          aria-label={`目标 ${i() + 1} 上限`}
                          type="number"
                          min={0}
                          max={100}
                          style={{ width: '70px' }}
                          value={tg.max === undefined ? '' : Math.round(tg.max * 1000) / 10}
                          onInput={(e) =>
                            setF(
                              'scoring',
                              'targets',
                              i(),
                              'max',
                              e.currentTarget.value === '' ? undefined : n(e.currentTarget.value) / 100,
                            )
                          }
                        />
                      </td>
                      <td class="actions">
                        <button
                          type="button"
                          class="small danger"
                          onClick={() => setF('scoring', 'targets', (ts) => ts.filter((_, j) => j !== i()))}
                        >
                          删除
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <p>
            <button
              type="button"
              onClick={() =>
                setF('scoring', 'targets', (ts) => [
                  ...ts,
                  { figure: 'satisfactionRate', min: 0.9, label: '满意率' },
                ])
              }
            >
              添加目标
            </button>
          </p>
          <div class="action-bar">
            <button type="submit" class="primary" disabled={s.busy()}>
              保存考核方案
            </button>
            <button type="button" onClick={() => s.save({ scoring: null }, '考核方案已恢复为默认方案。')}>
              恢复默认方案
            </button>
          </div>
        </form>

        <form class="card" onSubmit={saveBranding}>
          <h2>群众门户</h2>
          <div class="form-grid">
            <Field label="门户标题">
              <input
                maxLength={60}
                value={f.branding.portalTitle}
                onInput={(e) => setF('branding', 'portalTitle', e.currentTarget.value)}
              />
            </Field>
            <Field label="标志图片地址" hint="以 https:// 或 / 开头">
              <input
                maxLength={500}
                value={f.branding.logoUrl}
                onInput={(e) => setF('branding', 'logoUrl', e.currentTarget.value)}
              />
            </Field>
            <Field label="主色" hint="#RRGGBB，如 #8a1c1c">
              <input
                maxLength={7}
                value={f.branding.primaryColor}
                onInput={(e) => setF('branding', 'primaryColor', e.currentTarget.value)}
              />
            </Field>
            <Field label="门户公告" class="wide">
              <textarea
                maxLength={2000}
                rows={4}
                value={f.branding.notice}
                onInput={(e) => setF('branding', 'notice', e.currentTarget.value)}
              />
            </Field>
            <Field label="同一网络地址每小时最多提交" hint="村里多人共用一个出口地址时可调高（5–5000）">
              <input
                type="number"
                min={5}
                max={5000}
                value={f.portalLimits.submitPerIpPerHour}
                onInput={(e) => setF('portalLimits', 'submitPerIpPerHour', n(e.currentTarget.value))}
              />
            </Field>
            <Field label="同一电话号码每天最多提交" hint="防止一人反复刷件（1–100）">
              <input
                type="number"
                min={1}
                max={100}
                value={f.portalLimits.submitPerPhonePerDay}
                onInput={(e) => setF('portalLimits', 'submitPerPhonePerDay', n(e.currentTarget.value))}
              />
            </Field>
          </div>
          <button type="submit" class="primary" disabled={s.busy()}>
            保存门户设置
          </button>
        </form>
      </Show>
    </section>
  );
}
