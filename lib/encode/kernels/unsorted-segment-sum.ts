/**
 * UnsortedSegmentSum for the wasm backend.
 *
 * tfjs-backend-wasm@4.22 ships no UnsortedSegmentSum kernel, yet the gradient of `tf.gather`
 * (our embedding lookup) is an unsorted segment sum, so training fails on wasm without it.
 * A JS loop is enough: the op runs once per batch on [tokens, embeddingDim] values.
 */
import * as tf from "@tensorflow/tfjs";

const KERNEL_NAME = "UnsortedSegmentSum";

interface SegmentSumBackend {
  readSync(dataId: unknown): tf.TypedArray;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/** Pure reference used by the kernel and by the tests: out[segment[i], :] += x[i, :]. */
export function unsortedSegmentSumValues(
  x: ArrayLike<number>,
  rowSize: number,
  segmentIds: ArrayLike<number>,
  numSegments: number,
  out: Float32Array | Int32Array,
): void {
  out.fill(0);
  for (let i = 0; i < segmentIds.length; i++) {
    const s = segmentIds[i];
    // TensorFlow drops rows whose segment id is out of range rather than failing.
    if (s < 0 || s >= numSegments) continue;
    const src = i * rowSize;
    const dst = s * rowSize;
    for (let j = 0; j < rowSize; j++) out[dst + j] += x[src + j];
  }
}

function unsortedSegmentSumWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as SegmentSumBackend;
  const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = Number(args.attrs?.numSegments);
  const rowSize = x.shape.slice(segmentIds.shape.length).reduce((a, b) => a * b, 1);
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  const output = backend.makeOutput(outShape, x.dtype);
  const out = backend.typedArrayFromHeap(output) as Float32Array | Int32Array;
  unsortedSegmentSumValues(backend.readSync(x.dataId), rowSize, backend.readSync(segmentIds.dataId), numSegments, out);
  return output;
}

/** Idempotent: registering the same kernel twice throws in tfjs, so check first. */
export function registerUnsortedSegmentSumForWasm(): void {
  if (tf.getKernel(KERNEL_NAME, "wasm") !== undefined) return;
  tf.registerKernel({ kernelName: KERNEL_NAME, backendName: "wasm", kernelFunc: unsortedSegmentSumWasm as tf.KernelFunc });
}
