// Signature help: the function call the cursor is in, and which argument it is on.
import { FUNCTION_DOCS, FunctionDoc, parameterLabels, signatureText } from './functionDocs';
import { closingQuote, scanPrefix } from './scan';

export interface SignatureInfo {
  doc: FunctionDoc;
  /** `sort_by(array $elements, expression->number|expression->string $expr) -> array` */
  label: string;
  /** [start, end) of each parameter inside `label`. */
  parameters: [number, number][];
  /** 0-based; a repeated (variadic) last parameter stays active. */
  activeParameter: number;
  /** What the active parameter accepts, in words. */
  accepts: string;
  /** What each parameter accepts, in words. */
  parameterAccepts: string[];
}

export function signatureHelp(query: string, offset: number): SignatureInfo | undefined {
  const before = query.slice(0, offset);
  const state = scanPrefix(before);
  if (state.quote && state.quote.char !== "'" && state.quote.char !== '`') return undefined;
  for (let k = state.open.length - 1; k >= 0; k--) {
    const { opener, offset: at } = state.open[k];
    if (opener !== '(') continue;
    const name = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(before.slice(0, at))?.[1];
    const doc = name ? FUNCTION_DOCS.get(name) : undefined;
    if (!doc) return undefined; // a parenthesised expression, or an unknown function
    const label = signatureText(doc);
    const labels = parameterLabels(doc);
    const parameters: [number, number][] = [];
    let from = doc.name.length + 1;
    for (const l of labels) {
      const s = label.indexOf(l, from);
      parameters.push([s, s + l.length]);
      from = s + l.length;
    }
    const commas = topLevelCommas(before.slice(at + 1));
    const activeParameter = doc.variadic ? Math.min(commas, doc.params.length - 1) : commas;
    const param = doc.params[Math.min(activeParameter, doc.params.length - 1)];
    return {
      doc, label, parameters, activeParameter, accepts: param ? accepts(param.display) : '',
      parameterAccepts: doc.params.map((x) => accepts(x.display)),
    };
  }
  return undefined;
}

function topLevelCommas(args: string): number {
  let depth = 0;
  let commas = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === "'" || c === '`' || c === '"') {
      const end = closingQuote(args, i);
      if (end < 0) break;
      i = end;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) commas++;
  }
  return commas;
}

function accepts(display: string): string {
  const words = display.split('|').map((t) => {
    if (t === 'any') return 'any value';
    const array = /^array\[(\w+)\]$/.exec(t);
    if (array) return `an array of ${array[1]}s`;
    const ref = /^expression->(\w+)$/.exec(t);
    if (ref) return `an &expression giving a ${ref[1]}`;
    if (t === 'expression') return 'an &expression';
    return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
  });
  return `Accepts ${words.join(' or ')}.`;
}
