/**
 * Warm start from a previous scan of the same site: recurrent weights are copied as they are;
 * embedding and output rows are copied for words present in both vocabularies, so new words
 * start from the fresh initialisation and words that disappeared are dropped.
 */
import { AppError } from "@/lib/errors";
import { paramShape, type ModelShape, type ParamValues } from "./model";
import type { Vocabulary } from "./vocabulary";

export function warmStartValues(
  fresh: ParamValues,
  shape: ModelShape,
  previous: ParamValues,
  previousShape: ModelShape,
  previousVocab: readonly string[],
  vocab: Vocabulary,
): { values: ParamValues; sharedWords: number } {
  if (previousShape.cell !== shape.cell || previousShape.embeddingDim !== shape.embeddingDim || previousShape.hiddenUnits !== shape.hiddenUnits) {
    throw new AppError("invalid_input", "warm start needs the same cell, embedding size and hidden size as the saved encoder");
  }
  const values: ParamValues = {
    ...fresh,
    inputKernel: previous.inputKernel.slice(),
    bias: previous.bias.slice(),
    recurrentKernel: previous.recurrentKernel.slice(),
    recurrentBias: previous.recurrentBias.slice(),
    embedding: fresh.embedding.slice(),
    outputKernel: fresh.outputKernel.slice(),
    outputBias: fresh.outputBias.slice(),
  };
  const e = paramShape(shape, "embedding")[1];
  const h = paramShape(shape, "outputKernel")[1];
  let sharedWords = 0;
  previousVocab.forEach((word, oldId) => {
    const newId = vocab.idOf(word);
    // <unk> maps to itself; any other unknown word falls to id 0 and must not overwrite it.
    if (newId === 0 && oldId !== 0) return;
    sharedWords++;
    values.embedding.set(previous.embedding.subarray(oldId * e, (oldId + 1) * e), newId * e);
    values.outputKernel.set(previous.outputKernel.subarray(oldId * h, (oldId + 1) * h), newId * h);
    values.outputBias[newId] = previous.outputBias[oldId];
  });
  return { values, sharedWords };
}
