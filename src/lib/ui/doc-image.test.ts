import { describe, expect, it } from 'vitest';
import {
	goodsTable,
	layoutDocImage,
	MIN_PAGE_HEIGHT,
	PAGE_WIDTH,
	pixelScale,
	wrapText,
	type DrawOp,
	type Measure,
	type DocImageData
} from './doc-image';

/** A monospace stand-in for the canvas: Chinese characters a full em wide, everything else half. */
const measure: Measure = (text, font) => {
	const size = Number(/(\d+)px/.exec(font)?.[1] ?? 16);
	let w = 0;
	for (const ch of text) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? size : size / 2;
	return w;
};
const F = '20px sans-serif';

const data = (lines: number, name = '明前龙井绿茶 250g 礼盒装'): DocImageData => ({
	colon: '：',
	company: '杭州某贸易有限公司',
	title: '采购订单',
	fields: [
		['单号', 'CG-BPO-0001'],
		['供应商', '杭州茶叶批发'],
		['仓库', '采购仓'],
		['订单日期', '2026年11月22日']
	],
	table: goodsTable(
		{ no: '序号', product: '商品', qty: '数量', price: '含税单价', vat: '税率', amount: '金额' },
		Array.from({ length: lines }, (_, i) => ({
			product: name,
			detail: `PO0${i} 250g`,
			qty: '12 件',
			price: '¥20.00',
			vat: '13%',
			amount: '¥240.00'
		}))
	),
	totals: [
		['其中税额', '¥27.61'],
		['合计', '¥240.00']
	],
	note: ['备注', '请周五前送到'],
	footer: ['制单：采购小王', '签字：____________']
});

const texts = (ops: readonly DrawOp[]) => ops.flatMap((o) => (o.kind === 'text' ? [o] : []));

describe('wrapText', () => {
	it('keeps a short text on one line', () => {
		expect(wrapText('绿茶 12 件', 500, F, measure)).toEqual(['绿茶 12 件']);
	});

	it('breaks Chinese between any two characters, each line within the width', () => {
		const lines = wrapText('一二三四五六七八九十', 100, F, measure); // 5 characters of 20 px per line
		expect(lines).toEqual(['一二三四五', '六七八九十']);
		for (const l of lines) expect(measure(l, F)).toBeLessThanOrEqual(100);
	});

	it('breaks Latin words at spaces and cuts a word longer than a line', () => {
		expect(wrapText('green tea leaves', 100, F, measure)).toEqual(['green tea', 'leaves']);
		expect(wrapText('abcdefghijklmnopqrstuvwxyz', 100, F, measure)).toEqual([
			'abcdefghij',
			'klmnopqrst',
			'uvwxyz'
		]);
	});

	it('keeps a mixed name together where it can and loses no character', () => {
		const text = 'PO绿茶 Longjing 250g 礼盒装（特级）';
		const lines = wrapText(text, 120, F, measure);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
		for (const l of lines) expect(measure(l, F)).toBeLessThanOrEqual(120);
		expect(lines.some((l) => l.includes('Longjing'))).toBe(true);
	});

	it('returns one empty line for an empty text and keeps explicit line breaks', () => {
		expect(wrapText('', 100, F, measure)).toEqual(['']);
		expect(wrapText('a\nb', 100, F, measure)).toEqual(['a', 'b']);
	});
});

describe('layoutDocImage', () => {
	it('is A4-shaped for a short order and shows every field, line and total', () => {
		const l = layoutDocImage(data(2), measure);
		expect(l.width).toBe(PAGE_WIDTH);
		expect(l.height).toBe(MIN_PAGE_HEIGHT);
		expect(MIN_PAGE_HEIGHT / PAGE_WIDTH).toBeCloseTo(297 / 210, 2);
		const all = texts(l.ops).map((t) => t.text);
		for (const s of [
			'杭州某贸易有限公司',
			'采购订单',
			'CG-BPO-0001',
			'杭州茶叶批发',
			'¥240.00',
			'请周五前送到',
			'13%'
		])
			expect(all).toContain(s);
		expect(all.filter((t) => t === '¥240.00')).toHaveLength(3); // two lines and the total
	});

	it('keeps everything inside the page', () => {
		const l = layoutDocImage(data(40, '超长的商品名称'.repeat(12)), measure);
		for (const t of texts(l.ops)) {
			const w = measure(t.text, t.font);
			const left = t.align === 'left' ? t.x : t.align === 'right' ? t.x - w : t.x - w / 2;
			expect(left).toBeGreaterThanOrEqual(0);
			expect(left + w).toBeLessThanOrEqual(PAGE_WIDTH);
			expect(t.y).toBeLessThan(l.height);
		}
	});

	it('grows a row by the lines its wrapped name takes, and the page by its rows', () => {
		const short = layoutDocImage(data(30, '绿茶'), measure);
		const long = layoutDocImage(data(30, '超长的商品名称'.repeat(6)), measure);
		expect(short.height).toBeGreaterThan(MIN_PAGE_HEIGHT);
		// 42 characters of 20 px in a 392 px column: 3 lines instead of 1, 30 px each, in each of 30 rows.
		expect(long.height - short.height).toBe(30 * 2 * 30);
		// Wrapped name lines never overlap: each 30 px below the last.
		const name = texts(long.ops).filter((t) => t.x === 80 + 64 + 12 && t.font.startsWith('20px'));
		expect(name.slice(1, 3).map((t, i) => t.y - name[i]!.y)).toEqual([30, 30]);
		// The code under the name comes after its last line.
		const detail = texts(long.ops).find((t) => t.text === 'PO00 250g')!;
		expect(detail.y).toBeGreaterThan(name[2]!.y);
	});

	it('wraps a long heading inside its column and makes the heading band taller', () => {
		const zh = layoutDocImage(data(1), measure);
		const en = layoutDocImage(
			{
				...data(1),
				table: {
					...data(1).table,
					columns: data(1).table.columns.map((c, i) =>
						i === 1 ? { ...c, header: 'Quantity' } : i === 2 ? { ...c, header: 'Unit price (incl. VAT)' } : c
					)
				}
			},
			measure
		);
		// 'Unit price (incl. VAT)' is 22 × 9 px = 198 px in a 146 px column: two lines of 24 px.
		const price = texts(en.ops).filter(
			(t) => t.font.startsWith('600 18px') && t.x === 80 + 64 + 416 + 170 + 170 - 12
		);
		expect(price.map((t) => t.text)).toEqual(['Unit price', '(incl. VAT)']);
		for (const t of price) expect(measure(t.text, t.font)).toBeLessThanOrEqual(170 - 24);
		expect(en.ops.find((o) => o.kind === 'rect')).toMatchObject({ h: 2 * 12 + 2 * 24 });
		expect(zh.ops.find((o) => o.kind === 'rect')).toMatchObject({ h: 48 });
	});

	it('writes the total in capital numerals under the totals, in bold, inside the page', () => {
		const plain = layoutDocImage(data(30), measure);
		const l = layoutDocImage({ ...data(30), words: ['合计（大写）', '贰佰肆拾元整'] }, measure);
		const all = texts(l.ops);
		const label = all.find((t) => t.text === '合计（大写）：')!;
		const words = all.find((t) => t.text === '贰佰肆拾元整')!;
		const total = all.filter((t) => t.text === '¥240.00').at(-1)!;
		expect(words.y).toBe(label.y);
		expect(words.y).toBeGreaterThan(total.y);
		expect(words.font.startsWith('600 ')).toBe(true);
		expect(l.height - plain.height).toBe(34 + 12);
	});

	it('leaves out the company line and the note when there are none', () => {
		const with_ = layoutDocImage(data(30), measure);
		const without = layoutDocImage({ ...data(30), company: '', note: undefined }, measure);
		expect(without.height).toBeLessThan(with_.height);
		expect(texts(without.ops).map((t) => t.text)).not.toContain('备注：');
	});
});

describe('pixelScale', () => {
	it('draws at 2× up to almost two A4 pages and smaller beyond, within every browser canvas limit', () => {
		expect(pixelScale(PAGE_WIDTH, MIN_PAGE_HEIGHT)).toBe(2);
		expect(pixelScale(PAGE_WIDTH, 3200)).toBe(2);
		for (const height of [4000, 20_000, 60_000]) {
			const s = pixelScale(PAGE_WIDTH, height);
			expect(s).toBeLessThan(2);
			expect(Math.floor(PAGE_WIDTH * s) * Math.floor(height * s)).toBeLessThanOrEqual(16_777_216);
			expect(height * s).toBeLessThanOrEqual(32_767);
		}
	});
});
