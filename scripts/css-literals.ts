/**
 * Build step: minifies the text of Lit `css` tagged templates in TypeScript source. esbuild and Vite
 * minify code, not the CSS inside template literals, so without this every indent and comment of the
 * styles ships to the browser. Used by `vite.config.ts` (the package build) and `bench/bundle` (so the
 * bench measures what ships). Pure string code, no Node imports, so a browser test can run it too.
 */

/** Collapses the insignificant whitespace and comments of a piece of CSS; strings stay as written. */
export function minifyCss(text: string): string {
  let depth = 0; // Parentheses open before the current piece, across strings.
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      // Around braces and semicolons, and after a colon, whitespace never matters. Spaces before a
      // colon (`:host ::slotted`) and around `+`/`-` (`calc()`) do, so they stay.
      const collapsed = part
        .replace(/\s+/g, ' ')
        .replace(/ ?([{};]) ?/g, '$1')
        .replace(/: /g, ':')
        .replace(/;}/g, '}');
      // Commas: only outside parentheses (selector and value lists). Inside `var(a, b)` the CSSOM keeps
      // the space as part of the fallback, so parentheses are left as written.
      let out = '';
      for (let j = 0; j < collapsed.length; j++) {
        const c = collapsed[j]!;
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        if (c === ',' && depth === 0) {
          out = out.trimEnd() + ',';
          if (collapsed[j + 1] === ' ') j++;
        } else {
          out += c;
        }
      }
      return out;
    })
    .join('');
}

/**
 * Minifies every `css\`...\`` template in `source`. The text between `${...}` interpolations is minified
 * piece by piece; the interpolations are kept as written.
 */
export function minifyCssLiterals(source: string): string {
  let out = '';
  let from = 0;
  for (const match of source.matchAll(/\bcss`/g)) {
    const start = match.index + match[0].length;
    if (start <= from) continue;
    const end = literalEnd(source, start);
    if (end < 0) break;
    out += source.slice(from, start) + minifyTemplate(source.slice(start, end));
    from = end;
  }
  return out + source.slice(from);
}

/** Index of the closing backtick of the template whose text starts at `start`, or −1. */
function literalEnd(source: string, start: number): number {
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '`') return i;
    else if (c === '$' && source[i + 1] === '{') {
      i = interpolationEnd(source, i + 2);
      if (i < 0) return -1;
    }
  }
  return -1;
}

/** Index of the `}` that closes an interpolation whose body starts at `start`, or −1. */
function interpolationEnd(source: string, start: number): number {
  let depth = 1;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    else if (c === '`' || c === '"' || c === "'") return -1; // Not expected in styles: leave the file as it is.
  }
  return -1;
}

/** Minifies the text pieces of one template body, keeping `${...}` parts verbatim. */
function minifyTemplate(body: string): string {
  const pieces: string[] = [];
  let text = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '$' && body[i + 1] === '{') {
      const end = interpolationEnd(body, i + 2);
      pieces.push(minifyCss(text), body.slice(i, end + 1));
      text = '';
      i = end;
    } else {
      text += body[i];
    }
  }
  pieces.push(minifyCss(text));
  return pieces.join('').trim();
}
