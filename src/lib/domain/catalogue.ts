/**
 * The event catalogue (docs/EVENTS.md is generated from it): every event type, its short wire code,
 * the partition it lives in, and its payload schema. Payload conventions (DESIGN §4):
 *   - quantities `q` are integer thousandths of the product's base unit;
 *   - `amount` on a line is the line total in fen, tax included (含税), at the VAT rate `vat`;
 *     net and tax are derived by splitInclusiveTax, so the document's own total is what is stored;
 *   - `ref` points at a document by the id of the event that created it;
 *   - `no` is the per-device document sequence (see docnumber.ts).
 */
import { s, type Infer, type Schema } from './schema';

const optText = (max?: number) => s.optional(s.text(max));
const optRef = () => s.optional(s.ref());

// ---- master data field sets (every field optional in an update; `created` requires a name) ----

const unitConversion = s.obj({ name: s.text(8), factor: s.int(2, 1_000_000, 'conversion factor') });
const safetyLevel = s.obj({ min: s.qty(0), max: s.optional(s.qty(0)) });

export const MASTER_FIELDS = {
	product: s.obj({
		code: optText(32),
		name: optText(120),
		spec: optText(120),
		model: optText(120),
		category: optText(60),
		unit: optText(8),
		units: s.optional(s.list(unitConversion, { max: 8 })),
		barcodes: s.optional(s.list(s.text(64), { max: 16 })),
		purchasePrice: s.optional(s.fen(0)),
		retailPrice: s.optional(s.fen(0)),
		wholesalePrice: s.optional(s.fen(0)),
		memberPrice: s.optional(s.fen(0)),
		vat: s.optional(s.vat()),
		safety: s.optional(s.dict(safetyLevel)),
		batchTracked: s.optional(s.bool()),
		shelfLifeDays: s.optional(s.int(0, 36500, 'days')),
		supplier: optRef(),
		leadTimeDays: s.optional(s.int(0, 365, 'days')),
		active: s.optional(s.bool())
	}),
	supplier: s.obj({
		code: optText(32),
		name: optText(120),
		contact: optText(60),
		phones: s.optional(s.list(s.text(32), { max: 8 })),
		address: optText(200),
		termsDays: s.optional(s.int(0, 365, 'days')),
		leadTimeDays: s.optional(s.int(0, 365, 'days')),
		bank: optText(200),
		note: optText(),
		active: s.optional(s.bool())
	}),
	customer: s.obj({
		code: optText(32),
		name: optText(120),
		contact: optText(60),
		phones: s.optional(s.list(s.text(32), { max: 8 })),
		address: optText(200),
		tier: s.optional(s.oneOf(['retail', 'wholesale', 'member'])),
		discountBp: s.optional(s.int(0, 10_000, 'discount in basis points')),
		creditLimit: s.optional(s.fen(0)),
		termsDays: s.optional(s.int(0, 365, 'days')),
		note: optText(),
		active: s.optional(s.bool())
	}),
	warehouse: s.obj({ code: optText(32), name: optText(60), branch: optRef(), active: s.optional(s.bool()) }),
	branch: s.obj({ code: optText(32), name: optText(60), active: s.optional(s.bool()) }),
	account: s.obj({
		code: optText(32),
		name: optText(60),
		kind: s.optional(s.oneOf(['cash', 'bank', 'wechat', 'alipay', 'card'])),
		active: s.optional(s.bool())
	}),
	settings: s.obj({
		companyName: optText(120),
		costing: s.optional(s.oneOf(['moving-average', 'fifo'])),
		/** A general VAT taxpayer deducts input VAT: stock is valued net of tax. */
		vatDeductible: s.optional(s.bool()),
		poApprovalAbove: s.optional(s.fen(0)),
		soApprovalAbove: s.optional(s.fen(0)),
		/** Sales: a line discount beyond this (basis points off the list price) needs a manager. */
		soDiscountLimitBp: s.optional(s.int(0, 10_000, 'discount in basis points'))
	})
} as const;

export type MasterKind = keyof typeof MASTER_FIELDS;
export const MASTER_KINDS = Object.keys(MASTER_FIELDS) as MasterKind[];
export type MasterFields<K extends MasterKind> = Infer<(typeof MASTER_FIELDS)[K]>;

// ---- lines ----

const tradeLine = s.obj({
	p: s.ref(),
	q: s.qty(1),
	amount: s.fen(0),
	vat: s.vat(),
	/** For a follow-up document: the index of the line it fulfils in the referenced document. */
	line: s.optional(s.int(0, 999, 'line index')),
	batch: optText(40),
	expiry: s.optional(s.day()),
	/** Display only: the unit the clerk used and its factor to the base unit. */
	unit: optText(8)
});

const receiptLine = s.obj({
	p: s.ref(),
	q: s.qty(0),
	amount: s.fen(0),
	vat: s.vat(),
	line: s.optional(s.int(0, 999, 'line index')),
	rejected: s.optional(s.qty(1)),
	reason: optText(200),
	batch: optText(40),
	expiry: s.optional(s.day()),
	unit: optText(8)
});

const refLine = s.obj({ line: s.int(0, 999, 'line index'), q: s.qty(1) });
const moveLine = s.obj({ p: s.ref(), q: s.qty(1), batch: optText(40), expiry: s.optional(s.day()) });
const countLine = s.obj({ p: s.ref(), counted: s.qty(0), batch: optText(40), expiry: s.optional(s.day()) });
const adjustLine = s.obj({
	p: s.ref(),
	q: s.int(undefined, undefined, 'signed quantity in thousandths'),
	/** For stock found or brought in: its total value in fen; otherwise the current unit cost is used. */
	value: s.optional(s.fen(0)),
	batch: optText(40),
	expiry: s.optional(s.day())
});
const openingLine = s.obj({
	p: s.ref(),
	q: s.qty(1),
	value: s.fen(0),
	batch: optText(40),
	expiry: s.optional(s.day())
});
const approvalCheck = s.obj({
	code: s.oneOf(['discount', 'below-cost', 'credit-limit', 'amount']),
	line: s.optional(s.int(0, 999, 'line index')),
	/** The figure that triggered it (discount in bp, unit price, balance after the order, total). */
	value: s.optional(s.int(undefined, undefined, 'figure')),
	limit: s.optional(s.int(undefined, undefined, 'limit'))
});
const invoicedDelivery = s.obj({ ref: s.ref(), amount: s.fen(1) });
const allocation = s.obj({ ref: s.ref(), amount: s.fen(1) });
const tender = s.obj({ account: s.ref(), amount: s.fen(1) });

// ---- the catalogue ----

export type Partition = 'master' | 'branch' | 'finance';

interface Def<P> {
	code: string;
	partition: Partition;
	summary: string;
	payload: Schema<P>;
}

function def<P>(code: string, partition: Partition, summary: string, payload: Schema<P>): Def<P> {
	return { code, partition, summary, payload };
}

function masterDefs<K extends MasterKind>(kind: K, code: string) {
	const fields = MASTER_FIELDS[kind];
	return {
		[`${kind}.created`]: def(
			code + 'c',
			'master',
			`A new ${kind} record with its first field values.`,
			s.obj({ id: s.ref(), fields })
		),
		[`${kind}.updated`]: def(
			code + 'u',
			'master',
			`Field values of a ${kind} changed. \`base\` is the record version the editor saw (concurrent edits are detected from it); \`clear\` names fields emptied (each is a version of its field, like a value).`,
			s.obj({
				id: s.ref(),
				fields,
				base: optText(40),
				clear: s.optional(s.list(s.oneOf(Object.keys(fields.fields) as string[]), { max: 64 }))
			})
		)
	} as {
		[T in `${K}.created`]: Def<{ id: string; fields: MasterFields<K> }>;
	} & {
		[T in `${K}.updated`]: Def<{ id: string; fields: MasterFields<K>; base?: string; clear?: string[] }>;
	};
}

export const CATALOGUE = {
	...masterDefs('product', 'p'),
	...masterDefs('supplier', 's'),
	...masterDefs('customer', 'c'),
	...masterDefs('warehouse', 'w'),
	...masterDefs('branch', 'b'),
	...masterDefs('account', 'a'),
	'settings.updated': def(
		'set',
		'master',
		'Company settings changed (costing method, approval limits, VAT treatment).',
		s.obj({ fields: MASTER_FIELDS.settings, base: optText(40) })
	),
	'user.roles.set': def(
		'ur',
		'master',
		'Server-authored: a user holds these roles (scoped to these branches; empty = all) from this moment.',
		s.obj({
			user: s.ref(),
			name: optText(60),
			roles: s.list(s.oneOf(['owner', 'manager', 'purchasing', 'sales', 'warehouse', 'finance']), { max: 6 }),
			branches: s.list(s.ref(), { max: 100 })
		})
	),

	'opening.stock': def(
		'os',
		'branch',
		'Opening stock (期初库存) of a warehouse, each line with its total value.',
		s.obj({ no: s.int(1), wh: s.ref(), lines: s.list(openingLine, { min: 1 }) })
	),
	'purchase.order.placed': def(
		'pop',
		'branch',
		'A purchase order (采购订单). `approval` = true when it needs a manager before receiving.',
		s.obj({
			no: s.int(1),
			supplier: s.ref(),
			wh: s.ref(),
			lines: s.list(tradeLine, { min: 1 }),
			approval: s.bool(),
			expected: s.optional(s.day()),
			note: optText()
		})
	),
	'purchase.order.approved': def(
		'poa',
		'branch',
		'A manager approved the order.',
		s.obj({ ref: s.ref(), comment: optText() })
	),
	'purchase.order.rejected': def(
		'por',
		'branch',
		'A manager rejected the order; it goes back to draft.',
		s.obj({ ref: s.ref(), comment: optText() })
	),
	'purchase.order.submitted': def(
		'pos',
		'branch',
		'A draft (rejected) order, amended, is submitted again.',
		s.obj({ ref: s.ref(), lines: s.list(tradeLine, { min: 1 }), approval: s.bool() })
	),
	'purchase.order.closed': def(
		'poc',
		'branch',
		'The order is closed with quantities still outstanding (explicit short close).',
		s.obj({ ref: s.ref(), reason: optText() })
	),
	'purchase.receipt.posted': def(
		'prp',
		'branch',
		'Goods received (采购入库), optionally against an order, with accepted and rejected quantities. Creates the payable.',
		s.obj({
			no: s.int(1),
			order: optRef(),
			supplier: s.ref(),
			wh: s.ref(),
			due: s.optional(s.day()),
			lines: s.list(receiptLine, { min: 1 })
		})
	),
	'purchase.return.posted': def(
		'prr',
		'branch',
		'Goods returned to the supplier (采购退货) against a receipt, at the receipt line’s cost.',
		s.obj({ no: s.int(1), receipt: s.ref(), lines: s.list(refLine, { min: 1 }), reason: optText() })
	),
	'purchase.invoice.recorded': def(
		'pin',
		'branch',
		'A supplier’s invoice received (收票) for goods received: 普通发票 (`normal`) or 增值税专用发票 (`special`, whose VAT may be deducted), its number, and the amount (tax included) per receipt.',
		s.obj({
			no: s.int(1),
			supplier: s.ref(),
			kind: s.oneOf(['normal', 'special']),
			number: s.text(40),
			receipts: s.list(invoicedDelivery, { min: 1, max: 200 }),
			tax: s.fen(0)
		})
	),
	'sales.order.placed': def(
		'sop',
		'branch',
		'A sales order (销售订单); reserves stock once approved (or at once if no approval is needed).',
		s.obj({
			no: s.int(1),
			customer: s.ref(),
			wh: s.ref(),
			lines: s.list(tradeLine, { min: 1 }),
			approval: s.bool(),
			reason: optText(),
			note: optText(),
			/** The quotation this order was converted from. */
			quote: optRef(),
			/** Why it needs approval, as the placing device saw it (shown to the approver). */
			checks: s.optional(s.list(approvalCheck, { max: 100 }))
		})
	),
	'sales.quote.placed': def(
		'sq',
		'branch',
		'A quotation (报价单) to a customer, valid through `valid`; converting it places an order naming it.',
		s.obj({
			no: s.int(1),
			customer: s.ref(),
			wh: s.ref(),
			valid: s.day(),
			lines: s.list(tradeLine, { min: 1 }),
			note: optText()
		})
	),
	'sales.invoice.recorded': def(
		'inv',
		'branch',
		'An invoice (发票) issued for deliveries: 普通发票 (`normal`) or 增值税专用发票 (`special`), its number, and the amount (tax included) per delivery.',
		s.obj({
			no: s.int(1),
			customer: s.ref(),
			kind: s.oneOf(['normal', 'special']),
			number: s.text(40),
			deliveries: s.list(invoicedDelivery, { min: 1, max: 200 }),
			tax: s.fen(0)
		})
	),
	'sales.order.approved': def(
		'soa',
		'branch',
		'A manager approved the order.',
		s.obj({ ref: s.ref(), comment: optText() })
	),
	'sales.order.rejected': def(
		'sor',
		'branch',
		'A manager rejected the order; it goes back to draft and releases its reservation.',
		s.obj({ ref: s.ref(), comment: optText() })
	),
	'sales.order.submitted': def(
		'sos',
		'branch',
		'A rejected (draft) sales order, amended, is submitted again: its new lines, whether it needs approval and why, as the submitting device saw it. Approved, it reserves stock again.',
		s.obj({
			ref: s.ref(),
			lines: s.list(tradeLine, { min: 1 }),
			approval: s.bool(),
			checks: s.optional(s.list(approvalCheck, { max: 100 }))
		})
	),
	'sales.order.closed': def(
		'soc',
		'branch',
		'The order is closed with quantities undelivered; the rest of the reservation is released.',
		s.obj({ ref: s.ref(), reason: optText() })
	),
	'sales.delivery.posted': def(
		'sdp',
		'branch',
		'Goods delivered (销售出库), optionally against an order. Takes stock out at cost and creates the receivable.',
		s.obj({
			no: s.int(1),
			order: optRef(),
			customer: s.ref(),
			wh: s.ref(),
			due: s.optional(s.day()),
			carrier: optText(60),
			tracking: optText(60),
			lines: s.list(tradeLine, { min: 1 })
		})
	),
	'sales.return.posted': def(
		'srp',
		'branch',
		'Goods returned by the customer (销售退货) against a delivery, at the original cost; restocked or written off. `refunds`: money paid back out of these accounts (a refund at the counter), at most the value returned.',
		s.obj({
			no: s.int(1),
			delivery: s.ref(),
			lines: s.list(s.obj({ line: s.int(0, 999, 'line index'), q: s.qty(1), restock: s.bool() }), { min: 1 }),
			reason: optText(),
			refunds: s.optional(s.list(tender, { min: 1, max: 8 }))
		})
	),
	'sales.counter.posted': def(
		'cnt',
		'branch',
		'A counter sale (快速开单): delivery and payment in one event; `tenders` may mix accounts; change is given from the first tender’s account (the cash drawer).',
		s.obj({
			no: s.int(1),
			customer: optRef(),
			wh: s.ref(),
			lines: s.list(tradeLine, { min: 1 }),
			tenders: s.list(tender, { min: 1, max: 8 }),
			change: s.optional(s.fen(1))
		})
	),
	'stock.transfer.shipped': def(
		'tfs',
		'branch',
		'Stock leaves one warehouse for another (调拨出库); it is in transit until received.',
		s.obj({ no: s.int(1), from: s.ref(), to: s.ref(), lines: s.list(moveLine, { min: 1 }) })
	),
	'stock.transfer.received': def(
		'tfr',
		'branch',
		'Stock arrives from a transfer (调拨入库). `final` closes the transfer; anything not received is a shortage.',
		s.obj({ ref: s.ref(), lines: s.list(refLine, { min: 0 }), final: s.bool() })
	),
	'stocktake.posted': def(
		'stk',
		'branch',
		'A stocktake (盘点). `countedAt` is the HLC when counting started: the adjustment is counted − book at that moment.',
		s.obj({ no: s.int(1), wh: s.ref(), countedAt: s.text(40), lines: s.list(countLine, { min: 1 }) })
	),
	'stock.adjusted': def(
		'adj',
		'branch',
		'A stock adjustment (报损/报溢, oversell resolution) with a reason.',
		s.obj({ no: s.int(1), wh: s.ref(), reason: s.text(200), lines: s.list(adjustLine, { min: 1 }) })
	),
	'document.voided': def(
		'void',
		'branch',
		'A document is voided (作废): a posted one is reversed exactly, an open one stops.',
		s.obj({ ref: s.ref(), reason: optText() })
	),

	'opening.balance': def(
		'ob',
		'finance',
		'Opening receivable (customer) or payable (supplier) balance.',
		s.obj({
			party: s.oneOf(['customer', 'supplier']),
			id: s.ref(),
			amount: s.fen(),
			due: s.optional(s.day())
		})
	),
	'opening.cash': def(
		'oc',
		'finance',
		'Opening balance of a cash or bank account.',
		s.obj({ account: s.ref(), amount: s.fen() })
	),
	'payment.received': def(
		'rcv',
		'finance',
		'Money received from a customer (收款), optionally allocated to open documents.',
		s.obj({
			no: s.int(1),
			customer: s.ref(),
			account: s.ref(),
			amount: s.fen(1),
			allocations: s.optional(s.list(allocation, { max: 200 })),
			note: optText()
		})
	),
	'payment.made': def(
		'pay',
		'finance',
		'Money paid to a supplier (付款), optionally allocated to open documents.',
		s.obj({
			no: s.int(1),
			supplier: s.ref(),
			account: s.ref(),
			amount: s.fen(1),
			allocations: s.optional(s.list(allocation, { max: 200 })),
			note: optText()
		})
	),
	'cash.transferred': def(
		'ctf',
		'finance',
		'Money moved between two accounts.',
		s.obj({ no: s.int(1), from: s.ref(), to: s.ref(), amount: s.fen(1), note: optText() })
	),
	'expense.paid': def(
		'exp',
		'finance',
		'An expense paid out of an account (费用支出): rent, wages, utilities, freight… `category` is a code the app names (rent, wages, utilities, freight, office, tax, other).',
		s.obj({ no: s.int(1), account: s.ref(), amount: s.fen(1), category: s.text(32), note: optText() })
	),
	'income.received': def(
		'inc',
		'finance',
		'Other income received into an account (其他收入): a supplier’s rebate, rent from a sublet, scrap sold, interest, a subsidy… `category` is a code the app names (rebate, rent, scrap, interest, subsidy, other).',
		s.obj({ no: s.int(1), account: s.ref(), amount: s.fen(1), category: s.text(32), note: optText() })
	),
	'till.counted': def(
		'tlc',
		'branch',
		'The cash in a drawer counted at the till’s close (收银日结), in the branch whose counter it is: `counted` is what the clerk found, `diff` what that was above (长款) or below (短款) the account’s balance the clerk was shown; `diff` is booked into the account, so its balance is then what was counted.',
		s.obj({ no: s.int(1), account: s.ref(), counted: s.fen(0), diff: s.fen(), note: optText() })
	),
	'period.closed': def(
		'pcl',
		'finance',
		'The books are closed through `through` (a day). `seen` lists, per device, the last HLC the closer had: later events dated in the closed period are quarantined.',
		s.obj({
			through: s.day(),
			seen: s.list(s.obj({ device: s.ref(), hlc: s.text(40) }), { max: 10_000 })
		})
	)
} as const;

export type EventType = keyof typeof CATALOGUE;
export type PayloadOf<T extends EventType> = Infer<(typeof CATALOGUE)[T]['payload']>;
export const EVENT_TYPES = Object.keys(CATALOGUE) as EventType[];

export const TYPE_BY_CODE: ReadonlyMap<string, EventType> = new Map(
	EVENT_TYPES.map((t) => [CATALOGUE[t].code, t] as const)
);

/** The document-number prefix of each document-creating event type. */
export const DOC_PREFIX: Partial<Record<EventType, string>> = {
	'opening.stock': 'QC',
	'purchase.order.placed': 'CG',
	'purchase.receipt.posted': 'RK',
	'purchase.return.posted': 'CT',
	'purchase.invoice.recorded': 'SP',
	'sales.quote.placed': 'BJ',
	'sales.order.placed': 'XS',
	'sales.invoice.recorded': 'FP',
	'sales.delivery.posted': 'CK',
	'sales.return.posted': 'XT',
	'sales.counter.posted': 'LS',
	'stock.transfer.shipped': 'DB',
	'stocktake.posted': 'PD',
	'stock.adjusted': 'TZ',
	'payment.received': 'SK',
	'payment.made': 'FK',
	'cash.transferred': 'ZZ',
	'expense.paid': 'FY',
	'income.received': 'SR',
	'till.counted': 'RJ'
};
