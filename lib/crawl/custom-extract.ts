import { load } from "cheerio/slim";
import { AppError } from "../errors";

/**
 * Custom extraction: per-site rules that read one value from each page with a CSS selector (an attribute with
 * `@attribute`, else the text), evaluated with Cheerio on the page as it was read (raw, or rendered when the page
 * was rendered). Pages are parsed with Cheerio only when the scan has rules; its slim build (htmlparser2, as the crawler
 * reads pages) loads in a tenth of the full build's time.
 */
export interface ExtractionRule {
  name: string;
  selector: string;
  /** the attribute to read from the matched elements; null reads their text */
  attribute: string | null;
}

export const MAX_EXTRACTION_RULES = 20;
export const MAX_SELECTOR_LENGTH = 500;
export const MAX_RULE_NAME_LENGTH = 40;
/** Characters a value keeps (a price, a date, a breadcrumb trail); longer text is cut. */
export const MAX_EXTRACTED_VALUE_LENGTH = 1_000;
/** Elements whose values are joined per rule at most (a breadcrumb's items, several authors). */
const MAX_MATCHES = 20;
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ATTRIBUTE_SUFFIX = /@([A-Za-z_:][-A-Za-z0-9_:.]*)$/;
/** Joins the values of several matched elements. */
export const VALUE_SEPARATOR = " | ";

/** `SELECTOR[@attribute]` as a rule named `name`; throws AppError invalid_input with the reason. */
export function parseRule(name: string, spec: string): ExtractionRule {
  if (!NAME.test(name) || name.length > MAX_RULE_NAME_LENGTH) {
    throw new AppError("invalid_input", `extraction rule name "${name.slice(0, 60)}": letters, digits, _ and -, starting with a letter, at most ${MAX_RULE_NAME_LENGTH} characters`);
  }
  const trimmed = spec.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_SELECTOR_LENGTH) throw new AppError("invalid_input", `extraction rule ${name}: the selector must have 1 to ${MAX_SELECTOR_LENGTH} characters`);
  const m = ATTRIBUTE_SUFFIX.exec(trimmed);
  const selector = (m ? trimmed.slice(0, m.index) : trimmed).trim();
  if (!selector) throw new AppError("invalid_input", `extraction rule ${name}: no selector before @${m?.[1]}`);
  return { name, selector, attribute: m ? m[1] : null };
}

/** `NAME=SELECTOR[@attribute]` (the command line's form). */
export function parseRuleArgument(arg: string): ExtractionRule {
  const at = arg.indexOf("=");
  if (at <= 0) throw new AppError("invalid_input", `--extract takes NAME=SELECTOR[@attribute], got "${arg.slice(0, 80)}"`);
  return parseRule(arg.slice(0, at).trim(), arg.slice(at + 1));
}

/** Rules from `{ NAME: "SELECTOR[@attribute]" }` (the API's and site settings' form), at most MAX_EXTRACTION_RULES. */
export function parseRuleMap(map: Record<string, string>): ExtractionRule[] {
  return checkRules(Object.entries(map).map(([name, spec]) => parseRule(name, spec)));
}

/** The map form of rules (what the API and settings show). */
export function ruleMap(rules: ExtractionRule[]): Record<string, string> {
  return Object.fromEntries(rules.map((r) => [r.name, r.attribute ? `${r.selector}@${r.attribute}` : r.selector]));
}

/** Checks the count, duplicate names, and that every selector compiles. */
export function checkRules(rules: ExtractionRule[]): ExtractionRule[] {
  if (rules.length > MAX_EXTRACTION_RULES) throw new AppError("invalid_input", `at most ${MAX_EXTRACTION_RULES} extraction rules (got ${rules.length})`);
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.name)) throw new AppError("invalid_input", `extraction rule ${r.name} is given twice`);
    seen.add(r.name);
  }
  return rules;
}

export type FieldValues = Record<string, string | null>;
export type RuleEvaluator = (html: string) => FieldValues;

/** Compiles the rules; a selector Cheerio cannot read is an AppError invalid_input. */
export async function compileRules(rules: ExtractionRule[]): Promise<RuleEvaluator> {
  const probe = load("<html><body></body></html>");
  for (const r of rules) {
    try {
      probe(r.selector);
    } catch (e) {
      throw new AppError("invalid_input", `extraction rule ${r.name}: "${r.selector.slice(0, 80)}" is not a CSS selector Cheerio reads (${(e as Error).message.split("\n")[0]})`);
    }
  }
  return (html) => {
    const $ = load(html);
    const out: FieldValues = {};
    for (const r of rules) {
      const values: string[] = [];
      $(r.selector)
        .slice(0, MAX_MATCHES)
        .each((_, el) => {
          const v = (r.attribute ? $(el).attr(r.attribute) ?? "" : $(el).text()).replace(/\s+/g, " ").trim();
          if (v && !values.includes(v)) values.push(v);
        });
      const joined = values.join(VALUE_SEPARATOR);
      out[r.name] = joined ? joined.slice(0, MAX_EXTRACTED_VALUE_LENGTH) : null;
    }
    return out;
  };
}
