// A section's sub-navigation: its pages as links, the current one marked.
import { For } from 'solid-js';
import { path } from '../lib/router';
import { A } from './ui';

export default function SubNav(props: { label: string; items: readonly (readonly [string, string])[] }) {
  return (
    <nav class="subnav" aria-label={props.label}>
      <For each={props.items}>
        {([to, label]) => (
          <A href={to} aria-current={path() === to ? 'page' : undefined}>
            {label}
          </A>
        )}
      </For>
    </nav>
  );
}
