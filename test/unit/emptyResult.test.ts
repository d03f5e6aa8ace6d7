// "Empty because of a typo": which field made a result empty, and the "did you mean" limit.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { JsonDocument, compile } from '../../src/core/jmespath';
import { answerQuery, isEmptyResult } from '../../src/core/query/answerQuery';
import { editDistance } from '../../src/core/editDistance';
import { closestKey, describeMissing, explainEmpty, explainNullItem, maxSuggestionDistance } from '../../src/core/query/emptyResult';

const root = path.resolve(__dirname, '../../..');
const instances = JsonDocument.parse(fs.readFileSync(path.join(root, 'test/fixtures/workspace/describe-instances.json'), 'utf8'));
const explain = (q: string, doc = instances) => explainEmpty(compile(q), doc.value);

describe('empty results: the missing field', () => {
  it('names the field the data does not have there, with the key it meant', () => {
    const m = explain('Reservations[].Instances[].InstanceID')!;
    assert.strictEqual(m.field, 'InstanceID');
    assert.strictEqual(m.suggestion, 'InstanceId');
    assert.strictEqual(m.column, 'Reservations[].Instances[].'.length);
    assert.strictEqual(describeMissing(m), 'InstanceID is not a field of the data at that point; did you mean InstanceId?');
  });

  it('looks inside filters and function arguments', () => {
    assert.strictEqual(explain("Reservations[].Instances[?State.Nmae == 'running'].InstanceId")?.suggestion, 'Name');
    assert.strictEqual(explain('sort_by(Reservations[].Instancs[], &LaunchTime)')?.suggestion, 'Instances');
  });

  it('a field that exists only at another level is "not here", with the keys that are', () => {
    const m = explain('Reservations[].ReservationID.Foo')!;
    assert.strictEqual(m.field, 'ReservationID');
    assert.strictEqual(m.suggestion, 'ReservationId');
    const n = explain('Reservations[].VolumeId')!;
    assert.strictEqual(n.field, 'VolumeId');
    assert.strictEqual(n.suggestion, undefined);
    assert.ok(n.known.includes('Instances'), n.known.join());
  });

  it('a field read on a list or a scalar (always null) is the reason, as the lint says it (trial 19: the palette said nothing)', () => {
    const m = explain('Reservations.Instances')!;
    assert.deepStrictEqual({ field: m.field, on: m.on }, { field: 'Instances', on: ['list'] });
    assert.strictEqual(describeMissing(m), "Instances is read on a list, which has no fields; for each element's Instances, write [].Instances");
    assert.strictEqual(describeMissing(explain('Reservations[0].OwnerId.foo')!), 'foo is read on a string, which has no fields');
  });

  it('says nothing when no missing field explains the empty result', () => {
    assert.strictEqual(explain("Reservations[].Instances[?State.Name == 'nope'].InstanceId"), undefined);
    assert.strictEqual(explain('Reservations[5]'), undefined);
  });

  it('answerQuery attaches it to null and [] (also [[], []]), not to other results but a multiselect\'s null column', () => {
    const opts = { withSources: false, maxChars: 1e6, maxRanges: 10 };
    assert.strictEqual(answerQuery(instances, 'Reservations[].Instances[].InstanceId', opts).missing, undefined);
    assert.strictEqual(answerQuery(instances, 'Reservations[].Instances[].InstanceID', opts).missing?.suggestion, 'InstanceId');
    assert.strictEqual(answerQuery(instances, "Reservations[].Instances[?State.Nmae=='x'].InstanceId", opts).missing?.field, 'Nmae');
    assert.ok(isEmptyResult([[], [null]]));
    assert.ok(!isEmptyResult([[], [0]]));
  });

  it('answerQuery says when a filter was given each element, not the list, and only for an empty result (trial 26)', () => {
    const opts = { withSources: false, maxChars: 1e6, maxRanges: 10 };
    const each = answerQuery(instances, "Reservations[].Instances[][?State.Name=='running']", opts);
    assert.strictEqual(each.text, '[]\n');
    assert.match(each.filterOnElement?.message ?? '', /^\[\?State\.Name=='running'\] is given an object .* \| \[\?State\.Name=='running'\]\.$/);
    assert.strictEqual(each.filterOnElement?.corrected, "Reservations[].Instances[] | [?State.Name=='running']");
    assert.strictEqual(answerQuery(instances, "Reservations[].Instances[] | [?State.Name=='running']", opts).filterOnElement, undefined);
    assert.strictEqual(answerQuery(instances, "Reservations[].Instances[][?State.Name=='running'] | length(@)", opts).filterOnElement, undefined, 'not empty: 0');
  });

  it('a multiselect item null in every row names its missing field, in lists, hashes and pipes (trial 25: a column of None, no hint)', () => {
    const opts = { withSources: false, maxChars: 1e6, maxRanges: 10 };
    const hash = answerQuery(instances, 'Reservations[].Instances[].{id: InstanceId, type: InstanceTyp}', opts).missing!;
    assert.deepStrictEqual({ field: hash.field, suggestion: hash.suggestion, everyRow: hash.everyRow, column: hash.column }, { field: 'InstanceTyp', suggestion: 'InstanceType', everyRow: true, column: 'Reservations[].Instances[].{id: InstanceId, type: '.length });
    assert.strictEqual(describeMissing(hash), 'InstanceTyp is not a field of the data at that point (null in every row); did you mean InstanceType?');
    const list = answerQuery(instances, "Reservations[].Instances[].[InstanceId, Tags[?Key=='Name'].Valeu | [0]]", opts).missing!;
    assert.deepStrictEqual([list.field, list.suggestion], ['Valeu', 'Value']);
    // items that give a value in some row, or whose field exists but is null, say nothing
    for (const q of ["Reservations[].Instances[].[InstanceId, Tags[?Key=='Name'].Value | [0]]", 'Reservations[].Instances[].{id: InstanceId, x: not_null(Nope, InstanceId)}', 'Reservations[].Instances[].[InstanceId, Nope || InstanceType]']) {
      assert.strictEqual(answerQuery(instances, q, opts).missing, undefined, q);
    }
    const withNull = JsonDocument.parse('{"Items": [{"a": 1, "b": null}, {"a": 2, "b": null}]}');
    assert.strictEqual(explainNullItem(compile('Items[].[a, b]'), withNull.value), undefined, 'b is there, only null');
    assert.strictEqual(explainNullItem(compile('Items[].[a, bb]'), withNull.value)?.suggestion, 'b');
  });

  it('explains documents whose objects have integer-like keys (the fast read cannot list those in order)', () => {
    const opts = { withSources: false, maxChars: 1e6, maxRanges: 10 };
    const doc = JsonDocument.parse('{"10": "ten", "2": "two", "Tags": [{"Key": "a", "Value": "b"}]}');
    const m = answerQuery(doc, "Tags[?Key != '😀𝒳'].Valeu", opts).missing;
    assert.strictEqual(m?.suggestion, 'Value');
    assert.strictEqual(m.column, 19, 'code points');
    assert.strictEqual(answerQuery(doc, 'Tagz', opts).missing?.suggestion, 'Tags');
  });

  it('stays bounded on a large document', () => {
    const big = JsonDocument.parse(JSON.stringify({ Items: Array.from({ length: 200_000 }, (_, i) => ({ Id: i })) }));
    const t0 = Date.now();
    explainEmpty(compile('Items[].Idd'), big.value);
    assert.ok(Date.now() - t0 < 1000);
  });
});

describe('"did you mean": the distance limit', () => {
  it('allows 1 edit up to 4 characters, 2 up to 8, 3 beyond; a swap of neighbours is one edit', () => {
    assert.deepStrictEqual(['Name', 'Names', 'InstanceIds', 'A'].map(maxSuggestionDistance), [1, 2, 3, 1]);
    assert.strictEqual(editDistance('nmae', 'name'), 1);
    assert.strictEqual(editDistance('kitten', 'sitting'), 3);
    assert.strictEqual(editDistance('😀a', 'a😀'), 1, 'code points, not UTF-16 units');
  });

  it('suggests within the limit and nothing beyond it', () => {
    assert.strictEqual(closestKey('Nmae', ['Code', 'Name']), 'Name');
    assert.strictEqual(closestKey('Foo', ['Bar', 'Baz']), undefined);
    assert.strictEqual(closestKey('Sizes', ['Size']), 'Size');
    assert.strictEqual(closestKey('Sze', ['Size']), 'Size');
    assert.strictEqual(closestKey('Sz', ['Size']), undefined, 'two edits on a 2-letter name is a guess');
    assert.strictEqual(closestKey('VolumeTyp', ['VolumeType', 'VolumeId']), 'VolumeType');
    assert.strictEqual(closestKey('VolumeX', ['VolumeType']), undefined, '4 edits');
    assert.strictEqual(closestKey('instanceid', ['InstanceId', 'ImageId']), 'InstanceId', 'case first');
    assert.strictEqual(closestKey('Reservatoins', ['Reservations']), 'Reservations');
  });

  it('at each band edge (1, 4 | 5, 8 | 9 characters and longer) suggests a key at the limit, never one edit further', () => {
    // a key `d` edits from `name`: its first d letters replaced (and letters added past its end)
    const away = (name: string, d: number) => 'z'.repeat(Math.min(d, name.length)) + name.slice(d) + 'y'.repeat(Math.max(0, d - name.length));
    for (const [length, limit] of [[1, 1], [4, 1], [5, 2], [8, 2], [9, 3], [12, 3], [30, 3]]) {
      const name = 'abcdefghijklmnopqrstuvwxabcdef'.slice(0, length);
      assert.strictEqual(maxSuggestionDistance(name), limit, `limit for ${length} characters`);
      assert.strictEqual(editDistance(name, away(name, limit)), limit);
      assert.strictEqual(closestKey(name, [away(name, limit)]), away(name, limit), `${name}: ${limit} edits is within the limit`);
      assert.strictEqual(closestKey(name, [away(name, limit + 1)]), undefined, `${name}: ${limit + 1} edits is beyond it`);
      // the nearer of two keys wins, whichever comes first
      assert.strictEqual(closestKey(name, [away(name, limit), away(name, limit - 1 || 1)]), away(name, limit - 1 || 1));
    }
  });

  it('a query on data with no key close enough gets no suggestion, only the keys there', () => {
    const doc = JsonDocument.parse('{"Items": [{"Bar": 1, "Quux": 2}]}');
    const opts = { withSources: false, maxChars: 1e6, maxRanges: 10 };
    const far = answerQuery(doc, 'Items[].Foo', opts).missing!;
    assert.strictEqual(far.suggestion, undefined);
    assert.strictEqual(describeMissing(far), 'Foo is not a field of the data at that point (it has Bar, Quux)');
    assert.strictEqual(answerQuery(doc, 'Items[].Baz', opts).missing?.suggestion, 'Bar');
    assert.strictEqual(answerQuery(doc, 'Items[].Qux', opts).missing?.suggestion, 'Quux', 'one edit on a 3-letter name');
    assert.strictEqual(answerQuery(doc, 'Items[].Qx', opts).missing?.suggestion, undefined, 'two edits on a 2-letter name');
  });
});
