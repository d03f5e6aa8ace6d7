// The committed AWS model data, read once per test run.
import * as fs from 'fs';
import * as path from 'path';
import type { ServiceModel } from '../../src/core/aws/model';

const root = path.resolve(__dirname, '../../..');
const models = new Map<string, ServiceModel>();

export function loadModel(service: string): ServiceModel | undefined {
  if (!models.has(service)) {
    const file = path.join(root, 'data/aws', `${service}.json`);
    if (!fs.existsSync(file)) return undefined;
    models.set(service, JSON.parse(fs.readFileSync(file, 'utf8')) as ServiceModel);
  }
  return models.get(service);
}
