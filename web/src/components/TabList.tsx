// A row of tabs as the WAI-ARIA tabs pattern has them: the selected tab is the one stop in the Tab
// order, Left/Right (wrapping), Home and End move the focus among the tabs, and Enter, Space or a
// click selects the focused one (manual activation: each tab reads a queue from the server, so the
// arrows alone load nothing). Used by the workbench's queues and the unit's inbox.
import { For, type JSX } from 'solid-js';

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export default function TabList<T extends { key: string }>(props: {
  label: string;
  items: readonly T[];
  selected: string;
  onSelect: (item: T) => void;
  /** the id of the one tabpanel, which shows the selected tab's content */
  panel: string;
  children: (item: T) => JSX.Element;
}) {
  let list: HTMLDivElement | undefined;
  const onKeyDown = (e: KeyboardEvent) => {
    const move = MOVES[e.key];
    if (!move || e.altKey || e.ctrlKey || e.metaKey || !list) return;
    const tabs = [...list.querySelectorAll<HTMLElement>('[role=tab]')];
    const i = tabs.indexOf(e.target as HTMLElement);
    if (i < 0) return;
    e.preventDefault();
    tabs[move(i, tabs.length)]?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={props.label} ref={list} onKeyDown={onKeyDown}>
      <For each={props.items}>
        {(x) => {
          const selected = () => props.selected === x.key;
          return (
            <button
              type="button"
              role="tab"
              aria-selected={selected()}
              aria-controls={selected() ? props.panel : undefined}
              tabIndex={selected() ? 0 : -1}
              onClick={() => props.onSelect(x)}
            >
              {props.children(x)}
            </button>
          );
        }}
      </For>
    </div>
  );
}
