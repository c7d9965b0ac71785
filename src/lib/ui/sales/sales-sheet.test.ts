import { afterEach, describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../../domain/ledger';
import { i18n } from '../../i18n/index.svelte';
import { masterNames } from '../../projections/names';
import { customerView, deliveryView, orderView } from '../../projections/sales';
import { docText } from '../doc-image';
import { paymentSheet, sheetParty, statementSheet } from '../sheet';
import { customerSheet } from './sales-sheet';

/** A quotation, the order made from it and its delivery, for a customer with contact and address. */
function shop() {
	const f = new EventFactory();
	const events = [
		f.make('settings.updated', { fields: { companyName: '杭州湖滨贸易有限公司' } }),
		f.make('customer.created', {
			id: 'C1',
			fields: {
				name: '湖滨酒店',
				contact: '王经理',
				phones: ['13800000000', '0571-8888'],
				address: '杭州市西湖区湖滨路 1 号'
			}
		}),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }),
		f.make('product.created', { id: 'P1', fields: { name: '电水壶', unit: '台', spec: '1.7L' } }),
		f.make('product.created', {
			id: 'P2',
			fields: { name: '牛奶', unit: '箱', code: 'MK-1', batchTracked: true }
		}),
		f.make('opening.stock', {
			no: 1,
			wh: 'W1',
			lines: [
				{ p: 'P1', q: 10_000, value: 600_000 },
				{ p: 'P2', q: 10_000, value: 50_000, batch: 'B2611', expiry: DAY0 + 90 }
			]
		})
	];
	const lines = [
		// 3 × ¥129.90 = ¥389.70, VAT 13 %; 2 × ¥68.00 = ¥136.00, VAT 9 %.
		{ p: 'P1', q: 3000, amount: 38_970, vat: 1300 },
		{ p: 'P2', q: 2000, amount: 13_600, vat: 900 }
	];
	const q = f.make('sales.quote.placed', { no: 1, customer: 'C1', wh: 'W1', valid: DAY0 + 15, lines });
	const o = f.make(
		'sales.order.placed',
		{ no: 1, customer: 'C1', wh: 'W1', approval: false, quote: q.id, note: '周五前送到', lines },
		{ at: DAY0 + 1 }
	);
	const d = f.make(
		'sales.delivery.posted',
		{
			no: 1,
			order: o.id,
			customer: 'C1',
			wh: 'W1',
			carrier: '顺丰',
			tracking: 'SF1234567890',
			lines: [
				{ p: 'P1', q: 3000, amount: 38_970, vat: 1300, line: 0 },
				{ p: 'P2', q: 2000, amount: 13_600, vat: 900, line: 1, batch: 'B2611', expiry: DAY0 + 90 }
			]
		},
		{ at: DAY0 + 2 }
	);
	const ledger = deriveAll([...events, q, o, d]);
	return { ledger, names: masterNames(ledger), q, o, d, f };
}

describe('what the customer receives: quotation, order and delivery note as one sheet', () => {
	afterEach(() => {
		i18n.locale = 'zh-CN';
	});

	it('[Q5] a quotation names the company, the customer and how to reach them, and its validity', () => {
		const { ledger, names, q } = shop();
		const sheet = customerSheet(ledger, names, 'quote', orderView(ledger, names, q.id, DAY0)!, i18n);
		expect(sheet.company).toBe('杭州湖滨贸易有限公司');
		expect(sheet.title).toBe('报价单');
		expect(Object.fromEntries(sheet.fields)).toMatchObject({
			客户: '湖滨酒店',
			联系人: '王经理',
			电话: '13800000000',
			有效期至: i18n.date(DAY0 + 15)
		});
		// A quotation goes out before anything is delivered: no address.
		expect(sheet.fields.map(([label]) => label)).not.toContain('收货地址');
		expect(sheet.table.columns.map((c) => c.header)).toEqual([
			'商品',
			'数量',
			'单价（含税）',
			'税率',
			'金额'
		]);
		expect(sheet.table.rows.map((r) => [...r.cells, r.detail])).toEqual([
			['电水壶', '3 台', '¥129.90', '13%', '¥389.70', '1.7L'],
			['牛奶', '2 箱', '¥68.00', '9%', '¥136.00', 'MK-1']
		]);
		// Tax inside the prices: 389.70 × 13/113 = 44.83, 136.00 × 9/109 = 11.23.
		expect(sheet.totals).toEqual([
			['其中税额', '¥56.06'],
			['合计', '¥525.70']
		]);
		expect(sheet.words).toEqual(['合计（大写）', '伍佰贰拾伍元柒角']);
		expect(sheet.footer[1]).toBe('客户确认：____________');
	});

	it('[Q5] an order names its quotation, the address and the note', () => {
		const { ledger, names, o, q } = shop();
		const sheet = customerSheet(ledger, names, 'order', orderView(ledger, names, o.id, DAY0 + 1)!, i18n);
		const fields = Object.fromEntries(sheet.fields);
		expect(sheet.title).toBe('销售订单');
		expect(fields['报价单号']).toBe(ledger.document(q.id)!.number);
		expect(fields['收货地址']).toBe('杭州市西湖区湖滨路 1 号');
		expect(sheet.note).toEqual(['备注', '周五前送到']);
	});

	it('a delivery note names the order, the carrier, the batch and its expiry, and the receiver signs', () => {
		const { ledger, names, d, o } = shop();
		const sheet = customerSheet(ledger, names, 'delivery', deliveryView(ledger, names, d.id)!, i18n);
		const fields = Object.fromEntries(sheet.fields);
		expect(sheet.title).toBe('送货单');
		expect(fields).toMatchObject({
			订单号: ledger.document(o.id)!.number,
			承运商: '顺丰',
			运单号: 'SF1234567890'
		});
		expect(sheet.table.rows[1]!.detail).toBe(`MK-1  批号 B2611  有效期 ${i18n.date(DAY0 + 90)}`);
		expect(sheet.footer[1]).toBe('收货人签字：____________');
	});

	it('reads in English, with the total still in Chinese capitals', () => {
		const { ledger, names, q } = shop();
		i18n.locale = 'en';
		const sheet = customerSheet(ledger, names, 'quote', orderView(ledger, names, q.id, DAY0)!, i18n);
		expect(sheet.title).toBe('Quotation');
		expect(sheet.table.rows[0]!.cells[1]).toBe('3 台');
		expect(sheet.words).toEqual(['Total in words (RMB)', '伍佰贰拾伍元柒角']);
		// The maker by name where the user list knows them, else by id (the factory's user has no record).
		expect(sheet.footer[0]).toBe('Prepared by: u1');
	});

	it('as a chat message: every line with quantity, price and amount, then the totals', () => {
		const { ledger, names, q } = shop();
		const text = docText(customerSheet(ledger, names, 'quote', orderView(ledger, names, q.id, DAY0)!, i18n));
		const number = ledger.document(q.id)!.number;
		expect(text.split('\n')).toEqual([
			'杭州湖滨贸易有限公司',
			'【报价单】',
			`单号：${number}`,
			`日期：${i18n.date(DAY0)}`,
			'客户：湖滨酒店',
			'联系人：王经理',
			'电话：13800000000',
			`有效期至：${i18n.date(DAY0 + 15)}`,
			'',
			'1. 电水壶 · 1.7L',
			'   3 台 × ¥129.90 = ¥389.70',
			'2. 牛奶 · MK-1',
			'   2 箱 × ¥68.00 = ¥136.00',
			'',
			'其中税额：¥56.06',
			'合计：¥525.70',
			'合计（大写）：伍佰贰拾伍元柒角'
		]);
	});

	it('[SR1] a statement lists each document with the running balance and carries the balance forward in capitals', () => {
		const { ledger, names, d } = shop();
		const v = customerView(ledger, names, 'C1', DAY0, DAY0 + 9, DAY0 + 9)!;
		const sheet = statementSheet(
			{
				kind: 'customer',
				statement: v.statement,
				party: sheetParty(ledger, 'C1', v.name),
				company: '杭州湖滨贸易有限公司',
				user: '会计小李',
				typeLabel: (type) => (type === 'sales.delivery.posted' ? '销售出库' : type)
			},
			i18n
		);
		expect(sheet.title).toBe('对账单');
		expect(Object.fromEntries(sheet.fields)).toMatchObject({
			客户: '湖滨酒店',
			对账期间: `${i18n.date(DAY0)} – ${i18n.date(DAY0 + 9)}`,
			期初余额: '¥0.00'
		});
		const number = ledger.document(d.id)!.number;
		expect(sheet.table.rows).toEqual([
			{
				cells: ['销售出库', i18n.date(DAY0 + 2), '¥525.70', '', '¥525.70'],
				detail: number,
				text: `${i18n.date(DAY0 + 2)}  +¥525.70  应收余额：¥525.70`
			}
		]);
		expect(sheet.totals).toEqual([
			['本期增加', '¥525.70'],
			['本期减少', '¥0.00'],
			['期末余额', '¥525.70']
		]);
		expect(sheet.words).toEqual(['期末余额（大写）', '伍佰贰拾伍元柒角']);
		expect(sheet.footer).toEqual(['制单：会计小李', '客户确认（签章）：____________']);
		expect(docText(sheet)).toContain(
			`1. 销售出库 · ${number}\n   ${i18n.date(DAY0 + 2)}  +¥525.70  应收余额：¥525.70`
		);
	});

	it('[M7] a receipt (收款收据) names who paid and how, what it settled, the advance left over, and the amount in capitals', () => {
		const { ledger: before, d, f } = shop();
		const events = [...before.events];
		const pay = f.make(
			'payment.received',
			{
				no: 1,
				customer: 'C1',
				account: 'A-CASH',
				amount: 60_000,
				allocations: [{ ref: d.id, amount: 52_570 }],
				note: '十一月货款'
			},
			{ at: DAY0 + 5 }
		);
		const ledger = deriveAll([
			...events,
			f.make('account.created', { id: 'A-CASH', fields: { name: '现金', kind: 'cash' } }),
			pay
		]);
		const names = masterNames(ledger);
		const sheet = paymentSheet(ledger, names, pay.id, i18n)!;
		expect(sheet.title).toBe('收款收据');
		expect(Object.fromEntries(sheet.fields)).toMatchObject({ 交款单位: '湖滨酒店', 收款方式: '现金' });
		expect(sheet.table.rows.map((r) => r.cells)).toEqual([
			[ledger.document(d.id)!.number, i18n.date(DAY0 + 2), '¥525.70'],
			['预收款', '', '¥74.30']
		]);
		expect(sheet.totals).toEqual([['收款金额', '¥600.00']]);
		expect(sheet.words).toEqual(['金额（大写）', '陆佰元整']);
		expect(sheet.note).toEqual(['备注', '十一月货款']);
		expect(paymentSheet(ledger, names, d.id, i18n)).toBeNull();
	});
});
