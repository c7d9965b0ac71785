import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Table, UndoStore, type RecordRestorer } from './store';

/** A cell written in place and saved as a record (as stock totals are). */
class Cell {
	constructor(
		public a = 0,
		public b = 0,
		public tag: string | null = null
	) {}
}

const CELL: RecordRestorer = {
	width: 2,
	refs: 2,
	restore(n, at, refs, r) {
		const c = refs[r] as Cell;
		c.a = n[at]!;
		c.b = n[at + 1]!;
		c.tag = refs[r + 1] as string | null;
	}
};

function save(store: UndoStore, c: Cell): void {
	const at = store.saveRecord(CELL);
	if (at < 0) return;
	store.nums[at] = c.a;
	store.nums[at + 1] = c.b;
	const r = store.nums[at - 1]!;
	store.refs[r] = c;
	store.refs[r + 1] = c.tag;
}

type Op =
	| { kind: 'cell'; i: number; a: number; tag: string | null }
	| { kind: 'table'; key: string; v: number }
	| { kind: 'mark' }
	| { kind: 'rollback'; to: number }
	| { kind: 'forget'; upTo: number };

const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constant('cell' as const),
		i: fc.nat(3),
		a: fc.integer({ min: -1000, max: 1000 }),
		tag: fc.option(fc.constantFrom('x', 'y'))
	}),
	fc.record({ kind: fc.constant('table' as const), key: fc.constantFrom('k1', 'k2'), v: fc.nat(9) }),
	fc.constant({ kind: 'mark' as const }),
	fc.record({ kind: fc.constant('rollback' as const), to: fc.nat(20) }),
	fc.record({ kind: fc.constant('forget' as const), upTo: fc.nat(20) })
);

describe('UndoStore', () => {
	it('rolls back to any mark exactly, records and table writes interleaved, across forgets', () => {
		fc.assert(
			// Side-log chunks of 3 numbers (one record each), 7 (records left out at a chunk's end) and
			// the default: records cross chunks, and forgets drop and reuse them, all the time.
			fc.property(fc.array(op, { maxLength: 300 }), fc.constantFrom(3, 7, undefined), (ops, chunk) => {
				const store = new UndoStore(chunk);
				store.logging = true;
				const cells = [new Cell(), new Cell(), new Cell(), new Cell()];
				const table = new Table<number>('t');
				const picture = () => JSON.stringify([cells.map((c) => [c.a, c.b, c.tag]), [...table.map].sort()]);
				// Each live mark with the state it was taken in.
				let marks: { at: number; state: string }[] = [];
				for (const o of ops) {
					if (o.kind === 'cell') {
						const c = cells[o.i]!;
						save(store, c);
						c.a += o.a;
						c.b = c.a * 2;
						c.tag = o.tag;
					} else if (o.kind === 'table') store.set(table, o.key, o.v);
					else if (o.kind === 'mark') marks.push({ at: store.mark(), state: picture() });
					else if (o.kind === 'rollback' && marks.length > 0) {
						const i = o.to % marks.length;
						store.rollback(marks[i]!.at);
						expect(picture()).toBe(marks[i]!.state);
						marks = marks.slice(0, i + 1);
					} else if (o.kind === 'forget' && marks.length > 0) {
						const i = o.upTo % marks.length;
						const shift = store.forget(marks[i]!.at);
						marks = marks.slice(i).map((m) => ({ ...m, at: m.at - shift }));
					}
				}
				// Back to the oldest live mark, or as far as the log reaches.
				if (marks.length > 0) {
					store.rollback(marks[0]!.at);
					expect(picture()).toBe(marks[0]!.state);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('forgetting most of the log drops whole side-log chunks; what stays still rolls back', () => {
		for (const chunk of [3, 7]) {
			const store = new UndoStore(chunk);
			store.logging = true;
			const c = new Cell();
			const marks: { at: number; a: number; b: number; tag: string | null }[] = [];
			for (let i = 1; i <= 12; i++) {
				marks.push({ at: store.mark(), a: c.a, b: c.b, tag: c.tag });
				save(store, c);
				c.a = i;
				c.b = -i;
				c.tag = `t${i}`;
			}
			const shift = store.forget(marks[10]!.at);
			store.rollback(marks[11]!.at - shift);
			expect([c.a, c.b, c.tag]).toEqual([11, -11, 't11']);
			// A record saved after the forget reuses a dropped chunk, and rolls back too.
			save(store, c);
			c.a = 99;
			store.rollback(marks[10]!.at - shift);
			expect([c.a, c.b, c.tag]).toEqual([10, -10, 't10']);
		}
	});

	it('refuses a record wider than a side-log chunk', () => {
		const store = new UndoStore(2);
		store.logging = true;
		expect(() => store.saveRecord(CELL)).toThrow(RangeError);
	});

	it('logs nothing while logging is off, and a cleared log undoes nothing', () => {
		const store = new UndoStore();
		const c = new Cell(5, 10, 'x');
		expect(store.saveRecord(CELL)).toBe(-1);
		store.logging = true;
		save(store, c);
		c.a = 7;
		expect(store.logSize).toBe(1);
		store.clearLog();
		expect(store.logSize).toBe(0);
		store.rollback(0);
		expect(c.a).toBe(7);
		save(store, c);
		c.a = 9;
		store.rollback(0);
		expect([c.a, c.b, c.tag]).toEqual([7, 10, 'x']);
	});
});
