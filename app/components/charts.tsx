/** Small SVG charts: no chart library, fixed sizes so nothing moves while data streams in. */

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

/** A trend in a table cell: the authority of a site's last scans, oldest first. */
export function Sparkline({ values, label, width = 120, height = 28 }: { values: number[]; label: string; width?: number; height?: number }) {
  if (values.length === 0) return <span className="muted">no finished scan</span>;
  const [lo, hi] = values.length > 1 ? extent(values) : [values[0] - 1, values[0] + 1];
  const pad = 3;
  const x = (i: number) => pad + (values.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad);
  const d = values.map((v, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = values[values.length - 1];
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      <path d={d} fill="none" stroke="var(--accent)" strokeWidth="2" />
      <circle cx={x(values.length - 1)} cy={y(last)} r="3" fill="var(--accent)" />
    </svg>
  );
}

function ticks(lo: number, hi: number, count: number): number[] {
  const step = (hi - lo) / (count - 1);
  return Array.from({ length: count }, (_, i) => lo + i * step);
}

function fmt(n: number, range = Math.abs(n)): string {
  // as many decimals as the axis' range needs to tell its ticks apart
  const digits = range >= 50 ? 0 : range >= 5 ? 1 : 2;
  return n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export interface Series {
  name: string;
  values: number[];
  color: string;
  dashed?: boolean;
}

/** A line chart with labelled axes and a legend. x is the index of each value (1-based) unless `xValues` is given. */
export function LineChart({
  series, xLabel, yLabel, title, width = 560, height = 240, yMin, testId,
}: {
  series: Series[];
  xLabel: string;
  yLabel: string;
  title: string;
  width?: number;
  height?: number;
  yMin?: number;
  testId?: string;
}) {
  const m = { top: 12, right: 16, bottom: 44, left: 56 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const all = series.flatMap((s) => s.values);
  const n = Math.max(2, ...series.map((s) => s.values.length));
  let [lo, hi] = extent(all);
  if (yMin !== undefined) lo = Math.min(lo, yMin);
  const pad = (hi - lo) * 0.05;
  hi += pad;
  if (yMin === undefined) lo -= pad;
  const x = (i: number) => m.left + (i * w) / (n - 1);
  const y = (v: number) => m.top + h - ((v - lo) / (hi - lo)) * h;
  // one value per series: a single tick, not a second one for a point that does not exist
  const xt = series.every((s) => s.values.length <= 1) ? [0] : ticks(0, n - 1, Math.min(6, n)).map((t) => Math.round(t));
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${title}: ${series.map((s) => `${s.name} from ${s.values.length ? fmt(s.values[0]) : "none"} to ${s.values.length ? fmt(s.values[s.values.length - 1]) : "none"}`).join("; ")}`}>
        <g className="axis">
          {ticks(lo, hi, 5).map((t) => (
            <g key={`y${t}`}>
              <line x1={m.left} x2={m.left + w} y1={y(t)} y2={y(t)} className="grid" />
              <text x={m.left - 6} y={y(t) + 4} textAnchor="end">
                {fmt(t, hi - lo)}
              </text>
            </g>
          ))}
          {xt.map((t) => (
            <text key={`x${t}`} x={x(t)} y={m.top + h + 16} textAnchor="middle">
              {t + 1}
            </text>
          ))}
          <line x1={m.left} x2={m.left + w} y1={m.top + h} y2={m.top + h} className="axis-line" />
          <line x1={m.left} x2={m.left} y1={m.top} y2={m.top + h} className="axis-line" />
          <text x={m.left + w / 2} y={height - 6} textAnchor="middle" className="axis-label">
            {xLabel}
          </text>
          <text transform={`translate(14 ${m.top + h / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
            {yLabel}
          </text>
        </g>
        {series.map((s) =>
          s.values.length === 1 ? (
            // one value (a very short training run): a level line reads better than a lone dot
            <g key={s.name}>
              <line x1={m.left} x2={m.left + w} y1={y(s.values[0])} y2={y(s.values[0])} stroke={s.color} strokeWidth="2" strokeDasharray={s.dashed ? "6 4" : undefined} />
              <circle cx={x(0)} cy={y(s.values[0])} r="3" fill={s.color} />
            </g>
          ) : (
            <path
              key={s.name}
              d={s.values.map((v, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}
              fill="none"
              stroke={s.color}
              strokeWidth="2"
              strokeDasharray={s.dashed ? "6 4" : undefined}
            />
          ),
        )}
      </svg>
      <figcaption className="legend">
        {series.map((s) => (
          <span key={s.name} className="legend-item">
            <span className={`swatch${s.dashed ? " dashed" : ""}`} style={{ borderColor: s.color, background: s.dashed ? "transparent" : s.color }} aria-hidden="true" />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A 0-100 score as a bar with its number. */
export function ScoreBar({ value, label }: { value: number; label: string }) {
  const v = Math.max(0, Math.min(100, value));
  return (
    <div className="scorebar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(v)}>
      <span style={{ width: `${v}%` }} />
    </div>
  );
}
