/**
 * Normalised mutual information between two labelings of the same items, arithmetic-mean
 * normalisation (Strehl & Ghosh 2002; scikit-learn's default): NMI = I(A;B) / ((H(A) + H(B)) / 2).
 * Two single-cluster labelings are identical, so they score 1.
 */
export function nmi(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  const n = a.length;
  if (n !== b.length) throw new RangeError("nmi: labelings differ in length");
  if (n === 0) return 1;
  const ia = toIndices(a);
  const ib = toIndices(b);
  const ka = ia.reduce((m, x) => Math.max(m, x), 0) + 1;
  const kb = ib.reduce((m, x) => Math.max(m, x), 0) + 1;
  const ca = new Float64Array(ka);
  const cb = new Float64Array(kb);
  const joint = new Float64Array(ka * kb);
  for (let i = 0; i < n; i++) {
    ca[ia[i]]++;
    cb[ib[i]]++;
    joint[ia[i] * kb + ib[i]]++;
  }
  const entropy = (c: Float64Array) => c.reduce((h, x) => (x > 0 ? h - (x / n) * Math.log(x / n) : h), 0);
  const ha = entropy(ca);
  const hb = entropy(cb);
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (let x = 0; x < ka; x++) {
    for (let y = 0; y < kb; y++) {
      const c = joint[x * kb + y];
      if (c > 0) mi += (c / n) * Math.log((c * n) / (ca[x] * cb[y]));
    }
  }
  const denom = (ha + hb) / 2;
  return Math.max(0, Math.min(1, mi / denom));
}

function toIndices(labels: ArrayLike<number | string>): Int32Array {
  const ids = new Map<number | string, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let id = ids.get(labels[i]);
    if (id === undefined) {
      id = ids.size;
      ids.set(labels[i], id);
    }
    out[i] = id;
  }
  return out;
}
