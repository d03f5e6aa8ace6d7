// AWS knowledge for a script: the hovers (DynamoDB read consistency, S3 consistency, Lambda /tmp)
// and the problems (strongly consistent reads on a GSI, writes outside /tmp in Lambda handlers).

import { AwsCall, ScriptShell, findBoto3Calls, findCliCalls } from './awsCalls';
import { DynamoRead, KnowledgeProblem, dynamoRead, gsiConsistentReadProblems, readHoverMarkdown } from './dynamodbReads';
import { findLambdaHandlers, lambdaWriteProblems, tmpHoverMarkdown, tmpLiterals } from './lambdaTmp';
import { scanPython } from './pythonSource';
import { s3Access, s3HoverMarkdown } from './s3Consistency';

export type { KnowledgeProblem, KnowledgeFix } from './dynamodbReads';
export type KnowledgeLanguage = ScriptShell | 'python';

export interface KnowledgeHover {
  start: number;
  end: number;
  /** Trusted only for the capacity calculator command link. */
  markdown: string;
  kind: 'dynamodb-read' | 's3-consistency' | 'lambda-tmp';
}

export interface ScriptKnowledge {
  hovers: KnowledgeHover[];
  problems: KnowledgeProblem[];
  reads: DynamoRead[];
}

export function scriptKnowledge(src: string, language: KnowledgeLanguage): ScriptKnowledge {
  const py = language === 'python' ? scanPython(src) : undefined;
  const calls: AwsCall[] = py ? findBoto3Calls(src, py) : findCliCalls(src, language as ScriptShell);
  const hovers: KnowledgeHover[] = [];
  const reads: DynamoRead[] = [];
  const readCalls = new Map<AwsCall, DynamoRead>();
  for (const call of calls) {
    const read = dynamoRead(call);
    if (read) {
      reads.push(read);
      readCalls.set(call, read);
    }
  }
  const problems = gsiConsistentReadProblems(reads, src);
  for (const call of calls) {
    const read = readCalls.get(call);
    if (read) {
      // a read DynamoDB rejects says so in its hover too, not "returns the most up-to-date data"
      const rejected = problems.find((p) => read.consistentArg && p.start === read.consistentArg.start);
      hovers.push({ start: call.hoverStart, end: call.hoverEnd, markdown: readHoverMarkdown(read, rejected?.message), kind: 'dynamodb-read' });
      continue;
    }
    const access = s3Access(call);
    if (access) hovers.push({ start: call.hoverStart, end: call.hoverEnd, markdown: s3HoverMarkdown(call, access), kind: 's3-consistency' });
  }
  if (py && findLambdaHandlers(src).length > 0) {
    const markdown = tmpHoverMarkdown();
    for (const s of tmpLiterals(py)) hovers.push({ start: s.start, end: s.end, markdown, kind: 'lambda-tmp' });
    problems.push(...lambdaWriteProblems(src, py));
  }
  return { hovers, problems, reads };
}

export function hoverAt(knowledge: ScriptKnowledge, offset: number): KnowledgeHover | undefined {
  return knowledge.hovers.find((h) => offset >= h.start && offset <= h.end);
}
