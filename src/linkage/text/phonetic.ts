/**
 * Soundex for Latin-script names: the blocking key that lets "stubbs" and "stubs" meet.
 *
 * @example
 * soundex('Robert') // 'r163'
 * soundex('Rupert') // 'r163'
 */

//                      a b c d e f g h i j k l m n o p q r s t u v w x y z
const CODES = Array.from('01230120022455012623010202', (c) => Number(c));

export function soundex(name: string): string {
  const s = name.toLowerCase();
  let out = '';
  let last = -1;
  for (let i = 0; i < s.length && out.length < 4; i++) {
    const c = s.charCodeAt(i) - 97;
    if (c < 0 || c > 25) continue;
    const code = CODES[c]!;
    if (out.length === 0) {
      out = s[i]!;
      last = code;
      continue;
    }
    if (code !== 0 && code !== last) out += String(code);
    // h and w do not separate two letters with the same code; vowels do.
    if (c !== 7 && c !== 22) last = code;
  }
  return out.length === 0 ? '' : out.padEnd(4, '0');
}
