import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { acceptPlainAppend, checkJournalUpdate, checkWithYjs } from './journal-guard';

const AUTHOR = 'u01';
const tuple = (user: string, n: number) => ['st', 1_763_000_000_000 + n, n, 'T1', user, 'B01', 20_000, [n]];

/** One change a client may send: mostly journal appends, and every kind of write the guard refuses. */
const op = fc.oneof(
	{
		weight: 24,
		arbitrary: fc
			.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 4 })
			.map((ns) => ({ kind: 'append' as const, ns }))
	},
	{
		weight: 24,
		arbitrary: fc
			.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 4 })
			.map((ns) => ({ kind: 'append-text' as const, ns }))
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'other-author-text' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'not-json' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'other-author' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'short-tuple' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'not-a-tuple' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'other-root' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'map-key' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'nested' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'text' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) }
);

function applyOp(
	doc: Y.Doc,
	o: fc.Arbitrary<unknown> extends never ? never : { kind: string; ns?: number[] }
): void {
	const j = doc.getArray<unknown>('j');
	switch (o.kind) {
		case 'append':
			j.push(o.ns!.map((n) => tuple(AUTHOR, n)));
			return;
		case 'other-author':
			j.push([tuple('u02', 1)]);
			return;
		case 'short-tuple':
			j.push([['st', 1, 2]]);
			return;
		case 'append-text':
			j.push(o.ns!.map((n) => JSON.stringify(tuple(AUTHOR, n))));
			return;
		case 'other-author-text':
			j.push([JSON.stringify(tuple('u02', 1))]);
			return;
		case 'not-json':
			j.push(['["st", 1', JSON.stringify({ user: AUTHOR }), '"text"']);
			return;
		case 'not-a-tuple':
			j.push(['text', 42, { a: 1 }, new Uint8Array([1, 2])]);
			return;
		case 'other-root':
			doc.getArray('x').push([tuple(AUTHOR, 1)]);
			return;
		case 'map-key':
			doc.getMap('m').set('k', tuple(AUTHOR, 1));
			return;
		case 'nested':
			j.push([new Y.Array()]);
			return;
		case 'text':
			doc.getText('t').insert(0, 'x');
			return;
		case 'delete':
			if (j.length > 0) j.delete(0, 1);
			return;
	}
}

/** Updates as devices send them: a diff since what the relay had, a whole state, or several merged. */
const updates = fc
	.record({
		before: fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
		after: fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
		shape: fc.constantFrom('diff', 'whole', 'merged'),
		mutate: fc.option(
			fc.record({
				at: fc.nat(),
				byte: fc.integer({ min: 0, max: 255 }),
				how: fc.constantFrom('set', 'cut', 'extend')
			}),
			{ freq: 3 }
		)
	})
	.map(({ before, after, shape, mutate }) => {
		const docs = [new Y.Doc(), new Y.Doc()];
		const sync = () => {
			Y.applyUpdate(docs[1]!, Y.encodeStateAsUpdate(docs[0]!));
			Y.applyUpdate(docs[0]!, Y.encodeStateAsUpdate(docs[1]!));
		};
		before.forEach((ops, i) => docs[i % 2]!.transact(() => ops.forEach((o) => applyOp(docs[i % 2]!, o))));
		sync();
		const sv = Y.encodeStateVector(docs[0]!);
		const parts = after.map((ops, i) => {
			const doc = docs[i % 2]!;
			const at = Y.encodeStateVector(doc);
			doc.transact(() => ops.forEach((o) => applyOp(doc, o)));
			return Y.encodeStateAsUpdate(doc, at);
		});
		let u =
			shape === 'diff'
				? Y.encodeStateAsUpdate(docs[0]!, sv)
				: shape === 'whole'
					? Y.encodeStateAsUpdate(docs[0]!)
					: Y.mergeUpdates(parts);
		if (mutate && u.length > 0) {
			const at = mutate.at % u.length;
			if (mutate.how === 'set') (u = u.slice())[at] = mutate.byte;
			else if (mutate.how === 'cut') u = u.slice(0, at);
			else u = Uint8Array.from([...u, mutate.byte]);
		}
		return u;
	});

/** A hostile update: an entry under a map key of the root `j` (a device that took `j` for a map). */
function keyedUnderJ(): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('j').set('k', tuple(AUTHOR, 1));
	return Y.encodeStateAsUpdate(doc);
}

/** `u` with such an entry merged in (or the entry alone, when `u` is too broken to merge). */
function withKeyUnderJ(u: Uint8Array): Uint8Array {
	try {
		return Y.mergeUpdates([u, keyedUnderJ()]);
	} catch {
		return keyedUnderJ();
	}
}

describe('[R20] [R21] [R22] [R23] the journal guard', () => {
	it('gives the verdict of the check on Yjs decoding for every update, well-formed or hostile', () => {
		let accepted = 0;
		fc.assert(
			fc.property(
				fc.oneof({ weight: 20, arbitrary: updates }, { weight: 1, arbitrary: updates.map(withKeyUnderJ) }),
				(u) => {
					const fast = checkJournalUpdate(u, AUTHOR);
					expect(fast).toEqual(checkWithYjs(u, AUTHOR));
					if (acceptPlainAppend(u, AUTHOR) && fast.ok && !fast.empty) accepted++;
				}
			),
			{ numRuns: 1500, seed: 20261122 }
		);
		// The property is only worth something if the fast path accepted plenty of them.
		expect(accepted).toBeGreaterThan(300);
	});

	it('[S18] accepts appends of tuples and of their JSON text, and says up to which clock they reach', () => {
		const doc = new Y.Doc();
		doc.getArray('j').push([tuple(AUTHOR, 1), JSON.stringify(tuple(AUTHOR, 2))]);
		const r = checkJournalUpdate(Y.encodeStateAsUpdate(doc), AUTHOR);
		expect(r).toEqual({ ok: true, empty: false, ends: new Map([[doc.clientID, 2]]) });
	});

	it.each([
		['delete', (d: Y.Doc) => d.getArray('j').delete(0, 1)],
		['root', (d: Y.Doc) => d.getArray('x').push([tuple(AUTHOR, 1)])],
		['root', (d: Y.Doc) => Y.applyUpdate(d, keyedUnderJ())],
		['content', (d: Y.Doc) => d.getArray('j').push(['text'])],
		['author', (d: Y.Doc) => d.getArray('j').push([tuple('u02', 1)])],
		['author', (d: Y.Doc) => d.getArray('j').push([JSON.stringify(tuple('u02', 1))])],
		['content', (d: Y.Doc) => d.getArray('j').push(['{"not": "json"'])]
	] as const)('refuses %s', (code, change) => {
		const doc = new Y.Doc();
		doc.getArray('j').push([tuple(AUTHOR, 1)]);
		const sv = code === 'delete' ? new Uint8Array([0]) : Y.encodeStateVector(doc);
		change(doc);
		expect(checkJournalUpdate(Y.encodeStateAsUpdate(doc, sv), AUTHOR)).toMatchObject({ ok: false, code });
	});
});
