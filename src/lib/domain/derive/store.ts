/**
 * The ledger's mutable state, with an undo log (DESIGN §3; rules D1–D4 in docs/SPEC.md).
 *
 * Every value in a table is immutable; a write replaces it. While logging is on, each write records
 * (table, key, previous value), and `mark()` returns the log position before an event is applied.
 * Rolling back to a mark restores exactly the state before that event, so a late or backdated event
 * costs: undo the events after its place, apply it, re-apply them. Invariant: state after rollback(m)
 * is identical to the state when m was taken (tested by incremental == full replay).
 */

export class Table<V> {
	readonly map = new Map<string, V>();
	constructor(readonly name: string) {}
}

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
		if (this.logging) this.#log.push(null, '', undo);
	}

	mark(): number {
		return this.#log.length;
	}

	/** Undoes every write made after `mark`, newest first. */
	rollback(mark: number): void {
		const log = this.#log;
		for (let i = log.length - 3; i >= mark; i -= 3) {
			const t = log[i] as Table<unknown> | null;
			const key = log[i + 1] as string;
			const prev = log[i + 2];
			if (t === null) (prev as () => void)();
			else if (prev === undefined) t.map.delete(key);
			else t.map.set(key, prev);
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
