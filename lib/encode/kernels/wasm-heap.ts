import * as tf from "@tensorflow/tfjs";

/** The two methods of tfjs-backend-wasm our kernels use to read and write tensors in place on the wasm heap. */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/**
 * Puts `kernelFunc` in place of the wasm backend's kernel `name` and returns the kernel it replaced (for the cases
 * ours hands back). Returns undefined when the backend has no such kernel or ours is already registered.
 */
export function overrideWasmKernel(name: string, kernelFunc: tf.KernelFunc): tf.KernelConfig | undefined {
  const current = tf.getKernel(name, "wasm");
  if (current === undefined || current.kernelFunc === kernelFunc) return undefined;
  tf.unregisterKernel(name, "wasm");
  tf.registerKernel({ ...current, kernelFunc });
  return current;
}
