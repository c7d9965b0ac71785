/**
 * The counter's carts kept on the device (rule K6 in docs/SPEC.md): the cart being rung up, so that a
 * reload or a tablet that dies mid-sale loses nothing, and carts put aside (挂单) while the next customer
 * is served, to be taken up again (取单). Plain data in, plain data out: the UI keeps it in localStorage
 * as text, and everything read back is checked field by field, since storage outlives versions of the
 * app and may hold anything.
 */
import { lineGross, MAX_QTY, type CartLine } from './cart';

/** A cart with the customer it is rung up for (none: a walk-in). */
export interface CartDraft {
	readonly cart: readonly CartLine[];
	readonly customer?: string;
}

/** A cart put aside: when, and a number the clerk can call it by (第 3 单). */
export interface HeldCart extends CartDraft {
	readonly id: string;
	readonly no: number;
	/** When it was put aside, as an ISO instant. */
	readonly heldAt: string;
}

/** What the device keeps for one company's counter. */
export interface CounterKeep {
	readonly current: CartDraft | null;
	readonly held: readonly HeldCart[];
}

/** More carts than this aside at once are refused: a shop with twenty open carts has lost track of them. */
export const MAX_HELD = 20;

export const EMPTY_KEEP: CounterKeep = { current: null, held: [] };

const isText = (v: unknown): v is string => typeof v === 'string';
const isFen = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** One cart line as read back from storage, or null when any field is not what a line holds. */
function lineOf(v: unknown): CartLine | null {
	if (typeof v !== 'object' || v === null) return null;
	const l = v as Record<string, unknown>;
	if (!isText(l.p) || l.p === '' || !isText(l.name) || !isText(l.unit)) return null;
	if (!isFen(l.vat) || !isFen(l.price) || !isFen(l.discount)) return null;
	if (!Number.isSafeInteger(l.q) || (l.q as number) <= 0 || (l.q as number) > MAX_QTY) return null;
	if (l.listPrice !== null && !isFen(l.listPrice)) return null;
	const line: CartLine = {
		p: l.p,
		name: l.name,
		unit: l.unit,
		vat: l.vat as number,
		q: l.q as number,
		listPrice: l.listPrice as number | null,
		price: l.price as number,
		discount: l.discount as number
	};
	// A discount above the line's gross is not one the cart could have made.
	return line.discount <= lineGross(line) ? line : null;
}

function draftOf(v: unknown): CartDraft | null {
	if (typeof v !== 'object' || v === null) return null;
	const d = v as Record<string, unknown>;
	if (!Array.isArray(d.cart) || d.cart.length === 0) return null;
	const cart: CartLine[] = [];
	const seen = new Set<string>();
	for (const raw of d.cart) {
		const line = lineOf(raw);
		if (!line || seen.has(line.p)) return null;
		seen.add(line.p);
		cart.push(line);
	}
	if (d.customer !== undefined && (!isText(d.customer) || d.customer === '')) return null;
	return isText(d.customer) ? { cart, customer: d.customer } : { cart };
}

function heldOf(v: unknown): HeldCart | null {
	const draft = draftOf(v);
	if (!draft) return null;
	const h = v as Record<string, unknown>;
	if (!isText(h.id) || h.id === '' || !Number.isSafeInteger(h.no) || (h.no as number) < 1) return null;
	if (!isText(h.heldAt) || Number.isNaN(Date.parse(h.heldAt))) return null;
	return { ...draft, id: h.id, no: h.no as number, heldAt: h.heldAt };
}

/**
 * What storage held, read back. Anything unreadable is left out and the rest kept: a damaged current
 * cart does not cost the carts put aside, nor one damaged cart aside the others.
 */
export function readKeep(text: string | null): CounterKeep {
	if (text === null) return EMPTY_KEEP;
	let v: unknown;
	try {
		v = JSON.parse(text);
	} catch {
		return EMPTY_KEEP;
	}
	if (typeof v !== 'object' || v === null) return EMPTY_KEEP;
	const k = v as Record<string, unknown>;
	const held: HeldCart[] = [];
	if (Array.isArray(k.held)) {
		const ids = new Set<string>();
		for (const raw of k.held) {
			const h = heldOf(raw);
			if (h && !ids.has(h.id) && held.length < MAX_HELD) {
				ids.add(h.id);
				held.push(h);
			}
		}
	}
	return { current: draftOf(k.current), held };
}

export const writeKeep = (keep: CounterKeep): string => JSON.stringify(keep);

/** The cart being rung up, kept (an empty cart keeps nothing). */
/**
 * Whether two carts being rung up are the same, line for line, customer included. An empty cart is no
 * cart (its customer is not kept either, `keepCurrent`). Another tab's cart that differs is taken over.
 */
export function sameDraft(a: CartDraft | null, b: CartDraft | null): boolean {
	const x = a?.cart ?? [];
	const y = b?.cart ?? [];
	if (x.length === 0 && y.length === 0) return true;
	if (x.length !== y.length || a?.customer !== b?.customer) return false;
	return x.every((l, i) => {
		const m = y[i]!;
		return (
			l.p === m.p &&
			l.q === m.q &&
			l.price === m.price &&
			l.discount === m.discount &&
			l.listPrice === m.listPrice &&
			l.vat === m.vat &&
			l.name === m.name &&
			l.unit === m.unit
		);
	});
}

export function keepCurrent(keep: CounterKeep, draft: CartDraft): CounterKeep {
	return { ...keep, current: draft.cart.length > 0 ? draft : null };
}

export type HoldResult =
	| { readonly ok: true; readonly keep: CounterKeep; readonly held: HeldCart }
	| { readonly ok: false; readonly code: 'empty' | 'full' };

/**
 * Puts `draft` aside as cart `id`, numbered one above the highest number aside (so numbers start again
 * at 1 once every cart is taken up). The cart being rung up is then empty.
 */
export function holdCart(keep: CounterKeep, draft: CartDraft, id: string, at: string): HoldResult {
	if (draft.cart.length === 0) return { ok: false, code: 'empty' };
	if (keep.held.length >= MAX_HELD) return { ok: false, code: 'full' };
	const no = keep.held.reduce((m, h) => Math.max(m, h.no), 0) + 1;
	const held: HeldCart = { ...draft, id, no, heldAt: at };
	return { ok: true, keep: { current: null, held: [...keep.held, held] }, held };
}

export type TakeResult =
	| { readonly ok: true; readonly keep: CounterKeep; readonly draft: CartDraft; readonly swapped?: HeldCart }
	| { readonly ok: false; readonly code: 'gone' | 'full' };

/**
 * Takes cart `id` up again. A cart being rung up meanwhile is put aside in its place (as `swapId`), so
 * nothing is ever dropped by taking a cart. `gone`: another tab took it first.
 */
export function takeHeld(
	keep: CounterKeep,
	id: string,
	current: CartDraft,
	swapId: string,
	at: string
): TakeResult {
	const taken = keep.held.find((h) => h.id === id);
	if (!taken) return { ok: false, code: 'gone' };
	const rest: CounterKeep = { current: null, held: keep.held.filter((h) => h.id !== id) };
	const draft: CartDraft =
		taken.customer === undefined ? { cart: taken.cart } : { cart: taken.cart, customer: taken.customer };
	if (current.cart.length === 0) return { ok: true, keep: { ...rest, current: draft }, draft };
	const swap = holdCart(rest, current, swapId, at);
	if (!swap.ok) return { ok: false, code: 'full' };
	return { ok: true, keep: { ...swap.keep, current: draft }, draft, swapped: swap.held };
}

/** Drops cart `id` from those aside (the customer left without it). */
export function dropHeld(keep: CounterKeep, id: string): CounterKeep {
	return { ...keep, held: keep.held.filter((h) => h.id !== id) };
}

/** The shelf as it is now, for one product: undefined when the company no longer has it. */
export interface ShelfNow {
	readonly name: string;
	readonly unit: string;
	readonly price: number | null;
	readonly vat: number;
}

export interface Refreshed {
	readonly cart: CartLine[];
	/** Names of lines whose shelf price changed while the cart waited, now at the new one. */
	readonly repriced: string[];
	/** Names of lines left out: the product is gone or no longer sold. */
	readonly dropped: string[];
}

/**
 * A cart taken up again meets today's shelf: a line sold at the shelf price takes the shelf's price now
 * (the shelf is what the customer reads), a line priced by hand or discounted keeps what was agreed, and
 * every line takes the product's current name, unit and VAT rate. Lines of products no longer sold are
 * left out and named, so the clerk can tell the customer.
 */
export function refreshCart(
	cart: readonly CartLine[],
	shelf: (p: string) => ShelfNow | undefined
): Refreshed {
	const out: CartLine[] = [];
	const repriced: string[] = [];
	const dropped: string[] = [];
	for (const l of cart) {
		const now = shelf(l.p);
		if (!now) {
			dropped.push(l.name);
			continue;
		}
		const atShelf = l.discount === 0 && l.listPrice !== null && l.price === l.listPrice;
		const moved = atShelf && now.price !== null && now.price !== l.price;
		if (moved) repriced.push(now.name);
		out.push({
			...l,
			name: now.name,
			unit: now.unit,
			vat: now.vat,
			listPrice: now.price,
			price: moved ? now.price! : l.price
		});
	}
	return { cart: out, repriced, dropped };
}
