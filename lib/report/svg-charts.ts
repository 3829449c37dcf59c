/**
 * Charts as inline SVG strings: a report that carries its own pictures opens offline, prints, and needs no script.
 */

export interface Bar {
  label: string;
  value: number;
  /** shown beside the bar instead of the value */
  text?: string;
  color?: string;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

const ROW = 26;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 70;
const DEFAULT_COLOR = "#2563eb";
/** Labels longer than this are cut with an ellipsis (the full label stays in the bar's title). */
const LABEL_CHARS = 28;

/** Horizontal bars, one per row, scaled to `max` (100 for scores) or to the largest value. */
export function barChart(title: string, bars: Bar[], opts: { max?: number; width?: number } = {}): string {
  const width = opts.width ?? 640;
  const max = opts.max ?? Math.max(1, ...bars.map((b) => b.value));
  const plot = width - LABEL_WIDTH - VALUE_WIDTH;
  const height = bars.length * ROW + 8;
  const rows = bars
    .map((b, i) => {
      const y = 4 + i * ROW;
      const w = Math.max(0, Math.min(1, b.value / max)) * plot;
      const label = b.label.length > LABEL_CHARS ? `${b.label.slice(0, LABEL_CHARS - 1)}…` : b.label;
      return (
        `<g><title>${escapeXml(`${b.label}: ${b.text ?? b.value}`)}</title>` +
        `<text x="${LABEL_WIDTH - 8}" y="${y + 17}" text-anchor="end" font-size="13">${escapeXml(label)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${plot}" height="${ROW - 8}" fill="#e5e7eb"/>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${b.color ?? DEFAULT_COLOR}"/>` +
        `<text x="${LABEL_WIDTH + plot + 8}" y="${y + 17}" font-size="13">${escapeXml(b.text ?? String(Math.round(b.value)))}</text></g>`
      );
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" fill="#1f2937">${rows}</svg>`;
}

/** A ring showing a 0-100 score, with the number in the middle. */
export function scoreRing(label: string, score: number, color = DEFAULT_COLOR): string {
  const r = 42;
  const c = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * c;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(`${label}: ${Math.round(score)} of 100`)}" width="120" height="120" viewBox="0 0 120 120" font-family="system-ui, sans-serif">` +
    `<circle cx="60" cy="60" r="${r}" fill="none" stroke="#e5e7eb" stroke-width="12"/>` +
    `<circle cx="60" cy="60" r="${r}" fill="none" stroke="${color}" stroke-width="12" stroke-dasharray="${filled.toFixed(1)} ${c.toFixed(1)}" transform="rotate(-90 60 60)"/>` +
    `<text x="60" y="68" text-anchor="middle" font-size="26" font-weight="700" fill="#111827">${Math.round(score)}</text></svg>`
  );
}
