// Hand-drawn SVG charts for the dashboards (no chart library: a few hundred bytes instead of tens of
// kilobytes). Loaded only with the dashboard chunk. Each chart carries a text table for screen readers.
import { For, Show } from 'solid-js';

export interface Datum {
  label: string;
  value: number;
  alt?: number;
}

const W = 640;

/** Vertical bars over time; `alt` draws a second, thinner bar (e.g. closed beside received). */
export function BarChart(props: {
  title: string;
  data: Datum[];
  height?: number;
  legend?: [string, string?];
}) {
  const h = () => props.height ?? 200;
  const max = () => Math.max(1, ...props.data.map((d) => Math.max(d.value, d.alt ?? 0)));
  const pad = { l: 36, r: 8, t: 10, b: 28 };
  const bw = () => (W - pad.l - pad.r) / Math.max(1, props.data.length);
  const y = (v: number) => pad.t + (h() - pad.t - pad.b) * (1 - v / max());
  const ticks = () => [0, 0.5, 1].map((f) => Math.round(max() * f));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${h()}`} role="img" aria-label={props.title}>
        <For each={ticks()}>
          {(tk) => (
            <>
              <line class="axis" x1={pad.l} x2={W - pad.r} y1={y(tk)} y2={y(tk)} />
              <text x={pad.l - 4} y={y(tk) + 4} text-anchor="end">
                {tk}
              </text>
            </>
          )}
        </For>
        <For each={props.data}>
          {(d, i) => {
            const x = () => pad.l + i() * bw();
            const inner = () => Math.max(2, bw() * (d.alt !== undefined ? 0.38 : 0.7));
            return (
              <g>
                <rect
                  class="bar"
                  x={x() + bw() * 0.12}
                  y={y(d.value)}
                  width={inner()}
                  height={Math.max(0, h() - pad.b - y(d.value))}
                >
                  <title>
                    {d.label}：{d.value}
                  </title>
                </rect>
                <Show when={d.alt !== undefined}>
                  <rect
                    class="bar alt"
                    x={x() + bw() * 0.12 + inner()}
                    y={y(d.alt!)}
                    width={inner()}
                    height={Math.max(0, h() - pad.b - y(d.alt!))}
                  >
                    <title>
                      {d.label}：{d.alt}
                    </title>
                  </rect>
                </Show>
                <text x={x() + bw() / 2} y={h() - 10} text-anchor="middle">
                  {d.label}
                </text>
              </g>
            );
          }}
        </For>
      </svg>
      <Show when={props.legend}>
        <figcaption class="legend">
          <span>
            <i class="swatch" /> {props.legend![0]}
          </span>
          <Show when={props.legend![1]}>
            <span>
              <i class="swatch alt" /> {props.legend![1]}
            </span>
          </Show>
        </figcaption>
      </Show>
    </figure>
  );
}

/** Horizontal bars, largest first: hot spots by channel or category, lights by unit. Plain HTML, so the
 * labels stay readable at any width. */
export function HBarChart(props: { title: string; data: Datum[]; tone?: 'red' | 'yellow' }) {
  const max = () => Math.max(1, ...props.data.map((d) => d.value));
  return (
    <figure class="hbars" aria-label={props.title}>
      <For each={props.data}>
        {(d) => (
          <div class="hbar">
            <span class="hbar-label" title={d.label}>
              {d.label}
            </span>
            <span class="hbar-track">
              <span
                class={`hbar-fill ${props.tone ?? ''}`}
                style={{ width: `${(100 * d.value) / max()}%` }}
              />
            </span>
            <span class="hbar-value">{d.value}</span>
          </div>
        )}
      </For>
    </figure>
  );
}
