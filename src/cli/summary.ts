/**
 * The human summary of a replay (`jxc replay --summary`): counts, stock value per warehouse, open
 * receivables and payables, cash per account, in bilingual headings. Columns are aligned by display
 * width, so Chinese characters (two columns each) line up in a terminal.
 */
import { formatDecimal } from '../lib/domain/money';
import type { Ledger, LedgerSnapshot } from '../lib/domain/ledger';

export interface SummaryFacts {
	file: string;
	lines: number;
	bad: number;
	duplicates: number;
	readMs: number;
	deriveMs: number;
}

const n = (x: number) => x.toLocaleString('en-US');
const yuan = (fen: number) => {
	const [whole, frac] = formatDecimal(fen, 2).split('.');
	const neg = whole!.startsWith('-');
	return `${neg ? '-' : ''}¥${n(Number(neg ? whole!.slice(1) : whole))}.${frac}`;
};

/** Terminal columns of a string: CJK and full-width characters take two. */
function width(s: string): number {
	let w = 0;
	for (const ch of s) w += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffe6]/.test(ch) ? 2 : 1;
	return w;
}

function table(rows: string[][], rightAligned: ReadonlySet<number>): string {
	const widths: number[] = [];
	for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
	return rows
		.map(
			(r) =>
				'  ' +
				r
					.map((c, i) => {
						const fill = ' '.repeat(widths[i]! - width(c));
						return rightAligned.has(i) ? fill + c : c + fill;
					})
					.join('   ')
					.trimEnd()
		)
		.join('\n');
}

function nameOf(ledger: Ledger, kind: string, id: string): string {
	const name = ledger.values(kind, id)['name'];
	return typeof name === 'string' ? name : '';
}

export function formatSummary(ledger: Ledger, snap: LedgerSnapshot, facts: SummaryFacts): string {
	const out: string[] = [];
	out.push(`JXC replay — ${facts.file}`);
	const byKind = new Map<string, number>();
	for (const a of snap.alerts) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
	const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${n(c)}`);
	out.push(
		table(
			[
				['事件 Events', `${n(snap.events)} derived from ${n(facts.lines)} lines`],
				[
					'坏行 Bad lines',
					`${n(facts.bad)} skipped${facts.duplicates ? `, ${n(facts.duplicates)} duplicate ids ignored` : ''}`
				],
				['拒绝 Rejected', n(snap.rejected.length)],
				['隔离 Quarantined', n(snap.quarantined.length)],
				['预警 Alerts', `${n(snap.alerts.length)}${kinds.length ? ` (${kinds.join(', ')})` : ''}`],
				[
					'耗时 Time',
					`read ${(facts.readMs / 1000).toFixed(1)} s, derive ${(facts.deriveMs / 1000).toFixed(1)} s`
				]
			],
			new Set()
		)
	);

	const perWh = new Map<string, { items: number; value: number; negative: number }>();
	for (const s of snap.stock) {
		const w = perWh.get(s.warehouse) ?? { items: 0, value: 0, negative: 0 };
		if (s.onHand > 0) w.items++;
		if (s.onHand < 0) w.negative++;
		w.value += s.value;
		perWh.set(s.warehouse, w);
	}
	const whRows = [['仓库 Warehouse', '名称 Name', '品项 Items', '负库存 Negative', '库存金额 Value']];
	let total = 0;
	for (const [id, w] of [...perWh].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
		whRows.push([id, nameOf(ledger, 'warehouse', id), n(w.items), n(w.negative), yuan(w.value)]);
		total += w.value;
	}
	whRows.push(['合计 Total', '', '', '', yuan(total)]);
	out.push('', '库存 Stock', table(whRows, new Set([2, 3, 4])));

	let receivable = 0;
	let payable = 0;
	let customers = 0;
	let suppliers = 0;
	for (const b of snap.balances) {
		if (b.kind === 'customer') {
			receivable += b.balance;
			if (b.balance !== 0) customers++;
		} else {
			payable += b.balance;
			if (b.balance !== 0) suppliers++;
		}
	}
	out.push(
		'',
		'往来 Balances',
		table(
			[
				['应收 Receivable', yuan(receivable), `${n(customers)} customers`],
				['应付 Payable', yuan(payable), `${n(suppliers)} suppliers`]
			],
			new Set([1])
		)
	);

	const cashRows = [['账户 Account', '名称 Name', '余额 Balance']];
	let cash = 0;
	for (const c of snap.cash) {
		cashRows.push([c.account, nameOf(ledger, 'account', c.account), yuan(c.balance)]);
		cash += c.balance;
	}
	cashRows.push(['合计 Total', '', yuan(cash)]);
	out.push('', '资金 Cash', table(cashRows, new Set([2])));
	return out.join('\n') + '\n';
}
