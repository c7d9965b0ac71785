/**
 * Telling a keyboard-wedge barcode scanner from a person typing (DESIGN §7). A scanner "types" a whole
 * code in a burst, a few milliseconds per key, and ends it with Enter; people type 100 ms or more
 * between keys. So: a run of printable keys, each within `maxGapMs` of the one before, of at least
 * `minLength` characters, ended by Enter within the same gap, is a scan. Pure: the caller passes each
 * key with its timestamp.
 */
export interface ScannerOptions {
	/** The longest pause between two keys of one scan. */
	readonly maxGapMs?: number;
	readonly minLength?: number;
}

export class WedgeScanner {
	readonly #maxGap: number;
	readonly #minLength: number;
	#buffer = '';
	#last = -Infinity;

	constructor(options: ScannerOptions = {}) {
		this.#maxGap = options.maxGapMs ?? 50;
		this.#minLength = options.minLength ?? 6;
	}

	/** Feeds one key (`KeyboardEvent.key`) pressed at `timeMs`; returns the scanned code when a scan ends. */
	feed(key: string, timeMs: number): string | null {
		const fast = timeMs - this.#last <= this.#maxGap;
		this.#last = timeMs;
		if (key === 'Enter') {
			const code = fast && this.#buffer.length >= this.#minLength ? this.#buffer : null;
			this.#buffer = '';
			return code;
		}
		if (key.length !== 1) return null; // Shift and other modifiers come with scanned capitals.
		this.#buffer = fast ? this.#buffer + key : key;
		return null;
	}

	reset(): void {
		this.#buffer = '';
		this.#last = -Infinity;
	}
}
