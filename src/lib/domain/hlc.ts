/**
 * Hybrid logical clock (DESIGN §1, rules J1–J4 in docs/SPEC.md).
 *
 * A timestamp is `wall-ms · counter · device`. Invariant: every timestamp a clock hands out is strictly
 * greater than every timestamp it handed out or observed before, whatever the physical clock does
 * (stutters, runs backwards, jumps). Ties between devices are broken by the device code, so the order
 * is total. Like Actual Budget's `timestamp.ts`, but a counter overflow borrows one millisecond instead
 * of throwing (a device must always be able to record a sale), and a remote clock far in the future is
 * not followed: it is reported so the device can show a drift warning, and our clock stays sane.
 */

export interface Hlc {
	readonly wall: number;
	readonly counter: number;
	readonly device: string;
}

export const MAX_COUNTER = 0xffff;
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

export function compareHlc(a: Hlc, b: Hlc): number {
	if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
	if (a.counter !== b.counter) return a.counter - b.counter;
	return a.device < b.device ? -1 : a.device > b.device ? 1 : 0;
}

const DIGITS36 = '0123456789abcdefghijklmnopqrstuvwxyz';
/** Every two-digit base-36 string, '00' to 'zz'. */
const PAIRS36 = Array.from({ length: 36 * 36 }, (_, i) => DIGITS36[Math.floor(i / 36)]! + DIGITS36[i % 36]!);
const WALL_LIMIT = 36 ** 9;
const COUNTER_LIMIT = 36 ** 4;

/**
 * A fixed-width string whose lexicographic order is the HLC order: `wall36(9)-counter36(4)-device`.
 * Every event id is one (formatted once per event decoded), so digits are taken two at a time from a
 * table; a value outside the fixed width (never issued by a clock) is formatted the slow way.
 */
export function formatHlc(h: Hlc): string {
	let w = h.wall;
	const c = h.counter;
	if (!(
		w >= 0 &&
		w < WALL_LIMIT &&
		c >= 0 &&
		c < COUNTER_LIMIT &&
		Number.isInteger(w) &&
		Number.isInteger(c)
	))
		return `${w.toString(36).padStart(9, '0')}-${c.toString(36).padStart(4, '0')}-${h.device}`;
	const a = w % 1296;
	w = (w - a) / 1296;
	const b = w % 1296;
	w = (w - b) / 1296;
	const d = w % 1296;
	w = (w - d) / 1296;
	const e = w % 1296;
	w = (w - e) / 1296;
	const lo = c % 1296;
	return (
		DIGITS36[w]! +
		PAIRS36[e]! +
		PAIRS36[d]! +
		PAIRS36[b]! +
		PAIRS36[a]! +
		'-' +
		PAIRS36[(c - lo) / 1296]! +
		PAIRS36[lo]! +
		'-' +
		h.device
	);
}

export function parseHlc(text: string): Hlc | null {
	const m = /^([0-9a-z]{9})-([0-9a-z]{4})-(.+)$/.exec(text);
	if (!m) return null;
	const wall = parseInt(m[1]!, 36);
	const counter = parseInt(m[2]!, 36);
	if (!Number.isSafeInteger(wall) || counter > MAX_COUNTER) return null;
	return { wall, counter, device: m[3]! };
}

export type ObserveResult = { ok: true } | { ok: false; code: 'clock-drift'; aheadMs: number };

export class HlcClock {
	#wall = 0;
	#counter = 0;
	readonly device: string;
	readonly #now: () => number;
	readonly #maxDriftMs: number;

	constructor(device: string, options: { now?: () => number; maxDriftMs?: number; last?: Hlc } = {}) {
		if (!/^[A-Za-z0-9_]{1,16}$/.test(device)) throw new Error(`bad device code "${device}"`);
		this.device = device;
		this.#now = options.now ?? Date.now;
		this.#maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
		// A restarted device resumes after the last timestamp it is known to have issued (from its journal).
		if (options.last) {
			this.#wall = options.last.wall;
			this.#counter = options.last.counter;
		}
	}

	/** The next timestamp for an event created on this device. */
	tick(): Hlc {
		const phys = this.#now();
		if (phys > this.#wall) {
			this.#wall = phys;
			this.#counter = 0;
		} else if (this.#counter < MAX_COUNTER) {
			this.#counter++;
		} else {
			// 65,536 events within one millisecond, or a clock stuck in the past: borrow a millisecond.
			this.#wall++;
			this.#counter = 0;
		}
		return { wall: this.#wall, counter: this.#counter, device: this.device };
	}

	/** Merges a timestamp seen on another device's event, so our next tick sorts after it. */
	observe(remote: Hlc): ObserveResult {
		const phys = this.#now();
		const ahead = remote.wall - Math.max(phys, this.#wall);
		if (remote.wall > phys + this.#maxDriftMs) return { ok: false, code: 'clock-drift', aheadMs: ahead };
		if (remote.wall > this.#wall) {
			this.#wall = remote.wall;
			this.#counter = remote.counter;
		} else if (remote.wall === this.#wall && remote.counter > this.#counter) {
			this.#counter = remote.counter;
		}
		return { ok: true };
	}

	get last(): Hlc {
		return { wall: this.#wall, counter: this.#counter, device: this.device };
	}
}
