// Tokenizer with jmespath.py's token kinds, positions (in code points) and error messages.
import { JsonValue, makeInt } from '../json/values';
import { parseJson } from '../json/parse';
import { syntaxError, JmesPathError } from './errors';

export type TokenType =
  | 'eof' | 'unquoted_identifier' | 'quoted_identifier' | 'literal' | 'rbracket' | 'rparen' | 'comma'
  | 'rbrace' | 'number' | 'current' | 'expref' | 'colon' | 'pipe' | 'or' | 'and' | 'eq' | 'gt' | 'lt'
  | 'gte' | 'lte' | 'ne' | 'flatten' | 'star' | 'filter' | 'dot' | 'not' | 'lbrace' | 'lbracket' | 'lparen';

export interface Token {
  type: TokenType;
  value: JsonValue;
  start: number;
  /** End offset in code points (for editor features such as field-name diagnostics). */
  end: number;
}

const SIMPLE: Record<string, TokenType> = {
  '.': 'dot', '*': 'star', ']': 'rbracket', ',': 'comma', ':': 'colon', '@': 'current',
  '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace',
};

const isIdentStart = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z_]$/.test(c);
const isIdentChar = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function tokenize(expression: string): Token[] {
  if (expression === '') {
    const e = new JmesPathError('syntax', 'Invalid JMESPath expression: cannot be empty.');
    e.column = 0;
    e.expression = expression;
    throw e;
  }
  const chars = Array.from(expression); // code points, as Python indexes strings
  const n = chars.length;
  const tokens: Token[] = [];
  const lexError = (pos: number, message: string): JmesPathError =>
    syntaxError(`Bad jmespath expression: ${message}:\n${expression}\n${' '.repeat(pos)}^`, pos, expression);

  // jmespath.py's _consume_until: keeps backslashes, lets `\<delim>` through
  const consumeUntil = (start: number, delim: string): { text: string; next: number } => {
    let i = start + 1;
    let buff = '';
    while (chars[i] !== delim) {
      if (chars[i] === '\\') {
        buff += '\\';
        i++;
      }
      if (i >= n) throw lexError(start, `Unclosed ${delim} delimiter`);
      buff += chars[i];
      i++;
    }
    return { text: buff, next: i + 1 };
  };
  const twoChar = (i: number, second: string, yes: TokenType, no: TokenType): number => {
    if (chars[i + 1] === second) {
      tokens.push({ type: yes, value: chars[i] + second, start: i, end: i + 2 });
      return i + 2;
    }
    tokens.push({ type: no, value: chars[i], start: i, end: i + 1 });
    return i + 1;
  };

  let i = 0;
  while (i < n) {
    const c = chars[i];
    const simple = SIMPLE[c];
    if (simple) {
      tokens.push({ type: simple, value: c, start: i, end: i + 1 });
      i++;
    } else if (isIdentStart(c)) {
      const start = i;
      while (isIdentChar(chars[i + 1])) i++;
      i++;
      tokens.push({ type: 'unquoted_identifier', value: chars.slice(start, i).join(''), start, end: i });
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '[') {
      const next = chars[i + 1];
      if (next === ']') tokens.push({ type: 'flatten', value: '[]', start: i, end: i + 2 });
      else if (next === '?') tokens.push({ type: 'filter', value: '[?', start: i, end: i + 2 });
      else tokens.push({ type: 'lbracket', value: '[', start: i, end: i + 1 });
      i += next === ']' || next === '?' ? 2 : 1;
    } else if (c === "'") {
      const { text, next } = consumeUntil(i, "'");
      tokens.push({ type: 'literal', value: text.replace(/\\'/g, "'"), start: i, end: next });
      i = next;
    } else if (c === '|') {
      i = twoChar(i, '|', 'or', 'pipe');
    } else if (c === '&') {
      i = twoChar(i, '&', 'and', 'expref');
    } else if (c === '`') {
      const start = i;
      const { text, next } = consumeUntil(i, '`');
      const lexeme = text.replace(/\\`/g, '`');
      tokens.push({ type: 'literal', value: parseLiteral(lexeme, () => lexError(start, `Bad token ${lexeme}`)), start, end: next });
      i = next;
    } else if (isDigit(c) || c === '-') {
      const start = i;
      i++;
      while (isDigit(chars[i])) i++;
      const text = chars.slice(start, i).join('');
      if (text === '-') throw lexError(start, "Unknown token '-'");
      tokens.push({ type: 'number', value: makeInt(BigInt(text)), start, end: i });
    } else if (c === '"') {
      const start = i;
      const { text, next } = consumeUntil(i, '"');
      tokens.push({ type: 'quoted_identifier', value: parseQuotedIdentifier(text, start, lexError), start, end: next });
      i = next;
    } else if (c === '<') {
      i = twoChar(i, '=', 'lte', 'lt');
    } else if (c === '>') {
      i = twoChar(i, '=', 'gte', 'gt');
    } else if (c === '!') {
      i = twoChar(i, '=', 'ne', 'not');
    } else if (c === '=') {
      if (chars[i + 1] === '=') {
        tokens.push({ type: 'eq', value: '==', start: i, end: i + 2 });
        i += 2;
      } else {
        throw lexError(i, "Unknown token '='");
      }
    } else {
      throw lexError(i, `Unknown token ${c}`);
    }
  }
  tokens.push({ type: 'eof', value: '', start: n, end: n });
  return tokens;
}

/** A backtick literal: JSON, or (the legacy form the CLI still accepts) the text as a string. */
function parseLiteral(lexeme: string, fail: () => JmesPathError): JsonValue {
  try {
    return parsePythonJson(lexeme);
  } catch {
    try {
      return parsePythonJson(`"${lexeme.replace(/^[ \t\n\r\f\v]+/, '')}"`);
    } catch {
      throw fail();
    }
  }
}

function parsePythonJson(text: string): JsonValue {
  return parseJson(text, { pythonLiterals: true }).value;
}

function parseQuotedIdentifier(
  text: string,
  start: number,
  lexError: (pos: number, message: string) => JmesPathError,
): string {
  try {
    return parsePythonJson(`"${text}"`) as string;
  } catch {
    throw lexError(start, pythonStringError(text));
  }
}

/** The first problem Python's json module finds in a string body, in its words (up to the colon). */
function pythonStringError(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) return 'Invalid control character at';
    if (text[i] === '\\') {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return 'Invalid \\uXXXX escape';
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
        i++;
      } else {
        return 'Invalid \\escape';
      }
    }
  }
  return 'Extra data';
}
