/**
 * A title's or heading's leading section number ("6.5. ", "A.3. ", "2) ", "Chapter 15. ", "Appendix A. "): a book's
 * numbering, its place in the outline, not part of what the page is called or about. A version or a year is not one:
 * "3.2.1 release notes" and "2009 in review" have no closing period or parenthesis after the number.
 */
const KEYWORD = "(?:[Cc]hapter|CHAPTER|[Aa]ppendix|APPENDIX|[Pp]art|PART|[Ss]ection|SECTION)";
// roman numerals upper-case only, so words of the letters i, v, x, l, c ("civic.") are left alone
const NUMBER = "(?:[0-9]+|[A-Z]|[IVXLC]+)";
const SECTION_NUMBER = new RegExp(`^(?:${KEYWORD}\\s+)?${NUMBER}(?:\\.[0-9]+)*[.)]\\s+`);

export function withoutSectionNumber(text: string): string {
  return text.trim().replace(SECTION_NUMBER, "");
}
