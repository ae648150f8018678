// A form field whose label, hint and error are tied to its control by id: the label names only the
// field (the hint and the error are not read as part of its name), the control is described by its
// hint and error (aria-describedby), and the error stands right under it. For forms whose errors
// come back per field (registration); ui.tsx's Field stays the light wrapper for the others.
import { type JSX, Show } from 'solid-js';
import { RequiredMark } from './ui';

/** The ids and attributes a control of FormField `id` takes: pass them to the control. */
export function fieldAria(id: string, opts: { hint?: string | false; error?: string; required?: boolean }) {
  const describedBy = [opts.error ? `${id}-error` : '', opts.hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return {
    id,
    'aria-invalid': opts.error ? ('true' as const) : undefined,
    'aria-required': opts.required ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

export default function FormField(props: {
  id: string;
  label: string;
  children: JSX.Element;
  hint?: string | false;
  error?: string;
  required?: boolean;
  class?: string;
}) {
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label class="field-label" for={props.id}>
        {props.label}
        <RequiredMark when={props.required} />
      </label>
      {props.children}
      <Show when={props.error}>
        <span
          class="field-error"
          id={`${props.id}-error`}
          style={{ color: 'var(--red)', 'font-size': '13px' }}
        >
          {props.error}
        </span>
      </Show>
      <Show when={props.hint}>
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      </Show>
    </div>
  );
}
