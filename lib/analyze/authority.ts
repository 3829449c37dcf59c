import type { ForgetAction } from "./types";

/**
 * Topical Authority 0-100: a weighted mean of the four gate scores. Cores and links weigh most
 * because they are what search engines see first (what the site is about, how authority flows);
 * expansion and pruning refine them.
 */

export const GATE_WEIGHTS = { core: 0.3, input: 0.2, forget: 0.2, output: 0.3 } as const;
// Core gate: share of content pages inside core topics, and how tight those cores are.
export const CORE_GATE_WEIGHTS = { coreShare: 0.6, cohesion: 0.4 } as const;
// Output gate: on-topic links, pages reachable by content links, complete hubs, communities matching topics.
export const OUTPUT_GATE_WEIGHTS = { alignment: 0.35, linkedShare: 0.25, hubCompleteness: 0.2, communityNmi: 0.2 } as const;
// Forget gate: value of a page by its action (a page to update still serves; one to prune does not).
export const ACTION_VALUE: Record<ForgetAction, number> = { keep: 1, update: 0.6, merge: 0.3, prune: 0 };

// A topic's output gate has no community term (communities are site-wide); its weight goes to alignment and orphans.
export const TOPIC_OUTPUT_WEIGHTS = { alignment: 0.45, linkedShare: 0.3, hubCompleteness: 0.25 } as const;

export const AUTHORITY_FORMULA =
  `authority = ${GATE_WEIGHTS.core}*core + ${GATE_WEIGHTS.input}*input + ${GATE_WEIGHTS.forget}*forget + ${GATE_WEIGHTS.output}*output, where ` +
  `core = 100*(${CORE_GATE_WEIGHTS.coreShare}*share of content pages in core topics and on-topic + ${CORE_GATE_WEIGHTS.cohesion}*mean core cohesion); ` +
  `input = 100*mean subtopic coverage of core topics (weighted by pages); ` +
  `forget = 100*mean page value (keep ${ACTION_VALUE.keep}, update ${ACTION_VALUE.update}, merge ${ACTION_VALUE.merge}, prune ${ACTION_VALUE.prune}); ` +
  `output = 100*(${OUTPUT_GATE_WEIGHTS.alignment}*link/topic alignment + ${OUTPUT_GATE_WEIGHTS.linkedShare}*(1 - orphan share) + ` +
  `${OUTPUT_GATE_WEIGHTS.hubCompleteness}*hub completeness + ${OUTPUT_GATE_WEIGHTS.communityNmi}*NMI(link communities, topics)). ` +
  `A topic's authority uses the same gate weights with its own cohesion, coverage and page values, and ` +
  `output = 100*(${TOPIC_OUTPUT_WEIGHTS.alignment}*alignment + ${TOPIC_OUTPUT_WEIGHTS.linkedShare}*(1 - orphan share) + ${TOPIC_OUTPUT_WEIGHTS.hubCompleteness}*hub completeness).`;

export interface GateInputs {
  coreShare: number;
  coreCohesion: number;
  coverage: number;
  pageValue: number;
  alignment: number;
  orphanShare: number;
  hubCompleteness: number;
  communityNmi: number;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const round1 = (x: number) => Math.round(x * 10) / 10;

export function gateScores(g: GateInputs): { core: number; input: number; forget: number; output: number } {
  return {
    core: round1(100 * (CORE_GATE_WEIGHTS.coreShare * clamp01(g.coreShare) + CORE_GATE_WEIGHTS.cohesion * clamp01(g.coreCohesion))),
    input: round1(100 * clamp01(g.coverage)),
    forget: round1(100 * clamp01(g.pageValue)),
    output: round1(
      100 *
        (OUTPUT_GATE_WEIGHTS.alignment * clamp01(g.alignment) +
          OUTPUT_GATE_WEIGHTS.linkedShare * (1 - clamp01(g.orphanShare)) +
          OUTPUT_GATE_WEIGHTS.hubCompleteness * clamp01(g.hubCompleteness) +
          OUTPUT_GATE_WEIGHTS.communityNmi * clamp01(g.communityNmi)),
    ),
  };
}

export function authorityOf(gates: { core: number; input: number; forget: number; output: number }): number {
  return round1(
    GATE_WEIGHTS.core * gates.core + GATE_WEIGHTS.input * gates.input + GATE_WEIGHTS.forget * gates.forget + GATE_WEIGHTS.output * gates.output,
  );
}

/** Topic authority: the site formula applied to one topic (no communities: its link term is alignment and hub). */
export function topicAuthority(t: { cohesion: number; coverage: number; pageValue: number; alignment: number; hubCompleteness: number; orphanShare: number }): number {
  const core = 100 * clamp01(t.cohesion);
  const input = 100 * clamp01(t.coverage);
  const forget = 100 * clamp01(t.pageValue);
  const output =
    100 *
    (TOPIC_OUTPUT_WEIGHTS.alignment * clamp01(t.alignment) +
      TOPIC_OUTPUT_WEIGHTS.linkedShare * (1 - clamp01(t.orphanShare)) +
      TOPIC_OUTPUT_WEIGHTS.hubCompleteness * clamp01(t.hubCompleteness));
  return authorityOf({ core, input, forget, output });
}
