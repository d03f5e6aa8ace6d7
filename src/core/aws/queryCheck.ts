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
  /** The field is read on a list or a scalar (`list`, `string`, `number`, `boolean`), not on a structure: always null. */
  on?: string;
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

/** Called for every field name with the shape it is looked up in (undefined: not known). */
export type FieldVisitor = (node: Node & { type: 'field' }, shape: ShapeTree | undefined, label: string) => void;

/** Walks the expression over the output shape: the field problems met and the shape it ends on. */
export function analyzeQuery(ast: Node, output: ShapeTree, expression: string, rootLabel: string, visit?: FieldVisitor): { problems: FieldProblem[]; shape: Shape } {
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
        visit?.(node, c.shape, c.label);
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
        const on = kindOfShape(c.shape);
        if (on) {
          problems.push({
            start: node.start, end: fieldEnd(node.start), name: node.name, parent: c.label, on,
            message: `${node.name} is read on a ${on} (${c.label}), which has no fields (the query would give null)`,
          });
        }
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

/** What a field is read on when that is not a structure or a map: a list, or a scalar by its JSON type. */
function kindOfShape(shape: Shape): string | undefined {
  if (isList(shape)) return 'list';
  if (typeof shape !== 'string') return undefined;
  const code = shape.split('#')[0];
  return code === 's' || code === 't' || code === 'B' ? 'string' : code === 'i' || code === 'f' ? 'number' : code === 'b' ? 'boolean' : undefined;
}

/** A list member's element, for messages: Instances -> Instance, Addresses -> Address. */
function singular(label: string): string {
  if (label.startsWith('the ')) return label;
  return label.replace(/(ss|sh|ch|x)es$/, '$1').replace(/ies$/, 'y').replace(/([^s])s$/, '$1');
}
