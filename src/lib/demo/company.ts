/**
 * Builds the demo company's master data from a seed: catalogue, suppliers, customers, branches with
 * their warehouses, devices, people and accounts. Everything is drawn from one Rng in a fixed order,
 * so a seed gives the same company every time.
 */
import { chineseEan13 } from './barcode';
import {
	BRANCH_NAMES,
	CITIES,
	COMPANY_SUFFIXES,
	DISTRICTS,
	FAMILIES,
	GIVEN_NAMES,
	ROADS,
	SHOP_KINDS,
	SHOP_PREFIXES,
	SUPPLIER_TRADES,
	SURNAMES,
	TRADE_NAMES,
	type Category,
	type Family,
	type Variant
} from './catalog-data';
import type {
	Account,
	Branch,
	Company,
	Customer,
	Device,
	Product,
	Profile,
	Supplier,
	Tier,
	User,
	Warehouse
} from './model';
import type { Rng } from './random';

const CATEGORY_CODE: Record<Category, string> = { 食品: 'SP', 五金: 'WJ', 服装: 'FZ', 日化: 'RH' };
const SUPPLIER_SHARE: Record<Category, number> = { 食品: 0.4, 五金: 0.25, 服装: 0.15, 日化: 0.2 };
const LEAD_DAYS: Record<Category, readonly [number, number]> = {
	食品: [1, 3],
	五金: [2, 5],
	服装: [4, 9],
	日化: [2, 4]
};

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function personName(rng: Rng): string {
	return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

export function mobile(rng: Rng): string {
	return `1${rng.pick(['35', '36', '37', '38', '39', '50', '52', '58', '59', '86', '87', '88', '89'])}${pad(rng.int(0, 99_999_999), 8)}`;
}

function address(rng: Rng, city = '杭州市'): string {
	return `${city}${rng.pick(DISTRICTS)}${rng.pick(ROADS)}${rng.int(1, 988)}号`;
}

/** Rounds a price the way shops print them: 3.50, 12.90, 199.00. */
export function nicePrice(fen: number): number {
	if (fen < 1000) return Math.max(10, Math.round(fen / 10) * 10);
	if (fen < 10_000) return Math.round(fen / 50) * 50 - (fen % 100 < 50 ? 10 : 0) || 990;
	return Math.round(fen / 1000) * 1000 - 100;
}

/** A style: one brand/product line, sampled as a whole so sizes and packs come in complete runs. */
interface Style {
	family: Family;
	familyIdx: number;
	name: string;
	nameIdx: number;
	model?: string;
	color?: string;
	skus: { spec: string; variant: Variant }[];
}

function styles(): Style[] {
	const out: Style[] = [];
	FAMILIES.forEach((family, familyIdx) => {
		family.names.forEach((name, nameIdx) => {
			const models = family.sizes
				? (family.models ?? [undefined])
				: [family.models?.[nameIdx % family.models.length]];
			const colors = family.colors ?? [undefined];
			for (const model of models) {
				for (const color of colors) {
					const skus: Style['skus'] = [];
					for (const variant of family.variants) {
						for (const size of family.sizes ?? [undefined]) {
							const spec = [color, size, variant.spec].filter((x) => x).join(' ');
							skus.push({ spec, variant });
						}
					}
					out.push({
						family,
						familyIdx,
						name,
						nameIdx,
						skus,
						...(model ? { model } : {}),
						...(color ? { color } : {})
					});
				}
			}
		});
	});
	return out;
}

/** How many SKUs the whole catalogue could offer (the cap on `products`). */
export function catalogueCapacity(): number {
	return styles().reduce((s, st) => s + st.skus.length, 0);
}

function buildSuppliers(rng: Rng, count: number): Supplier[] {
	const cats = Object.keys(SUPPLIER_SHARE) as Category[];
	const names = new Set<string>();
	const out: Supplier[] = [];
	for (const cat of cats) {
		const n = Math.max(1, Math.round(count * SUPPLIER_SHARE[cat]));
		for (let i = 0; i < n; i++) {
			const city = rng.pick(CITIES);
			let name: string;
			do
				name = `${city}${rng.pick(TRADE_NAMES)}${rng.pick(SUPPLIER_TRADES[cat])}${rng.pick(COMPANY_SUFFIXES)}`;
			while (names.has(name));
			names.add(name);
			const idx = out.length;
			const [lo, hi] = LEAD_DAYS[cat];
			out.push({
				idx,
				id: `S${pad(idx + 1, 3)}`,
				code: `GYS${pad(idx + 1, 3)}`,
				name,
				category: cat,
				contact: personName(rng),
				phone: mobile(rng),
				address: address(rng, city + '市'),
				termsDays: rng.pick([0, 7, 15, 30, 30, 30, 45, 60]),
				leadTimeDays: rng.int(lo, hi),
				orderDays:
					cat === '食品'
						? rng.pick([
								[1, 3, 5],
								[2, 4, 6]
							])
						: rng.pick([[1], [2], [3], [4], [5], [1, 4], [2, 5]]),
				bank: `${rng.pick(['中国工商银行', '中国建设银行', '中国农业银行', '招商银行', '浙江农商银行'])}${city}分行 ${pad(rng.int(0, 9999), 4)} ${pad(rng.int(0, 9999), 4)} ${pad(rng.int(0, 9999), 4)} ${pad(rng.int(0, 999), 3)}`,
				version: ''
			});
		}
	}
	return out;
}

function buildProducts(
	rng: Rng,
	count: number,
	suppliers: Supplier[],
	setupDay: number,
	days: number
): Product[] {
	// Each family buys from one supplier of its category.
	const familySupplier = FAMILIES.map((f) => rng.pick(suppliers.filter((s) => s.category === f.category)));
	const chosen: Style[] = [];
	let total = 0;
	for (const st of rng.shuffle(styles())) {
		if (total >= count) break;
		chosen.push(st);
		total += st.skus.length;
	}
	// Catalogue order: by category, family, name, as a real product list would be sorted.
	chosen.sort((a, b) => a.familyIdx - b.familyIdx || a.nameIdx - b.nameIdx);
	const barcodes = new Set<string>();
	const itemNo = new Map<number, number>();
	const perCategory = new Map<Category, number>();
	const out: Product[] = [];
	for (const st of chosen) {
		const f = st.family;
		const brand = 10_000 + st.familyIdx * 40 + st.nameIdx;
		const styleCost = rng.next() * 0.35 + 0.85;
		const markup = f.markup[0] + rng.next() * (f.markup[1] - f.markup[0]);
		const stylePop = f.pop * Math.exp(rng.normal() * 0.6);
		for (const sku of st.skus) {
			if (out.length >= count) break;
			const idx = out.length;
			const catNo = (perCategory.get(f.category) ?? 0) + 1;
			perCategory.set(f.category, catNo);
			const codes: string[] = [];
			if (!f.byWeight) {
				for (let k = 0; k < (sku.variant.pack ? 2 : 1); k++) {
					let code: string;
					do {
						const n = (itemNo.get(brand) ?? 0) + 1;
						itemNo.set(brand, n);
						code = chineseEan13(brand, n);
					} while (barcodes.has(code));
					barcodes.add(code);
					codes.push(code);
				}
			}
			const raw = sku.variant.cost * styleCost * (f.byWeight ? 0.8 + rng.next() * 1.6 : 1);
			const purchasePrice = raw >= 1000 ? Math.round(raw / 10) * 10 : Math.max(5, Math.round(raw));
			const retailPrice = Math.max(nicePrice(purchasePrice * markup), purchasePrice + 10);
			const wholesalePrice = Math.min(
				retailPrice - 5,
				Math.round(purchasePrice * (1.08 + rng.next() * 0.07))
			);
			const memberPrice = Math.max(wholesalePrice, Math.round((retailPrice * 0.95) / 10) * 10);
			// Most of the range is there from the start; some lines are introduced during the period.
			const late = idx > 20 && rng.chance(0.04);
			out.push({
				idx,
				id: `P${pad(idx + 1, 5)}`,
				code: `${CATEGORY_CODE[f.category]}${pad(catNo, 4)}`,
				name: st.name,
				...(sku.spec ? { spec: sku.spec } : {}),
				...(st.model ? { model: st.model } : {}),
				category: f.category,
				categoryPath: `${f.category}/${f.sub}`,
				unit: f.unit,
				...(sku.variant.pack ? { pack: { name: sku.variant.pack[0], factor: sku.variant.pack[1] } } : {}),
				barcodes: codes,
				purchasePrice,
				retailPrice,
				wholesalePrice,
				memberPrice,
				vat: f.vat,
				...(f.shelfLife ? { shelfLife: f.shelfLife } : {}),
				byWeight: f.byWeight === true,
				wholesale: f.wholesale === true,
				supplier: familySupplier[st.familyIdx]!,
				pop: stylePop * Math.exp(rng.normal() * 0.3),
				introducedOn: late ? setupDay + rng.int(20, Math.max(21, days - 30)) : setupDay,
				active: true,
				lastProduction: 0,
				version: ''
			});
		}
	}
	return out;
}

function buildCustomers(
	rng: Rng,
	count: number,
	branches: Branch[],
	setupDay: number,
	days: number
): Customer[] {
	const names = new Set<string>();
	const out: Customer[] = [];
	const totalScale = branches.reduce((s, b) => s + b.scale, 0);
	for (let i = 0; i < count; i++) {
		const r = rng.next();
		const tier: Tier = r < 0.35 ? 'wholesale' : r < 0.9 ? 'member' : 'retail';
		let name: string;
		let tries = 0;
		do {
			tries++;
			if (tier === 'wholesale')
				name = `${rng.pick(SHOP_PREFIXES)}${rng.pick(SHOP_KINDS)}${tries > 5 ? `(${rng.pick(ROADS)})` : ''}`;
			else if (tier === 'retail')
				name = `杭州${rng.pick(TRADE_NAMES)}${rng.pick(['科技', '装饰', '物业', '餐饮', '教育'])}有限公司`;
			else name = personName(rng) + (tries > 3 ? rng.pick(['(老顾客)', '(VIP)', '']) : '');
		} while (names.has(name) && tries < 20);
		if (names.has(name)) name = `${name}${i}`;
		names.add(name);
		let x = rng.next() * totalScale;
		let home = branches[0]!;
		for (const b of branches) {
			x -= b.scale;
			if (x <= 0) {
				home = b;
				break;
			}
		}
		const late = rng.chance(tier === 'member' ? 0.25 : 0.1);
		out.push({
			idx: i,
			id: `C${pad(i + 1, 4)}`,
			code: `KH${pad(i + 1, 4)}`,
			name,
			contact: tier === 'member' ? name : personName(rng),
			phone: mobile(rng),
			address: address(rng),
			tier,
			discountBp: tier === 'wholesale' ? rng.pick([0, 0, 200, 300, 500]) : 0,
			creditLimit:
				tier === 'wholesale' ? rng.int(4, 40) * 500_000 : tier === 'retail' ? rng.int(1, 4) * 500_000 : 0,
			termsDays: tier === 'member' ? 0 : rng.pick([15, 30, 30, 45]),
			home,
			lateness: Math.round(rng.normal() * 5 + 2),
			nextPayCheck: 0,
			introducedOn: late ? setupDay + rng.int(10, Math.max(11, days - 10)) : setupDay,
			version: ''
		});
	}
	return out;
}

export function buildCompany(
	rng: Rng,
	profile: Profile,
	setupDay: number,
	makeDevice: (code: string, branch: Branch) => Device
): Company {
	const users: User[] = [];
	const user = (id: string, name: string, roles: User['roles'], branches: string[] = []): User => {
		const u: User = { id, name, roles, branches };
		users.push(u);
		return u;
	};
	const owner = user('wang.jianguo', '王建国', ['owner']);
	const finance = user('li.juan', '李娟', ['finance']);
	const buyer = user('zhang.wei', '张伟', ['purchasing']);

	const accounts: Account[] = [];
	const account = (id: string, code: string, name: string, kind: Account['kind']): Account => {
		const a: Account = { id, code, name, kind };
		accounts.push(a);
		return a;
	};
	const bank = account('A-ICBC', '1002.01', '工商银行基本户', 'bank');
	const bank2 = account('A-CMB', '1002.02', '招商银行一般户', 'bank');
	const wechat = account('A-WECHAT', '1012.01', '微信收款', 'wechat');
	const alipay = account('A-ALIPAY', '1012.02', '支付宝收款', 'alipay');
	const card = account('A-UNIONPAY', '1012.03', '银联POS刷卡', 'card');

	const branches: Branch[] = [];
	const warehouses: Warehouse[] = [];
	const devices: Device[] = [];
	for (let b = 0; b < profile.branches; b++) {
		const id = `B${pad(b + 1, 2)}`;
		const name = BRANCH_NAMES[b] ?? `${b + 1}号店`;
		const branch = {
			idx: b,
			id,
			name,
			scale: b === 0 ? 1.3 : 0.7 + rng.next() * 0.45,
			warehouses: [],
			pos: [],
			cashiers: []
		} as unknown as Branch;
		const wh = (n: number, kind: Warehouse['kind'], whName: string): Warehouse => {
			const w: Warehouse = {
				idx: warehouses.length,
				id: `W${pad(b + 1, 2)}${n}`,
				code: `CK-${id}-${n}`,
				name: whName,
				branch,
				kind
			};
			warehouses.push(w);
			branch.warehouses.push(w);
			return w;
		};
		branch.store = wh(1, 'store', `${name}门店仓`);
		branch.stock =
			b < profile.backWarehouses ? wh(2, 'back', b === 0 ? '总仓' : `${name}仓库`) : branch.store;
		branch.office = makeDevice(`${id}T1`, branch);
		devices.push(branch.office);
		const first = b === 0 ? 3 : 2;
		const posCount = Math.min(4 - first + 1, rng.int(profile.posDevices[0], profile.posDevices[1]));
		for (let k = 0; k < posCount; k++) {
			const d = makeDevice(`${id}T${first + k}`, branch);
			devices.push(d);
			branch.pos.push(d);
		}
		const scope = [id];
		branch.manager = user(`${id.toLowerCase()}.manager`, personName(rng), ['manager'], scope);
		branch.warehouseClerk = user(`${id.toLowerCase()}.warehouse`, personName(rng), ['warehouse'], scope);
		branch.salesRep = user(`${id.toLowerCase()}.sales`, personName(rng), ['sales'], scope);
		branch.cashiers = branch.pos.map((_, k) =>
			user(`${id.toLowerCase()}.cashier${k + 1}`, personName(rng), ['sales'], scope)
		);
		branch.cash = account(`A-CASH-${id}`, `1001.${pad(b + 1, 2)}`, `${name}收银现金`, 'cash');
		branches.push(branch);
	}
	const hq = branches[0]!.office;
	const financeDevice = makeDevice('B01T2', branches[0]!);
	devices.push(financeDevice);
	const relay = makeDevice('RELAY', branches[0]!);

	const suppliers = buildSuppliers(rng, profile.suppliers);
	const products = buildProducts(rng, profile.products, suppliers, setupDay, profile.days);
	const customers = buildCustomers(rng, profile.customers, branches, setupDay, profile.days);
	return {
		name: '杭州鑫源商贸有限公司',
		branches,
		warehouses,
		products,
		suppliers,
		customers,
		users,
		owner,
		finance,
		buyer,
		devices,
		relay,
		bank,
		bank2,
		wechat,
		alipay,
		card,
		accounts,
		hq,
		financeDevice
	};
}
