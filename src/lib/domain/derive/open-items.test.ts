import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemList } from './open-items';

/** The list's three views of itself agree, and its order is settling order: due day, then id. */
function expectConsistent(list: ItemList): void {
	expect(list.dues).toHaveLength(list.ids.length);
	expect(list.dueOf.size).toBe(list.ids.length);
	for (let i = 0; i < list.ids.length; i++) {
		expect(list.dueOf.get(list.ids[i]!)).toBe(list.dues[i]);
		if (i > 0) {
			const [d0, d1] = [list.dues[i - 1]!, list.dues[i]!];
			expect(d0 < d1 || (d0 === d1 && list.ids[i - 1]! < list.ids[i]!)).toBe(true);
		}
	}
}

/** What `ItemList` should hold: the same pairs, sorted the slow way. */
function sortedPairs(pairs: Map<string, number>): [number, string][] {
	return [...pairs]
		.map(([id, due]): [number, string] => [due, id])
		.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

describe('[F2] open items in settling order', () => {
	it('files items by due day, then id, and finds each where it was filed', () => {
		const list = new ItemList();
		for (const [id, due] of [
			['b', 5],
			['a', 5],
			['c', 3],
			['d', 9]
		] as const)
			list.insert(list.position(due, id), id, due);
		expect(list.ids).toEqual(['c', 'a', 'b', 'd']);
		expect(list.dues).toEqual([3, 5, 5, 9]);
		expect(list.remove('a')).toBe(1);
		expect(list.ids).toEqual(['c', 'b', 'd']);
		expect(list.dueOf.has('a')).toBe(false);
		expectConsistent(list);
	});

	it('matches a sorted list through any inserts and removes, and undoing them in reverse restores every step', () => {
		const op = fc.oneof(
			fc.record({
				add: fc.constant(true),
				id: fc.stringMatching(/^[a-f]{1,3}$/),
				due: fc.integer({ min: 0, max: 6 })
			}),
			fc.record({ add: fc.constant(false), pick: fc.nat() })
		);
		fc.assert(
			fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
				const list = new ItemList();
				const model = new Map<string, number>();
				const undo: (() => void)[] = [];
				const states: string[][] = [];
				for (const o of ops) {
					states.push([...list.ids]);
					if (o.add) {
						// The ledger files an item once: one already open is left where it is.
						if (model.has(o.id)) {
							undo.push(() => {});
							continue;
						}
						list.insert(list.position(o.due, o.id), o.id, o.due);
						model.set(o.id, o.due);
						undo.push(() => list.remove(o.id));
					} else {
						if (model.size === 0) {
							undo.push(() => {});
							continue;
						}
						const id = [...model.keys()][o.pick % model.size]!;
						const due = model.get(id)!;
						const at = list.remove(id);
						model.delete(id);
						undo.push(() => list.insert(at, id, due));
					}
					expect(list.ids.map((id, i) => [list.dues[i], id])).toEqual(sortedPairs(model));
					expectConsistent(list);
				}
				for (let i = undo.length - 1; i >= 0; i--) {
					undo[i]!();
					expect(list.ids).toEqual(states[i]);
				}
				expectConsistent(list);
			})
		);
	});
});
