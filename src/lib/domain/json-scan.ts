/**
 * A cursor over JSON text for the journal's fast decode (S19): a schema reads its fields straight from
 * the text of a tuple, with no array built per tuple first.
 *
 * It reads only what `JSON.stringify` writes for a tuple of JXC's: arrays, strings without escapes,
 * integers of up to 15 digits, `null`, `true` and `false`, no whitespace. Anything else (an object, an
 * escape, a fraction, an exponent, a space, text that is not JSON at all) answers {@link BAIL}, and the
 * caller decodes the element the slow way (`JSON.parse`, then `Schema.read`), which decides every
 * failure and its message. So a scan never fails on its own: it either gives exactly what the slow way
 * gives, or nothing.
 *
 * Why: `JSON.parse` builds every tuple as arrays before the schema reads it into the event, and those
 * arrays are garbage a moment later (about 3 MB for a 6,000-event partition, most of a young-generation
 * collection). Scanning the text is also about twice as fast as parsing it on this machine.
 */

/** The answer of a scan that met something it does not read; the caller takes the slow way. */
export const BAIL: unique symbol = Symbol('bail');
export type Bail = typeof BAIL;

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;
export const COMMA = 44;
export const OPEN = 91;
export const CLOSE = 93;

/** Integers longer than this go the slow way; 15 digits are always a safe integer. */
const MAX_DIGITS = 15;

/**
 * Short strings (codes and ids: products, warehouses, parties, users, devices) are interned in a small
 * table, as `JSON.parse` does: a partition names the same few hundred codes thousands of times, and one
 * string per code keeps the decoded events smaller. The table is bounded (it forgets on collision), so
 * memory stays flat whatever a journal holds.
 */
const INTERN_MAX_LENGTH = 16;
const TABLE_SIZE = 4096;
const PROBES = 4;
const internedText: (string | undefined)[] = new Array<string | undefined>(TABLE_SIZE).fill(undefined);
const internedHash = new Int32Array(TABLE_SIZE);

export class JsonCursor {
	text = '';
	at = 0;

	reset(text: string): this {
		this.text = text;
		this.at = 0;
		return this;
	}

	/** Whether the whole text has been read. */
	get done(): boolean {
		return this.at === this.text.length;
	}

	/** Consumes `code` (a character code) if it comes next. */
	eat(code: number): boolean {
		if (this.text.charCodeAt(this.at) !== code) return false;
		this.at++;
		return true;
	}

	/** Consumes `null` if it comes next. */
	eatNull(): boolean {
		return this.#word('null');
	}

	/** A string, number, `true`, `false` or `null` (JSON's primitives). */
	value(): string | number | boolean | null | Bail {
		const c = this.text.charCodeAt(this.at);
		if (c === QUOTE) return this.string();
		if (c === MINUS || (c >= ZERO && c <= NINE)) return this.int();
		if (this.eatNull()) return null;
		if (this.#word('true')) return true;
		if (this.#word('false')) return false;
		return BAIL;
	}

	/** A string without escapes or control characters. */
	string(): string | Bail {
		const t = this.text;
		const start = this.at + 1;
		if (t.charCodeAt(this.at) !== QUOTE) return BAIL;
		let hash = 0;
		let i = start;
		for (;;) {
			const c = t.charCodeAt(i);
			if (c === QUOTE) break;
			// NaN (the end of the text) fails `c >= 32` too.
			if (c === BACKSLASH || !(c >= 32)) return BAIL;
			hash = (Math.imul(hash, 31) + c) | 0;
			i++;
		}
		this.at = i + 1;
		const length = i - start;
		return length <= INTERN_MAX_LENGTH ? intern(t, start, length, hash) : t.slice(start, i);
	}

	/** An integer as JSON writes it: no leading zero, no fraction or exponent, at most 15 digits. */
	int(): number | Bail {
		const t = this.text;
		let i = this.at;
		const negative = t.charCodeAt(i) === MINUS;
		if (negative) i++;
		const first = i;
		let n = 0;
		for (;;) {
			const c = t.charCodeAt(i);
			if (!(c >= ZERO && c <= NINE)) break;
			n = n * 10 + (c - ZERO);
			i++;
		}
		const digits = i - first;
		if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && t.charCodeAt(first) === ZERO)) return BAIL;
		const next = t.charCodeAt(i);
		if (next === DOT || next === LOWER_E || next === UPPER_E) return BAIL;
		this.at = i;
		return negative ? -n : n;
	}

	#word(word: string): boolean {
		if (!this.text.startsWith(word, this.at)) return false;
		this.at += word.length;
		return true;
	}
}

/** The interned copy of `text[start, start + length)`, whose hash the caller computed while reading. */
function intern(text: string, start: number, length: number, hash: number): string {
	const home = hash & (TABLE_SIZE - 1);
	for (let p = 0; p < PROBES; p++) {
		const slot = (home + p) & (TABLE_SIZE - 1);
		const known = internedText[slot];
		if (known === undefined) {
			internedHash[slot] = hash;
			return (internedText[slot] = text.slice(start, start + length));
		}
		if (internedHash[slot] === hash && known.length === length && sameChars(known, text, start)) return known;
	}
	internedHash[home] = hash;
	return (internedText[home] = text.slice(start, start + length));
}

function sameChars(known: string, text: string, start: number): boolean {
	for (let i = 0; i < known.length; i++) if (known.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
	return true;
}
