/**
 * Truncated-BPTT batching: pages are concatenated (with <eos> between) into one stream that is
 * cut into B parallel lanes, read T steps at a time with the state carried between segments
 * (Zaremba et al. 2014). No position is padding, so no compute is wasted on it.
 */
import { EOS_ID } from "./vocabulary";

export function concatenateWithEos(pages: readonly Int32Array[]): Int32Array {
  const total = pages.reduce((n, p) => n + p.length + 1, 0);
  const out = new Int32Array(total);
  let at = 0;
  for (const page of pages) {
    out.set(page, at);
    at += page.length;
    out[at++] = EOS_ID;
  }
  return out;
}

export interface LaneBatch {
  /** Time-major [steps * lanes] inputs and next-token targets. */
  inputs: Int32Array;
  targets: Int32Array;
  steps: number;
  lanes: number;
}

/** Lanes shrink for tiny streams so every lane still holds at least one full segment. */
export function laneCount(streamLength: number, maxLanes: number, steps: number): number {
  return Math.max(1, Math.min(maxLanes, Math.floor((streamLength - 1) / (steps + 1))));
}

export function* laneBatches(stream: Int32Array, maxLanes: number, maxSteps: number): Generator<LaneBatch> {
  const lanes = laneCount(stream.length, maxLanes, maxSteps);
  const laneLength = Math.floor(stream.length / lanes);
  for (let start = 0; start + 1 < laneLength; start += maxSteps) {
    const steps = Math.min(maxSteps, laneLength - 1 - start);
    const inputs = new Int32Array(steps * lanes);
    const targets = new Int32Array(steps * lanes);
    for (let b = 0; b < lanes; b++) {
      const base = b * laneLength + start;
      for (let t = 0; t < steps; t++) {
        inputs[t * lanes + b] = stream[base + t];
        targets[t * lanes + b] = stream[base + t + 1];
      }
    }
    yield { inputs, targets, steps, lanes };
  }
}
