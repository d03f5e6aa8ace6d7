// Keys typed before the query palette opened are put in front of its input while more keys arrive
// in it: no key is lost or doubled, whatever the order in which the input and the extension meet.
import * as assert from 'assert';
import { TypedAheadQuery } from '../../src/core/query/typedAhead';
import { rng } from './differentialCases';

/** Reports each value to the model as VS Code does, in order. */
function report(model: TypedAheadQuery, ...values: string[]): void {
  for (const value of values) model.changed(value);
}

describe('the palette input with keys typed before it opened', () => {
  it('puts the early keys in front of what is typed in the input', () => {
    const model = new TypedAheadQuery();
    report(model, 's', 's[');
    model.addEarly('Reservation');
    assert.strictEqual(model.query(), 'Reservations[');
    assert.strictEqual(model.shown(), false);
    assert.strictEqual(model.toShow(), 'Reservations[');
    report(model, 'Reservations[', 'Reservations[0');
    assert.strictEqual(model.query(), 'Reservations[0');
    assert.strictEqual(model.shown(), true);
    assert.strictEqual(model.toShow(), undefined);
  });

  it('keeps a key typed just before the new value reached the input (seen in a 10 MB JSON: "Reservations[0eservationId")', () => {
    const model = new TypedAheadQuery();
    report(model, 's', 's[');
    model.addEarly('Reservation');
    const value = model.toShow()!;
    // "0" reached the input before the value, which overwrote it; then "].R" came after the value
    report(model, 's[0', value, 'Reservations[]', 'Reservations[].', 'Reservations[].R');
    assert.strictEqual(model.query(), 'Reservations[0].R');
    assert.strictEqual(model.shown(), false);
    // shown again at the next chance; more keys overwritten meanwhile are kept the same way
    const again = model.toShow()!;
    assert.strictEqual(again, 'Reservations[0].R');
    report(model, 'Reservations[].Re', again, 'Reservations[0].Rs');
    assert.strictEqual(model.query(), 'Reservations[0].Res');
    assert.strictEqual(model.toShow(), 'Reservations[0].Res');
    report(model, 'Reservations[0].Res');
    assert.strictEqual(model.shown(), true);
  });

  it('sets no second value before the first has reached the input', () => {
    const model = new TypedAheadQuery();
    model.addEarly('Reser');
    assert.strictEqual(model.toShow(), 'Reser');
    model.addEarly('vations');
    assert.strictEqual(model.toShow(), undefined);
    assert.strictEqual(model.query(), 'Reservations');
    report(model, 'Reser');
    assert.strictEqual(model.toShow(), 'Reservations');
  });

  it('takes a deletion in the input as the user\'s, and an edit of the early keys shown as the whole query', () => {
    const model = new TypedAheadQuery();
    report(model, 'Id');
    model.addEarly('Volumes[].Volume');
    report(model, model.toShow()!, 'Volumes[].VolumeI', 'Volumes[].Volume');
    assert.strictEqual(model.query(), 'Volumes[].Volume');
    report(model, 'Volumes[].VolumeType');
    assert.strictEqual(model.query(), 'Volumes[].VolumeType');
    report(model, 'Volumes');
    assert.strictEqual(model.query(), 'Volumes');
    report(model, 'length(Volumes)');
    assert.strictEqual(model.query(), 'length(Volumes)');
  });

  it('a chosen suggestion replaces the query; values typed before it reached the input do not come back', () => {
    const model = new TypedAheadQuery();
    model.addEarly('Res');
    report(model, model.toShow()!, 'Rese');
    const value = model.replace('Reservations');
    report(model, 'Reser', value);
    assert.strictEqual(model.query(), 'Reservations');
    report(model, 'Reservations[');
    assert.strictEqual(model.query(), 'Reservations[');
  });

  it('a value set by other code (an extension, a test) replaces the query at once, before it is reported back', () => {
    const model = new TypedAheadQuery();
    report(model, 'Tags');
    model.sync('Tags');
    assert.strictEqual(model.query(), 'Tags');
    model.sync('Reservations[].Instances[].Tags[].Key'); // set, and Enter before the input reports it
    assert.strictEqual(model.query(), 'Reservations[].Instances[].Tags[].Key');
    report(model, 'Reservations[].Instances[].Tags[].Key', 'Reservations[].Instances[].Tags[].Key[0]');
    assert.strictEqual(model.query(), 'Reservations[].Instances[].Tags[].Key[0]');
    // our own values are not someone else's
    model.addEarly('x');
    const shown = model.toShow()!;
    model.sync(shown);
    assert.strictEqual(model.query(), 'xReservations[].Instances[].Tags[].Key[0]');
  });

  it('ends with the query as typed and shown, over 3,000 generated races of keys, values and delays', () => {
    const random = rng(2026_12_06);
    // keys that never repeat: a value typed over can then be told from the same keys typed again
    // (which no one can tell apart, and which a typist does not type within a moment)
    const pool = [...new Set('Reservations[0].InstanceId[?State.Name==\'running\'] | length(@) 日本😀')];
    for (let run = 0; run < 3000; run++) {
      const shuffled = pool.slice().sort(() => random() - 0.5);
      const text = shuffled.slice(0, 1 + Math.floor(random() * 40)).join('');
      const keys = [...text];
      // the first keys reach the editor (taken back out in pieces), the rest the input
      const inEditor = Math.floor(random() * (keys.length + 1));
      const early = keys.slice(0, inEditor);
      const inInput = keys.slice(inEditor);
      const model = new TypedAheadQuery();
      let input = '';
      const toHost: string[] = [];
      const toInput: string[] = [];
      let steps = 0;
      const setInput = (value: string) => {
        if (input === value) return; // (VS Code reports no change then)
        input = value;
        toHost.push(value);
      };
      while (inInput.length || early.length || toHost.length || toInput.length) {
        if (++steps > 100_000) assert.fail(`no end for ${JSON.stringify(text)}`);
        const k = random();
        if (k < 0.3 && inInput.length) setInput(input + inInput.shift());
        else if (k < 0.5 && toHost.length) model.changed(toHost.shift()!);
        else if (k < 0.65 && toInput.length) setInput(toInput.shift()!);
        else if (k < 0.75 && early.length) model.addEarly(early.splice(0, 1 + Math.floor(random() * early.length)).join(''));
        else if (k < 0.85) {
          const value = model.toShow();
          if (value !== undefined) toInput.push(value);
        }
      }
      assert.strictEqual(model.query(), text, `query for ${JSON.stringify(text)} split at ${inEditor}`);
      // once typing stops, the input is set until it shows the query
      for (let i = 0; i < 3; i++) {
        const value = model.toShow();
        if (value === undefined) break;
        setInput(value);
        while (toHost.length) model.changed(toHost.shift()!);
      }
      assert.strictEqual(input, text, `input for ${JSON.stringify(text)} split at ${inEditor}`);
      assert.strictEqual(model.shown(), true);
    }
  });
});
