// boto3 clients made and passed around the common ways are all checked: the run_instances(ImageID=...)
// typo is caught whichever way the client was made, and nothing is flagged where no client is.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { checkScript } from '../../src/core/aws/scriptCheck';
import { TABLE_ACTIONS, findBoto3Calls } from '../../src/core/aws/scriptScan';
import { loadModel } from './awsModels';

const CALL = "run_instances(ImageID='ami-1e749f67', MinCount=1, MaxCount=1)";

/** The flagged words and their fixes. */
function flagged(src: string): [string, string | undefined][] {
  return checkScript(src, 'python', loadModel).map((p) => [src.slice(p.start, p.end), p.fix]);
}

describe('boto3 clients made any common way', () => {
  const ways: [string, string][] = [
    ['a session with a profile (the certification material way)', `import boto3\nsession = boto3.Session(profile_name='dev', region_name='us-east-1')\nclient = session.client('ec2')\nclient.${CALL}\n`],
    ['boto3.session.Session().client(...)', `import boto3\nec2 = boto3.session.Session().client('ec2')\nec2.${CALL}\n`],
    ['service_name= in any position', `import boto3\nec2 = boto3.client(region_name='eu-west-1', service_name="ec2")\nec2.${CALL}\n`],
    ['boto3.client(service_name=...) then another name', `import boto3\nclient = boto3.client(service_name='ec2', region_name='us-east-1')\nec2 = client\nec2.${CALL}\n`],
    ['import boto3 as an alias', `import boto3 as b3\ns = b3.Session()\nec2 = s.client("ec2")\nec2.${CALL}\n`],
    ['from boto3.session import Session', `from boto3.session import Session\nec2 = Session(profile_name="p").client('ec2')\nec2.${CALL}\n`],
    ['from boto3 import client', `from boto3 import client as make_client\nec2 = make_client('ec2')\nec2.${CALL}\n`],
    ['a resource\'s meta.client', `import boto3\nec2 = boto3.resource('ec2').meta.client\nec2.${CALL}\n`],
    ['a client made inline', `import boto3\nboto3.client('ec2').${CALL}\n`],
    ['an attribute in a class', `import boto3\n\nclass Launcher:\n    def __init__(self):\n        self.ec2 = boto3.Session().client('ec2')\n\n    def launch(self):\n        return self.ec2.${CALL}\n`],
    ['a function parameter given the client', `import boto3\n\ndef launch(ec2_client, count):\n    # the client arrives under another name\n    return ec2_client.${CALL}\n\nsession = boto3.Session()\nlaunch(session.client('ec2'), 1)\n`],
    ['a keyword argument given the client', `import boto3\n\ndef launch(count, client=None):\n    client.${CALL}\n\nec2 = boto3.client('ec2')\nlaunch(1, client=ec2)\n`],
    ['a mypy-boto3 type hint', `from mypy_boto3_ec2 import EC2Client\n\ndef launch(ec2: EC2Client) -> None:\n    ec2.${CALL}\n`],
    ['a module-level client used in a function defined first', `import boto3\n\ndef launch():\n    ec2.${CALL}\n\nec2 = boto3.client('ec2')\n`],
    ['a call spread over lines', `import boto3\nsession = boto3.Session()\nec2 = session.client(\n    'ec2',\n    region_name='us-east-1',\n)\nresponse = ec2.run_instances(\n    ImageID='ami-1e749f67',  # the typo\n    MinCount=1,\n    MaxCount=1,\n)\n`],
  ];
  for (const [way, src] of ways) {
    it(`flags ImageID: ${way}`, () => {
      assert.deepStrictEqual(flagged(src), [['ImageID', 'ImageId']]);
    });
  }

  it('checks the actions of a DynamoDB Table resource as the operations they call (trial 26: ConsistentRaed passed on a Table)', () => {
    const src = "import boto3\ndynamodb = boto3.resource('dynamodb')\ntable = dynamodb.Table('Music')\n" +
      "table.get_item(Key={'Artist': 'a'}, ConsistentRaed=True)\n" +
      "dynamodb.Table('Music').query(KeyConditionExpresion='Artist = :a')\n" +
      "boto3.resource('dynamodb').Table(name='Music').put_item(Itme={})\n" +
      "table.scan(ConsistentRead=True, TableName='Music')\n" +
      "with table.batch_writer() as batch:\n    batch.put_item(Item={})\n" +
      "boto3.resource('s3').Table('x').get_item(Nope=1)\n";
    assert.deepStrictEqual(flagged(src), [['ConsistentRaed', 'ConsistentRead'], ['KeyConditionExpresion', 'KeyConditionExpression'], ['Itme', 'Item']]);
  });

  it('words a query by where it is: a paginator page in Python, the CLI output in a script, the same query checked in either order (trial 27)', () => {
    const query = "Reservations[].Instances[?State.Name=='Running'].InstanceId";
    const py = `import boto3\nfor i in boto3.client('ec2').get_paginator('describe_instances').paginate().search("${query}"):\n    pass\n`;
    const ps = `aws ec2 describe-instances --query "${query}"\n`;
    for (let round = 0; round < 2; round++) {
      assert.match(checkScript(py, 'python', loadModel)[0].message, /in a describe_instances page/);
      assert.match(checkScript(ps, 'powershell', loadModel)[0].message, /in the describe-instances output/);
    }
  });

  it("knows a Table's actions as boto3 does, and boto3 rejects a misspelled parameter on them", function () {
    this.timeout(60000);
    const py = spawnSync('python3', ['-c', [
      'import boto3, json, os, botocore',
      "d = boto3.session.Session().resource('dynamodb', region_name='us-east-1').meta.resource_model",
      "from botocore import xform_name",
      "path = os.path.join(os.path.dirname(boto3.__file__), 'data', 'dynamodb', '2012-08-10', 'resources-1.json')",
      "actions = json.load(open(path))['resources']['Table']['actions']",
      "out = {xform_name(k): xform_name(v['request']['operation']) for k, v in actions.items()}",
      "os.environ.update(AWS_ACCESS_KEY_ID='x', AWS_SECRET_ACCESS_KEY='x')",
      "t = boto3.resource('dynamodb', region_name='us-east-1', endpoint_url='http://127.0.0.1:9').Table('Music')",
      'try:',
      "    t.get_item(Key={'a': {'S': 'b'}}, ConsistentRaed=True)",
      'except botocore.exceptions.ParamValidationError as e:',
      "    out['error'] = str(e)",
      'print(json.dumps(out))',
    ].join('\n')], { encoding: 'utf8' });
    const read = JSON.parse(py.stdout || '{}') as Record<string, string>;
    assert.match(read.error ?? py.stderr, /Unknown parameter in input: "ConsistentRaed"/);
    delete read.error;
    assert.deepStrictEqual(read, TABLE_ACTIONS);
  });

  it("checks paginate()'s keywords against the paginated operation", () => {
    const src = "import boto3\nec2 = boto3.Session().client('ec2')\npaginator = ec2.get_paginator('describe_instances')\n" +
      "for page in paginator.paginate(InstanceID=['i-1'], PaginationConfig={'PageSize': 50}):\n    pass\n" +
      "for page in ec2.get_paginator('describe_volumes').paginate(VolumeIds=['v-1'], MaxResult=5):\n    pass\n";
    assert.deepStrictEqual(flagged(src), [['InstanceID', 'InstanceIds'], ['MaxResult', 'MaxResults']]);
  });

  it("checks a paginator's search() query against one page of the paginated operation's output", () => {
    const codes = (src: string) => checkScript(src, 'python', loadModel).map((p) => [p.code, src.slice(p.start, p.end), p.fix]);
    // chained, through names, on a resource's client; a query per page of describe_instances / scan
    assert.deepStrictEqual(codes("import boto3\nec2 = boto3.client('ec2')\nfor i in ec2.get_paginator('describe_instances').paginate().search('Reservations[].Instances[].InstanceID'):\n    print(i)\n"),
      [['query-field', 'InstanceID', 'InstanceId']]);
    assert.deepStrictEqual(codes("import boto3\nddb = boto3.resource('dynamodb').meta.client\npaginator = ddb.get_paginator('scan')\npages = paginator.paginate(TableName='Music')\nitems = list(pages.search('Item[]'))\n"),
      [['query-field', 'Item', 'Items']]);
    assert.deepStrictEqual(codes("import boto3\nec2 = boto3.client('ec2')\npages = ec2.get_paginator('describe_volumes').paginate()\nfor v in pages.search(\"Volumes[?State=='In-use'].VolumeId\"):\n    pass\n"),
      [['query-enum-value', "'In-use'", "'in-use'"]]);
    // right queries, and search() on things that are not a PageIterator: nothing
    assert.deepStrictEqual(codes("import boto3\nec2 = boto3.client('ec2')\nfor v in ec2.get_paginator('describe_volumes').paginate().search(\"Volumes[?State=='in-use'].VolumeId\"):\n    pass\n"), []);
    assert.deepStrictEqual(codes("import boto3, re\nec2 = boto3.client('ec2')\nre.search('InstanceID', 'x')\nec2.get_paginator('describe_volumes').search('Volumez')\n"), []);
  });

  it('knows which service each client is for', () => {
    const src = "import boto3\ns = boto3.Session()\nddb = s.client('dynamodb')\nec2 = s.client('ec2')\nddb.put_item(TableName='t', ReturnValue='ALL_OLD')\nec2.describe_instances(InstanceID=['i-1'])\n";
    assert.deepStrictEqual(findBoto3Calls(src).map((c) => [c.service, c.method]), [['dynamodb', 'put_item'], ['ec2', 'describe_instances']]);
    assert.deepStrictEqual(flagged(src), [['ReturnValue', 'ReturnValues'], ['InstanceID', 'InstanceIds']]);
  });

  it('flags nothing where there is no client, or the text only looks like one', () => {
    const quiet = [
      // strings and comments that mention clients
      "import boto3\ntext = \"ec2 = boto3.client('ec2')\"\n# ec2 = boto3.client('ec2')\nec2.run_instances(ImageID='x')\n",
      // a session's non-client methods, an unknown service, a service from a variable
      "import boto3\ns = boto3.Session()\ns.get_available_regions(ImageID='x')\nc = s.client('not-a-service')\nc.run_instances(ImageID='x')\nname = 'ec2'\nd = boto3.client(name)\nd.run_instances(ImageID='x')\n",
      // a name rebound to something else before use; a parameter outside its function
      "import boto3\nec2 = boto3.client('ec2')\nec2 = make_fake()\nec2.run_instances(ImageID='x')\n",
      "import boto3\n\ndef launch(c):\n    pass\n\nlaunch(boto3.client('ec2'))\nc.run_instances(ImageID='x')\n",
      // a correct call, **kwargs and comparisons inside arguments
      "import boto3\nec2 = boto3.client('ec2')\nec2.run_instances(ImageId='ami-1e749f67', MinCount=1, MaxCount=1, **extra)\nec2.describe_instances(DryRun=a == b)\n",
    ];
    for (const src of quiet) assert.deepStrictEqual(flagged(src), [], src);
  });

  it('finds the calls of a long script in linear time', () => {
    const script = (lines: number) => "import boto3\nsession = boto3.Session(profile_name='p')\nec2 = session.client('ec2')\n" + `x = ec2.${CALL}\n`.repeat(lines);
    // best of two runs each, so a busy machine's pauses do not decide; quadratic work would be ~16x
    const time = (src: string) => Math.min(...[0, 1].map(() => {
      const t = process.hrtime.bigint();
      assert.ok(flagged(src).length > 0);
      return Number(process.hrtime.bigint() - t) / 1e6;
    }));
    const small = time(script(1500));
    const large = time(script(6000));
    assert.strictEqual(flagged(script(6000)).length, 6000);
    assert.ok(large < 10 * Math.max(small, 20), `1,500 lines ${small.toFixed(0)} ms, 6,000 lines ${large.toFixed(0)} ms`);
  });
});
