/**
 * Master data: the company's setup day (roles, settings, sites, accounts, catalogue, parties, opening
 * stock and balances) and the edits of a living catalogue (price changes, new lines, new members,
 * credit reviews, a cashier who leaves).
 */
import type { MasterFields } from '../domain/catalogue';
import { formatHlc } from '../domain/hlc';
import { localMs } from './calendar';
import { nicePrice, personName } from './company';
import type { Branch, Customer, Product, User } from './model';
import {
	MEAN_COUNTER_LINES,
	MEAN_ORDER_LINES,
	meanCounterQty,
	meanOrderQty,
	purchaseMultiple,
	roundUp,
	UNIT
} from './quantities';
import type { Sim } from './sim';

/** Stock value (fen) of q units at the product's cost, net of input VAT (the company deducts it). */
export function netValue(p: Product, q: number): number {
	const gross = (q * p.purchasePrice) / UNIT;
	return Math.round((gross * 10_000) / (10_000 + p.vat));
}

/**
 * Safety levels per warehouse from the expected daily demand: the shop floor of a branch with a back
 * warehouse holds a few days and is refilled from the back every morning; the warehouse that buys
 * covers the supplier's lead time plus a margin, and orders up to two weeks more.
 */
export function computeSafety(sim: Sim): void {
	const { company, profile, stock } = sim;
	const live = company.products;
	const popTotal = live.reduce((s, p) => s + p.pop, 0);
	const wholesalePop = live.filter((p) => p.wholesale).reduce((s, p) => s + p.pop, 0);
	for (const b of company.branches) {
		const sales = profile.counterPerDay * b.scale * 1.1 * MEAN_COUNTER_LINES;
		const orders = profile.ordersPerDay * b.scale * MEAN_ORDER_LINES;
		for (const p of live) {
			const ds = (sales * p.pop * meanCounterQty(p)) / popTotal;
			const dw = p.wholesale ? (orders * p.pop * meanOrderQty(p)) / wholesalePop : 0;
			const mult = purchaseMultiple(p);
			// Reorder point: demand over the lead time, half the time between order days, and a margin.
			const review = 7 / p.supplier.orderDays.length;
			const cover = p.supplier.leadTimeDays + review / 2 + 3;
			const total = ds + dw;
			const buyMin = roundUp(Math.max(total * cover, 1), mult);
			const buyMax = Math.max(roundUp(buyMin + total * Math.max(10, review * 1.5), mult), buyMin + mult);
			const buyCell = stock.cell(b.stock.idx, p.idx);
			stock.min[buyCell] = buyMin;
			stock.max[buyCell] = buyMax;
			if (b.store !== b.stock) {
				const c = stock.cell(b.store.idx, p.idx);
				const step = p.byWeight ? UNIT : UNIT;
				stock.min[c] = roundUp(Math.max(ds * 2, 1), step);
				stock.max[c] = Math.max(roundUp(ds * 6, step), stock.min[c]! + step);
			}
		}
	}
}

function safetyOf(sim: Sim, p: Product): Record<string, { min: number; max: number }> {
	const out: Record<string, { min: number; max: number }> = {};
	for (const w of sim.company.warehouses) {
		const c = sim.stock.cell(w.idx, p.idx);
		out[w.id] = { min: sim.stock.min[c]!, max: sim.stock.max[c]! };
	}
	return out;
}

export function productFields(sim: Sim, p: Product): MasterFields<'product'> {
	return {
		code: p.code,
		name: p.name,
		...(p.spec ? { spec: p.spec } : {}),
		...(p.model ? { model: p.model } : {}),
		category: p.categoryPath,
		unit: p.unit,
		...(p.pack ? { units: [{ name: p.pack.name, factor: p.pack.factor }] } : {}),
		...(p.barcodes.length ? { barcodes: [...p.barcodes] } : {}),
		purchasePrice: p.purchasePrice,
		retailPrice: p.retailPrice,
		wholesalePrice: p.wholesalePrice,
		memberPrice: p.memberPrice,
		vat: p.vat,
		safety: safetyOf(sim, p),
		batchTracked: p.shelfLife !== undefined,
		...(p.shelfLife ? { shelfLifeDays: p.shelfLife } : {}),
		supplier: p.supplier.id,
		leadTimeDays: p.supplier.leadTimeDays,
		active: true
	};
}

function customerFields(c: Customer): MasterFields<'customer'> {
	return {
		code: c.code,
		name: c.name,
		contact: c.contact,
		phones: [c.phone],
		address: c.address,
		tier: c.tier,
		discountBp: c.discountBp,
		creditLimit: c.creditLimit,
		termsDays: c.termsDays,
		...(c.tier === 'member' ? { note: `会员，开卡门店 ${c.home.name}` } : {})
	};
}

function setRoles(sim: Sim, u: User, day: number): void {
	const { relay } = sim.company;
	sim.emit(
		'user.roles.set',
		{ user: u.id, name: u.name, roles: [...u.roles], branches: [...u.branches] },
		{ device: relay, user: { id: 'relay', name: '', roles: [], branches: [] }, at: day }
	);
}

/** A batch is named after the day it was produced: L20261124. */
function lotOf(produced: number, shelf: number): { batch: string; expiry: number } {
	const d = new Date(produced * 86_400_000);
	const batch = `L${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
	return { batch, expiry: produced + shelf };
}

/** Batch number and expiry for goods received or counted on `day`, ageing in receipt order. */
export function newLot(sim: Sim, p: Product, day: number): { batch: string; expiry: number } {
	const shelf = p.shelfLife!;
	const age = sim.rng.int(1, Math.max(1, Math.min(30, Math.floor(shelf / 4))));
	const produced = Math.min(day, Math.max(p.lastProduction + 1, day - age));
	p.lastProduction = produced;
	return lotOf(produced, shelf);
}

/** Fixed per product and day, in [0, 1): a decision that does not draw from the simulation's stream. */
function dayHash(p: Product, day: number): number {
	let h = 2166136261;
	for (const c of `${p.id}|${day}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
	return (h >>> 0) / 2 ** 32;
}

/**
 * Now and then a supplier ships a lot from old stock (近效期到货): 1 delivery in 20 of a product that
 * keeps 90 days or more arrives with 8–20 % of its shelf life left. The shop sells it
 * first (FEFO); in a slow week it shows on the 临期 list, and what is left at its expiry is written off
 * (过期报损). Decided by a hash of product and day, not by a draw: a rerun of the same seed ships the same lots.
 */
export function receivedLot(sim: Sim, p: Product, day: number): { batch: string; expiry: number } {
	const shelf = p.shelfLife!;
	const h = dayHash(p, day);
	if (shelf < 90 || h >= 1 / 20) return newLot(sim, p, day);
	const left = Math.round(shelf * (0.08 + 0.12 * h * 20));
	return lotOf(day - (shelf - left), shelf);
}

/** The setup day: everything a new company records before it opens its doors. */
export function scheduleSetup(sim: Sim): void {
	const { company: co } = sim;
	const day = sim.setupDay;
	const hq = co.hq;
	sim.at(localMs(day, 7, 0), () => {
		for (const u of co.users) setRoles(sim, u, day);
	});
	sim.at(localMs(day, 8, 0), () => {
		const by = { device: hq, user: co.owner };
		const s = sim.emit(
			'settings.updated',
			{
				fields: {
					companyName: co.name,
					costing: 'moving-average',
					vatDeductible: true,
					poApprovalAbove: sim.profile.poApprovalAbove,
					soApprovalAbove: sim.profile.soApprovalAbove
				}
			},
			by
		);
		sim.settingsVersion = formatHlc(s.hlc);
		for (const b of co.branches)
			sim.emit('branch.created', { id: b.id, fields: { code: b.id, name: b.name } }, by);
		for (const w of co.warehouses)
			sim.emit(
				'warehouse.created',
				{ id: w.id, fields: { code: w.code, name: w.name, branch: w.branch.id } },
				by
			);
	});
	sim.at(localMs(day, 8, 30), () => {
		for (const a of co.accounts)
			sim.emit(
				'account.created',
				{ id: a.id, fields: { code: a.code, name: a.name, kind: a.kind } },
				{ device: co.financeDevice, user: co.finance }
			);
	});
	sim.at(localMs(day, 9, 0), () => {
		computeSafety(sim);
		const by = { device: hq, user: co.buyer };
		for (const s of co.suppliers) {
			const e = sim.emit(
				'supplier.created',
				{
					id: s.id,
					fields: {
						code: s.code,
						name: s.name,
						contact: s.contact,
						phones: [s.phone],
						address: s.address,
						termsDays: s.termsDays,
						leadTimeDays: s.leadTimeDays,
						bank: s.bank
					}
				},
				by
			);
			s.version = formatHlc(e.hlc);
		}
		for (const p of co.products) if (p.introducedOn <= day) createProduct(sim, p, by.user);
	});
	sim.at(localMs(day, 10, 0), () => {
		for (const c of co.customers) if (c.introducedOn <= day) createCustomer(sim, c, co.owner, hq);
	});
	sim.at(localMs(day, 13, 0), () => {
		for (const b of co.branches) openingStock(sim, b);
	});
	sim.at(localMs(day, 15, 0), () => openingMoney(sim));
}

export function createProduct(sim: Sim, p: Product, user: User): void {
	const e = sim.emit(
		'product.created',
		{ id: p.id, fields: productFields(sim, p) },
		{ device: sim.company.hq, user }
	);
	p.version = formatHlc(e.hlc);
}

export function createCustomer(sim: Sim, c: Customer, user: User, device = sim.company.hq): void {
	const e = sim.emit('customer.created', { id: c.id, fields: customerFields(c) }, { device, user });
	c.version = formatHlc(e.hlc);
	c.nextPayCheck = sim.today + 7;
}

function openingStock(sim: Sim, b: Branch): void {
	const { stock, rng } = sim;
	for (const w of b.warehouses) {
		const lines: { p: string; q: number; value: number; batch?: string; expiry?: number }[] = [];
		for (const p of sim.company.products) {
			if (p.introducedOn > sim.setupDay) continue;
			const c = stock.cell(w.idx, p.idx);
			const lo = stock.min[c]!;
			const hi = stock.max[c]!;
			if (hi === 0) continue;
			const step = w === b.stock ? purchaseMultiple(p) : UNIT;
			const q = Math.max(step, Math.round((lo + rng.next() * (hi - lo)) / step) * step);
			if (p.shelfLife) {
				const lot = newLot(sim, p, sim.setupDay);
				stock.add(w.idx, p.idx, q, lot);
				lines.push({ p: p.id, q, value: netValue(p, q), ...lot });
			} else {
				stock.add(w.idx, p.idx, q);
				lines.push({ p: p.id, q, value: netValue(p, q) });
			}
		}
		for (let i = 0; i < lines.length; i += 400) {
			const chunk = lines.slice(i, i + 400);
			sim.emit(
				'opening.stock',
				{ no: sim.docNo('opening.stock', b.office), wh: w.id, lines: chunk },
				{ device: b.office, user: b.warehouseClerk }
			);
		}
	}
}

function openingMoney(sim: Sim): void {
	const { company: co, rng } = sim;
	const by = { device: co.financeDevice, user: co.finance };
	const scale = sim.profile.branches;
	const opening: [string, number][] = [
		[co.bank.id, 300_000_00 * scale],
		[co.bank2.id, 50_000_00 * scale],
		...co.branches.map((b) => [b.cash.id, 2_000_00] as [string, number])
	];
	for (const [account, amount] of opening) {
		sim.emit('opening.cash', { account, amount }, by);
		sim.cashIn(account, amount);
	}
	for (const s of co.suppliers) {
		if (!rng.chance(0.5)) continue;
		const amount = rng.int(20, 400) * 100_00;
		const due = sim.firstDay + rng.int(5, 40);
		const e = sim.emit('opening.balance', { party: 'supplier', id: s.id, amount, due }, by);
		sim.openItem('supplier', s.id, { id: e.id, due, open: amount });
	}
	for (const c of co.customers) {
		if (c.tier !== 'wholesale' || c.introducedOn > sim.setupDay || !rng.chance(0.4)) continue;
		const amount = rng.int(5, Math.max(6, Math.floor(c.creditLimit / 100_00 / 3))) * 100_00;
		const due = sim.firstDay + rng.int(3, 30);
		const e = sim.emit('opening.balance', { party: 'customer', id: c.id, amount, due }, by);
		sim.openItem('customer', c.id, { id: e.id, due, open: amount });
	}
}

// ---------------------------------------------------------------- the living catalogue

/** On the first of a month the buyer reprices a few products after the suppliers' new price lists. */
export function repriceProducts(sim: Sim): void {
	const { rng, company: co } = sim;
	const live = co.products.filter((p) => p.introducedOn < sim.today && p.active);
	const n = Math.max(1, Math.round(live.length * 0.015));
	for (const p of rng.sample(live, n)) {
		const pct = rng.int(-4, 9);
		const purchasePrice = Math.max(5, Math.round((p.purchasePrice * (100 + pct)) / 100));
		const ratio = p.retailPrice / p.purchasePrice;
		const retailPrice = Math.max(nicePrice(purchasePrice * ratio), purchasePrice + 10);
		const wholesalePrice = Math.min(retailPrice - 5, Math.round(purchasePrice * 1.1));
		const memberPrice = Math.max(wholesalePrice, Math.round((retailPrice * 0.95) / 10) * 10);
		const fields =
			retailPrice === p.retailPrice
				? { purchasePrice, wholesalePrice }
				: { purchasePrice, retailPrice, wholesalePrice, memberPrice };
		const e = sim.emit(
			'product.updated',
			{ id: p.id, fields, base: p.version },
			{ device: co.hq, user: co.buyer }
		);
		p.version = formatHlc(e.hlc);
		p.purchasePrice = purchasePrice;
		p.wholesalePrice = wholesalePrice;
		if ('retailPrice' in fields) {
			p.retailPrice = retailPrice;
			p.memberPrice = memberPrice;
		}
	}
	// A slow line is now and then discontinued: no more purchases, the rest is sold off.
	if (rng.chance(0.3) && live.length > 50) {
		const p = rng.pick(live);
		const e = sim.emit(
			'product.updated',
			{ id: p.id, fields: { active: false }, base: p.version },
			{ device: co.hq, user: co.buyer }
		);
		p.version = formatHlc(e.hlc);
		p.active = false;
	}
}

/** New product lines announced for today. */
export function introduceProducts(sim: Sim): void {
	let any = false;
	for (const p of sim.company.products) {
		if (p.introducedOn !== sim.today) continue;
		createProduct(sim, p, sim.company.buyer);
		any = true;
	}
	if (any) sim.refreshAssortment();
}

/** A cashier signs up a walk-in customer as a member; sales reps open wholesale accounts. */
export function introduceCustomers(sim: Sim): void {
	let any = false;
	for (const c of sim.company.customers) {
		if (c.introducedOn !== sim.today) continue;
		const b = c.home;
		if (c.tier === 'member' && b.pos.length > 0) createCustomer(sim, c, b.cashiers[0]!, b.pos[0]!);
		else createCustomer(sim, c, b.salesRep, b.office);
		any = true;
	}
	if (any) sim.refreshCustomers();
}

/** The owner reviews credit limits of good wholesale customers now and then. */
export function reviewCredit(sim: Sim): void {
	const { rng, company: co } = sim;
	const candidates = co.customers.filter((c) => c.tier === 'wholesale' && c.introducedOn < sim.today);
	for (const c of rng.sample(candidates, Math.max(1, Math.round(candidates.length * 0.05)))) {
		const creditLimit = c.creditLimit + rng.int(1, 4) * 500_000;
		const b = c.home;
		const e = sim.emit(
			'customer.updated',
			{ id: c.id, fields: { creditLimit }, base: c.version },
			{ device: b.office, user: b.manager }
		);
		c.version = formatHlc(e.hlc);
		c.creditLimit = creditLimit;
	}
}

/** A supplier renegotiates its payment terms. */
export function renegotiateTerms(sim: Sim): void {
	const { rng, company: co } = sim;
	const s = rng.pick(co.suppliers);
	const termsDays = rng.pick([15, 30, 45, 60]);
	if (termsDays === s.termsDays) return;
	const e = sim.emit(
		'supplier.updated',
		{ id: s.id, fields: { termsDays }, base: s.version },
		{ device: co.hq, user: co.buyer }
	);
	s.version = formatHlc(e.hlc);
	s.termsDays = termsDays;
}

/** The owner raises the approval limits once the business has grown. */
export function raiseApprovalLimits(sim: Sim): void {
	const co = sim.company;
	const poApprovalAbove = Math.round(sim.poApprovalAbove * 1.5);
	const e = sim.emit(
		'settings.updated',
		{ fields: { poApprovalAbove }, base: sim.settingsVersion },
		{ device: co.hq, user: co.owner }
	);
	sim.settingsVersion = formatHlc(e.hlc);
	sim.poApprovalAbove = poApprovalAbove;
}

/** A cashier leaves: the relay withdraws her roles, and a new cashier takes over her till. */
export function replaceCashier(sim: Sim, b: Branch, till: number): void {
	const old = b.cashiers[till];
	if (!old) return;
	old.roles = [];
	setRoles(sim, old, sim.today);
	const n = sim.company.users.length + 1;
	const fresh: User = {
		id: `${b.id.toLowerCase()}.cashier${n}`,
		name: personName(sim.rng),
		roles: ['sales'],
		branches: [b.id]
	};
	sim.company.users.push(fresh);
	setRoles(sim, fresh, sim.today);
	b.cashiers[till] = fresh;
}
