// S3's consistency model where S3 is read or written: strong read-after-write consistency for all
// objects and list operations, in all Regions, since December 2020 (older study material teaches
// eventual consistency for overwrites and deletes).

import { AwsCall } from './awsCalls';
import { DOCS } from './docs';

export type S3Access = 'read' | 'write' | 'list' | 'transfer' | 'delete';

const CLI_HIGH_LEVEL: Record<string, S3Access> = { cp: 'transfer', sync: 'transfer', mv: 'transfer', ls: 'list', rm: 'delete' };

const API: Record<string, S3Access> = {
  get_object: 'read', head_object: 'read', download_file: 'read', download_fileobj: 'read',
  put_object: 'write', upload_file: 'write', upload_fileobj: 'write', copy_object: 'write', copy: 'write',
  list_objects_v2: 'list', list_objects: 'list',
  delete_object: 'delete', delete_objects: 'delete',
};

const OBJECT_RESOURCE: Record<string, S3Access> = {
  get: 'read', load: 'read', download_file: 'read', download_fileobj: 'read',
  put: 'write', upload_file: 'write', upload_fileobj: 'write', copy_from: 'write', copy: 'write', delete: 'delete',
};

const BUCKET_RESOURCE: Record<string, S3Access> = {
  upload_file: 'write', upload_fileobj: 'write', put_object: 'write', copy: 'write',
  download_file: 'read', download_fileobj: 'read', delete_objects: 'delete',
};

/** How the call touches S3 objects, or undefined if it is not an S3 object read, write or list. */
export function s3Access(call: AwsCall): S3Access | undefined {
  if (call.service !== 's3') return undefined;
  if (call.source === 'cli') {
    return call.cliService === 's3' ? CLI_HIGH_LEVEL[call.operation] : API[call.operation];
  }
  switch (call.receiver) {
    case 'client': return API[call.operation];
    case 'Object': return OBJECT_RESOURCE[call.operation];
    case 'Bucket': return BUCKET_RESOURCE[call.operation];
    case 'objects': return ['all', 'filter', 'page_size', 'limit'].includes(call.operation) ? 'list' : undefined;
    default: return undefined;
  }
}

const WHAT: Record<S3Access, string> = {
  read: 'This read returns the latest successfully written version of the object: a PUT or DELETE that succeeded before it is always seen.',
  write: 'As soon as this write succeeds, every later GET, HEAD and LIST in any Region sees the new object (new keys and overwrites alike).',
  list: 'This listing includes every object whose PUT succeeded before it and leaves out every object whose DELETE succeeded.',
  transfer: 'Objects this command uploads are visible to every later GET, HEAD and LIST as soon as each upload succeeds; objects it downloads or lists are the latest versions.',
  delete: 'As soon as the DELETE succeeds, later GETs, HEADs and LISTs no longer see the object.',
};

export function s3HoverMarkdown(call: AwsCall, access: S3Access): string {
  const name = call.source === 'cli' ? `aws ${call.cliService} ${call.operation.replace(/_/g, '-')}` : call.operation;
  return [
    `**Amazon S3: strong read-after-write consistency** (\`${name}\`).`,
    '',
    `${WHAT[access]} This holds for all objects and list operations in all Regions, at no extra cost, since December 2020; `
      + 'study material from before then (eventually consistent overwrites, deletes and listings) is out of date.',
    '',
    'Still true: updates to one key are atomic but S3 does not lock objects, so with concurrent writers the last write wins; '
      + 'bucket configuration changes (for example, versioning or a bucket policy) are eventually consistent.',
    '',
    `[S3 consistency model](${DOCS.s3Consistency}) · [December 2020 announcement](${DOCS.s3ConsistencyAnnouncement})`,
  ].join('\n');
}
