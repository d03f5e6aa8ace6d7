// A quick pick row the input hides cannot be the one the user moved to: the palette reads which
// rows may be shown so that an active row VS Code reports late is not run in place of the query.
import * as assert from 'assert';
import { rowMayBeShown } from '../../src/core/query/pickRows';
import { rng } from './differentialCases';

describe('which palette rows the input may show', () => {
  it('shows a row whose label VS Code matches: prefix, substring, camel case, any case', () => {
    assert.ok(rowMayBeShown('Reservations[0].ReservationId', 'Reserv'));
    assert.ok(rowMayBeShown('Reservations[0].ReservationId', 'rvations[0].ReservationId'));
    assert.ok(rowMayBeShown('Reservations[].Instances[].InstanceId', 'RI'));
    assert.ok(rowMayBeShown('Volumes[].VolumeId', 'volumes[].volumeid'));
    assert.ok(rowMayBeShown('@', '  @ '));
  });

  it('hides a row the input does not match (seen: a recent "@" run in place of the typed query)', () => {
    assert.strictEqual(rowMayBeShown('@', 'rvations[0].ReservationId'), false);
    assert.strictEqual(rowMayBeShown('Volumes[].VolumeId', 'Reservations'), false);
    // icons are not text
    assert.strictEqual(rowMayBeShown('$(lightbulb) Did you mean x?', 'lightbulb'), false);
    assert.ok(rowMayBeShown('$(lightbulb) Did you mean x?', 'mean x'));
  });

  it('shows every row for an empty input and always-shown rows for any input', () => {
    assert.ok(rowMayBeShown('@', ''));
    assert.ok(rowMayBeShown('@', 'anything', true));
  });

  it('never hides a row for a contiguous piece of its label (generated)', () => {
    const next = rng(11);
    const alphabet = 'abcXYZ[]0.@|`\'"?* ';
    for (let i = 0; i < 2000; i++) {
      const label = Array.from({ length: 1 + Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const start = Math.floor(next() * label.length);
      const piece = label.slice(start, start + 1 + Math.floor(next() * (label.length - start)));
      const value = next() < 0.5 ? piece.toUpperCase() : piece;
      assert.ok(rowMayBeShown(label, value), `${JSON.stringify(value)} in ${JSON.stringify(label)}`);
    }
  });
});
