import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE as CHUNK, ChunkedNumbers, doubles } from './chunked';
import { CompactDocs, EventIndex } from './index';
import { StockMoves } from './moves';
import { UndoStore } from './store';
import type { AnyEvent } from '../event';

describe('numbers in chunks', () => {
	it('keeps every number across chunk boundaries, and what it had when it grows', () => {
		const c = new ChunkedNumbers();
		expect(c.room).toBe(0);
		c.ensure(1);
		expect(c.room).toBe(CHUNK);
		c.set(CHUNK - 1, -1.5);
		c.ensure(3 * CHUNK + 1);
		expect(c.room).toBe(4 * CHUNK);
		c.set(CHUNK, 2 ** 40 + 7);
		c.set(3 * CHUNK, -3);
		expect([c.get(CHUNK - 1), c.get(CHUNK), c.get(3 * CHUNK), c.get(2 * CHUNK)]).toEqual([
			-1.5,
			2 ** 40 + 7,
			-3,
			0
		]);
	});

	it('makes arrays of zeros of any length, each its own, across chunk boundaries', () => {
		for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7]) {
			const a = doubles(n);
			expect(a).toHaveLength(n);
			expect(a.every((x) => x === 0)).toBe(true);
			if (n > 0) {
				a[n - 1] = -2.5;
				a[0] = 2 ** 40 + 1;
			}
		}
		// Writing to one left the others, and the chunk they are copied from, zero.
		expect(doubles(2 * CHUNK + 1).some((x) => x !== 0)).toBe(false);
	});

	it('refuses more numbers than its indices reach', () => {
		expect(() => new ChunkedNumbers().ensure(2 ** 32 + 1)).toThrow(RangeError);
	});

	it('[D12] stock moves past the first chunk keep their chains, and a rollback across a boundary restores them', () => {
		const store = new UndoStore();
		const moves = new StockMoves(store);
		const n = CHUNK / 2 + 5; // four numbers a move: past the first chunk and a half
		for (let i = 0; i < n; i++) moves.add(i, i % 3, i + 1, -(i + 1) * 10);
		store.logging = true;
		const mark = store.mark();
		for (let i = n; i < n + CHUNK / 4; i++) moves.add(i, i % 3, 1, 1);
		store.rollback(mark);
		expect(moves.length).toBe(n);
		const chain = moves.indicesOf(1);
		expect(chain.length).toBe(Math.floor((n - 2) / 3) + 1);
		expect(chain.every((i) => moves.totalAt(i) === 1 && moves.slotAt(i) === i)).toBe(true);
		expect(moves.qAt(n - 1)).toBe(n);
		expect(moves.valueAt(CHUNK / 4)).toBe(-(CHUNK / 4 + 1) * 10);
	});

	it('compact documents past the first chunk read back, and an undo takes the newest back', () => {
		const store = new UndoStore();
		const index = new EventIndex();
		const docs = new CompactDocs<string>(index, store);
		const n = CHUNK / 2 + 7; // five numbers a document: past two chunks
		for (let i = 0; i < n; i++) {
			index.add({ id: `e${i}` } as AnyEvent);
			docs.put(i, i % 2 ? 'odd' : 'even', [i, -i, 7]);
		}
		expect(docs.count).toBe(n);
		expect(docs.read(n - 1)?.costs).toEqual([n - 1, -(n - 1), 7]);
		const past = Math.ceil(CHUNK / 5) + 1; // the first document wholly in the second chunk, or so
		expect(docs.read(past)).toMatchObject({ kind: past % 2 ? 'odd' : 'even', costs: [past, -past, 7] });
		store.logging = true;
		const mark = store.mark();
		index.add({ id: 'late' } as AnyEvent);
		docs.put(n, 'late', [1, 2]);
		docs.setCost(5, 1, 99);
		expect(docs.read(5)?.costs).toEqual([5, 99, 7]);
		store.rollback(mark);
		expect(docs.has(n)).toBe(false);
		expect(docs.count).toBe(n);
		expect(docs.read(5)?.costs).toEqual([5, -5, 7]);
		expect([...docs.slots()].length).toBe(n);
	});
});
