// A deadline rule input: a number of days, natural or working; its error (out of range, or what the
// server said of it) stands right under it and describes the number field.
import { createUniqueId, Show } from 'solid-js';
import { DAY_UNIT } from '../../i18n';
import type { DayRule } from '../../lib/api';
import { Options } from '../../components/ui';

/** The range a rule's days must fall in, as the server checks it (workers/domain/settings.ts). */
export function dayRuleError(rule: DayRule | undefined, min: number, max: number): string | undefined {
  if (!rule) return undefined;
  if (!Number.isInteger(rule.days)) return '天数必须是整数';
  if (rule.days < min) return `天数不能少于 ${min}`;
  if (rule.days > max) return `天数不能超过 ${max}`;
  return undefined;
}

export default function DayRuleInput(props: {
  label: string;
  value: DayRule | undefined;
  onChange: (v: DayRule | undefined) => void;
  optional?: boolean;
  min?: number;
  max?: number;
  error?: string;
}) {
  const errorId = `dayrule-${createUniqueId()}-error`;
  return (
    <span class="dayrule">
      <input
        type="number"
        min={props.min ?? 0}
        max={props.max ?? 180}
        style={{ width: '64px' }}
        aria-label={`${props.label}天数`}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? errorId : undefined}
        value={props.value?.days ?? ''}
        placeholder={props.optional ? '默认' : ''}
        onInput={(e) => {
          const v = e.currentTarget.value;
          if (v === '' && props.optional) props.onChange(undefined);
          else
            props.onChange({
              days: Math.max(0, Math.floor(Number(v) || 0)),
              unit: props.value?.unit ?? 'natural',
            });
        }}
      />{' '}
      <select
        aria-label={`${props.label}计日方式`}
        value={props.value?.unit ?? 'natural'}
        disabled={!props.value}
        onChange={(e) =>
          props.value && props.onChange({ ...props.value, unit: e.currentTarget.value as DayRule['unit'] })
        }
      >
        <Options table={DAY_UNIT} />
      </select>
      <Show when={props.error}>
        <span
          class="field-error"
          id={errorId}
          style={{ display: 'block', color: 'var(--red)', 'font-size': '13px' }}
        >
          {props.error}
        </span>
      </Show>
    </span>
  );
}
