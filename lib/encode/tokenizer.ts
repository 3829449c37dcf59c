/**
 * Lowercase word tokens from main-content text. Dotted identifiers (`asyncio.gather`,
 * `os.path.join`) and versions (`3.11`) stay whole because on documentation sites they name
 * the topic; other punctuation is dropped because it carries no topical signal.
 */
const TOKEN_PATTERN = /[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*|\p{N}+(?:\.\p{N}+)*/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN_PATTERN) ?? [];
}
