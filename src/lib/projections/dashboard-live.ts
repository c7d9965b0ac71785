/**
 * The dashboard kept up to date event by event; see `dashboard()` below. Its output always equals
 * computeDashboard() in dashboard.ts (tested in dashboard.test.ts).
 */
import { compareEvents, type AnyEvent } from '../domain/event';
import { activeSafety } from '../domain/derive/master';
import { blockingRefs } from '../domain/derive/void-plan';
import type { Ledger } from '../domain/ledger';
import { recentActivity } from './activity';
import { returnFigures } from './trade-summary';
import type { Dashboard, DueLine, LowStockLine, OverStockLine, PendingLine } from './dashboard';
import { partyName, productDetail, productName, warehouseName, type MasterNames } from './names';
import { openOrders } from './open-orders';

export const SALES_TYPES: ReadonlySet<string> = new Set(['sales.counter.posted', 'sales.delivery.posted']);
export const ORDER_TYPES: ReadonlySet<string> = new Set(['purchase.order.placed', 'sales.order.placed']);
export const DUE_WITHIN_DAYS = 7;

/**
 * The dashboard kept up to date event by event (issue 6: a counter sale must show on the home page
 * within a few milliseconds, with two million events loaded). The expensive parts of a full computation
 * are a scan of every event for pending orders, every alert, and every open item; here they are kept
 * per ledger and advanced by the events appended since the last call:
 *   - orders: only orders still open can become or stop being pending, and only through events that
 *     name them (`ref`, `order`), so those few are re-checked;
 *   - alerts: for the event types whose every alert effect is known (a sale, a payment, a receipt or
 *     delivery without an order), only the stock of the product × warehouse pairs they moved and the
 *     parties they touched are re-checked; a rejected or quarantined one adds its own alert;
 *   - receivables and payables due: re-read for the parties the event touched.
 * Anything else (an event inserted before the end, a void, a closing, a role grant, master data, or any
 * other type) recomputes the part it may affect from scratch, so the result always equals
 * computeDashboard() (property-tested in dashboard.test.ts). Names are resolved at the end, so a new
 * MasterNames object (the workspace builds one per change) does not invalidate anything.
 */
interface DueRaw {
	readonly id: string;
	readonly number: string;
	readonly open: number;
	readonly due: number;
}

interface LowRaw {
	/** `p|wh`: the alert's id after its kind, the tie-breaker of the order. */
	readonly key: string;
	readonly p: string;
	readonly wh: string;
	readonly available: number;
	readonly min: number;
	readonly incoming: number;
}

interface HighRaw {
	readonly key: string;
	readonly p: string;
	readonly wh: string;
	readonly onHand: number;
	readonly max: number;
}

interface Live {
	readonly today: number;
	size: number;
	last: AnyEvent | undefined;
	sales: number;
	netSales: number;
	cost: number;
	documents: number;
	/** Orders not yet complete, closed or voided: the only ones whose pending state can change. */
	openOrders: Set<string>;
	pending: Map<string, AnyEvent>;
	/** Alerts other than oversell, credit limit and safety stock (recorded, rejected, quarantined, barcodes). */
	otherAlerts: number;
	oversold: Set<string>;
	/** Safety levels of active products, by `p|wh`. */
	safety: Map<string, { min: number; max?: number }>;
	low: Map<string, LowRaw>;
	/** Above the maximum (and not below the minimum), by `p|wh`. */
	high: Map<string, HighRaw>;
	highSorted: HighRaw[] | null;
	/** The shown orders of the lists, kept until a list changes (a walk-in sale changes none of them). */
	lowSorted: LowRaw[] | null;
	pendingSorted: AnyEvent[] | null;
	dueSorted: { party: { kind: 'customer' | 'supplier'; id: string }; d: DueRaw }[] | null;
	due: Map<string, { kind: 'customer' | 'supplier'; id: string; lines: DueRaw[] }>;
}

const LIVE = new WeakMap<Ledger, Live>();
const CONTROL = new Set(['document.voided', 'period.closed', 'user.roles.set']);
const TERMINAL = new Set(['complete', 'closed', 'voided']);
const RETURNS = new Set(['sales.return.posted', 'purchase.return.posted']);
const MAX_TAIL = 5_000;

export function dashboard(ledger: Ledger, names: MasterNames, today: number, limit = 8): Dashboard {
	let live = LIVE.get(ledger);
	if (!live || live.today !== today || !advance(live, ledger)) {
		live = rebuild(ledger, today);
		LIVE.set(ledger, live);
	}
	return render(live, ledger, names, limit);
}

const pairKey = (p: string, wh: string) => p + '|' + wh;

function rebuild(ledger: Ledger, today: number): Live {
	const events = ledger.events;
	const live: Live = {
		today,
		size: events.length,
		last: events[events.length - 1],
		sales: 0,
		netSales: 0,
		cost: 0,
		documents: 0,
		openOrders: new Set(),
		pending: new Map(),
		otherAlerts: 0,
		oversold: new Set(),
		safety: new Map(),
		low: new Map(),
		lowSorted: null,
		high: new Map(),
		highSorted: null,
		pendingSorted: null,
		dueSorted: null,
		due: new Map()
	};
	for (let i = events.length - 1; i >= 0 && events[i]!.at >= today; i--) countSale(live, ledger, events[i]!);
	// The open orders are kept per day (open-orders.ts): a rebuild reads the days that changed.
	for (const type of ['purchase.order.placed', 'sales.order.placed'] as const)
		for (const { e, doc } of openOrders(ledger, type)) {
			live.openOrders.add(e.id);
			if (doc.status === 'pending') live.pending.set(e.id, e);
		}
	rebuildAlerts(live, ledger);
	rebuildDue(live, ledger);
	return live;
}

function countSale(live: Live, ledger: Ledger, e: AnyEvent): void {
	if (e.at !== live.today) return;
	if (e.type === 'sales.return.posted') {
		// Goods back today come off today's sales (RP4). A return makes `advance` fold from scratch, so
		// only the full fold meets one here.
		const doc = ledger.document(e.id);
		if (!doc || doc.status === 'voided') return;
		const r = returnFigures(doc);
		live.sales -= r.total;
		live.netSales -= r.total - r.tax;
		live.cost -= r.cost;
		return;
	}
	if (!SALES_TYPES.has(e.type)) return;
	// Figures, not the document: most of a day's sales are compact counter sales.
	const doc = ledger.documentFigures(e.id);
	if (!doc || doc.status === 'voided') return;
	live.sales += doc.total;
	live.netSales += doc.total - doc.tax;
	live.cost += doc.cost;
	live.documents++;
}

function checkOrder(live: Live, ledger: Ledger, id: string, e = ledger.event(id)): void {
	const doc = ledger.document(id);
	if (!e || !doc || TERMINAL.has(doc.status)) live.openOrders.delete(id);
	else live.openOrders.add(id);
	const was = live.pending.has(id);
	if (e && doc?.status === 'pending') live.pending.set(id, e);
	else live.pending.delete(id);
	if (was !== live.pending.has(id)) live.pendingSorted = null;
}

function rebuildAlerts(live: Live, ledger: Ledger): void {
	live.otherAlerts = 0;
	live.oversold.clear();
	live.low.clear();
	live.lowSorted = null;
	live.high.clear();
	live.highSorted = null;
	for (const a of ledger.alerts()) {
		if (a.kind === 'oversell') live.oversold.add(pairKey(String(a.facts.product), String(a.facts.warehouse)));
		else if (a.kind === 'below-safety') {
			const p = String(a.facts.product);
			const wh = String(a.facts.warehouse);
			live.low.set(pairKey(p, wh), {
				key: pairKey(p, wh),
				p,
				wh,
				available: Number(a.facts.available),
				min: Number(a.facts.min),
				incoming: Number(a.facts.incoming)
			});
		} else if (a.kind === 'above-max') {
			const p = String(a.facts.product);
			const wh = String(a.facts.warehouse);
			const key = pairKey(p, wh);
			live.high.set(key, { key, p, wh, onHand: Number(a.facts.onHand), max: Number(a.facts.max) });
		} else if (a.kind !== 'credit-limit') live.otherAlerts++;
	}
	live.safety.clear();
	for (const r of ledger.records('product')) {
		const safety = activeSafety(r);
		if (!safety) continue;
		for (const [wh, level] of Object.entries(safety)) live.safety.set(pairKey(r.id, wh), level);
	}
}

function rebuildDue(live: Live, ledger: Ledger): void {
	live.due.clear();
	live.dueSorted = null;
	for (const b of ledger.balances()) if (b.openItems > 0) refreshParty(live, ledger, b.kind, b.id);
}

function refreshParty(live: Live, ledger: Ledger, kind: 'customer' | 'supplier', id: string): void {
	const lines: DueRaw[] = [];
	for (const doc of ledger.openItems(kind, id)) {
		if (doc.due === undefined || !doc.open || doc.due > live.today + DUE_WITHIN_DAYS) continue;
		lines.push({ id: doc.id, number: doc.number, open: doc.open, due: doc.due });
	}
	const key = kind[0] + ':' + id;
	if (lines.length > 0) live.due.set(key, { kind, id, lines });
	else live.due.delete(key);
	live.dueSorted = null;
}

/**
 * Brings `live` up to the ledger by the events appended since; false when that is not possible (an
 * event was inserted before the end, or a void, closing or role grant may have changed anything).
 */
function advance(live: Live, ledger: Ledger): boolean {
	const events = ledger.events;
	if (events.length < live.size) return false;
	if (live.size > 0 && events[live.size - 1] !== live.last) return false;
	// A long tail (a partition just loaded) is cheaper to fold from scratch.
	if (events.length - live.size > MAX_TAIL) return false;
	const tail = events.slice(live.size);
	// Returns too: one on a document with a void pending makes that void refused, bringing the
	// document (perhaps one of today's sales) back.
	for (const e of tail) if (CONTROL.has(e.type) || RETURNS.has(e.type)) return false;
	// Any event that builds on a voided document does the same (a delivery or receipt against a voided
	// order brings the order back, pending again; an invoice, a voided delivery): recompute.
	if (buildsOnVoided(ledger, tail)) return false;
	let alertsDirty = false;
	let dueDirty = false;
	const touchedPairs = new Set<string>();
	const touchedParties = new Map<string, { kind: 'customer' | 'supplier'; id: string }>();
	for (const e of tail) {
		countSale(live, ledger, e);
		if (ORDER_TYPES.has(e.type)) checkOrder(live, ledger, e.id, e);
		const p = e.payload as { ref?: unknown; order?: unknown };
		for (const ref of [p.ref, p.order])
			if (typeof ref === 'string' && (live.openOrders.has(ref) || live.pending.has(ref)))
				checkOrder(live, ledger, ref);
		const known = knownEffects(e);
		if (!known) {
			alertsDirty = dueDirty = true;
			continue;
		}
		const doc = ledger.document(e.id);
		// Refused or quarantined: nothing moved, and the event is listed as an alert of its own.
		if (!doc) {
			live.otherAlerts++;
			continue;
		}
		// A document whose void arrived first: the void's verdict changed; recount everything.
		if (doc.status === 'voided') {
			alertsDirty = dueDirty = true;
			continue;
		}
		for (const pair of known.pairs) touchedPairs.add(pair);
		if (known.party) touchedParties.set(known.party.kind[0] + ':' + known.party.id, known.party);
	}
	live.size = events.length;
	live.last = events[events.length - 1];
	if (alertsDirty) rebuildAlerts(live, ledger);
	else
		for (const key of touchedPairs) {
			const [p, wh] = key.split('|') as [string, string];
			const s = ledger.stockOf(p, wh);
			if (s.available < 0) live.oversold.add(key);
			else live.oversold.delete(key);
			const level = live.safety.get(key);
			const below = level !== undefined && s.available < level.min;
			if (below) {
				live.low.set(key, { key, p, wh, available: s.available, min: level.min, incoming: s.incoming });
				live.lowSorted = null;
			} else if (live.low.delete(key)) live.lowSorted = null;
			// [A2] as the ledger says it: above the maximum only when not below the minimum.
			if (!below && level?.max !== undefined && s.onHand > level.max) {
				live.high.set(key, { key, p, wh, onHand: s.onHand, max: level.max });
				live.highSorted = null;
			} else if (live.high.delete(key)) live.highSorted = null;
		}
	if (dueDirty) rebuildDue(live, ledger);
	else for (const party of touchedParties.values()) refreshParty(live, ledger, party.kind, party.id);
	return true;
}

/** Whether an event of `tail` builds on a document that some void names (see blockingRefs). */
function buildsOnVoided(ledger: Ledger, tail: readonly AnyEvent[]): boolean {
	let voided: Set<string> | null = null;
	for (const e of tail) {
		const refs = blockingRefs(e);
		if (refs.length === 0) continue;
		voided ??= new Set(ledger.eventsOfType('document.voided').map((v) => v.payload.ref));
		if (refs.some((r) => voided!.has(r))) return true;
	}
	return false;
}

/**
 * The alert and receivable effects of an event, when they are fully known: the stock pairs it moves
 * and the party it concerns. A sale, a receipt or delivery without an order, a payment: none of them
 * records an alert (over-receipt and over-delivery need an order) or reaches other documents.
 */
function knownEffects(
	e: AnyEvent
): { pairs: string[]; party?: { kind: 'customer' | 'supplier'; id: string } } | null {
	switch (e.type) {
		case 'sales.counter.posted': {
			const pairs = e.payload.lines.map((l) => pairKey(l.p, e.payload.wh));
			const c = e.payload.customer;
			return c ? { pairs, party: { kind: 'customer', id: c } } : { pairs };
		}
		case 'sales.delivery.posted':
			if (e.payload.order) return null;
			return {
				pairs: e.payload.lines.map((l) => pairKey(l.p, e.payload.wh)),
				party: { kind: 'customer', id: e.payload.customer }
			};
		case 'purchase.receipt.posted':
			if (e.payload.order) return null;
			return {
				pairs: e.payload.lines.map((l) => pairKey(l.p, e.payload.wh)),
				party: { kind: 'supplier', id: e.payload.supplier }
			};
		case 'payment.received':
			return { pairs: [], party: { kind: 'customer', id: e.payload.customer } };
		case 'payment.made':
			return { pairs: [], party: { kind: 'supplier', id: e.payload.supplier } };
		case 'cash.transferred':
		case 'expense.paid':
		case 'income.received':
		case 'till.counted':
			return { pairs: [] };
		default:
			return null;
	}
}

function render(live: Live, ledger: Ledger, names: MasterNames, limit: number): Dashboard {
	const today = live.today;
	// Emptiest first relative to the minimum, ties by alert id: the full computation's two stable sorts.
	const ratio = (l: LowRaw) => l.available / Math.max(1, l.min);
	const low = (live.lowSorted ??= [...live.low.values()].sort(
		(a, b) => ratio(a) - ratio(b) || cmpText(a.key, b.key)
	));
	const lowStock = low.slice(0, limit).map((l): LowStockLine => ({
		product: l.p,
		name: productName(names, l.p),
		detail: productDetail(names, l.p),
		unit: names.products.get(l.p)?.unit ?? '',
		warehouse: warehouseName(names, l.wh),
		available: l.available,
		min: l.min,
		incoming: l.incoming
	}));

	// Fullest first relative to the maximum, ties by alert id (as the full computation).
	const fill = (h: HighRaw) => h.onHand / Math.max(1, h.max);
	const high = (live.highSorted ??= [...live.high.values()].sort(
		(a, b) => fill(b) - fill(a) || cmpText(a.key, b.key)
	));
	const overStock = high.slice(0, limit).map((h): OverStockLine => ({
		product: h.p,
		name: productName(names, h.p),
		detail: productDetail(names, h.p),
		unit: names.products.get(h.p)?.unit ?? '',
		warehouse: warehouseName(names, h.wh),
		onHand: h.onHand,
		max: h.max
	}));

	const pending = (live.pendingSorted ??= [...live.pending.values()].sort(compareEvents))
		.slice(0, limit)
		.map((e): PendingLine => {
			const doc = ledger.document(e.id)!;
			const kind = e.type === 'purchase.order.placed' ? 'purchase' : 'sales';
			return {
				id: doc.id,
				number: doc.number,
				kind,
				party: partyName(names, kind === 'purchase' ? 'supplier' : 'customer', doc.party ?? ''),
				total: doc.total,
				at: doc.at
			};
		});

	const dueRaw = (live.dueSorted ??= sortedDue(live));
	const due = dueRaw.slice(0, limit).map(({ party, d }): DueLine => ({
		id: d.id,
		number: d.number,
		kind: party.kind,
		party: partyName(names, party.kind, party.id),
		open: d.open,
		due: d.due,
		days: d.due - today
	}));

	// Credit limits are re-read every time: a few hundred parties, and any sale on account moves one.
	let credit = 0;
	for (const b of ledger.balances()) {
		if (b.kind !== 'customer' || b.balance <= 0) continue;
		const limitFen = ledger.record('customer', b.id)?.fields['creditLimit']?.value;
		if (typeof limitFen === 'number' && limitFen > 0 && b.balance > limitFen) credit++;
	}

	return {
		today,
		sales: live.sales,
		netSales: live.netSales,
		gross: live.netSales - live.cost,
		documents: live.documents,
		cash: ledger.cash().reduce((s, c) => s + c.balance, 0),
		lowStock,
		lowStockCount: low.length,
		overStock,
		overStockCount: high.length,
		pending,
		due,
		recent: recentActivity(ledger, names, limit),
		alerts: live.otherAlerts + live.oversold.size + credit,
		empty: ledger.size === 0
	};
}

/** Due lines in the full computation's order: parties by kind and id, then by due day and amount. */
function sortedDue(live: Live): NonNullable<Live['dueSorted']> {
	const out: NonNullable<Live['dueSorted']> = [];
	const parties = [...live.due.values()].sort((a, b) => cmpText(a.kind, b.kind) || cmpText(a.id, b.id));
	for (const party of parties) for (const d of party.lines) out.push({ party, d });
	return out.sort((a, b) => a.d.due - b.d.due || b.d.open - a.d.open);
}

const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
