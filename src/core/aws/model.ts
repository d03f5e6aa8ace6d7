// AWS service model data (data/aws/<service>.json, generated from botocore by scripts/gen_aws_model.py).
// The files are read by the caller (lazily, never at activation) and handed in here.
import { editDistance } from '../editDistance';

/**
 * Output shape tree: a structure is {member: tree}, a list is [element], a map is {"*": value}, a
 * scalar a type code; a string with enum values is `s#N`, its values the service's `enums[N]`.
 */
export type ShapeTree = { [member: string]: ShapeTree } | [ShapeTree] | string;

export interface InputMember {
  name: string;
  flag: string;
  type: string;
  required?: boolean;
  enum?: string[];
  doc?: string;
}

/** botocore's paginator for an operation the CLI paginates (it calls it page by page). */
export interface PaginatorModel {
  /** The output members collected across pages (JMESPath expressions, usually top-level names). */
  resultKeys: string[];
  inputToken: string | string[] | null;
  outputToken: string | string[] | null;
  limitKey: string | null;
}

export interface OperationModel {
  name: string;
  input: InputMember[];
  output: ShapeTree;
  paginator?: PaginatorModel;
}

export interface ServiceModel {
  service: string;
  apiVersion: string;
  botocore: string;
  operations: Record<string, OperationModel>;
  /** The enum values of output strings (shared: one enum is in many outputs). */
  enums?: string[][];
}

/** Enum values for a message: the first `max`, then how many there are in all. */
export function listValues(values: readonly string[], max: number): string {
  return values.length > max ? `${values.slice(0, max).join(', ')}, … (${values.length} in all)` : values.join(', ');
}

/** The values an output string takes, when its shape is an enum (`s#N`). */
export function enumValues(shape: ShapeTree | undefined, enums: readonly (readonly string[])[] | undefined): readonly string[] | undefined {
  if (typeof shape !== 'string' || !shape.startsWith('s#') || !enums) return undefined;
  return enums[Number(shape.slice(2))];
}

export const MODEL_SERVICES = ['ec2', 'dynamodb', 's3'] as const;

/** The model behind a CLI service name: `aws s3api ...` is the S3 API; `aws s3 ...` are the CLI's own file commands. */
export function modelServiceOf(cliService: string): string | undefined {
  if (cliService === 's3api') return 's3';
  return cliService === 's3' ? undefined : cliService;
}

export function isStructure(t: ShapeTree | undefined): t is { [member: string]: ShapeTree } {
  return typeof t === 'object' && t !== null && !Array.isArray(t) && !('*' in t);
}

export function isList(t: ShapeTree | undefined): t is [ShapeTree] {
  return Array.isArray(t);
}

export function isMap(t: ShapeTree | undefined): t is { '*': ShapeTree } {
  return typeof t === 'object' && t !== null && !Array.isArray(t) && '*' in t;
}

/** botocore's xform_name for method names: RunInstances -> run_instances. */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Every known name as close as the closest (`gp9`: `gp2` and `gp3`), in their order; a case-insensitive match alone. */
export function suggestAll(name: string, known: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same !== undefined) return [same];
  const distances = known.map((k) => editDistance(lower, k.toLowerCase()));
  const best = Math.min(...distances);
  return best <= Math.max(1, Math.floor(name.length / 4)) ? known.filter((_, i) => distances[i] === best) : [];
}

/** The closest known name: a case-insensitive match first, else a small edit distance. */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  return suggestAll(name, [...known])[0];
}

/**
 * The title the CLI gives a table, for a file named after its command: the operation's API name as
 * botocore spells it. The longest leading run of the name's words that is an operation of a known
 * service wins (`describe-volumes-prod` -> `DescribeVolumes`, `list-objects-v2` -> `ListObjectsV2`);
 * other command-like names get each word capitalised; any other name is used as it is.
 */
export function tableTitleForName(name: string, models: readonly ServiceModel[]): string {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) return name;
  const words = name.split('-');
  // the command's name from the start, or after a service's (`ec2-describe-volumes-66917a27`, as Run & refine names its outputs)
  for (const from of [0, 1]) {
    for (let n = words.length; n > from; n--) {
      const command = words.slice(from, n).join('-');
      for (const model of models) {
        const op = Object.prototype.hasOwnProperty.call(model.operations, command) ? model.operations[command] : undefined;
        if (op) return op.name;
      }
    }
  }
  // (one word that is no operation, `data.json`, keeps its name)
  return words.length === 1 ? name : words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
