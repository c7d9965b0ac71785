import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, EVENT_TYPES } from './catalogue';
import { isInvalid } from './schema';

/** Loose JSON-ish values, including the shapes a tuple codec can meet. */
const wire = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		fc.constantFrom(null, 0, 1, -1, true, false, '', 'P1', 'W1', 1300, 2.5, 'x'.repeat(70)),
		fc.integer(),
		fc.string({ maxLength: 8 }),
		fc.array(tie('value'), { maxLength: 8 }),
		fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 3 })
	)
})).value;

describe('schema one-pass read', () => {
	it('[S4] read() accepts exactly what decode() then check() accepts, with the same value', () => {
		fc.assert(
			fc.property(fc.constantFrom(...EVENT_TYPES), wire, (type, w) => {
				const schema = CATALOGUE[type].payload as {
					read: (w: unknown, p: string) => unknown;
					decode: (w: unknown) => unknown;
					check: (v: unknown, p: string) => unknown;
				};
				const one = schema.read(w, 'payload');
				let two: unknown;
				try {
					two = schema.check(schema.decode(w), 'payload');
				} catch {
					two = { ok: false };
				}
				if (isInvalid(one)) return; // read() is allowed to be stricter on malformed tuples
				expect(isInvalid(two)).toBe(false);
				expect(one).toEqual(two);
			}),
			{ numRuns: 3000 }
		);
	});

	it('[S4] read() of an encoded valid payload gives the payload back', () => {
		const sale = {
			no: 3,
			customer: 'C1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 1000, amount: 1990, vat: 1300, batch: 'L1' }]
		};
		const def = CATALOGUE['sales.delivery.posted'].payload;
		expect(def.read(def.encode(sale), 'payload')).toEqual(sale);
		expect(def.read([3, 'C1', 'W1', null, null, null, null, null, []], 'payload')).toMatchObject({
			ok: false,
			path: 'payload'
		});
	});
});
