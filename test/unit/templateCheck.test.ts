// ProvisionedThroughput inserted into a CloudFormation template: said so when it is not where
// CloudFormation takes it (trial 23: a top-level key, without a word).
import * as assert from 'assert';
import { templateThroughputWarning } from '../../src/core/capacity/templateCheck';
import { capacitySnippet } from '../../src/core/capacity/capacity';

const TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  MusicTable:',
  '    Type: AWS::DynamoDB::Table',
  '    Properties:',
  '      TableName: Music',
  '      GlobalSecondaryIndexes:',
  '        - IndexName: byArtist',
  '          Projection:',
  '            ProjectionType: ALL',
  '  Bucket:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  '      BucketName: !Sub "${AWS::StackName}-data"',
  '',
].join('\n');

/** The template with the YAML snippet inserted as a line of its own after line `after` (0-based), indented `indent`. */
function insertedYaml(after: number, indent: string): { text: string; offset: number } {
  const lines = TEMPLATE.split('\n');
  const before = lines.slice(0, after + 1).join('\n') + '\n';
  const snippet = capacitySnippet('cloudformation-yaml', 5, 5, indent).text;
  return { text: before + snippet + lines.slice(after + 1).join('\n'), offset: before.length + indent.length };
}

describe('ProvisionedThroughput in a CloudFormation template', () => {
  it("is fine in a table's Properties and in an entry of its GlobalSecondaryIndexes", () => {
    const inTable = insertedYaml(5, '      ');
    assert.strictEqual(templateThroughputWarning(inTable.text, inTable.offset, false), undefined, inTable.text);
    const inIndex = insertedYaml(9, '          ');
    assert.strictEqual(templateThroughputWarning(inIndex.text, inIndex.offset, false), undefined, inIndex.text);
  });

  it('says where it is when that is elsewhere: the top level, beside the table, another resource', () => {
    const top = insertedYaml(13, '');
    assert.match(templateThroughputWarning(top.text, top.offset, false)!, /goes in the Properties of an AWS::DynamoDB::Table resource .* here it is at the top level of the template: CloudFormation would reject/);
    const beside = insertedYaml(3, '    ');
    assert.match(templateThroughputWarning(beside.text, beside.offset, false)!, /here it is under Resources\.MusicTable:/);
    const bucket = insertedYaml(13, '      ');
    assert.match(templateThroughputWarning(bucket.text, bucket.offset, false)!, /here it is in the Properties of Resources\.Bucket \(AWS::S3::Bucket\):/);
    const projection = insertedYaml(9, '            ');
    assert.match(templateThroughputWarning(projection.text, projection.offset, false)!, /under Resources\.MusicTable\.Properties\.GlobalSecondaryIndexes\[0\]\.Projection:/);
  });

  it('says when the file no longer reads as YAML with it there', () => {
    const text = TEMPLATE.replace('      TableName: Music\n', '      TableName: Music\n   ProvisionedThroughput:\n     ReadCapacityUnits: 5\n');
    assert.match(templateThroughputWarning(text, text.indexOf('ProvisionedThroughput'), false)!, /does not read as YAML with it there .*check its indentation/);
  });

  it('reads JSON templates too', () => {
    const json = (props: string) => JSON.stringify({ Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: JSON.parse(props) } } }, null, 2);
    const good = json('{"TableName": "t", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}');
    assert.strictEqual(templateThroughputWarning(good, good.indexOf('"ProvisionedThroughput"'), true), undefined);
    const top = JSON.stringify({ ProvisionedThroughput: { ReadCapacityUnits: 1 }, Resources: {} }, null, 2);
    assert.match(templateThroughputWarning(top, top.indexOf('"ProvisionedThroughput"'), true)!, /at the top level of the template/);
  });

  it('says nothing about a file it cannot find the key in, nor about one nested beyond what it reads', () => {
    assert.strictEqual(templateThroughputWarning('Resources: {}\n', 3, false), undefined);
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    assert.strictEqual(templateThroughputWarning(deep, 0, true), undefined);
  });
});
