// `jmespathAws.openCapacityCalculator` accepts an initial state (for example `{ consistency: 'strong' }`
// from a DynamoDB read hover): checked here so a bad argument is a clear error, not a broken form.
import { DEFAULT_FORM } from '../../shared/capacityForm';
import type { CapacityFormState } from '../../shared/capacityProtocol';

const CHOICES: Partial<Record<keyof CapacityFormState, readonly string[]>> = {
  consistency: ['eventual', 'strong', 'transactional'],
  sizeMode: ['size', 'item'],
  sizeUnit: ['B', 'KB'],
};

export function capacityPreset(arg: unknown): Partial<CapacityFormState> | undefined {
  if (arg === undefined || arg === null) return undefined;
  if (typeof arg !== 'object' || Array.isArray(arg)) throw new Error('The capacity calculator takes an object such as { consistency: "strong", size: "6", sizeUnit: "KB" }.');
  const preset: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(arg)) {
    if (!(key in DEFAULT_FORM)) throw new Error(`Unknown capacity calculator field "${key}"; known fields: ${Object.keys(DEFAULT_FORM).join(', ')}.`);
    const k = key as keyof CapacityFormState;
    if (typeof DEFAULT_FORM[k] === 'boolean') {
      if (typeof value !== 'boolean') throw new Error(`${key} must be true or false.`);
      preset[key] = value;
      continue;
    }
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) throw new Error(`${key} must be a string or a number.`);
    const text = String(value);
    const choices = CHOICES[k];
    if (choices && !choices.includes(text)) throw new Error(`${key} must be one of ${choices.join(', ')}.`);
    preset[key] = text;
  }
  return preset as Partial<CapacityFormState>;
}
