// Checks the field names of a --query expression against the output shape of the operation it runs
// on: `Instances[0].InstanceID` is a silent null at run time; here it is an error with a suggestion.
// Where the shape is unknown (functions, multiselects, maps, literals) nothing is reported.
import type { Node } from '../jmespath/parser';
import { ShapeTree, isList, isMap, isStructure, suggest } from './model';

export interface FieldProblem {
  /** Code-point offsets of the field name in the expression (quotes included for quoted names). */
  start: number;
  end: number;
  name: string;
  parent: string;
  suggestion?: string;
  message: string;
}

type Shape = ShapeTree | undefined;

/** Names for messages: the member path's last segment, or "the output". */
interface Cursor {
  shape: Shape;
  label: string;
}

const SAME_SHAPE_FUNCTIONS = new Set(['sort_by', 'reverse', 'sort', 'to_array', 'not_null']);
const ELEMENT_FUNCTIONS = new Set(['max_by', 'min_by']);
const EXPREF_OVER_ELEMENTS = new Set(['sort_by', 'max_by', 'min_by', 'map']);

export function checkQueryFields(ast: Node, output: ShapeTree, expression: string, rootLabel = 'the output'): FieldProblem[] {
  return analyzeQuery(ast, output, expression, rootLabel).problems;
}

/** The shape a (partial) expression leads to, for completing the next field name. */
export function shapeAfter(ast: Node | undefined, output: ShapeTree): ShapeTree | undefined {
  return ast ? analyzeQuery(ast, output, '', 'the output').shape : output;
}

/** Walks the expression over the output shape: the field problems met and the shape it ends on. */
function analyzeQuery(ast: Node, output: ShapeTree, expression: string, rootLabel: string): { problems: FieldProblem[]; shape: Shape } {
  const problems: FieldProblem[] = [];
  const chars = Array.from(expression);

  const fieldEnd = (start: number): number => {
    if (chars[start] === '"') {
      let i = start + 1;
      while (i < chars.length && chars[i] !== '"') i += chars[i] === '\\' ? 2 : 1;
      return Math.min(i + 1, chars.length);
    }
    let i = start;
    while (i < chars.length && /[A-Za-z0-9_]/.test(chars[i])) i++;
    return i;
  };

  const elementOf = (c: Cursor): Cursor => ({ shape: isList(c.shape) ? c.shape[0] : undefined, label: singular(c.label) });
  const unknown: Cursor = { shape: undefined, label: '' };

  const walk = (node: Node, c: Cursor): Cursor => {
    switch (node.type) {
      case 'field': {
        if (isStructure(c.shape)) {
          const member = c.shape[node.name];
          if (member !== undefined) return { shape: member, label: node.name };
          const suggestion = suggest(node.name, Object.keys(c.shape));
          problems.push({
            start: node.start, end: fieldEnd(node.start), name: node.name, parent: c.label, suggestion,
            message: `${node.name} is not a field of ${c.label}${suggestion ? `; did you mean ${suggestion}?` : '.'} (the query would give null)`,
          });
          return unknown;
        }
        if (isMap(c.shape)) return { shape: c.shape['*'], label: node.name };
        return unknown;
      }
      case 'subexpression':
      case 'index_expression':
        return node.children.reduce((acc, child) => walk(child, acc), c);
      case 'pipe':
        return walk(node.right, walk(node.left, c));
      case 'identity':
      case 'current':
        return c;
      case 'index':
        return elementOf(c);
      case 'slice':
        return c;
      case 'flatten': {
        const base = walk(node.child, c);
        const inner = elementOf(base);
        return isList(inner.shape) ? inner : base;
      }
      case 'projection': {
        const base = walk(node.left, c);
        const element = walk(node.right, elementOf(base));
        return { shape: element.shape === undefined ? undefined : [element.shape], label: element.label };
      }
      case 'filter_projection': {
        const base = walk(node.left, c);
        walk(node.condition, elementOf(base));
        const element = walk(node.right, elementOf(base));
        return { shape: element.shape === undefined ? undefined : [element.shape], label: element.label };
      }
      case 'value_projection': {
        const base = walk(node.left, c);
        if (isMap(base.shape)) {
          const element = walk(node.right, { shape: base.shape['*'], label: base.label });
          return { shape: element.shape === undefined ? undefined : [element.shape], label: element.label };
        }
        walk(node.right, unknown);
        return unknown;
      }
      case 'comparator':
      case 'and':
      case 'or':
        walk(node.left, c);
        walk(node.right, c);
        return unknown;
      case 'not':
        walk(node.child, c);
        return unknown;
      case 'expref':
        walk(node.child, c);
        return unknown;
      case 'multi_select_list':
        node.children.forEach((child) => walk(child, c));
        return unknown;
      case 'multi_select_hash':
        node.pairs.forEach((p) => walk(p.value, c));
        return unknown;
      case 'function': {
        const args = node.args.map((arg) => (arg.type === 'expref' ? undefined : walk(arg, c)));
        node.args.forEach((arg) => {
          if (arg.type !== 'expref') return;
          // &expr in sort_by/max_by/min_by/map is applied to the elements of the array argument
          const over = EXPREF_OVER_ELEMENTS.has(node.name) ? args.find((a) => a !== undefined) : undefined;
          walk(arg.child, over ? elementOf(over) : unknown);
        });
        const first = args[0];
        if (first && SAME_SHAPE_FUNCTIONS.has(node.name)) return first;
        if (first && ELEMENT_FUNCTIONS.has(node.name)) return elementOf(first);
        return unknown;
      }
      case 'literal':
        return unknown;
    }
  };

  const end = walk(ast, { shape: output, label: rootLabel });
  return { problems, shape: end.shape };
}

/** A list member's element, for messages: Instances -> Instance, Addresses -> Address. */
function singular(label: string): string {
  if (label.startsWith('the ')) return label;
  return label.replace(/(ss|sh|ch|x)es$/, '$1').replace(/ies$/, 'y').replace(/([^s])s$/, '$1');
}

/**
 * For completion: the path (an expression) whose shape's members may follow `before`, the query
 * text up to the cursor; undefined inside a literal.
 *   `Reservations[].Instances[].Sta`         -> `Reservations[].Instances[]`
 *   `Reservations[].Instances[?State.Na`     -> `Reservations[].Instances[].State`
 *   `sort_by(Reservations[].Instances[], &L` -> `Reservations[].Instances[][]`
 *   `Instances[].{id: Ins`                   -> `Instances[]`
 */
export function completionContext(before: string): string | undefined {
  const typed = before.replace(/[A-Za-z0-9_]*$/, '');
  if (((typed.match(/(?<!\\)'/g) ?? []).length % 2) || ((typed.match(/(?<!\\)`/g) ?? []).length % 2)) return undefined;
  return pathOf(typed);
}

const join = (base: string, rest: string): string => (base && rest ? `${base}.${rest}` : base || rest);

function innermostOpener(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The operand being written: what follows the last separator or comparison/logic operator at this level. */
function lastOperand(text: string): string {
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && (',:=!<>'.includes(c) || ((c === '&' || c === '|') && text[i + 1] === c))) {
      start = i + 1;
      if (text[i + 1] === c || text[i + 1] === '=') i++;
      start = i + 1;
    }
  }
  return text.slice(start).replace(/^[\s?&]+/, '').replace(/[\s.]+$/, '');
}

function pathOf(text: string): string {
  const opener = innermostOpener(text);
  const operand = lastOperand(text.slice(opener + 1));
  if (opener < 0) return operand;
  const before = text.slice(0, opener);
  if (text[opener] === '[' && text[opener + 1] === '?') return join(`${pathOf(before)}[]`, operand);
  if (text[opener] === '(') {
    const context = pathOf(before.replace(/[A-Za-z_][A-Za-z0-9_]*\s*$/, ''));
    const args = text.slice(opener + 1);
    const current = args.slice(args.lastIndexOf(',') + 1).trimStart();
    if (current.startsWith('&')) return join(`${join(context, lastOperand(args.split(',')[0]))}[]`, operand);
    return join(context, operand);
  }
  return join(pathOf(before), operand);
}
