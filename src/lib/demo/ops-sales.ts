/**
 * Selling: counter sales (the bulk of the journal), wholesale orders with approval and credit checks,
 * deliveries (partial when stock is short), direct deliveries to account customers, and returns.
 */
import { allocate, mulDivRound } from '../domain/money';
import { localMs, nextOfficeDay, storeOpen } from './calendar';
import type { Branch, Customer, Product } from './model';
import { share } from './ops-purchasing';
import { counterLines, counterQty, orderQty, purchaseMultiple, roundDown, UNIT } from './quantities';
import type { DocLine, OrderLine, SalesOrder, Sim } from './sim';
import type { Take } from './stock';

/** Chance that a till sells stock it does not have (it was offline while another till sold the last units). */
const OVERSELL = 0.002;

/** Splits a line's amount over the batches it was taken from. */
function linesFromTakes(p: Product, takes: Take[], amount: number): DocLine[] {
	if (takes.length === 1) {
		const t = takes[0]!;
		return [
			{
				p,
				q: t.q,
				amount,
				returned: 0,
				...(t.batch !== undefined ? { batch: t.batch, expiry: t.expiry! } : {})
			}
		];
	}
	const parts = allocate(
		amount,
		takes.map((t) => t.q)
	);
	return takes.map((t, i) => ({
		p,
		q: t.q,
		amount: parts[i]!,
		returned: 0,
		...(t.batch !== undefined ? { batch: t.batch, expiry: t.expiry! } : {})
	}));
}

const tradeLine = (l: DocLine, extra: { line?: number; unit?: string } = {}) => ({
	p: l.p.id,
	q: l.q,
	amount: l.amount,
	vat: l.p.vat,
	...(extra.line !== undefined ? { line: extra.line } : {}),
	...(l.batch !== undefined ? { batch: l.batch, expiry: l.expiry! } : {}),
	...(extra.unit ? { unit: extra.unit } : {})
});

// ---------------------------------------------------------------- the counter

function payment(
	sim: Sim,
	b: Branch,
	total: number
): { tenders: { account: string; amount: number }[]; change?: number } {
	const { rng, company: co } = sim;
	const r = rng.next();
	if (r < 0.04 && total >= 2000) {
		const cash = roundDown(total * (0.3 + rng.next() * 0.4), 1000);
		if (cash > 0)
			return {
				tenders: [
					{ account: b.cash.id, amount: cash },
					{ account: co.wechat.id, amount: total - cash }
				]
			};
	}
	if (r < 0.47) return { tenders: [{ account: co.wechat.id, amount: total }] };
	if (r < 0.77) return { tenders: [{ account: co.alipay.id, amount: total }] };
	if (r > 0.94 && total >= 5000) return { tenders: [{ account: co.card.id, amount: total }] };
	if (rng.chance(0.25)) return { tenders: [{ account: b.cash.id, amount: total }] };
	const note = rng.pick([100, 1000, 2000, 5000, 10_000]);
	const paid = Math.ceil(total / note) * note;
	return paid > total
		? { tenders: [{ account: b.cash.id, amount: paid }], change: paid - total }
		: { tenders: [{ account: b.cash.id, amount: paid }] };
}

export function counterSale(sim: Sim, b: Branch, till: number): void {
	const { rng, stock } = sim;
	const w = b.store;
	const members = sim.customersByBranch[b.idx]!.member;
	const member = members.length > 0 && rng.chance(0.2) ? rng.pick(members) : undefined;
	const n = counterLines(rng);
	const chosen = new Set<Product>();
	const lines: DocLine[] = [];
	for (let k = 0; k < n; k++) {
		const p = sim.retail.pick(rng);
		if (chosen.has(p)) continue;
		chosen.add(p);
		let q = counterQty(rng, p);
		const avail = stock.available(w.idx, p.idx);
		if (avail < q) {
			const oversell = p.shelfLife === undefined && avail >= 0 && rng.chance(OVERSELL);
			if (!oversell) {
				q = roundDown(avail, p.byWeight ? 5 : UNIT);
				if (q <= 0) continue;
			}
		}
		const amount = mulDivRound(q, member ? p.memberPrice : p.retailPrice, UNIT);
		lines.push(...linesFromTakes(p, stock.take(w.idx, p.idx, q), amount));
	}
	const total = lines.reduce((s, l) => s + l.amount, 0);
	if (total === 0) {
		for (const l of lines)
			stock.add(
				w.idx,
				l.p.idx,
				l.q,
				l.batch !== undefined ? { batch: l.batch, expiry: l.expiry! } : undefined
			);
		return;
	}
	const pay = payment(sim, b, total);
	const device = b.pos[till]!;
	const e = sim.emit(
		'sales.counter.posted',
		{
			no: sim.docNo('sales.counter.posted', device),
			...(member ? { customer: member.id } : {}),
			wh: w.id,
			lines: lines.map((l) => tradeLine(l)),
			tenders: pay.tenders,
			...(pay.change ? { change: pay.change } : {})
		},
		{ device, user: b.cashiers[till]! }
	);
	for (const t of pay.tenders) sim.cashIn(t.account, t.amount);
	if (pay.change) sim.cashIn(pay.tenders[0]!.account, -pay.change);

	if (rng.chance(1 / 3000)) {
		// Wrong items rung up: the manager voids the sale at the till a few minutes later.
		sim.at(sim.now + rng.int(2, 15) * 60_000, () => {
			sim.emit(
				'document.voided',
				{ ref: e.id, reason: '收银员操作失误，作废重开' },
				{ device, user: b.manager }
			);
			for (const l of lines)
				stock.add(
					w.idx,
					l.p.idx,
					l.q,
					l.batch !== undefined ? { batch: l.batch, expiry: l.expiry! } : undefined
				);
			for (const t of pay.tenders) sim.cashIn(t.account, -t.amount);
			if (pay.change) sim.cashIn(pay.tenders[0]!.account, pay.change);
		});
	} else if (!member && rng.chance(1 / 1500)) {
		const day = sim.today + rng.int(1, 6);
		if (!storeOpen(day)) return;
		sim.at(localMs(day, rng.int(10, 19), rng.int(0, 59)), () => {
			const i = rng.int(0, lines.length - 1);
			const l = lines[i]!;
			const q = l.p.byWeight ? l.q : UNIT;
			if (l.q - l.returned < q) return;
			l.returned += q;
			const restock = rng.chance(0.9);
			sim.emit(
				'sales.return.posted',
				{
					no: sim.docNo('sales.return.posted', device),
					delivery: e.id,
					lines: [{ line: i, q, restock }],
					reason: restock ? '顾客退货，商品完好' : '质量问题退货，已报废'
				},
				{ device, user: b.cashiers[till]! }
			);
			if (restock)
				stock.add(
					w.idx,
					l.p.idx,
					q,
					l.batch !== undefined ? { batch: l.batch, expiry: l.expiry! } : undefined
				);
		});
	}
}

// ---------------------------------------------------------------- wholesale orders

export function placeSalesOrder(sim: Sim, b: Branch): void {
	const { rng, stock } = sim;
	const customers = sim.customersByBranch[b.idx]!.wholesale;
	if (customers.length === 0 || sim.wholesale.size === 0) return;
	const c = rng.pick(customers);
	const chosen = new Set<Product>();
	const lines: OrderLine[] = [];
	const n = rng.int(2, 8);
	for (let k = 0; k < n; k++) {
		const p = sim.wholesale.pick(rng);
		if (chosen.has(p)) continue;
		chosen.add(p);
		const mult = p.pack ? p.pack.factor * UNIT : UNIT;
		const q = Math.min(orderQty(rng, p), roundDown(stock.available(b.stock.idx, p.idx), mult));
		if (q <= 0) continue;
		const price = Math.round((p.wholesalePrice * (10_000 - c.discountBp)) / 10_000);
		lines.push({
			p,
			q,
			amount: mulDivRound(q, price, UNIT),
			done: 0,
			...(p.pack ? { unit: p.pack.name } : {})
		});
	}
	if (lines.length === 0) return;
	const total = lines.reduce((s, l) => s + l.amount, 0);
	const overCredit = sim.owed('customer', c.id) + total > c.creditLimit;
	const approval = overCredit || total > sim.profile.soApprovalAbove;
	const e = sim.emit(
		'sales.order.placed',
		{
			no: sim.docNo('sales.order.placed', b.office),
			customer: c.id,
			wh: b.stock.id,
			lines: lines.map((l) => ({
				p: l.p.id,
				q: l.q,
				amount: l.amount,
				vat: l.p.vat,
				...(l.unit ? { unit: l.unit } : {})
			})),
			approval,
			...(approval ? { reason: overCredit ? '超出信用额度' : '金额超出审批额度' } : {}),
			...(rng.chance(0.15)
				? { note: rng.pick(['上午送到', '送货前电话联系', '开增值税专票', '月结客户']) }
				: {})
		},
		{ device: b.office, user: b.salesRep }
	);
	const so: SalesOrder = {
		id: e.id,
		branch: b,
		wh: b.stock,
		customer: c,
		lines,
		status: approval ? 'pending' : 'approved',
		misses: 0
	};
	sim.salesOrders.set(so.id, so);
	if (!approval) {
		reserve(sim, so, 1);
		scheduleDelivery(sim, so);
		return;
	}
	const t = sim.now + rng.int(30, 180) * 60_000;
	const when = t > localMs(sim.today, 17, 30) ? localMs(nextOfficeDay(sim.today + 1), 9, rng.int(0, 40)) : t;
	sim.at(when, () => decideSalesOrder(sim, so));
}

function reserve(sim: Sim, so: SalesOrder, sign: 1 | -1): void {
	for (const l of so.lines) sim.stock.reserved[sim.stock.cell(so.wh.idx, l.p.idx)]! += sign * (l.q - l.done);
}

function decideSalesOrder(sim: Sim, so: SalesOrder): void {
	if (so.status !== 'pending') return;
	const { rng, stock } = sim;
	const b = so.branch;
	const boss = { device: b.office, user: b.manager };
	const short = so.lines.some((l) => l.q > stock.available(so.wh.idx, l.p.idx));
	const deep = sim.owed('customer', so.customer.id) > so.customer.creditLimit * 1.2;
	if (short || deep || rng.chance(0.04)) {
		const comment = short ? '库存不足，请调整后再下单' : deep ? '欠款过多，请先回款' : '价格折扣过大';
		sim.emit('sales.order.rejected', { ref: so.id, comment }, boss);
		sim.emit('document.voided', { ref: so.id, reason: comment }, boss);
		so.status = 'voided';
		return;
	}
	sim.emit('sales.order.approved', { ref: so.id }, boss);
	so.status = 'approved';
	reserve(sim, so, 1);
	scheduleDelivery(sim, so);
}

function scheduleDelivery(sim: Sim, so: SalesOrder, afterDays?: number): void {
	const { rng } = sim;
	const sameDay = afterDays === undefined && sim.now < localMs(sim.today, 12, 0);
	const day = nextOfficeDay(sim.today + (afterDays ?? (sameDay ? 0 : 1)));
	const hour = day === sim.today ? rng.int(14, 16) : rng.int(9, 16);
	sim.at(localMs(day, hour, rng.int(0, 59)), () => deliver(sim, so));
}

function deliver(sim: Sim, so: SalesOrder): void {
	if (so.status !== 'approved' && so.status !== 'partial') return;
	const { rng, stock } = sim;
	const b = so.branch;
	const lines: (DocLine & { line: number; unit?: string })[] = [];
	so.lines.forEach((ol, i) => {
		const out = ol.q - ol.done;
		if (out <= 0) return;
		// This order's own reservation is part of what it may take.
		const free = stock.available(so.wh.idx, ol.p.idx) + out;
		const q = Math.min(out, roundDown(free, UNIT));
		if (q <= 0) return;
		stock.reserved[stock.cell(so.wh.idx, ol.p.idx)]! -= q;
		const amount = share(ol.amount, ol.done, q, ol.q);
		ol.done += q;
		for (const l of linesFromTakes(ol.p, stock.take(so.wh.idx, ol.p.idx, q), amount))
			lines.push({ ...l, line: i, ...(ol.unit ? { unit: ol.unit } : {}) });
	});
	if (lines.length === 0) {
		if (++so.misses >= 3) closeSalesOrder(sim, so, '长期缺货，订单关闭');
		else scheduleDelivery(sim, so, 2);
		return;
	}
	const due = sim.today + so.customer.termsDays;
	const carrier = rng.chance(0.5) ? rng.pick(['顺丰速运', '中通快递', '德邦物流']) : undefined;
	const e = sim.emit(
		'sales.delivery.posted',
		{
			no: sim.docNo('sales.delivery.posted', b.office),
			order: so.id,
			customer: so.customer.id,
			wh: so.wh.id,
			due,
			...(carrier
				? {
						carrier,
						tracking: `${carrier === '顺丰速运' ? 'SF' : carrier === '中通快递' ? 'ZT' : 'DB'}${rng.int(100_000_000, 999_999_999)}${rng.int(100, 999)}`
					}
				: { carrier: '自有车辆送货' }),
			lines: lines.map((l) => tradeLine(l, { line: l.line, ...(l.unit ? { unit: l.unit } : {}) }))
		},
		{ device: b.office, user: b.warehouseClerk }
	);
	const total = lines.reduce((s, l) => s + l.amount, 0);
	sim.openItem('customer', so.customer.id, { id: e.id, due, open: total });
	so.status = so.lines.every((l) => l.done >= l.q) ? 'complete' : 'partial';
	if (so.status === 'partial') {
		if (rng.chance(0.7)) scheduleDelivery(sim, so, rng.int(2, 4));
		else {
			const day = nextOfficeDay(sim.today + 1);
			sim.at(localMs(day, 10, rng.int(0, 59)), () => closeSalesOrder(sim, so, '客户不要剩余数量'));
		}
	}
	if (rng.chance(0.015)) scheduleSalesReturn(sim, b, e.id, so.customer, so.wh.idx, lines);
}

function closeSalesOrder(sim: Sim, so: SalesOrder, reason: string): void {
	if (so.status !== 'partial' && so.status !== 'approved') return;
	const b = so.branch;
	sim.emit('sales.order.closed', { ref: so.id, reason }, { device: b.office, user: b.salesRep });
	reserve(sim, so, -1);
	so.status = 'closed';
}

/** An account customer (an office, a property manager) takes goods on credit without an order. */
export function directDelivery(sim: Sim, b: Branch): void {
	const { rng, stock } = sim;
	const customers = sim.customersByBranch[b.idx]!.retail;
	if (customers.length === 0) return;
	const c = rng.pick(customers);
	if (sim.owed('customer', c.id) > c.creditLimit) return;
	const lines: DocLine[] = [];
	const chosen = new Set<Product>();
	for (let k = rng.int(1, 4); k > 0; k--) {
		const p = sim.retail.pick(rng);
		if (chosen.has(p) || p.byWeight) continue;
		chosen.add(p);
		const q = Math.min(rng.int(1, 10) * UNIT, roundDown(stock.available(b.stock.idx, p.idx), UNIT));
		if (q <= 0) continue;
		lines.push(...linesFromTakes(p, stock.take(b.stock.idx, p.idx, q), mulDivRound(q, p.retailPrice, UNIT)));
	}
	if (lines.length === 0) return;
	const due = sim.today + c.termsDays;
	const e = sim.emit(
		'sales.delivery.posted',
		{
			no: sim.docNo('sales.delivery.posted', b.office),
			customer: c.id,
			wh: b.stock.id,
			due,
			lines: lines.map((l) => tradeLine(l))
		},
		{ device: b.office, user: b.warehouseClerk }
	);
	sim.openItem('customer', c.id, { id: e.id, due, open: lines.reduce((s, l) => s + l.amount, 0) });
}

function scheduleSalesReturn(
	sim: Sim,
	b: Branch,
	deliveryId: string,
	c: Customer,
	wh: number,
	lines: DocLine[]
): void {
	const { rng, stock } = sim;
	const day = nextOfficeDay(sim.today + rng.int(2, 10));
	sim.at(localMs(day, rng.int(9, 16), rng.int(0, 59)), () => {
		const back: { line: number; q: number; restock: boolean }[] = [];
		let amount = 0;
		lines.forEach((l, i) => {
			if (back.length >= 2 || l.q - l.returned < UNIT || !rng.chance(0.5)) return;
			const q = Math.max(
				UNIT,
				roundDown((l.q - l.returned) * (0.1 + rng.next() * 0.3), purchaseMultiple(l.p)) || UNIT
			);
			if (q > l.q - l.returned) return;
			const restock = rng.chance(0.85);
			amount += share(l.amount, l.returned, q, l.q);
			l.returned += q;
			if (restock)
				stock.add(wh, l.p.idx, q, l.batch !== undefined ? { batch: l.batch, expiry: l.expiry! } : undefined);
			back.push({ line: i, q, restock });
		});
		if (back.length === 0) return;
		sim.emit(
			'sales.return.posted',
			{
				no: sim.docNo('sales.return.posted', b.office),
				delivery: deliveryId,
				lines: back,
				reason: rng.pick(['客户退货：包装破损', '客户退货：发错规格', '客户退货：滞销退回', '客户退货：临期'])
			},
			{ device: b.office, user: b.salesRep }
		);
		sim.reduceItem('customer', c.id, deliveryId, amount);
	});
}
