import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StockMoves } from './moves';
import { UndoStore } from './store';

/** What `of` must answer: a scan of every move, in order. */
function scan(moves: StockMoves, total: number) {
	return [...moves.all()].filter((m) => m.total === total).map(({ slot, q, value }) => ({ slot, q, value }));
}

type Step =
	| { kind: 'event'; moves: { total: number; q: number }[] }
	| { kind: 'rollback'; back: number }
	| { kind: 'query'; total: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('event' as const),
			moves: fc.array(fc.record({ total: fc.nat(6), q: fc.integer({ min: -50, max: 50 }) }), {
				minLength: 1,
				maxLength: 4
			})
		})
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('rollback' as const), back: fc.nat(6) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), total: fc.nat(7) }) }
);

describe('the stock moves (D12)', () => {
	it('[D12] a stock total’s moves, indexed once, stay those of a full scan through events and rollbacks', () => {
		fc.assert(
			fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
				const store = new UndoStore();
				store.logging = true;
				const moves = new StockMoves(store);
				const marks: number[] = [];
				let slot = 0;
				for (const step of steps) {
					if (step.kind === 'event') {
						marks.push(store.mark());
						slot++;
						for (const m of step.moves) moves.add(slot, m.total, m.q, m.q * 10);
					} else if (step.kind === 'rollback') {
						// Back to the start of an earlier event, as the ledger's rewinds do.
						const keep = Math.max(0, marks.length - step.back);
						if (keep < marks.length) store.rollback(marks[keep]!);
						marks.length = keep;
					} else expect(moves.of(step.total)).toEqual(scan(moves, step.total));
				}
				for (let t = 0; t <= 7; t++) expect(moves.of(t)).toEqual(scan(moves, t));
			}),
			{ numRuns: 300 }
		);
	});

	it('one undo entry per event, however many moves it makes', () => {
		const store = new UndoStore();
		store.logging = true;
		const moves = new StockMoves(store);
		const before = store.mark();
		moves.add(1, 0, 5, 50);
		moves.add(1, 1, 5, 50);
		moves.add(1, 0, -2, -20);
		expect((store.mark() - before) / 3).toBe(1);
		store.rollback(before);
		expect(moves.length).toBe(0);
	});

	it('[D12] keeps every quantity and value exactly, packed or not, through rewrites and rollbacks', () => {
		// Around the packing's bounds (±2^25 thousandths, ±2^26 fen), and far past them.
		const edge = (b: number) =>
			fc.oneof(
				fc.integer({ min: -4, max: 4 }).map((d) => b + d),
				fc.integer({ min: -4, max: 4 }).map((d) => -b + d),
				fc.integer({ min: -1000, max: 1000 }),
				fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
				fc.constant(-0)
			);
		const move = fc.record({ total: fc.nat(3), q: edge(2 ** 25), value: edge(2 ** 26) });
		type Op =
			| { kind: 'add'; moves: { total: number; q: number; value: number }[] }
			| { kind: 'set'; at: number; q: number; value: number }
			| { kind: 'rollback'; back: number };
		const op: fc.Arbitrary<Op> = fc.oneof(
			fc.record({ kind: fc.constant('add' as const), moves: fc.array(move, { minLength: 1, maxLength: 3 }) }),
			fc.record({ kind: fc.constant('set' as const), at: fc.nat(), q: edge(2 ** 25), value: edge(2 ** 26) }),
			fc.record({ kind: fc.constant('rollback' as const), back: fc.nat(4) })
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
				const store = new UndoStore();
				store.logging = true;
				const moves = new StockMoves(store);
				// The model: every move as plain numbers, saved whole at each mark.
				let model: { slot: number; total: number; q: number; value: number }[] = [];
				const marks: { mark: number; model: typeof model }[] = [];
				let slot = 0;
				for (const o of ops) {
					if (o.kind === 'add') {
						marks.push({ mark: store.mark(), model: model.slice() });
						slot++;
						for (const m of o.moves) {
							moves.add(slot, m.total, m.q, m.value);
							model.push({ slot, ...m });
						}
					} else if (o.kind === 'set') {
						if (model.length === 0) continue;
						const i = o.at % model.length;
						moves.set(i, o.q, o.value);
						model[i] = { ...model[i]!, q: o.q, value: o.value };
					} else {
						const keep = Math.max(0, marks.length - o.back);
						if (keep < marks.length) {
							store.rollback(marks[keep]!.mark);
							model = marks[keep]!.model;
						}
						marks.length = keep;
					}
					// Numbers compare as numbers: a packed -0 reads back as 0.
					const plain = (m: { q: number; value: number }) => ({ ...m, q: m.q + 0, value: m.value + 0 });
					expect([...moves.all()].map(plain)).toEqual(model.map(plain));
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('refuses keys it cannot hold rather than mixing moves up', () => {
		const moves = new StockMoves(new UndoStore());
		expect(() => moves.add(1, 2 ** 24, 1, 1)).toThrow(RangeError);
		expect(() => moves.add(2 ** 29, 1, 1, 1)).toThrow(RangeError);
		expect(moves.length).toBe(0);
	});
});
