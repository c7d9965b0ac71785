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

/** A device code: 1–16 letters, digits or `_` (one object for every check, see REF in schema.ts). */
export const DEVICE_CODE = /^[A-Za-z0-9_]{1,16}$/;

/** The character codes of the base-36 digits. */
const DIGIT = Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0));
const DASH = 45;
const WALL_LIMIT = 36 ** 9;
const COUNTER_LIMIT = 36 ** 4;

/**
 * A fixed-width string whose lexicographic order is the HLC order: `wall36(9)-counter36(4)-device`.
 * Every event id is one (formatted once per event decoded), so its fifteen fixed characters are made
 * as one string from their codes (joining pieces with `+` made a new string per piece: half the time
 * and most of the garbage); a value outside the fixed width (never issued by a clock) is formatted the
 * slow way.
 */
export function formatHlc(h: Hlc): string {
	let w = h.wall;
	let c = h.counter;
	if (!(
		w >= 0 &&
		w < WALL_LIMIT &&
		c >= 0 &&
		c < COUNTER_LIMIT &&
		Number.isInteger(w) &&
		Number.isInteger(c)
	))
		return `${w.toString(36).padStart(9, '0')}-${c.toString(36).padStart(4, '0')}-${h.device}`;
	const w8 = w % 36;
	w = (w - w8) / 36;
	const w7 = w % 36;
	w = (w - w7) / 36;
	const w6 = w % 36;
	w = (w - w6) / 36;
	const w5 = w % 36;
	w = (w - w5) / 36;
	const w4 = w % 36;
	w = (w - w4) / 36;
	const w3 = w % 36;
	w = (w - w3) / 36;
	const w2 = w % 36;
	w = (w - w2) / 36;
	const w1 = w % 36;
	const w0 = (w - w1) / 36;
	const c3 = c % 36;
	c = (c - c3) / 36;
	const c2 = c % 36;
	c = (c - c2) / 36;
	const c1 = c % 36;
	const c0 = (c - c1) / 36;
	const d = DIGIT;
	return (
		String.fromCharCode(
			d[w0]!,
			d[w1]!,
			d[w2]!,
			d[w3]!,
			d[w4]!,
			d[w5]!,
			d[w6]!,
			d[w7]!,
			d[w8]!,
			DASH,
			d[c0]!,
			d[c1]!,
			d[c2]!,
			d[c3]!,
			DASH
		) + h.device
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
		if (!DEVICE_CODE.test(device)) throw new Error(`bad device code "${device}"`);
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
