// A page of cases (the bureau's lists): route light, flags, petitioner (masked), status, and what
// may be done in the row when the list offers it (the workbench's 转送).
import { For, type JSX, Show } from 'solid-js';
import { CASE_STATUS, CHANNEL, KIND, MSG, PUBLISH_STATUS, PURPOSE } from '../i18n';
import type { CaseSummary } from '../lib/api';
import { dateTime } from '../lib/format';
import { categoryPath } from '../lib/ref';
import { A, LightBadge } from './ui';

export default function CaseTable(props: {
  rows: CaseSummary[];
  /** the row's buttons, in a last 操作 column */
  actions?: (c: CaseSummary) => JSX.Element;
  /** the deadline the first column lights: routing (default) or the bureau's 复查 (复核) opinion */
  due?: 'route' | 'review';
}) {
  const review = () => props.due === 'review';
  return (
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th>{review() ? '复查期限' : '分派期限'}</th>
            <th>编号</th>
            <th>标题</th>
            <th>类型</th>
            <th>来源 / 目的</th>
            <th>分类</th>
            <th>诉求人</th>
            <th>状态</th>
            <th>收件时间</th>
            <Show when={props.actions}>
              <th>操作</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.rows}
            fallback={
              <tr>
                <td colSpan={props.actions ? 10 : 9} class="empty">
                  {MSG.empty}
                </td>
              </tr>
            }
          >
            {(c) => {
              const p = (c.petitioner ?? {}) as {
                name?: string | null;
                phone?: string | null;
                hidden?: boolean;
                anonymous?: boolean;
              };
              const f = (c.flags ?? {}) as {
                sensitive?: boolean;
                threat?: boolean;
                collective?: boolean;
                fastTrack?: boolean;
              };
              return (
                <tr>
                  <td class="lead" data-label={review() ? '复查期限' : '分派期限'}>
                    <Show when={review()} fallback={<LightBadge light={c.routeLight as string | null} />}>
                      <LightBadge
                        light={c.reviewLight as string | null}
                        due={
                          c.reviewDueAt
                            ? {
                                step: Number(c.reviewLevel ?? 0) >= 2 ? '复核' : '复查',
                                dueAt: c.reviewDueAt as number,
                              }
                            : null
                        }
                      />
                    </Show>
                  </td>
                  <td class="nowrap" data-label="编号">
                    <A href={`/cases/${c.id}`}>{c.number}</A>
                  </td>
                  <td class="title-cell">
                    <A href={`/cases/${c.id}`}>{c.title}</A>{' '}
                    <Show when={c.isRepeat}>
                      <span class="tag">重复件</span>
                    </Show>
                    <Show when={f.threat}>
                      <span class="tag red">扬言</span>
                    </Show>
                    <Show when={f.sensitive}>
                      <span class="tag red">敏感</span>
                    </Show>
                    <Show when={f.collective}>
                      <span class="tag">集体访</span>
                    </Show>
                    <Show when={f.fastTrack}>
                      <span class="tag blue">最多投一次</span>
                    </Show>
                    <Show when={c.publishStatus && c.publishStatus !== 'none'}>
                      <span class="tag">{PUBLISH_STATUS[c.publishStatus as string]}</span>
                    </Show>
                  </td>
                  <td class="nowrap" data-label="类型">
                    {KIND[c.kind]}
                  </td>
                  <td class="nowrap" data-label="来源 / 目的">
                    {CHANNEL[c.channel]} / {PURPOSE[c.purpose]}
                  </td>
                  <td data-label="分类">{categoryPath(c.categoryId as string | null)}</td>
                  <td class="nowrap" data-label="诉求人">
                    {p.hidden
                      ? '（已隐藏）'
                      : p.anonymous
                        ? '匿名'
                        : [p.name, p.phone].filter(Boolean).join(' ')}
                  </td>
                  <td class="nowrap lead" data-label="状态">
                    {CASE_STATUS[c.status] ?? c.status}
                  </td>
                  <td class="nowrap" data-label="收件时间">
                    {dateTime(c.receivedAt)}
                  </td>
                  <Show when={props.actions}>
                    <td class="actions" data-label="操作">
                      {props.actions!(c)}
                    </td>
                  </Show>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}
