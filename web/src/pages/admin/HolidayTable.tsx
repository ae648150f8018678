// A table of holiday entries (national or the county's own), with the actions the page allows.
import { For, Show } from 'solid-js';
import { MSG } from '../../i18n';
import type { Holiday } from '../../lib/api';

export default function HolidayTable(props: {
  rows: Holiday[];
  onFlip?: (h: Holiday) => void;
  onDelete?: (h: Holiday) => void;
  busy?: boolean;
}) {
  const actions = () => Boolean(props.onFlip || props.onDelete);
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>日期</th>
            <th>安排</th>
            <th>说明</th>
            <Show when={actions()}>
              <th>操作</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.rows}
            fallback={
              <tr>
                <td colSpan={actions() ? 4 : 3} class="empty">
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
                <Show when={actions()}>
                  <td class="nowrap">
                    <Show when={props.onFlip}>
                      <button
                        type="button"
                        class="small"
                        disabled={props.busy}
                        onClick={() => props.onFlip!(h)}
                      >
                        改为{h.workday ? '休息' : '上班'}
                      </button>{' '}
                    </Show>
                    <Show when={props.onDelete}>
                      <button
                        type="button"
                        class="small danger"
                        disabled={props.busy}
                        onClick={() => props.onDelete!(h)}
                      >
                        删除
                      </button>
                    </Show>
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
