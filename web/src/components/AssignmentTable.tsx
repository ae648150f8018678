// A page of assignments (批转件) with lights and due times; used by the workbench and the unit inbox.
import { For, type JSX, Show } from 'solid-js';
import { ASSIGNMENT_ROLE, ASSIGNMENT_STATE, CHANNEL, MSG, PURPOSE, RATING, REPLY_STATUS } from '../i18n';
import type { AssignmentRow } from '../lib/api';
import { dateTime, deadline } from '../lib/format';
import { A, LightBadge } from './ui';

export default function AssignmentTable(props: {
  rows: AssignmentRow[];
  showUnit?: boolean;
  caption?: string;
  actions?: (a: AssignmentRow) => JSX.Element;
}) {
  const flags = (a: AssignmentRow) =>
    (a.flags ?? {}) as { sensitive?: boolean; threat?: boolean; fastTrack?: boolean };
  return (
    <div class="table-wrap">
      <table class="stack">
        <Show when={props.caption}>
          <caption class="skip">{props.caption}</caption>
        </Show>
        <thead>
          <tr>
            <th>期限</th>
            <th>编号</th>
            <th>标题</th>
            <Show when={props.showUnit}>
              <th>承办单位</th>
            </Show>
            <th>来源 / 目的</th>
            <th>主协办</th>
            <th>状态</th>
            <th>转送时间</th>
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
                <td colSpan={9} class="empty">
                  {MSG.empty}
                </td>
              </tr>
            }
          >
            {(a) => (
              <tr>
                <td class="lead" data-label="期限">
                  <LightBadge light={a.light} due={a.due} />
                </td>
                <td class="nowrap" data-label="编号">
                  <A href={`/assignments/${a.id}`}>{a.caseNumber}</A>
                </td>
                <td class="title-cell">
                  <A href={`/assignments/${a.id}`}>{a.title}</A>{' '}
                  <Show when={a.supervised}>
                    <span class="tag red">督办</span>
                  </Show>
                  <Show when={flags(a).threat}>
                    <span class="tag red">扬言</span>
                  </Show>
                  <Show when={flags(a).sensitive}>
                    <span class="tag red">敏感</span>
                  </Show>
                  <Show when={flags(a).fastTrack}>
                    <span class="tag blue">最多投一次</span>
                  </Show>
                  <Show when={a.pendingExtensionDays}>
                    <span class="tag">申请延期 {a.pendingExtensionDays} 天</span>
                  </Show>
                  <Show when={a.reworkCount > 0}>
                    <span class="tag">重办 {a.reworkCount}</span>
                  </Show>
                  <Show when={a.urgeCount > 0}>
                    <span class="tag">催办 {a.urgeCount}</span>
                  </Show>
                </td>
                <Show when={props.showUnit}>
                  <td data-label="承办单位">{a.unitName}</td>
                </Show>
                <td class="nowrap" data-label="来源 / 目的">
                  {CHANNEL[a.channel] ?? a.channel} / {PURPOSE[a.purpose] ?? a.purpose}
                </td>
                <td data-label="主协办">{ASSIGNMENT_ROLE[a.role]}</td>
                <td class="nowrap lead" data-label="状态">
                  {ASSIGNMENT_STATE[a.state] ?? a.state}
                  <Show when={a.replyStatus && a.state === 'accepted'}>
                    <br />
                    <span class="hint">{REPLY_STATUS[a.replyStatus!] ?? a.replyStatus}</span>
                  </Show>
                  <Show when={a.rating}>
                    <br />
                    <span class="hint">{RATING[a.rating as string]}</span>
                  </Show>
                  {/* 退件 is open only so long (收件后 5 个工作日 by default): the row says until when */}
                  <Show when={a.returnUntil as number | null | undefined}>
                    {(until) => (
                      <>
                        <br />
                        <span class="hint">可退件至 {deadline(until())}</span>
                      </>
                    )}
                  </Show>
                </td>
                <td class="nowrap" data-label="转送时间">
                  {dateTime(a.dispatchedAt)}
                </td>
                <Show when={props.actions}>
                  <td class="actions" data-label="操作">
                    {props.actions!(a)}
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
