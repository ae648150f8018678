// Small building blocks every page uses: in-app links, the page heading that takes focus after
// navigation, labelled fields with their hint and error, and messages.
import { createEffect, type JSX, onMount, Show, splitProps } from 'solid-js';
import { M } from '../i18n';
import { onLinkClick, wasNavigated } from '../router';
import { useInfo } from './context';

export function Link(props: JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const [own, rest] = splitProps(props, ['href', 'children']);
  return (
    <a href={own.href} onClick={onLinkClick} {...rest}>
      {own.children}
    </a>
  );
}

/** The page's h1; it names the document (and keeps naming it as it changes) and takes focus
 * after an in-app navigation. */
export function PageTitle(props: { children: string }) {
  let el: HTMLHeadingElement | undefined;
  const info = useInfo();
  createEffect(() => {
    const site = info()?.branding.portalTitle ?? M.appName;
    document.title = props.children === site ? site : `${props.children} · ${site}`;
  });
  onMount(() => {
    if (wasNavigated()) el?.focus();
  });
  return (
    <h1 id="page-title" tabIndex={-1} ref={el}>
      {props.children}
    </h1>
  );
}

export const describedBy = (id: string, hint?: unknown, error?: unknown): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Label, hint and error of one control; the error sits between the hint and the control. */
export function Field(props: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  children: JSX.Element;
  after?: JSX.Element;
}) {
  return (
    <div class="field" classList={{ 'has-error': !!props.error }}>
      <label for={props.id}>
        {props.label}
        <Show when={props.required}>
          <span class="req" aria-hidden="true">
            {' '}
            *
          </span>
          <span class="sr-only">{M.submit.required}</span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
      {props.children}
      {props.after}
    </div>
  );
}

/** A group of radios or checkboxes: fieldset and legend, hint and error as for a field. */
export function Group(props: {
  id: string;
  legend: string;
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  children: JSX.Element;
}) {
  return (
    <fieldset
      class="field"
      classList={{ 'has-error': !!props.error }}
      id={props.id}
      tabIndex={-1}
      aria-describedby={describedBy(props.id, props.hint, props.error)}
    >
      <legend>
        {props.legend}
        <Show when={props.required}>
          <span class="req" aria-hidden="true">
            {' '}
            *
          </span>
          <span class="sr-only">{M.submit.required}</span>
        </Show>
      </legend>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
      {props.children}
    </fieldset>
  );
}

export function Radio(props: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  label: string;
  id?: string;
}) {
  const id = () => props.id ?? `${props.name}-${props.value}`;
  return (
    <div class="choice">
      <input
        type="radio"
        id={id()}
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={() => props.onChange(props.value)}
      />
      <label for={id()}>{props.label}</label>
    </div>
  );
}

/** An error the citizen must read now (role=alert is announced at once). */
export function Alert(props: { children: JSX.Element; id?: string }) {
  return (
    <div class="alert" role="alert" id={props.id}>
      {props.children}
    </div>
  );
}

/** A county being set up: it shows its pages but takes no submissions yet (info.open is false). */
export function PortalClosed() {
  return (
    <section class="notice" aria-labelledby="closed-h">
      <h2 id="closed-h">{M.closed.title}</h2>
      <p>{M.closed.text}</p>
    </section>
  );
}

export function Loading() {
  return (
    <p class="muted" role="status">
      {M.loading}
    </p>
  );
}

/** Text a citizen or an official typed: shown as text with its line breaks, never as HTML. */
export function Prose(props: { text: string; class?: string }) {
  return <div class={`prose ${props.class ?? ''}`}>{props.text}</div>;
}
