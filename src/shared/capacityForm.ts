// The calculator form <-> core input, shared by the host (inserting snippets) and the webview.
import type { CapacityInput } from '../core/capacity/capacity';
import type { CapacityFormState } from './capacityProtocol';

export const DEFAULT_FORM: CapacityFormState = {
  sizeMode: 'size',
  size: '512',
  sizeUnit: 'B',
  item: '',
  readCount: '100',
  readPerSeconds: '1',
  consistency: 'eventual',
  writeCount: '1000',
  writePerSeconds: '10',
  transactional: false,
  gsiCount: '0',
  gsiProjectedSize: '',
  readRequestPerMillion: '0.125',
  writeRequestPerMillion: '0.625',
  rcuHour: '0.00013',
  wcuHour: '0.00065',
};

export function formToInput(f: CapacityFormState): CapacityInput {
  const kb = f.sizeUnit === 'KB';
  const scaled = (v: string) => (kb && v.trim() !== '' && !Number.isNaN(Number(v)) ? String(Number(v) * 1024) : v);
  return {
    ...(f.sizeMode === 'item' ? { item: f.item } : { itemSizeBytes: scaled(f.size) }),
    reads: { count: f.readCount, perSeconds: f.readPerSeconds, consistency: f.consistency },
    writes: { count: f.writeCount, perSeconds: f.writePerSeconds, transactional: f.transactional },
    gsis: { count: f.gsiCount, projectedSizeBytes: f.gsiProjectedSize.trim() === '' ? undefined : scaled(f.gsiProjectedSize) },
    prices: {
      readRequestPerMillion: f.readRequestPerMillion,
      writeRequestPerMillion: f.writeRequestPerMillion,
      rcuHour: f.rcuHour,
      wcuHour: f.wcuHour,
    },
  };
}
