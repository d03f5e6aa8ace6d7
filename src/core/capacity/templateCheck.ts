// Whether ProvisionedThroughput, inserted into a CloudFormation template (YAML, or JSON, which YAML
// reads too), landed where CloudFormation takes it: a table's Properties, or an entry of its
// GlobalSecondaryIndexes. Inserted on the wrong line it is a top-level key or a sibling of the
// table (trial 23), which the editor takes silently and CloudFormation rejects.
import { Document, Node as YamlNode, YAMLMap, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { MAX_YAML_NESTING, nestingBeyond } from '../cloudInit/userDataCheck';

const KEY = 'ProvisionedThroughput';
const TABLE_TYPE = 'AWS::DynamoDB::Table';

/** A step from the document's top to the inserted key: a key (or list index), and the map (or list) holding it. */
interface Step {
  key: string | number;
  node: YamlNode;
}

/**
 * For a template with ProvisionedThroughput written at `offset` (its key starts there, quoted in
 * JSON): a warning when that is not where CloudFormation takes it, or when the file no longer
 * reads as YAML or JSON (and did, as `textBefore`); undefined when it is in place (or cannot be
 * found, to say nothing wrong).
 */
export function templateThroughputWarning(text: string, offset: number, json: boolean, textBefore?: string): string | undefined {
  const doc = read(text);
  if (!doc) return undefined;
  const error = doc.errors[0];
  if (error) {
    if (textBefore !== undefined && read(textBefore)?.errors.length !== 0) return undefined; // (it did not read before either)
    return `The file does not read as ${json ? 'JSON' : 'YAML'} with it there (${error.message.split('\n')[0]}): check ${json ? 'its commas and braces' : 'its indentation'}.`;
  }
  const path = pathToKey(doc.contents, offset, []);
  if (!path) return undefined;
  const keys = path.map((s) => s.key);
  const parent = keys[keys.length - 1];
  const inTable = (propertiesAt: number): boolean => {
    const resource = path[propertiesAt]?.node;
    return propertiesAt >= 2 && keys[propertiesAt - 2] === 'Resources' && isMap(resource) && scalarValue(resource, 'Type') === TABLE_TYPE;
  };
  // Resources.<Table>.Properties, or Resources.<Table>.Properties.GlobalSecondaryIndexes[i]
  if (parent === 'Properties' && inTable(keys.length - 1)) return undefined;
  if (typeof parent === 'number' && keys[keys.length - 2] === 'GlobalSecondaryIndexes' && keys[keys.length - 3] === 'Properties' && inTable(keys.length - 3)) return undefined;
  const where = keys.length === 0 ? 'at the top level of the template'
    : parent === 'Properties' && keys.length >= 2 ? `in the Properties of ${describeResource(path, keys.length - 1)}`
      : `under ${keys.map((k) => (typeof k === 'number' ? `[${k}]` : k)).join('.').replace(/\.\[/g, '[')}`;
  return `${KEY} goes in the Properties of an ${TABLE_TYPE} resource (or in an entry of its GlobalSecondaryIndexes), and here it is ${where}: CloudFormation would reject the template. Move it there.`;
}

function read(text: string): Document | undefined {
  if (nestingBeyond(text, MAX_YAML_NESTING) !== undefined) return undefined; // (the reader would overflow its stack)
  try {
    return parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
}

/** `Resources.Bucket (AWS::S3::Bucket)`: the resource whose Properties are at `propertiesAt`. */
function describeResource(path: Step[], propertiesAt: number): string {
  const name = path.slice(0, propertiesAt).map((s) => s.key).join('.');
  const resource = path[propertiesAt]?.node;
  const type = isMap(resource) ? scalarValue(resource, 'Type') : undefined;
  return type ? `${name} (${type})` : name;
}

function scalarValue(map: YAMLMap, key: string): string | undefined {
  const value = map.get(key, true);
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** The keys from the top to the map holding ProvisionedThroughput whose key starts at `offset` (a quote before it allowed). */
function pathToKey(node: unknown, offset: number, path: Step[]): Step[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key : undefined;
      const name = key ? String(key.value) : '';
      if (key?.range && name === KEY && key.range[0] >= offset - 1 && key.range[0] <= offset + 1) return path;
      const found = pathToKey(pair.value, offset, [...path, { key: name, node }]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = pathToKey(node.items[i], offset, [...path, { key: i, node }]);
      if (found) return found;
    }
  }
  return undefined;
}
