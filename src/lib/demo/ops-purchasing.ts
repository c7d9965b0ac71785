/**
 * Purchasing: the buyer's morning reorder run, approvals, receipts (partial, with rejected goods,
 * batches, sometimes entered days late), short closes and returns to the supplier.
 */
import { mulDivRound } from '../domain/money';
import { localMs, nextOfficeDay, weekday } from './calendar';
import type { Branch, Product, Supplier } from './model';
import { receivedLot } from './ops-master';
import { requestTransfers, type TransferRequest } from './ops-inventory';
import { purchaseMultiple, roundDown, roundUp, UNIT } from './quantities';
import type { DocLine, PurchaseOrder, Sim } from './sim';

const MAX_PO_LINES = 40;

/** Share of `whole` for q more units after `done` of `total` (telescoping, as the ledger splits). */
export function share(whole: number, done: number, q: number, total: number): number {
	return mulDivRound(whole, done + q, total) - mulDivRound(whole, done, total);
}

/** The buyer's daily run for one branch: everything below its reorder point is bought or transferred. */
export function replenish(sim: Sim, b: Branch): void {
	const { stock, rng, company } = sim;
	const wh = b.stock;
	const wd = weekday(sim.today);
	const bySupplier = new Map<Supplier, { p: Product; q: number }[]>();
	const transfers: TransferRequest[] = [];
	for (const p of sim.retail.items) {
		if (!p.active) continue;
		const c = stock.cell(wh.idx, p.idx);
		const position = stock.onHand[c]! + stock.incoming[c]! - stock.reserved[c]!;
		// Each supplier is ordered from on its own days; between them only what is about to run out.
		const orderDay = p.supplier.orderDays.includes(wd);
		if (position >= (orderDay ? stock.min[c]! : stock.min[c]! * 0.25)) continue;
		const need = roundUp(stock.max[c]! - position, purchaseMultiple(p));
		// Now and then another branch has plenty of it: move stock instead of buying.
		if (company.branches.length > 1 && rng.chance(0.06)) {
			const from = rng.pick(company.branches);
			if (from !== b) {
				const fc = stock.cell(from.stock.idx, p.idx);
				const surplus = stock.onHand[fc]! - stock.reserved[fc]! - stock.max[fc]! * 0.6;
				if (surplus >= need && p.shelfLife === undefined) {
					transfers.push({ from, to: b, p, q: need });
					continue;
				}
			}
		}
		let list = bySupplier.get(p.supplier);
		if (!list) bySupplier.set(p.supplier, (list = []));
		list.push({ p, q: need });
	}
	for (const [supplier, lines] of bySupplier)
		for (let i = 0; i < lines.length; i += MAX_PO_LINES)
			placeOrder(sim, b, supplier, lines.slice(i, i + MAX_PO_LINES));
	if (transfers.length) requestTransfers(sim, transfers);
}

function placeOrder(sim: Sim, b: Branch, supplier: Supplier, wanted: { p: Product; q: number }[]): void {
	const { company, stock, rng } = sim;
	const lines = wanted.map(({ p, q }) => ({
		p,
		q,
		amount: mulDivRound(q, p.purchasePrice, UNIT),
		done: 0,
		...(p.pack ? { unit: p.pack.name } : {})
	}));
	const total = lines.reduce((s, l) => s + l.amount, 0);
	const approval = total > sim.poApprovalAbove;
	const expected = sim.today + supplier.leadTimeDays;
	const e = sim.emit(
		'purchase.order.placed',
		{
			no: sim.docNo('purchase.order.placed', company.hq),
			supplier: supplier.id,
			wh: b.stock.id,
			lines: lines.map((l) => ({
				p: l.p.id,
				q: l.q,
				amount: l.amount,
				vat: l.p.vat,
				...(l.unit ? { unit: l.unit } : {})
			})),
			approval,
			expected,
			...(rng.chance(0.1)
				? { note: rng.pick(['请按时送货', '节前备货', '送货前电话联系仓库', '含税价，开13%专票']) }
				: {})
		},
		{ device: company.hq, user: company.buyer, branch: b.id }
	);
	const po: PurchaseOrder = {
		id: e.id,
		branch: b,
		wh: b.stock,
		supplier,
		lines,
		status: approval ? 'pending' : 'approved',
		placedOn: sim.today
	};
	sim.purchaseOrders.set(po.id, po);
	for (const l of lines) stock.incoming[stock.cell(po.wh.idx, l.p.idx)]! += l.q;
	if (approval) scheduleApproval(sim, po);
	else scheduleReceipt(sim, po);
}

function scheduleApproval(sim: Sim, po: PurchaseOrder): void {
	const t = sim.now + sim.rng.int(40, 240) * 60_000;
	const late = t > localMs(sim.today, 17, 30);
	const when = late ? localMs(nextOfficeDay(sim.today + 1), 9, sim.rng.int(0, 50)) : t;
	sim.at(when, () => decide(sim, po));
}

function decide(sim: Sim, po: PurchaseOrder): void {
	if (po.status !== 'pending') return;
	const { rng } = sim;
	const b = po.branch;
	const boss = { device: b.office, user: b.manager };
	if (rng.chance(0.08)) {
		sim.emit(
			'purchase.order.rejected',
			{ ref: po.id, comment: rng.pick(['数量偏多，请核减', '单价高于上次进价，请重新议价', '本月预算已超']) },
			boss
		);
		po.status = 'draft';
		sim.at(localMs(nextOfficeDay(sim.today + 1), 9, rng.int(10, 55)), () => amendOrVoid(sim, po));
		return;
	}
	sim.emit('purchase.order.approved', { ref: po.id, ...(rng.chance(0.2) ? { comment: '同意' } : {}) }, boss);
	po.status = 'approved';
	scheduleReceipt(sim, po);
}

/** After a rejection the buyer trims the order and submits it again, or the manager cancels it. */
function amendOrVoid(sim: Sim, po: PurchaseOrder): void {
	const { rng, stock, company } = sim;
	if (po.status !== 'draft') return;
	if (rng.chance(0.35)) {
		sim.emit(
			'document.voided',
			{ ref: po.id, reason: '采购计划取消' },
			{ device: po.branch.office, user: po.branch.manager }
		);
		po.status = 'voided';
		for (const l of po.lines) stock.incoming[stock.cell(po.wh.idx, l.p.idx)]! -= l.q;
		return;
	}
	for (const l of po.lines) {
		const q = Math.max(purchaseMultiple(l.p), roundDown(l.q * 0.7, purchaseMultiple(l.p)));
		stock.incoming[stock.cell(po.wh.idx, l.p.idx)]! += q - l.q;
		l.q = q;
		l.amount = mulDivRound(q, Math.round(l.p.purchasePrice * 0.97), UNIT);
	}
	const total = po.lines.reduce((s, l) => s + l.amount, 0);
	const approval = total > sim.poApprovalAbove;
	sim.emit(
		'purchase.order.submitted',
		{
			ref: po.id,
			lines: po.lines.map((l) => ({
				p: l.p.id,
				q: l.q,
				amount: l.amount,
				vat: l.p.vat,
				...(l.unit ? { unit: l.unit } : {})
			})),
			approval
		},
		{ device: company.hq, user: company.buyer, branch: po.branch.id }
	);
	po.status = approval ? 'pending' : 'approved';
	if (approval) scheduleApproval(sim, po);
	else scheduleReceipt(sim, po);
}

function scheduleReceipt(sim: Sim, po: PurchaseOrder, afterDays?: number): void {
	const { rng } = sim;
	const days = afterDays ?? Math.max(1, po.supplier.leadTimeDays + rng.int(-1, 1));
	const day = nextOfficeDay(sim.today + days);
	sim.at(localMs(day, rng.int(13, 16), rng.int(0, 59)), () => receive(sim, po));
}

const REJECT_REASONS = ['外包装破损', '临近保质期，拒收', '规格与订单不符', '质量问题，退回供应商'];

/** Goods arrive against an order; the warehouse checks them and posts what it accepts. */
function receive(sim: Sim, po: PurchaseOrder): void {
	if (po.status !== 'approved' && po.status !== 'partial') return;
	const { rng, stock } = sim;
	const partial = rng.chance(0.06);
	const lines: (DocLine & { line: number; rejected?: number; reason?: string; unit?: string })[] = [];
	po.lines.forEach((ol, i) => {
		const outstanding = ol.q - ol.done;
		if (outstanding <= 0) return;
		const mult = purchaseMultiple(ol.p);
		let q = outstanding;
		if (partial && rng.chance(0.5)) q = roundDown(outstanding * (0.3 + rng.next() * 0.5), mult);
		let rejected = 0;
		if (q > 0 && rng.chance(0.025)) {
			rejected = Math.min(q, (ol.p.pack ? ol.p.pack.factor : rng.int(1, 3)) * UNIT);
			q -= rejected;
		}
		if (q === 0 && rejected === 0) return;
		const lot = ol.p.shelfLife !== undefined && q > 0 ? receivedLot(sim, ol.p, sim.today) : undefined;
		lines.push({
			p: ol.p,
			q,
			amount: share(ol.amount, ol.done, q, ol.q),
			returned: 0,
			line: i,
			...(lot ?? {}),
			...(rejected ? { rejected, reason: rng.pick(REJECT_REASONS) } : {}),
			...(ol.unit ? { unit: ol.unit } : {})
		});
	});
	if (lines.length === 0) return;
	const b = po.branch;
	const physicalDay = sim.today;
	const apply = () => {
		for (const l of lines) {
			const ol = po.lines[l.line]!;
			if (l.q > 0)
				stock.add(po.wh.idx, l.p.idx, l.q, l.batch ? { batch: l.batch, expiry: l.expiry! } : undefined);
			ol.done += l.q;
			stock.incoming[stock.cell(po.wh.idx, l.p.idx)]! -= l.q;
		}
		po.status = po.lines.every((l) => l.done >= l.q) ? 'complete' : 'partial';
		if (po.status === 'partial') followUp(sim, po);
	};
	const post = () => {
		const due = physicalDay + po.supplier.termsDays;
		const e = sim.emit(
			'purchase.receipt.posted',
			{
				no: sim.docNo('purchase.receipt.posted', b.office),
				order: po.id,
				supplier: po.supplier.id,
				wh: po.wh.id,
				due,
				lines: lines.map((l) => ({
					p: l.p.id,
					q: l.q,
					amount: l.amount,
					vat: l.p.vat,
					line: l.line,
					...(l.rejected ? { rejected: l.rejected, reason: l.reason! } : {}),
					...(l.batch ? { batch: l.batch, expiry: l.expiry! } : {}),
					...(l.unit ? { unit: l.unit } : {})
				}))
			},
			{ device: b.office, user: b.warehouseClerk, at: physicalDay }
		);
		const total = lines.reduce((s, l) => s + l.amount, 0);
		sim.openItem('supplier', po.supplier.id, { id: e.id, due, open: total });
		if (rng.chance(0.025)) scheduleReturn(sim, po, e.id, lines);
	};
	// Now and then the paperwork is entered a few days late, dated the day the goods came. The goods
	// are on the shelf from the end of that day, which is where the ledger sorts the late entry.
	const late = rng.chance(0.03) ? rng.int(1, 4) : 0;
	if (late > 0 && physicalDay + late <= sim.lastDay) {
		sim.at(localMs(physicalDay, 23, 50), apply);
		sim.at(localMs(physicalDay + late, 9, rng.int(0, 40)), post);
	} else {
		apply();
		post();
	}
}

/** An order left partly received: the rest comes later, or the buyer closes it short. */
function followUp(sim: Sim, po: PurchaseOrder): void {
	const { rng, company, stock } = sim;
	if (rng.chance(0.6)) {
		scheduleReceipt(sim, po, rng.int(2, 5));
		return;
	}
	const day = nextOfficeDay(sim.today + 1);
	sim.at(localMs(day, 11, rng.int(0, 59)), () => {
		if (po.status !== 'partial') return;
		sim.emit(
			'purchase.order.closed',
			{ ref: po.id, reason: rng.pick(['供应商缺货，余量取消', '拒收部分不再补货', '余量转下次采购']) },
			{ device: company.hq, user: company.buyer, branch: po.branch.id }
		);
		po.status = 'closed';
		for (const l of po.lines) stock.incoming[stock.cell(po.wh.idx, l.p.idx)]! -= l.q - l.done;
	});
}

function scheduleReturn(sim: Sim, po: PurchaseOrder, receiptId: string, lines: DocLine[]): void {
	const { rng, stock } = sim;
	const day = nextOfficeDay(sim.today + rng.int(1, 10));
	sim.at(localMs(day, rng.int(9, 16), rng.int(0, 59)), () => {
		const back: { line: number; q: number }[] = [];
		let amount = 0;
		lines.forEach((l, i) => {
			if (back.length >= 2 || l.q - l.returned < UNIT || !rng.chance(0.6)) return;
			let q = Math.max(UNIT, roundDown((l.q - l.returned) * (0.2 + rng.next() * 0.4), UNIT));
			if (l.batch) {
				if (!stock.takeLot(po.wh.idx, l.p.idx, l.batch, q)) return;
			} else {
				q = Math.min(q, roundDown(stock.available(po.wh.idx, l.p.idx), UNIT));
				if (q < UNIT) return;
				stock.take(po.wh.idx, l.p.idx, q);
			}
			amount += share(l.amount, l.returned, q, l.q);
			l.returned += q;
			back.push({ line: i, q });
		});
		if (back.length === 0) return;
		const b = po.branch;
		sim.emit(
			'purchase.return.posted',
			{
				no: sim.docNo('purchase.return.posted', b.office),
				receipt: receiptId,
				lines: back,
				reason: rng.pick(['质量问题退货', '滞销退货，供应商同意', '包装瑕疵退货'])
			},
			{ device: b.office, user: b.warehouseClerk }
		);
		sim.reduceItem('supplier', po.supplier.id, receiptId, amount);
	});
}
