/**
 * The conflict center's cards (DESIGN §5): each alert from the ledger with its facts resolved to names,
 * the events involved (who, which device, when, which document), and the resolution that fits its kind.
 * Facts stay typed values (a quantity, an amount, a date) so the page formats them in the user's
 * language.
 */
import type { Alert, Ledger } from '../domain/ledger';
import { formatQty, type MilliQty } from '../domain/money';
import { NOTICE_KINDS, type AlertKind } from '../domain/derive/alerts';
import { describeEvent, type EventLine } from './activity';
import { partyName, productLabel, userName, warehouseName, type MasterNames } from './names';

export type Fact =
	| { readonly kind: 'text'; readonly value: string }
	| { readonly kind: 'qty'; readonly value: number; readonly unit: string }
	| { readonly kind: 'money'; readonly value: number }
	| { readonly kind: 'day'; readonly value: number }
	| { readonly kind: 'event-type'; readonly value: string };

export type Resolution =
	| {
			readonly kind: 'adjust';
			readonly product: string;
			readonly warehouse: string;
			/** The warehouse's branch ('' when it has none: nothing can be booked). */
			readonly branch: string;
			/** Thousandths to add so available stock is back at zero. */
			readonly qty: number;
			readonly unit: string;
			/** Other warehouses with this product available, to transfer from instead. */
			readonly sources: readonly { readonly warehouse: string; readonly available: number }[];
	  }
	| { readonly kind: 'explain-rejected' }
	| { readonly kind: 'explain-quarantined' };

export interface ConflictCard {
	readonly id: string;
	readonly kind: AlertKind;
	readonly urgent: boolean;
	readonly facts: Readonly<Record<string, Fact>>;
	readonly events: readonly (EventLine | { readonly id: string; readonly missing: true })[];
	readonly resolution: Resolution | null;
}

/** Kinds that are reminders about the present rather than contradictions between devices. */
const text = (value: unknown): Fact => ({ kind: 'text', value: String(value) });

function facts(a: Alert, names: MasterNames): Record<string, Fact> {
	const f = a.facts;
	const unit = names.products.get(String(f.product ?? ''))?.unit ?? '';
	const qty = (v: unknown): Fact => ({ kind: 'qty', value: Number(v), unit });
	const out: Record<string, Fact> = {};
	for (const [k, v] of Object.entries(f)) out[k] = text(v);
	if (f.product !== undefined) out.product = text(productLabel(names, String(f.product)));
	if (f.warehouse !== undefined) out.warehouse = text(warehouseName(names, String(f.warehouse)));
	for (const k of [
		'available',
		'onHand',
		'reserved',
		'min',
		'max',
		'incoming',
		'ordered',
		'received',
		'delivered'
	])
		if (f[k] !== undefined) out[k] = qty(f[k]);
	if (f.customer !== undefined) out.customer = text(partyName(names, 'customer', String(f.customer)));
	for (const k of ['balance', 'limit'])
		if (f[k] !== undefined) out[k] = { kind: 'money', value: Number(f[k]) };
	for (const k of ['at', 'closedThrough'])
		if (f[k] !== undefined) out[k] = { kind: 'day', value: Number(f[k]) };
	if (f.type !== undefined) out.type = { kind: 'event-type', value: String(f.type) };
	if (f.user !== undefined) out.user = text(userName(names, String(f.user)));
	if (f.record !== undefined) {
		const [kind, id] = String(f.record).split(':');
		const rec = kind === 'product' ? productLabel(names, id ?? '') : (id ?? '');
		out.record = text(rec);
	}
	// [I3] "P1×2000, P2×500": each product missing from a transfer, with its quantity in thousandths.
	if (a.kind === 'transfer-short' && f.short !== undefined) {
		out.short = text(
			String(f.short)
				.split(', ')
				.map((item) => {
					const at = item.lastIndexOf('×');
					const p = item.slice(0, at);
					const unit = names.products.get(p)?.unit ?? '';
					return `${productLabel(names, p)} ${formatQty(Number(item.slice(at + 1)) as MilliQty)}${unit ? ` ${unit}` : ''}`;
				})
				.join('、')
		);
		out.value = { kind: 'money', value: Number(f.value ?? 0) };
	}
	if (f.products !== undefined)
		out.products = text(
			String(f.products)
				.split(', ')
				.map((p) => productLabel(names, p))
				.join('、')
		);
	return out;
}

/** Where a product is available, by warehouse id: looked up per oversell card, once per product. */
type Availability = (product: string) => readonly { warehouse: string; available: number }[];

function availability(ledger: Ledger): Availability {
	const byProduct = new Map<string, { warehouse: string; available: number }[]>();
	return (product) => {
		let list = byProduct.get(product);
		if (!list) {
			list = ledger
				.stockOfProduct(product)
				.filter((s) => s.available > 0)
				.map((s) => ({ warehouse: s.warehouse, available: s.available }));
			byProduct.set(product, list);
		}
		return list;
	};
}

function resolution(a: Alert, available: Availability, names: MasterNames): Resolution | null {
	if (a.kind === 'rejected') return { kind: 'explain-rejected' };
	if (a.kind === 'quarantined') return { kind: 'explain-quarantined' };
	if (a.kind !== 'oversell') return null;
	const product = String(a.facts.product);
	const warehouse = String(a.facts.warehouse);
	const sources = available(product)
		.filter((s) => s.warehouse !== warehouse)
		.map((s) => ({ warehouse: warehouseName(names, s.warehouse), available: s.available }));
	return {
		kind: 'adjust',
		product,
		warehouse,
		branch: names.warehouses.get(warehouse)?.branch ?? '',
		qty: -Number(a.facts.available),
		unit: names.products.get(product)?.unit ?? '',
		sources
	};
}

/** How many alerts are contradictions (the badge on the conflict center), without building cards. */
export function urgentCount(ledger: Ledger): number {
	return ledger.contradictionCount();
}

/** A notice's card, with what it was built from. */
interface KeptNotice {
	readonly facts: Alert['facts'];
	readonly names: MasterNames;
	readonly card: ConflictCard;
}

/** Per ledger, the notices' cards by alert id (a notice's card depends on its facts and the names only). */
const NOTICE_CARDS = new WeakMap<Ledger, Map<string, KeptNotice>>();

function sameFacts(a: Alert['facts'], b: Alert['facts']): boolean {
	if (a === b) return true;
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	for (const k of keys) if (a[k] !== b[k]) return false;
	return true;
}

/**
 * Every card of the conflict center: contradictions first, then notices. A notice (stock outside its
 * safety levels: 4,400 of a large company's cards) is built again only when its facts or the names
 * changed; a change of stock touches a few of them.
 */
export function conflictCards(ledger: Ledger, names: MasterNames): ConflictCard[] {
	const alerts = ledger.alerts();
	const available = availability(ledger);
	let kept = NOTICE_CARDS.get(ledger);
	if (!kept) NOTICE_CARDS.set(ledger, (kept = new Map()));
	const seen = new Set<string>();
	const cards = alerts.map((a): ConflictCard => {
		const urgent = !NOTICE_KINDS.has(a.kind);
		if (!urgent) {
			seen.add(a.id);
			const k = kept.get(a.id);
			if (k && k.names === names && k.card.kind === a.kind && sameFacts(k.facts, a.facts)) return k.card;
			const card: ConflictCard = {
				id: a.id,
				kind: a.kind,
				urgent,
				facts: facts(a, names),
				events: [],
				resolution: resolution(a, available, names)
			};
			kept.set(a.id, { facts: a.facts, names, card });
			return card;
		}
		return {
			id: a.id,
			kind: a.kind,
			urgent,
			facts: facts(a, names),
			events: urgent
				? a.events.map((id) => {
						const e = ledger.event(id);
						return e ? describeEvent(ledger, names, e) : { id, missing: true as const };
					})
				: [],
			resolution: resolution(a, available, names)
		};
	});
	for (const id of kept.keys()) if (!seen.has(id)) kept.delete(id);
	// Contradictions first; within a group, the ledger's order (the same on every device).
	return [...cards.filter((c) => c.urgent), ...cards.filter((c) => !c.urgent)];
}
