// A Pratt parser with jmespath.py's binding powers, node shapes, quirks and error messages, so that
// what parses (and where it fails) is exactly what `aws --query` accepts.
import { JsonValue } from '../json/values';
import { pyStr } from '../json/print';
import { syntaxError, JmesPathError } from './errors';
import { Token, TokenType, tokenize } from './lexer';

export type Node =
  | { type: 'field'; name: string; start: number }
  | { type: 'literal'; value: JsonValue }
  | { type: 'identity' }
  | { type: 'current' }
  | { type: 'index'; index: number | bigint }
  | { type: 'slice'; start: number | bigint | null; stop: number | bigint | null; step: number | bigint | null }
  | { type: 'subexpression'; children: Node[] }
  | { type: 'index_expression'; children: Node[] }
  | { type: 'pipe'; left: Node; right: Node }
  | { type: 'projection'; left: Node; right: Node }
  | { type: 'value_projection'; left: Node; right: Node }
  | { type: 'filter_projection'; left: Node; right: Node; condition: Node }
  | { type: 'flatten'; child: Node }
  | { type: 'comparator'; op: Comparator; left: Node; right: Node }
  | { type: 'or' | 'and'; left: Node; right: Node }
  | { type: 'not'; child: Node }
  | { type: 'expref'; child: Node }
  | { type: 'function'; name: string; args: Node[]; start: number }
  | { type: 'multi_select_list'; children: Node[] }
  | { type: 'multi_select_hash'; pairs: { key: string; value: Node }[] };

export type Comparator = 'eq' | 'ne' | 'lt' | 'gt' | 'lte' | 'gte';

const BINDING_POWER: Record<TokenType, number> = {
  eof: 0, unquoted_identifier: 0, quoted_identifier: 0, literal: 0, rbracket: 0, rparen: 0,
  comma: 0, rbrace: 0, number: 0, current: 0, expref: 0, colon: 0,
  pipe: 1, or: 2, and: 3, eq: 5, gt: 5, lt: 5, gte: 5, lte: 5, ne: 5, flatten: 9,
  star: 20, filter: 21, dot: 40, not: 45, lbrace: 50, lbracket: 55, lparen: 60,
};
const PROJECTION_STOP = 10;

const IDENTITY: Node = { type: 'identity' };

export function parse(expression: string): Node {
  return new Parser(expression).parseAll();
}

/** [start, end) of a node in code points, from its first token to its last. */
export type Span = [number, number];

/** Parses and records where each node sits in the text (for editor features: hover, lints). */
export function parseWithSpans(expression: string): { ast: Node; spans: Map<Node, Span> } {
  const spans = new Map<Node, Span>();
  const ast = new Parser(expression, spans).parseAll();
  return { ast, spans };
}

class Parser {
  private tokens: Token[];
  private index = 0;

  constructor(private readonly expression: string, private readonly spans?: Map<Node, Span>) {
    this.tokens = tokenize(expression);
  }

  /** Records `node` as running from `start` to the end of the last token consumed. */
  private mark<T extends Node>(node: T, start: number): T {
    if (this.spans && node !== IDENTITY) this.spans.set(node, [start, this.token(-1).end]);
    return node;
  }

  parseAll(): Node {
    const node = this.expression_(0);
    if (this.current() !== 'eof') {
      const t = this.token(0);
      throw this.parseError(t, `Unexpected token: ${pyStr(t.value)}`);
    }
    return node;
  }

  private current(): TokenType {
    return this.tokens[this.index].type;
  }
  private token(offset: number): Token {
    return this.tokens[this.index + offset];
  }
  private advance(): void {
    this.index++;
  }

  private expression_(bindingPower: number): Node {
    const leftToken = this.token(0);
    this.advance();
    let left = this.mark(this.nud(leftToken), leftToken.start);
    let current = this.current();
    while (bindingPower < BINDING_POWER[current]) {
      const token = this.token(0);
      this.advance();
      left = this.mark(this.led(token, left), leftToken.start);
      current = this.current();
    }
    return left;
  }

  private nud(token: Token): Node {
    switch (token.type) {
      case 'literal':
        return { type: 'literal', value: token.value };
      case 'unquoted_identifier':
        return { type: 'field', name: token.value as string, start: token.start };
      case 'quoted_identifier':
        if (this.current() === 'lparen') {
          // jmespath.py reports this one at column 0
          throw this.parseError({ ...this.token(0), start: 0 }, 'Quoted identifier not allowed for function names.');
        }
        return { type: 'field', name: token.value as string, start: token.start };
      case 'star': {
        const right = this.current() === 'rbracket' ? IDENTITY : this.projectionRhs(BINDING_POWER.star);
        return { type: 'value_projection', left: IDENTITY, right };
      }
      case 'filter':
        return this.filter(IDENTITY);
      case 'lbrace':
        return this.multiSelectHash();
      case 'lparen': {
        const inner = this.expression_(0);
        this.match('rparen');
        return inner;
      }
      case 'flatten':
        return { type: 'projection', left: { type: 'flatten', child: IDENTITY }, right: this.projectionRhs(BINDING_POWER.flatten) };
      case 'not':
        return { type: 'not', child: this.expression_(BINDING_POWER.not) };
      case 'lbracket':
        if (this.current() === 'number' || this.current() === 'colon') {
          return this.projectIfSlice(IDENTITY, this.indexExpression());
        }
        if (this.current() === 'star' && this.token(1).type === 'rbracket') {
          this.advance();
          this.advance();
          return { type: 'projection', left: IDENTITY, right: this.projectionRhs(BINDING_POWER.star) };
        }
        return this.multiSelectList();
      case 'current':
        return { type: 'current' };
      case 'expref':
        return { type: 'expref', child: this.expression_(BINDING_POWER.expref) };
      case 'eof':
        throw this.incomplete();
      default:
        throw this.parseError(token, 'invalid token');
    }
  }

  private led(token: Token, left: Node): Node {
    switch (token.type) {
      case 'dot':
        if (this.current() !== 'star') {
          const right = this.dotRhs(BINDING_POWER.dot);
          if (left.type === 'subexpression') {
            left.children.push(right);
            return left;
          }
          return { type: 'subexpression', children: [left, right] };
        }
        this.advance();
        return { type: 'value_projection', left, right: this.projectionRhs(BINDING_POWER.dot) };
      case 'pipe':
        return { type: 'pipe', left, right: this.expression_(BINDING_POWER.pipe) };
      case 'or':
      case 'and':
        return { type: token.type, left, right: this.expression_(BINDING_POWER[token.type]) };
      case 'lparen':
        return this.functionCall(left);
      case 'filter':
        return this.filter(left);
      case 'eq': case 'ne': case 'gt': case 'gte': case 'lt': case 'lte':
        return { type: 'comparator', op: token.type, left, right: this.expression_(BINDING_POWER[token.type]) };
      case 'flatten': {
        const flatten = this.mark({ type: 'flatten', child: left }, this.spans?.get(left)?.[0] ?? token.start);
        return { type: 'projection', left: flatten, right: this.projectionRhs(BINDING_POWER.flatten) };
      }
      case 'lbracket': {
        const t = this.token(0);
        if (t.type === 'number' || t.type === 'colon') {
          const right = this.indexExpression();
          if (left.type === 'index_expression') {
            left.children.push(right);
            return left;
          }
          return this.projectIfSlice(left, right);
        }
        this.match('star');
        this.match('rbracket');
        return { type: 'projection', left, right: this.projectionRhs(BINDING_POWER.star) };
      }
      default:
        throw this.parseError(token, 'invalid token');
    }
  }

  private functionCall(left: Node): Node {
    if (left.type !== 'field') {
      const nameToken = this.token(-2);
      throw this.parseError(nameToken, `Invalid function name '${pyStr(nameToken.value)}'`);
    }
    const args: Node[] = [];
    while (this.current() !== 'rparen') {
      const arg = this.expression_(0);
      if (this.current() === 'comma') this.match('comma');
      args.push(arg);
    }
    this.match('rparen');
    return { type: 'function', name: left.name, args, start: left.start };
  }

  private filter(left: Node): Node {
    const condition = this.expression_(0);
    this.match('rbracket');
    const right = this.current() === 'flatten' ? IDENTITY : this.projectionRhs(BINDING_POWER.filter);
    return { type: 'filter_projection', left, right, condition };
  }

  private indexExpression(): Node {
    if (this.token(0).type === 'colon' || this.token(1).type === 'colon') return this.sliceExpression();
    const node: Node = { type: 'index', index: this.token(0).value as number | bigint };
    this.advance();
    this.match('rbracket');
    return node;
  }

  private sliceExpression(): Node {
    const parts: (number | bigint | null)[] = [null, null, null];
    let index = 0;
    let current = this.current();
    while (current !== 'rbracket' && index < 3) {
      if (current === 'colon') {
        index++;
        if (index === 3) throw this.parseError(this.token(0), 'syntax error');
        this.advance();
      } else if (current === 'number') {
        parts[index] = this.token(0).value as number | bigint;
        this.advance();
      } else {
        throw this.parseError(this.token(0), 'syntax error');
      }
      current = this.current();
    }
    this.match('rbracket');
    return { type: 'slice', start: parts[0], stop: parts[1], step: parts[2] };
  }

  private projectIfSlice(left: Node, right: Node): Node {
    const indexExpression: Node = { type: 'index_expression', children: [left, right] };
    if (right.type === 'slice') {
      return { type: 'projection', left: indexExpression, right: this.projectionRhs(BINDING_POWER.star) };
    }
    return indexExpression;
  }

  private multiSelectList(): Node {
    const children: Node[] = [];
    for (;;) {
      children.push(this.expression_(0));
      if (this.current() === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return { type: 'multi_select_list', children };
  }

  private multiSelectHash(): Node {
    const pairs: { key: string; value: Node }[] = [];
    for (;;) {
      const keyToken = this.token(0);
      if (this.current() !== 'quoted_identifier' && this.current() !== 'unquoted_identifier') {
        throw this.maybeIncomplete("['quoted_identifier', 'unquoted_identifier']", keyToken);
      }
      this.advance();
      this.match('colon');
      pairs.push({ key: keyToken.value as string, value: this.expression_(0) });
      if (this.current() === 'comma') {
        this.match('comma');
      } else if (this.current() === 'rbrace') {
        this.match('rbrace');
        break;
      }
    }
    return { type: 'multi_select_hash', pairs };
  }

  private projectionRhs(bindingPower: number): Node {
    const current = this.current();
    if (BINDING_POWER[current] < PROJECTION_STOP) return IDENTITY;
    if (current === 'lbracket' || current === 'filter') return this.expression_(bindingPower);
    if (current === 'dot') {
      this.match('dot');
      return this.dotRhs(bindingPower);
    }
    throw this.parseError(this.token(0), 'syntax error');
  }

  private dotRhs(bindingPower: number): Node {
    const lookahead = this.current();
    if (lookahead === 'quoted_identifier' || lookahead === 'unquoted_identifier' || lookahead === 'star') {
      return this.expression_(bindingPower);
    }
    if (lookahead === 'lbracket') {
      this.match('lbracket');
      return this.multiSelectList();
    }
    if (lookahead === 'lbrace') {
      this.match('lbrace');
      return this.multiSelectHash();
    }
    const t = this.token(0);
    throw this.parseError(t, `Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: ${t.type}`);
  }

  private match(type: TokenType): void {
    if (this.current() === type) {
      this.advance();
    } else {
      throw this.maybeIncomplete(type, this.token(0));
    }
  }

  private maybeIncomplete(expected: string, token: Token): JmesPathError {
    if (token.type === 'eof') return this.incomplete();
    return this.parseError(token, `Expecting: ${expected}, got: ${token.type}`);
  }

  private incomplete(): JmesPathError {
    const column = Array.from(this.expression).length;
    return syntaxError(
      `Invalid jmespath expression: Incomplete expression:\n"${this.expression}"\n${' '.repeat(column + 1)}^`,
      column,
      this.expression,
    );
  }

  private parseError(token: Token, reason: string): JmesPathError {
    return syntaxError(
      `${reason}: Parse error at column ${token.start}, token "${pyStr(token.value)}" (${token.type.toUpperCase()}), ` +
        `for expression:\n"${this.expression}"\n${' '.repeat(token.start + 1)}^`,
      token.start,
      this.expression,
    );
  }
}
