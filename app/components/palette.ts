/**
 * Topic colours: twelve hues distinguishable from each other (Tableau-like), each at least 3:1 against white so
 * marks stay visible (WCAG 1.4.11 non-text contrast). Topics beyond twelve reuse the palette.
 */
export const TOPIC_COLORS = ["#1f5fbf", "#c2410c", "#15803d", "#b91c1c", "#7e22ce", "#92400e", "#be185d", "#4b5563", "#4d7c0f", "#0e7490", "#a16207", "#4338ca"];
export const NO_TOPIC_COLOR = "#8a94a3";

export function topicColor(topicKey: number | null): string {
  return topicKey === null ? NO_TOPIC_COLOR : TOPIC_COLORS[((topicKey % TOPIC_COLORS.length) + TOPIC_COLORS.length) % TOPIC_COLORS.length];
}
