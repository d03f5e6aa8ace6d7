// Problems in scripts that use the AWS CLI or boto3: --query syntax errors at the CLI's column,
// --query field names that are not in the operation's output, boto3 keyword arguments that are not
// in the operation's input. Unknown services and operations give nothing (no false alarms).
import { JmesPathError, compile } from '../jmespath';
import { codePointColumnToOffset } from '../query/queryFile';
import { ServiceModel, snakeCase, suggest } from './model';
import { checkQueryFields } from './queryCheck';
import { Shell, ScriptString, findBoto3Calls, findCliCommands, findPythonQueries } from './scriptScan';

export interface ScriptProblem {
  start: number;
  end: number;
  message: string;
  code: 'query-syntax' | 'query-field' | 'boto3-parameter';
  /** Replacement text for [start, end) that fixes it, when one is known. */
  fix?: string;
}

export type ModelLookup = (service: string) => ServiceModel | undefined;
export type ScriptLanguage = Shell | 'python';

function docOffset(s: ScriptString, codePoints: number): number {
  const i = Math.min(codePointColumnToOffset(s.text, codePoints), s.text.length);
  return s.offsets[i];
}

function checkQuery(query: ScriptString, problems: ScriptProblem[], output?: { tree: import('./model').ShapeTree; label: string }): void {
  let ast;
  try {
    ast = compile(query.text);
  } catch (e) {
    if (e instanceof JmesPathError && e.kind === 'syntax') {
      const start = docOffset(query, e.column ?? 0);
      const end = Math.max(start + 1, docOffset(query, (e.column ?? 0) + 1));
      problems.push({ start, end: Math.min(end, query.offsets[query.offsets.length - 1] + 1), message: e.message, code: 'query-syntax' });
    }
    return;
  }
  if (!output) return;
  for (const p of checkQueryFields(ast, output.tree, query.text, output.label)) {
    problems.push({
      start: docOffset(query, p.start), end: docOffset(query, p.end), message: p.message, code: 'query-field',
      fix: p.suggestion,
    });
  }
}

export function checkScript(src: string, language: ScriptLanguage, models: ModelLookup): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  if (language === 'python') {
    for (const q of findPythonQueries(src)) checkQuery(q, problems);
    for (const call of findBoto3Calls(src)) {
      const model = models(call.service);
      if (!model) continue;
      const op = Object.values(model.operations).find((o) => snakeCase(o.name) === call.method);
      if (!op) continue;
      const names = op.input.map((m) => m.name);
      for (const kw of call.keywords) {
        if (names.includes(kw.name)) continue;
        const suggestion = suggest(kw.name, names);
        problems.push({
          start: kw.start, end: kw.start + kw.name.length, code: 'boto3-parameter', fix: suggestion,
          message: `${kw.name} is not a parameter of ${call.method}()${suggestion ? `; did you mean ${suggestion}?` : '.'} (boto3 raises ParamValidationError: Unknown parameter)`,
        });
      }
    }
    return problems;
  }
  for (const cmd of findCliCommands(src, language)) {
    if (!cmd.query) continue;
    const op = models(cmd.service)?.operations[cmd.operation];
    checkQuery(cmd.query, problems, op ? { tree: op.output, label: `the ${cmd.operation} output` } : undefined);
  }
  return problems;
}
