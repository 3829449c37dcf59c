/**
 * A quick topical-quality check for page vectors: the product's spherical k-means (k = number of labels) on the
 * centred vectors, and the normalised mutual information of clusters vs folder labels.
 */
import { nmi } from "@/lib/analyze/nmi";
import { sphericalKmeans } from "@/lib/analyze/kmeans";
import { l2normalize, type Vector } from "@/lib/analyze/vectors";

/** Centre each dimension first: mean+max features share a large common component. */
function centre(vectors: Float32Array[]): Vector[] {
  const dim = vectors[0].length;
  const mean = new Float64Array(dim);
  for (const v of vectors) for (let j = 0; j < dim; j++) mean[j] += v[j] / vectors.length;
  return vectors.map((v) => l2normalize(Array.from(v, (x, j) => x - mean[j])));
}

/** NMI between the k-means clusters of `vectors` (k = number of distinct labels) and the labels. */
export function clusterNmi(vectors: Float32Array[], labels: ArrayLike<number>, seed: number): number {
  const k = new Set(Array.from(labels)).size;
  return nmi(sphericalKmeans(centre(vectors), k, seed).assignments, labels);
}
