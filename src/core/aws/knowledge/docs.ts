// The AWS documentation pages behind every fact the knowledge hovers and diagnostics state.
// Each hover and diagnostic links the page it relies on; README lists the same pages.

export const DOCS = {
  /** "Eventually consistent is the default ... All reads from GSIs and streams are eventually consistent." */
  dynamodbReadConsistency: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html',
  /** 1 RCU = one strongly consistent or two eventually consistent reads per second of up to 4 KB; transactional = 2. */
  dynamodbCapacityUnits: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/provisioned-capacity-mode.html',
  /** GetItem rounds the item up to 4 KB; Query sums the items then rounds; Scan counts evaluated items; BatchGetItem rounds each item. */
  dynamodbItemSizes: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html',
  /** TransactGetItems: two underlying reads per item. */
  dynamodbTransactions: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html',
  /** "Queries on global secondary indexes support eventual consistency only." */
  dynamodbGsiReads: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Reading',
  /** Query API: "If you query a global secondary index with ConsistentRead set to true, you will receive a ValidationException." */
  dynamodbQueryApi: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html',
  /** Strong read-after-write consistency for all objects and list operations (since December 2020). */
  s3Consistency: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel',
  /** The December 2020 announcement. */
  s3ConsistencyAnnouncement: 'https://aws.amazon.com/about-aws/whats-new/2020/12/amazon-s3-now-delivers-strong-read-after-write-consistency-automatically-for-all-applications/',
  /** /tmp: 512 MB by default, configurable between 512 MB and 10,240 MB. */
  lambdaEphemeralStorage: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html',
  /** Execution environments are reused between invocations (the /tmp content stays while the environment lives). */
  lambdaExecutionEnvironment: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
  /** EFS file systems are mounted under /mnt/ (writable, unlike the rest of the file system). */
  lambdaFileSystems: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-filesystem.html',
  /** Running Amazon Linux 2 on premises from a cloud-init seed ISO (VMware, KVM, Hyper-V, VirtualBox). */
  al2VirtualMachine: 'https://docs.aws.amazon.com/linux/al2/ug/amazon-linux-2-virtual-machine.html',
  /** Amazon Linux 2's cloud-init (and its repo_upgrade / repo_releasever keys). */
  al2CloudInit: 'https://docs.aws.amazon.com/linux/al2/ug/amazon-linux-cloud-init.html',
  /** cloud-init's module reference (the cloud-config keys). */
  cloudInitModules: 'https://docs.cloud-init.io/en/latest/reference/modules.html',
  /** cloud-init's user-data formats (#cloud-config, #!, #include, ...). */
  cloudInitFormats: 'https://docs.cloud-init.io/en/latest/explanation/format.html',
  /** The NoCloud datasource: a filesystem labelled cidata holding user-data and meta-data. */
  cloudInitNoCloud: 'https://docs.cloud-init.io/en/latest/reference/datasources/nocloud.html',
} as const;
