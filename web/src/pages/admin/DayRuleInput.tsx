// A deadline rule input: a number of days, natural or working.
import { DAY_UNIT } from '../../i18n';
import type { DayRule } from '../../lib/api';
import { Options } from '../../components/ui';

export default function DayRuleInput(props: {
  label: string;
  value: DayRule | undefined;
  onChange: (v: DayRule | undefined) => void;
  optional?: boolean;
  max?: number;
}) {
  return (
    <span class="dayrule">
      <input
        type="number"
        min={0}
        max={props.max ?? 180}
        style={{ width: '64px' }}
        aria-label={`${props.label}天数`}
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
    </span>
  );
}
