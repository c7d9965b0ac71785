/**
 * The counter's sale in progress: cart, customer, warehouse, tenders as typed, the last scan's message
 * and the receipt of the sale just recorded. Everything is checked by the domain (cart, tenders) and
 * recorded by the counter command; what the clerk typed stays as typed when something is refused.
 */
import { recordCounterSale, mayReprice } from '../../commands/counter';
import { suggestedPrice } from '../../commands/sales';
import type { FieldError } from '../../commands/context';
import {
	addToCart,
	applyListPrices,
	cartTotals,
	lineTotal,
	setDiscount,
	setPrice,
	setQty,
	stepQty,
	ONE,
	type CartLine
} from '../../domain/counter/cart';
import {
	dropHeld,
	holdCart,
	keepCurrent,
	MAX_HELD,
	refreshCart,
	sameDraft,
	takeHeld,
	type CartDraft,
	type HeldCart,
	type ShelfNow
} from '../../domain/counter/held';
import { buildScanIndex, resolveScan, weightQty } from '../../domain/counter/lookup';
import { shelfSavings } from '../../domain/counter/savings';
import type { CustomerCard } from '../../domain/counter/members';
import {
	cashSuggestions,
	overCreditLimit,
	settle,
	stillDue,
	type TenderEntry,
	type TenderKind
} from '../../domain/counter/tender';
import { formatYuan, MoneyError, parseQty, parseYuan, type Fen } from '../../domain/money';
import type { Workspace } from '../../device/workspace.svelte';
import type { MessageKey, Params } from '../../i18n/index.svelte';
import { matchesProduct, type ProductInfo } from '../../projections/names';
import { heldId, isKeepKey, loadKeep, nowIso, saveKeep } from './counter-keep';
import { counterAccounts, counterWarehouses, drawerFor, type CounterAccount } from './queries';

export interface Notice {
	readonly tone: 'ok' | 'error';
	readonly key: MessageKey;
	readonly params?: Params;
}

export interface TenderRow {
	readonly id: number;
	readonly kind: TenderKind;
	readonly account: string;
	/** Yuan as typed. */
	readonly text: string;
}

export const TENDER_KINDS: readonly TenderKind[] = ['cash', 'wechat', 'alipay', 'card'];

const ERROR_KEYS: Record<string, MessageKey> = {
	deriving: 'common.deriving',
	noBranch: 'counter.error.noBranch',
	readOnly: 'counter.error.readOnly',
	noWarehouse: 'counter.error.noWarehouse',
	emptyCart: 'counter.error.emptyCart',
	noPrice: 'counter.error.noPrice',
	repriceNotAllowed: 'counter.error.repriceNotAllowed',
	unknownCustomer: 'counter.error.unknownCustomer',
	'nothing-paid': 'counter.error.nothing-paid',
	'bad-amount': 'counter.error.bad-amount',
	underpaid: 'counter.error.underpaid',
	'non-cash-over': 'counter.error.non-cash-over',
	'too-many-tenders': 'counter.error.too-many-tenders',
	overCredit: 'counter.error.overCredit',
	record: 'counter.error.record',
	unknownSale: 'counter.error.unknownSale',
	notReturnable: 'counter.error.notReturnable',
	overReturn: 'counter.error.overReturn',
	nothingToReturn: 'counter.error.nothingToReturn',
	badLine: 'counter.error.badLine',
	badAmount: 'counter.error.badAmount',
	unknownAccount: 'counter.error.unknownAccount',
	refundMismatch: 'counter.error.refundMismatch'
};

/** A command's field error as a notice; money parameters are passed as fen and formatted by the view. */
export function errorNotice(e: FieldError): Notice {
	return {
		tone: 'error',
		key: ERROR_KEYS[e.code] ?? 'counter.error.record',
		params: e.params ?? { reason: e.code }
	};
}

/** Yuan text → fen; null when it is not an amount (negative, letters, more than 2 decimals). */
export function parseAmount(text: string): number | null {
	if (text.trim() === '') return 0;
	try {
		const v = parseYuan(text.trim());
		return v < 0 ? null : v;
	} catch (e) {
		if (e instanceof MoneyError) return null;
		throw e;
	}
}

export function parseQuantity(text: string): number | null {
	try {
		const v = parseQty(text.trim());
		return v < 0 ? null : v;
	} catch (e) {
		if (e instanceof MoneyError) return null;
		throw e;
	}
}

export class CounterDesk {
	readonly #ws: Workspace;
	cart = $state.raw<CartLine[]>([]);
	#customer = $state<string | undefined>(undefined);
	tenders = $state.raw<TenderRow[]>([]);
	scanText = $state('');
	notice = $state.raw<Notice | null>(null);
	/** Products offered for the last ambiguous scan. */
	ambiguous = $state.raw<string[]>([]);
	/** The line last added or changed (highlighted, scrolled into view). */
	lastTouched = $state<string | null>(null);
	saving = $state(false);
	/** The id of the sale just recorded (its receipt is shown). */
	done = $state<string | null>(null);
	#warehouse = $state('');
	#drawer = $state('');
	#nextTender = 1;
	/** Carts put aside on this device for this company (挂单, K6). */
	held = $state.raw<readonly HeldCart[]>([]);
	/** The device's storage for this company's counter. */
	readonly #scope: string;

	constructor(ws: Workspace) {
		this.#ws = ws;
		this.#scope = `${ws.config.storagePrefix}:${ws.config.tenant}`;
		// [K6] A cart left unpaid (a reload, a closed tab, a flat battery) comes back as it was.
		const keep = loadKeep(this.#scope);
		this.held = keep.held;
		if (keep.current) {
			this.cart = [...keep.current.cart];
			this.#customer = keep.current.customer;
			this.notice = { tone: 'ok', key: 'counter.restored', params: { n: keep.current.cart.length } };
		}
	}

	// ---- the customer: their prices, how they are found, their credit (K7–K9)

	/** The customer the sale is rung up for; undefined for a walk-in (散客). */
	get customer(): string | undefined {
		return this.#customer;
	}

	/** [K7] Choosing a customer prices the lines at their price, and a walk-in at the shelf's again. */
	set customer(id: string | undefined) {
		if (id === this.#customer) return;
		this.#customer = id;
		const before = this.cart;
		this.cart = applyListPrices(before, (p) => this.listPrice(p, id));
		const moved = this.cart.filter((l, i) => l !== before[i]).length;
		if (moved > 0) this.notice = { tone: 'ok', key: 'counter.pricesFor', params: { n: moved } };
		this.#refreshTenders();
	}

	/** [K7] A product's list price at the counter: the customer's price (SP1), else the shelf price. */
	listPrice(p: string, customer = this.#customer): number | null {
		if (customer !== undefined && this.#ws.ledger.record('customer', customer))
			return suggestedPrice(this.#ws.ledger, customer, p).price;
		return this.product(p)?.retailPrice ?? null;
	}

	/** [K8] Every customer as the counter finds them: name, code, phones, tier. */
	readonly customerCards = $derived.by((): CustomerCard[] => {
		void this.#ws.version;
		const out: CustomerCard[] = [];
		for (const [id, name] of this.#ws.names.customers) {
			const v = this.#ws.ledger.values('customer', id);
			const tier = v.tier === 'retail' || v.tier === 'wholesale' || v.tier === 'member' ? v.tier : null;
			out.push({
				id,
				name,
				code: typeof v.code === 'string' ? v.code : '',
				phones: Array.isArray(v.phones) ? v.phones.filter((p): p is string => typeof p === 'string') : [],
				tier
			});
		}
		return out;
	});

	/** How the customer's prices differ from the shelf's, for the line under their name. */
	readonly priceTerms = $derived.by(
		(): { tier: 'wholesale' | 'member' | null; discountBp: number } | null => {
			const id = this.#customer;
			if (id === undefined) return null;
			void this.#ws.version;
			const c = this.#ws.ledger.values('customer', id);
			const tier = c.tier === 'wholesale' || c.tier === 'member' ? c.tier : null;
			const discountBp = typeof c.discountBp === 'number' ? c.discountBp : 0;
			return tier === null && discountBp === 0 ? null : { tier, discountBp };
		}
	);

	// ---- carts kept on the device (K6)

	#draft(): CartDraft {
		return this.customer === undefined ? { cart: this.cart } : { cart: this.cart, customer: this.customer };
	}

	/** Keeps the cart being rung up (called after every change of the cart or its customer). */
	persist(): void {
		saveKeep(this.#scope, keepCurrent(loadKeep(this.#scope), this.#draft()));
	}

	/**
	 * A `storage` event: another tab of the counter changed this company's carts. The carts aside are read
	 * again, and the cart being rung up is the other tab's if it differs: the device has one cart, so a
	 * sale finished in one tab never lingers unpaid in another, to be restored or rung up twice.
	 */
	storageChanged(key: string | null): void {
		if (key !== null && !isKeepKey(this.#scope, key)) return;
		const keep = loadKeep(this.#scope);
		this.held = keep.held;
		if (sameDraft(keep.current, this.#draft())) return;
		this.cart = [...(keep.current?.cart ?? [])];
		this.#customer = keep.current?.customer;
		this.#refreshTenders();
		this.notice = { tone: 'ok', key: 'counter.otherTab' };
	}

	/** 挂单: puts the cart aside so the next customer can be served; false when it could not be kept. */
	hold(): boolean {
		const r = holdCart(loadKeep(this.#scope), this.#draft(), heldId(), nowIso());
		if (!r.ok) {
			if (r.code === 'full')
				this.notice = { tone: 'error', key: 'counter.held.full', params: { max: MAX_HELD } };
			return false;
		}
		if (!saveKeep(this.#scope, r.keep)) {
			this.notice = { tone: 'error', key: 'counter.held.storageFull' };
			return false;
		}
		this.held = r.keep.held;
		this.#reset();
		this.done = null;
		this.notice = { tone: 'ok', key: 'counter.held.done', params: { no: r.held.no } };
		return true;
	}

	/**
	 * 取单: takes a cart aside up again, at today's shelf prices (K6); the cart being rung up, if any,
	 * goes aside in its place.
	 */
	take(id: string): boolean {
		const keep = loadKeep(this.#scope);
		const no = keep.held.find((h) => h.id === id)?.no;
		const r = takeHeld(keep, id, this.#draft(), heldId(), nowIso());
		if (!r.ok) {
			this.held = keep.held;
			this.notice = {
				tone: 'error',
				key: r.code === 'gone' ? 'counter.held.gone' : 'counter.held.full',
				params: { max: MAX_HELD }
			};
			return false;
		}
		// Until the books are caught up a product may not be known yet: the cart is then taken as it was.
		const fresh = this.#ws.ready
			? refreshCart(r.draft.cart, (p) => this.#shelf(p, r.draft.customer))
			: { cart: [...r.draft.cart], repriced: [], dropped: [] };
		const draft: CartDraft = { ...r.draft, cart: fresh.cart };
		if (!saveKeep(this.#scope, keepCurrent(r.keep, draft))) {
			this.notice = { tone: 'error', key: 'counter.held.storageFull' };
			return false;
		}
		this.held = r.keep.held;
		this.cart = fresh.cart;
		this.#customer = draft.customer;
		this.tenders = [];
		this.ambiguous = [];
		this.done = null;
		this.lastTouched = null;
		const names = (list: string[]) => list.join('、');
		this.notice =
			fresh.dropped.length > 0
				? { tone: 'error', key: 'counter.held.dropped', params: { no: no ?? 0, names: names(fresh.dropped) } }
				: fresh.repriced.length > 0
					? {
							tone: 'error',
							key: 'counter.held.repriced',
							params: { no: no ?? 0, names: names(fresh.repriced) }
						}
					: r.swapped
						? { tone: 'ok', key: 'counter.held.swapped', params: { no: no ?? 0, swapped: r.swapped.no } }
						: { tone: 'ok', key: 'counter.held.taken', params: { no: no ?? 0 } };
		return true;
	}

	/** Throws a cart aside away (the customer left without it). */
	discardHeld(id: string): void {
		const keep = dropHeld(loadKeep(this.#scope), id);
		if (saveKeep(this.#scope, keep)) this.held = keep.held;
	}

	/** The product as the counter sells it now to `customer`: undefined when it is no longer sold. */
	#shelf(p: string, customer: string | undefined): ShelfNow | undefined {
		const info = this.#ws.names.products.get(p);
		if (!info || !info.active) return undefined;
		return { name: info.name, unit: info.unit, price: this.listPrice(p, customer), vat: info.vat ?? 0 };
	}

	#reset(): void {
		this.cart = [];
		this.tenders = [];
		this.#customer = undefined;
		this.ambiguous = [];
		this.lastTouched = null;
	}

	// ---- master data for the counter

	readonly warehouses = $derived.by(() => counterWarehouses(this.#wsNames(), this.#ws.branch, this.#ws.may));
	readonly accounts = $derived.by(
		(): CounterAccount[] => (void this.#ws.version, counterAccounts(this.#ws.ledger))
	);
	readonly #index = $derived.by(() => buildScanIndex(this.#wsNames().products.values()));

	#wsNames() {
		return this.#ws.names;
	}

	get warehouse(): string {
		const chosen = this.warehouses.find((w) => w.id === this.#warehouse);
		return chosen?.id ?? this.warehouses[0]?.id ?? '';
	}

	set warehouse(id: string) {
		this.#warehouse = id;
	}

	/** The branch the sale is recorded for: the warehouse's, else the device's. */
	readonly branch = $derived.by(
		() => this.warehouses.find((w) => w.id === this.warehouse)?.branch || this.#ws.branch
	);

	get drawer(): string {
		const cash = this.accounts.filter((a) => a.kind === 'cash');
		return cash.find((a) => a.id === this.#drawer)?.id ?? drawerFor(cash, this.branch) ?? '';
	}

	set drawer(id: string) {
		this.#drawer = id;
	}

	readonly canReprice = $derived.by(() => mayReprice(this.#ws, this.branch));

	/** The account a tender kind goes to: the drawer for cash, else the first account of that kind. */
	accountFor(kind: TenderKind): string | undefined {
		if (kind === 'cash') return this.drawer || undefined;
		return this.accounts.find((a) => a.kind === kind)?.id;
	}

	// ---- products

	product(id: string): ProductInfo | undefined {
		return this.#ws.names.products.get(id);
	}

	/** Products matching the typed text (not for a scan: those resolve on Enter). */
	readonly matches = $derived.by((): ProductInfo[] => {
		const q = this.scanText.trim();
		if (q.length < 1) return [];
		const out: ProductInfo[] = [];
		for (const p of this.#ws.names.products.values()) {
			if (!p.active || !matchesProduct(p, q)) continue;
			out.push(p);
			if (out.length >= 12) break;
		}
		return out;
	});

	onHand(p: string): number {
		void this.#ws.version;
		return this.warehouse ? this.#ws.ledger.stockOf(p, this.warehouse).onHand : 0;
	}

	/** Enter in the scan box: a barcode or code adds its product; anything else stays as a search. */
	submitScan(): boolean {
		const text = this.scanText;
		const r = resolveScan(this.#index, text);
		this.ambiguous = [];
		if (r.ok && 'grams' in r) {
			// [K5] A scale label: the weight is the quantity, in the product's base unit.
			const p = this.product(r.product);
			const q = p ? weightQty(r.grams, p.unit) : null;
			if (!p || q === null || q <= 0) {
				const name = p?.name ?? r.product;
				this.notice = { tone: 'error', key: 'counter.notByWeight', params: { name, code: text.trim() } };
				return false;
			}
			this.add(r.product, q);
			this.scanText = '';
			return true;
		}
		if (r.ok) {
			this.add(r.product);
			this.scanText = '';
			return true;
		}
		if (r.code === 'empty') return false;
		if (r.code === 'ambiguous') {
			this.ambiguous = [...r.products];
			this.notice = { tone: 'error', key: 'counter.ambiguous', params: { code: r.text } };
			return false;
		}
		// One search hit: Enter takes it, as a clerk expects after typing a name.
		if (this.matches.length === 1 && !/^\d{6,}$/.test(r.text)) {
			this.add(this.matches[0]!.id);
			this.scanText = '';
			return true;
		}
		if (/^\d{6,}$/.test(r.text))
			this.notice = { tone: 'error', key: 'counter.unknownBarcode', params: { code: r.text } };
		else if (this.matches.length === 0)
			this.notice = { tone: 'error', key: 'counter.noMatch', params: { text: text.trim() } };
		return false;
	}

	add(id: string, q = ONE): void {
		const p = this.product(id);
		if (!p) return;
		this.cart = addToCart(
			this.cart,
			{
				id: p.id,
				name: p.name,
				unit: p.unit,
				price: this.listPrice(p.id),
				vat: p.vat ?? 0
			},
			q
		);
		this.ambiguous = [];
		this.lastTouched = id;
		this.notice = { tone: 'ok', key: 'counter.added', params: { name: p.name } };
		this.done = null;
		this.#refreshTenders();
	}

	step(p: string, units: 1 | -1): void {
		this.cart = stepQty(this.cart, p, units);
		this.lastTouched = p;
		this.#refreshTenders();
	}

	/** Direct quantity entry; false (and nothing changed) when the text is not a quantity. */
	setQuantity(p: string, text: string): boolean {
		const q = parseQuantity(text);
		if (q === null) return false;
		this.cart = setQty(this.cart, p, q);
		this.lastTouched = p;
		this.#refreshTenders();
		return true;
	}

	setLinePrice(p: string, text: string): boolean {
		const v = parseAmount(text);
		if (v === null || !this.canReprice) return false;
		this.cart = setPrice(this.cart, p, v);
		this.#refreshTenders();
		return true;
	}

	setLineDiscount(p: string, text: string): boolean {
		const v = parseAmount(text);
		if (v === null || !this.canReprice) return false;
		this.cart = setDiscount(this.cart, p, v);
		this.#refreshTenders();
		return true;
	}

	remove(p: string): void {
		this.cart = setQty(this.cart, p, 0);
		this.#refreshTenders();
	}

	clear(): void {
		this.cart = [];
		this.tenders = [];
		this.#customer = undefined;
		this.notice = null;
		this.ambiguous = [];
	}

	// ---- money

	readonly totals = $derived(cartTotals(this.cart));
	/**
	 * [K10] What the cart saves the customer: against the shelf price (a member's price, a discount), or
	 * the discounts typed where a product has no shelf price to compare with.
	 */
	readonly saved = $derived(
		Math.max(
			this.totals.discount,
			shelfSavings(
				this.cart.map((l) => ({ p: l.p, q: l.q, amount: lineTotal(l) })),
				(p) => this.product(p)?.retailPrice ?? null
			).saved
		)
	);

	/** Tenders as the domain sees them; a row whose text is not an amount counts as invalid. */
	readonly entries = $derived.by((): { entries: TenderEntry[]; invalid: number[] } => {
		const entries: TenderEntry[] = [];
		const invalid: number[] = [];
		for (const r of this.tenders) {
			const amount = parseAmount(r.text);
			if (amount === null) invalid.push(r.id);
			else entries.push({ account: r.account, kind: r.kind, amount });
		}
		return { entries, invalid };
	});

	readonly settlement = $derived(
		settle(this.totals.total, this.entries.entries, { onAccount: !!this.customer })
	);
	readonly due = $derived(stillDue(this.totals.total, this.entries.entries));

	/**
	 * [K9] For a customer leaving money on account: what they owe now, their limit (null: none), what
	 * they would owe after this sale, and how far above the limit that is.
	 */
	readonly credit = $derived.by(() => {
		const id = this.#customer;
		const s = this.settlement;
		if (id === undefined || !s.ok || s.onAccount <= 0) return null;
		void this.#ws.version;
		const balance = this.#ws.ledger.balanceOf('customer', id);
		const v = this.#ws.ledger.values('customer', id).creditLimit;
		const limit = typeof v === 'number' ? v : null;
		return {
			balance,
			limit,
			after: balance + s.onAccount,
			over: overCreditLimit(balance, limit, s.onAccount)
		};
	});
	readonly paid = $derived(this.entries.entries.reduce((s, e) => s + e.amount, 0));

	/** Quick cash amounts for a tender row: for what the other tenders leave due. */
	cashSuggestions(row: TenderRow): number[] {
		const others: TenderEntry[] = [];
		for (const t of this.tenders) {
			const amount = t.id === row.id ? null : parseAmount(t.text);
			if (amount !== null) others.push({ account: t.account, kind: t.kind, amount });
		}
		return cashSuggestions(stillDue(this.totals.total, others));
	}

	/** Adds a tender of this kind for what is still due (or focuses the existing one). */
	addTender(kind: TenderKind): number | null {
		const account = this.accountFor(kind);
		if (!account) return null;
		const existing = this.tenders.find((t) => t.kind === kind);
		if (existing) return existing.id;
		const id = this.#nextTender++;
		const amount = this.due;
		this.tenders = [...this.tenders, { id, kind, account, text: amount > 0 ? fenText(amount) : '' }];
		return id;
	}

	setTenderText(id: number, text: string): void {
		this.tenders = this.tenders.map((t) => (t.id === id ? { ...t, text } : t));
	}

	removeTender(id: number): void {
		this.tenders = this.tenders.filter((t) => t.id !== id);
	}

	/** With a single tender, it follows the cart total while the clerk is still scanning. */
	#refreshTenders(): void {
		if (this.tenders.length !== 1) return;
		const only = this.tenders[0]!;
		this.tenders = [{ ...only, text: this.totals.total > 0 ? fenText(this.totals.total) : '' }];
	}

	async checkout(): Promise<boolean> {
		if (this.saving) return false;
		if (this.entries.invalid.length > 0) {
			this.notice = { tone: 'error', key: 'counter.error.bad-amount' };
			return false;
		}
		this.saving = true;
		try {
			const r = await recordCounterSale(this.#ws.commands, {
				branch: this.branch,
				warehouse: this.warehouse,
				...(this.customer ? { customer: this.customer } : {}),
				lines: this.cart,
				// Dated by the journal: today, or the demo's business day (JournalOptions.today).
				tenders: this.entries.entries
			});
			if (!r.ok) {
				const first = Object.values(r.errors)[0];
				if (first) this.notice = errorNotice(first);
				return false;
			}
			this.done = r.value.id;
			this.notice = { tone: 'ok', key: 'counter.done', params: { number: r.value.number } };
			this.#reset();
			// Forgotten at once, not when the page next keeps the cart: a sale is never restored as unpaid.
			this.persist();
			return true;
		} finally {
			this.saving = false;
		}
	}
}

/** Fen → "12.50" for an input field (no grouping, no currency sign). */
export const fenText = (fen: number): string => formatYuan(fen as Fen);
