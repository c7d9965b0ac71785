import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory, TURBULENT } from '../../../tests/factories/business';
import { decodeEvent, decodeTuple, encodeEntry, encodeEvent, entryTuple, scanEntry } from './codec';
import { BAIL, JsonCursor } from './json-scan';

const cursor = new JsonCursor();
const read = (text: string, how: (c: JsonCursor) => unknown) => {
	const c = cursor.reset(text);
	const v = how(c);
	return v === BAIL || !c.done ? BAIL : v;
};

describe('JSON cursor', () => {
	it('[S19] reads integers exactly as JSON.parse, and bails on anything else a number can be', () => {
		for (const ok of ['0', '-0', '7', '-42', '123456789012345', '-999999999999999'])
			expect(
				Object.is(
					read(ok, (c) => c.int()),
					JSON.parse(ok)
				)
			).toBe(true);
		// Leading zeros and a lone minus are not JSON; fractions, exponents and 16 digits go the slow way.
		for (const bail of ['01', '-', '-01', '1.5', '1.0', '1e3', '2E2', '1234567890123456', '+1', ''])
			expect(read(bail, (c) => c.int())).toBe(BAIL);
	});

	it('[S19] reads strings without escapes, non-ASCII included, and bails on escapes and controls', () => {
		for (const ok of ['""', '"P0092"', '"螺丝 M6×20"', '"a very long memo text that is not interned at all"'])
			expect(read(ok, (c) => c.string())).toBe(JSON.parse(ok));
		for (const bail of ['"a\\"b"', '"\\u0041"', '"tab\there"', '"open', 'x'])
			expect(read(bail, (c) => c.string())).toBe(BAIL);
	});

	it('[S19] the same code read twice is the same string, and codes that collide stay apart', () => {
		const a = Array.from({ length: 10_000 }, (_, i) => `"C${i}"`);
		const first = a.map((t) => read(t, (c) => c.string()));
		const again = a.map((t) => read(t, (c) => c.string()));
		expect(again).toEqual(first);
		expect(first).toEqual(a.map((t) => JSON.parse(t)));
	});

	it('[S19] reads the literals and stops at anything that is not a primitive', () => {
		expect(read('null', (c) => c.value())).toBe(null);
		expect(read('true', (c) => c.value())).toBe(true);
		expect(read('false', (c) => c.value())).toBe(false);
		for (const bail of ['nul', 'True', '[1]', '{}', ' 1', 'undefined'])
			expect(read(bail, (c) => c.value())).toBe(BAIL);
	});
});

/** Every event of a few rough companies: each type, master data and settings, foreign ids, voids. */
const events = [1, 2, 3].flatMap((seed) => generateHistory(seed, 300, { weights: TURBULENT }).events);

/** What the slow way (JSON.parse, then the schema's read) makes of a journal element. */
const slow = (entry: string) => decodeTuple(entryTuple(entry));

describe('[S19] fast decode of journal text', () => {
	it('takes the fast way for what JXC writes, and gives the event back exactly', () => {
		const types = new Set(events.map((e) => e.type));
		expect(types.size).toBeGreaterThan(25);
		let fast = 0;
		for (const e of events) {
			const entry = encodeEntry(e);
			const r = scanEntry(entry);
			if (r !== undefined) fast++;
			// (Compared through JSON: a generated -0 comes back as 0 either way.)
			expect(JSON.stringify(decodeEvent(entry))).toBe(JSON.stringify({ ok: true, event: e }));
			expect(decodeEvent(entry)).toEqual(slow(entry));
		}
		// Only JSON objects (settings' per-warehouse maps) and escaped text go the slow way.
		expect(fast / events.length).toBeGreaterThan(0.98);
	});

	it('foreign ids and tuples written before S18 decode as before', () => {
		const e = events.find((x) => x.type === 'sales.counter.posted')!;
		const foreign = { ...e, id: 'imported-7' };
		expect(scanEntry(encodeEntry(foreign))).toEqual({ ok: true, event: foreign });
		expect(decodeEvent(encodeEvent(foreign))).toEqual({ ok: true, event: foreign });
	});

	it('gives exactly what the slow way gives for any damaged element, failures and messages included', () => {
		const entries = events.map(encodeEntry);
		// Edits that keep the text JSON-like: the cases the cursor must bail on, or read exactly.
		const token = fc.constantFrom(
			'null',
			'0',
			'-0',
			'01',
			'1.5',
			'1e2',
			'-',
			'""',
			'"x"',
			'"\\u0050"',
			' ',
			'[',
			']',
			',',
			'[]',
			'{}',
			'true',
			'false',
			'1',
			'99999999999999999',
			'"P1"',
			'"C 1"',
			'[1,2]',
			'nul'
		);
		const edit = fc.oneof(
			fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
			fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 6 }) }),
			fc.record({ kind: fc.constant('put' as const), at: fc.nat(), text: token }),
			fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), text: token }),
			fc.record({ kind: fc.constant('char' as const), at: fc.nat(), text: fc.string({ maxLength: 2 }) })
		);
		fc.assert(
			fc.property(fc.nat(entries.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (i, edits) => {
				let text = entries[i]!;
				for (const ed of edits) {
					const at = ed.at % (text.length + 1);
					if (ed.kind === 'cut') text = text.slice(0, at);
					else if (ed.kind === 'drop') text = text.slice(0, at) + text.slice(at + ed.n);
					else if (ed.kind === 'swap') {
						// Replace the value that starts at or after `at` (up to the next , or ]).
						const end = text.slice(at).search(/[,\]]/);
						text = end < 0 ? text : text.slice(0, at) + ed.text + text.slice(at + end);
					} else text = text.slice(0, at) + ed.text + text.slice(at);
				}
				const fast = scanEntry(text);
				if (fast !== undefined) expect(fast).toEqual(slow(text));
				expect(decodeEvent(text)).toEqual(slow(text));
			}),
			{ numRuns: 4000 }
		);
	});
});
