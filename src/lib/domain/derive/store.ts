/**
 * The ledger's mutable state, with an undo log (DESIGN §3; rules D1–D4 in docs/SPEC.md).
 *
 * Every value in a table is immutable; a write replaces it. While logging is on, each write records
 * (table, key, previous value), and `mark()` returns the log position before an event is applied.
 * Rolling back to a mark restores exactly the state before that event, so a late or backdated event
 * costs: undo the events after its place, apply it, re-apply them. Invariant: state after rollback(m)
 * is identical to the state when m was taken (tested by incremental == full replay).
 */

/** Anything that can put back a previous value: tables, and the in-place structures of the ledger. */
export interface Restorer {
	restore(key: string, prev: unknown): void;
}

export class Table<V> implements Restorer {
	readonly map = new Map<string, V>();
	constructor(readonly name: string) {}

	restore(key: string, prev: unknown): void {
		if (prev === undefined) this.map.delete(key);
		else this.map.set(key, prev as V);
	}
}

/** Runs a closure on undo (rare structures only; the hot ones have their own Restorer). */
const CLOSURE: Restorer = { restore: (_key, undo) => (undo as () => void)() };

export class UndoStore {
	/** Flat undo log: table, key, previous value (undefined = absent), repeated. */
	#log: unknown[] = [];
	logging = false;

	get<V>(t: Table<V>, key: string): V | undefined {
		return t.map.get(key);
	}

	set<V>(t: Table<V>, key: string, value: V): void {
		if (this.logging) this.#log.push(t, key, t.map.get(key));
		t.map.set(key, value);
	}

	/**
	 * Records a custom undo step for a structure that is mutated in place (sorted open-item lists,
	 * where copying on every change would cost O(n) per event).
	 */
	onUndo(undo: () => void): void {
		if (this.logging) this.#log.push(CLOSURE, '', undo);
	}

	/** Logs a previous value for a Restorer (no allocation beyond the log itself). */
	record(r: Restorer, key: string, prev: unknown): void {
		if (this.logging) this.#log.push(r, key, prev);
	}

	mark(): number {
		return this.#log.length;
	}

	/** Undoes every write made after `mark`, newest first. */
	rollback(mark: number): void {
		const log = this.#log;
		for (let i = log.length - 3; i >= mark; i -= 3) {
			(log[i] as Restorer).restore(log[i + 1] as string, log[i + 2]);
		}
		log.length = mark;
	}

	/** Forgets the oldest part of the log (before `mark`); returns how much the marks shift. */
	forget(mark: number): number {
		this.#log = this.#log.slice(mark);
		return mark;
	}

	clearLog(): void {
		this.#log = [];
	}

	get logSize(): number {
		return this.#log.length / 3;
	}
}
