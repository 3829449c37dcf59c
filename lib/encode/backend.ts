/**
 * The one place that picks the TensorFlow.js backend: tfjs-node when installed, else wasm, else cpu.
 * Measured here (docs/ENVIRONMENT.md): wasm runs an LSTM ~10x faster than cpu; tfjs-node cannot
 * install on our machines, so it is an optional dependency loaded only if present. The preferred
 * backend comes from the caller (the pipeline passes config().tfBackend, TOPICGATE_TF_BACKEND).
 */
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { AppError } from "@/lib/errors";
import { registerRowGatherForWasm } from "./kernels/gather";
import { registerHeapSliceForWasm } from "./kernels/slice";
import { registerUnsortedSegmentSumForWasm } from "./kernels/unsorted-segment-sum";

export type EncoderBackend = "tensorflow" | "wasm" | "cpu";

const FALLBACK_ORDER: readonly EncoderBackend[] = ["tensorflow", "wasm", "cpu"];
// A specifier in a variable keeps bundlers and tsc from requiring the optional package.
const TFJS_NODE_PACKAGE = "@tensorflow/tfjs-node";

let active: EncoderBackend | null = null;
let pending: Promise<EncoderBackend> | null = null;

/** Loaders are injectable so tests can simulate a missing tfjs-node without uninstalling anything. */
export interface BackendLoaders {
  tensorflow: () => Promise<boolean>;
  wasm: () => Promise<boolean>;
  cpu: () => Promise<boolean>;
}

async function loadTensorflow(): Promise<boolean> {
  try {
    await import(/* webpackIgnore: true */ TFJS_NODE_PACKAGE);
    return await tf.setBackend("tensorflow");
  } catch {
    return false;
  }
}

function wasmDistDir(): string {
  const requireFromHere = createRequire(path.join(process.cwd(), "noop.js"));
  // The package's "main" lives in dist/, next to the .wasm binaries.
  return path.dirname(requireFromHere.resolve("@tensorflow/tfjs-backend-wasm"));
}

async function loadWasm(): Promise<boolean> {
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // Importing the package registers the backend factory; the paths must be set before init.
    wasm.setWasmPaths(wasmDistDir() + path.sep);
    registerUnsortedSegmentSumForWasm();
    registerHeapSliceForWasm();
    registerRowGatherForWasm();
    return await tf.setBackend("wasm");
  } catch {
    return false;
  }
}

async function loadCpu(): Promise<boolean> {
  return tf.setBackend("cpu");
}

export const defaultLoaders: BackendLoaders = { tensorflow: loadTensorflow, wasm: loadWasm, cpu: loadCpu };

/** Tries `preferred` first, then the rest of the fallback order after it. */
export async function selectBackend(
  preferred: EncoderBackend | undefined,
  loaders: BackendLoaders = defaultLoaders,
): Promise<EncoderBackend> {
  const start = preferred === undefined ? 0 : FALLBACK_ORDER.indexOf(preferred);
  for (const name of FALLBACK_ORDER.slice(start)) {
    if (await loaders[name]()) return name;
  }
  throw new AppError("internal", "no TensorFlow.js backend could be initialised");
}

/**
 * Chooses once per process, starting from `preferred` (undefined: from tfjs-node); later calls
 * return the same backend whatever they prefer, since tensors cannot move between backends.
 */
export async function initBackend(preferred?: EncoderBackend): Promise<EncoderBackend> {
  if (active !== null) return active;
  if (pending === null) {
    pending = selectBackend(preferred).then((name) => {
      active = name;
      return name;
    });
  }
  return pending;
}

export function activeBackend(): EncoderBackend {
  if (active === null) throw new AppError("internal", "initBackend() must run before encoding");
  return active;
}
