import { needsSegmentation, segmentWords } from "../language/segment";

/**
 * Lowercase word tokens from main-content text. Dotted identifiers (`asyncio.gather`,
 * `os.path.join`) and versions (`3.11`) stay whole because on documentation sites they name
 * the topic; other punctuation is dropped because it carries no topical signal. Runs of Chinese,
 * Japanese or Thai are split into words as the analysis splits them (ICU's dictionary), so a
 * sentence is a sequence of words, not one token.
 */
const TOKEN_PATTERN = /[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*|\p{N}+(?:\.\p{N}+)*/gu;

export function tokenize(text: string): string[] {
  const tokens = text.toLowerCase().match(TOKEN_PATTERN) ?? [];
  if (!needsSegmentation(text)) return tokens;
  return tokens.flatMap((t) => (needsSegmentation(t) ? segmentWords(t) : [t]));
}
