/**
 * pdf-lib's standard fonts (Helvetica, Courier) encode only WinAnsi (Windows-1252) and throw on
 * anything else. Documents and names come from other systems in any Unicode, so every string
 * drawn in a pack goes through here first: a character that cannot be drawn becomes "?" (or its
 * unaccented letter) instead of failing the whole pack.
 */

/** The characters Windows-1252 puts in 0x80–0x9F (PDF 32000-1, Annex D.2, WinAnsiEncoding). */
const cp1252Extras = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || cp1252Extras.has(char);
}

/** "ő" has no WinAnsi glyph but "o" is a fair reading; "ł" or "→" have none, so "?". */
function fallback(char: string): string {
  const base = char.normalize("NFKD").replace(/\p{M}/gu, "");
  return base.length > 0 && [...base].every(isWinAnsi) ? base : "?";
}

/**
 * One line of drawable text: tabs become spaces, other control characters go (a line break in a
 * name must not break the layout), and the rest is WinAnsi or replaced.
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    if (char === "\t") out += "    ";
    else if (isWinAnsi(char)) out += char;
    else if (/[\p{Cc}\p{Cf}]/u.test(char)) continue;
    else out += fallback(char);
  }
  return out;
}
