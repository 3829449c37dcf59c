/**
 * The one place that picks the TensorFlow.js backend: tfjs-node when installed, else wasm, else cpu.
 * Measured (README "Configuration", TOPICGATE_TF_BACKEND): wasm runs an LSTM ~10x faster than cpu; tfjs-node
 * does not install everywhere, so it is an optional dependency loaded only if present. The runtime of a
 * process that encodes chooses once at start from TOPICGATE_TF_BACKEND (lib/runtime.ts); later calls
 * return that choice.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Logger } from "pino";
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
  await import(/* webpackIgnore: true */ TFJS_NODE_PACKAGE);
  return tf.setBackend("tensorflow");
}

function wasmDistDir(): string {
  const requireFromHere = createRequire(path.join(process.cwd(), "noop.js"));
  // The package's "main" lives in dist/, next to the .wasm binaries.
  return path.dirname(requireFromHere.resolve("@tensorflow/tfjs-backend-wasm"));
}

async function loadWasm(): Promise<boolean> {
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  // Importing the package registers the backend factory; the paths must be set before init.
  wasm.setWasmPaths(wasmDistDir() + path.sep);
  registerUnsortedSegmentSumForWasm();
  registerHeapSliceForWasm();
  registerRowGatherForWasm();
  return tf.setBackend("wasm");
}

async function loadCpu(): Promise<boolean> {
  return tf.setBackend("cpu");
}

export const defaultLoaders: BackendLoaders = { tensorflow: loadTensorflow, wasm: loadWasm, cpu: loadCpu };

/** Tries `preferred` first, then the rest of the fallback order after it; a backend that fails to load is logged. */
export async function selectBackend(
  preferred: EncoderBackend | undefined,
  loaders: BackendLoaders = defaultLoaders,
  log?: Logger,
): Promise<EncoderBackend> {
  const start = preferred === undefined ? 0 : FALLBACK_ORDER.indexOf(preferred);
  for (const name of FALLBACK_ORDER.slice(start)) {
    try {
      if (await loaders[name]()) return name;
      log?.info({ backend: name }, "TensorFlow.js backend refused to start; trying the next");
    } catch (err) {
      log?.info({ backend: name, err }, "TensorFlow.js backend could not be loaded; trying the next");
    }
  }
  throw new AppError("internal", "no TensorFlow.js backend could be initialised");
}

/**
 * Chooses once per process, starting from `preferred` (undefined: from tfjs-node); later calls
 * return the same backend whatever they prefer, since tensors cannot move between backends.
 */
export async function initBackend(preferred?: EncoderBackend, log?: Logger): Promise<EncoderBackend> {
  if (active !== null) return active;
  if (pending === null) {
    pending = selectBackend(preferred, defaultLoaders, log).then((name) => {
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
