// A picker for a long list (content categories, townships) that a clerk types into: part of a name
// in Chinese ("物业", "东山") narrows the list, arrows move, Enter or Tab takes the highlighted one.
// A native <select> only jumps by typed Latin letters, so Chinese names could not be typed at all.
// ARIA 1.2 combobox with a listbox popup; Enter with the list closed is left to the form (submit).
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';

export interface PickOption {
  value: string;
  /** what the field shows once picked and what typing matches: "城乡建设 › 物业管理" */
  label: string;
}

export default function Combobox(props: {
  id: string;
  name?: string;
  options: PickOption[];
  value: string;
  onChange: (value: string) => void;
  /** what no choice means, shown as the placeholder ("暂不分类") */
  none: string;
  disabled?: boolean;
  'aria-invalid'?: 'true';
  'aria-required'?: 'true';
  'aria-describedby'?: string;
}) {
  const listId = `${props.id}-list`;
  const labelOf = (v: string) => props.options.find((o) => o.value === v)?.label ?? '';
  const [text, setText] = createSignal(labelOf(props.value));
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(-1);
  const [typed, setTyped] = createSignal(false);
  let list!: HTMLDivElement;

  // a restored draft, a reset or the options arriving after the value: show the chosen one's name
  createEffect(
    on([() => props.value, () => props.options], () => {
      if (!typed()) setText(labelOf(props.value));
    }),
  );

  const matches = createMemo(() => {
    const q = text().trim().toLowerCase();
    if (!typed() || !q) return props.options;
    return props.options.filter((o) => o.label.toLowerCase().includes(q));
  });

  const show = (index: number) => {
    setActive(index);
    if (index >= 0) list.children[index]?.scrollIntoView({ block: 'nearest' });
  };
  const openList = () => {
    setOpen(true);
    const at = matches().findIndex((o) => o.value === props.value);
    queueMicrotask(() => show(Math.max(at, 0)));
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const pick = (o: PickOption) => {
    setTyped(false);
    setText(o.label);
    close();
    if (o.value !== props.value) props.onChange(o.value);
  };
  /** Leaving the field: an exact or single match is taken, an empty field clears, else it reverts. */
  const settle = () => {
    if (!typed()) return close();
    const q = text().trim();
    const m = matches();
    const exact = props.options.find((o) => o.label === q);
    if (!q) {
      setTyped(false);
      close();
      if (props.value) props.onChange('');
    } else if (exact) pick(exact);
    else if (m.length === 1) pick(m[0]!);
    else {
      setTyped(false);
      setText(labelOf(props.value));
      close();
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    const m = matches();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open()) openList();
        else show(Math.min(active() + 1, m.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open()) openList();
        else show(Math.max(active() - 1, 0));
        break;
      case 'Enter':
        if (!open()) return; // the form's Enter: save
        e.preventDefault();
        if (m[active()]) pick(m[active()]!);
        break;
      case 'Escape':
        if (!open() && !typed()) return;
        e.preventDefault();
        e.stopPropagation();
        setTyped(false);
        setText(labelOf(props.value));
        close();
        break;
      case 'Tab':
        if (open() && typed() && m[active()]) pick(m[active()]!);
        else settle();
        break;
    }
  };

  return (
    <div class="combobox" style={{ position: 'relative' }}>
      <input
        id={props.id}
        name={props.name}
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={open() ? 'true' : 'false'}
        aria-controls={listId}
        aria-activedescendant={open() && active() >= 0 ? `${props.id}-opt-${active()}` : undefined}
        aria-invalid={props['aria-invalid']}
        aria-required={props['aria-required']}
        aria-describedby={props['aria-describedby']}
        placeholder={props.none}
        disabled={props.disabled}
        value={text()}
        style={{ width: '100%' }}
        onInput={(e) => {
          setTyped(true);
          setText(e.currentTarget.value);
          setOpen(true);
          show(matches().length ? 0 : -1);
        }}
        onKeyDown={onKeyDown}
        onBlur={settle}
        onClick={() => (open() ? close() : openList())}
      />
      <div
        ref={list}
        id={listId}
        role="listbox"
        aria-label={props.none}
        hidden={!open()}
        style={{
          position: 'absolute',
          'z-index': 30,
          top: '100%',
          left: 0,
          right: 0,
          'max-height': '16rem',
          overflow: 'auto',
          background: '#fff',
          border: '1px solid #9aa3ae',
          'box-shadow': '0 4px 10px rgba(0,0,0,.12)',
        }}
      >
        <For each={matches()}>
          {(o, i) => (
            // the keys are the combobox's (aria-activedescendant): an option is clicked, never focused
            // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard goes through the input above
            <div
              id={`${props.id}-opt-${i()}`}
              role="option"
              tabIndex={-1}
              aria-selected={i() === active() ? 'true' : 'false'}
              style={{
                padding: '4px 8px',
                cursor: 'pointer',
                background: i() === active() ? 'var(--accent-soft)' : undefined,
                'font-weight': o.value === props.value ? 600 : undefined,
              }}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
            >
              {o.label}
            </div>
          )}
        </For>
      </div>
      <Show when={open()}>
        <span
          aria-live="polite"
          class={matches().length ? 'sr-only' : 'hint'}
          style={{ color: matches().length ? undefined : 'var(--red)' }}
        >
          {matches().length ? `${matches().length} 项可选` : `没有名称含“${text().trim()}”的项`}
        </span>
      </Show>
    </div>
  );
}
