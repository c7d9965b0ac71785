import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../event';
import { EventIndex, hashId, tagOf } from './index';

const ev = (id: string) => ({ id }) as AnyEvent;

/** The first two ids `${prefix}${i}` with one `key` that `accept` takes (found by search: deterministic). */
function collidingIds(
	prefix: string,
	key: (id: string) => number,
	accept: (a: string, b: string) => boolean = () => true
): [string, string] {
	const seen = new Map<number, string>();
	for (let i = 0; ; i++) {
		const x = `${prefix}${i}`;
		const other = seen.get(key(x));
		if (other !== undefined && accept(other, x)) return [other, x];
		seen.set(key(x), x);
	}
}

describe('EventIndex', () => {
	it('gives each new id the next slot and refuses a known one', () => {
		const ix = new EventIndex();
		expect(ix.add(ev('a'))).toBe(0);
		expect(ix.add(ev('b'))).toBe(1);
		expect(ix.add(ev('a'))).toBe(-1);
		expect(ix.size).toBe(2);
		expect(ix.slotOf('b')).toBe(1);
		expect(ix.get('a')?.id).toBe('a');
		expect(ix.has('c')).toBe(false);
		expect(ix.slotOf('c')).toBeUndefined();
		expect(ix.at(1).id).toBe('b');
	});

	it('answers like a Map for any ids, through every growth, colliding hashes included', () => {
		// Ids from a small alphabet collide often in the low bits; long runs cross several growths.
		const id = fc.oneof(
			fc.string({ maxLength: 6 }),
			fc.string({ unit: fc.constantFrom('0', '1', '-', 'z'), minLength: 18, maxLength: 20 })
		);
		fc.assert(
			fc.property(fc.array(id, { maxLength: 5000 }), fc.array(id, { maxLength: 50 }), (ids, probes) => {
				const ix = new EventIndex();
				const ref = new Map<string, number>();
				for (const x of ids) {
					const slot = ix.add(ev(x));
					if (ref.has(x)) expect(slot).toBe(-1);
					else {
						expect(slot).toBe(ref.size);
						ref.set(x, slot);
					}
				}
				for (const x of [...ids, ...probes]) expect(ix.slotOf(x)).toBe(ref.get(x));
				expect(ix.size).toBe(ref.size);
			}),
			{ numRuns: 60 }
		);
	});

	it('tells apart ids whose hashes are equal by comparing the ids', () => {
		// Two ids with one 32-bit FNV-1a hash.
		const [a, b] = collidingIds('e', hashId);
		expect(hashId(a)).toBe(hashId(b));
		const ix = new EventIndex();
		expect(ix.add(ev(a))).toBe(0);
		expect(ix.add(ev(b))).toBe(1);
		expect(ix.add(ev(b))).toBe(-1);
		expect([ix.slotOf(a), ix.slotOf(b)]).toEqual([0, 1]);
	});

	it('tells apart ids whose tags are equal though their hashes differ, through a growth', () => {
		const [a, b] = collidingIds('t', tagOf, (x, y) => hashId(x) !== hashId(y));
		expect(tagOf(a)).toBe(tagOf(b));
		const ix = new EventIndex();
		expect(ix.add(ev(a))).toBe(0);
		expect(ix.add(ev(b))).toBe(1);
		for (let i = 0; i < 3000; i++) ix.add(ev(`f${i}`));
		expect(ix.add(ev(a))).toBe(-1);
		expect([ix.slotOf(a), ix.slotOf(b), ix.slotOf('f2999')]).toEqual([0, 1, 3001]);
	});

	it('refuses to grow past what one number per cell can hold (67 million events), before allocating', () => {
		expect(() => new EventIndex().reserve(2 ** 26 + 1)).toThrow(RangeError);
	});
});
