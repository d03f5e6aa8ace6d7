// Reads the committed AWS model data on first use (never at activation) and keeps it.
import * as fs from 'fs';
import * as path from 'path';
import { MODEL_SERVICES, ServiceModel, modelServiceOf } from '../../core/aws/model';

export class ModelStore {
  private readonly cache = new Map<string, ServiceModel | undefined>();

  constructor(private readonly dataDir: string) {}

  /** The model for a CLI service name (`s3api` reads the S3 model). */
  get(cliService: string): ServiceModel | undefined {
    const service = modelServiceOf(cliService);
    if (!service || !(MODEL_SERVICES as readonly string[]).includes(service)) return undefined;
    if (!this.cache.has(service)) {
      const file = path.join(this.dataDir, `${service}.json`);
      this.cache.set(service, fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ServiceModel) : undefined);
    }
    return this.cache.get(service);
  }

  /** How many models have been read (tests check activation reads none). */
  get loadedCount(): number {
    return this.cache.size;
  }

  readonly lookup = (service: string): ServiceModel | undefined => this.get(service);
}
