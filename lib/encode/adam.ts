/**
 * Adam over the model's variables with global-norm clipping. Written out because our gradients
 * come from the hand-written backward pass as plain tensors, not from tf.variableGrads.
 */
import * as tf from "@tensorflow/tfjs";
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON } from "./options";
import { PARAM_NAMES, type LanguageModel, type ParamName } from "./model";

export class Adam {
  private readonly m = new Map<ParamName, tf.Tensor>();
  private readonly v = new Map<ParamName, tf.Tensor>();
  private stepCount = 0;

  constructor(private readonly model: LanguageModel, private readonly learningRate: number, private readonly clipNorm: number) {}

  /** Applies clipped gradients; returns the pre-clipping global norm. */
  apply(grads: Partial<Record<ParamName, tf.Tensor>>): number {
    this.stepCount++;
    const names = PARAM_NAMES.filter((n) => grads[n] !== undefined);
    const norm = tf.tidy(() => tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n] as tf.Tensor))))).dataSync()[0]);
    const scale = norm > this.clipNorm ? this.clipNorm / norm : 1;
    const lrT = (this.learningRate * Math.sqrt(1 - Math.pow(ADAM_BETA2, this.stepCount))) / (1 - Math.pow(ADAM_BETA1, this.stepCount));
    for (const name of names) {
      const variable = this.model.params[name];
      const m0 = this.m.get(name);
      const v0 = this.v.get(name);
      const [m1, v1] = tf.tidy(() => {
        const g = tf.mul(grads[name] as tf.Tensor, scale);
        const m = m0 ? tf.add(tf.mul(m0, ADAM_BETA1), tf.mul(g, 1 - ADAM_BETA1)) : tf.mul(g, 1 - ADAM_BETA1);
        const v = v0 ? tf.add(tf.mul(v0, ADAM_BETA2), tf.mul(tf.square(g), 1 - ADAM_BETA2)) : tf.mul(tf.square(g), 1 - ADAM_BETA2);
        variable.assign(tf.sub(variable, tf.mul(tf.div(m, tf.add(tf.sqrt(v), ADAM_EPSILON)), lrT)));
        return [m, v];
      });
      m0?.dispose();
      v0?.dispose();
      this.m.set(name, m1);
      this.v.set(name, v1);
    }
    return norm;
  }

  dispose(): void {
    for (const t of this.m.values()) t.dispose();
    for (const t of this.v.values()) t.dispose();
  }
}
