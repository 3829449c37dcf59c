/**
 * A copy-free Slice for the wasm backend.
 *
 * tfjs-backend-wasm@4.22's Slice starts with `backend.readSync(x)`, which copies the WHOLE input
 * out of the wasm heap before taking the slice. Reading step t of a [T, 4H, B] projection
 * therefore costs O(T*4H*B) per step, O(T^2) per sequence: it was 40% of our training time
 * (CPU profile). This kernel reads the input through a heap view instead. Ranks other than the
 * cases below fall back to the original kernel.
 */
import * as tf from "@tensorflow/tfjs";
import { overrideWasmKernel, type HeapBackend } from "./wasm-heap";

const KERNEL_NAME = "Slice";

let original: tf.KernelConfig | undefined;

function sliceWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo | tf.TensorInfo[] {
  const x = args.inputs.x as tf.TensorInfo;
  const backend = args.backend as HeapBackend;
  const [begin, size] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, args.attrs?.begin as number[], args.attrs?.size as number[]);
  const continuous = tf.slice_util.isSliceContinous(x.shape, begin, size);
  if (x.dtype === "string" || (!continuous && x.shape.length !== 2) || original === undefined) {
    return (original as tf.KernelConfig).kernelFunc(args as Parameters<tf.KernelFunc>[0]);
  }
  // makeOutput may grow the heap, which detaches earlier views: take the views after it.
  const out = backend.makeOutput(size, x.dtype);
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const strides = tf.util.computeStrides(x.shape);
  if (continuous) {
    const offset = tf.slice_util.computeFlatOffset(begin, strides);
    dst.set(src.subarray(offset, offset + dst.length));
    return out;
  }
  const [rows, cols] = size;
  for (let r = 0; r < rows; r++) {
    const from = (begin[0] + r) * strides[0] + begin[1];
    dst.set(src.subarray(from, from + cols), r * cols);
  }
  return out;
}

export function registerHeapSliceForWasm(): void {
  original = overrideWasmKernel(KERNEL_NAME, sliceWasm as unknown as tf.KernelFunc) ?? original;
}
