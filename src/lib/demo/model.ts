/**
 * The demo company as plain data: what the generator knows about its products, parties, sites, people
 * and devices. Indices (`idx`) address the typed arrays of the stock book; ids are what events carry.
 */
import type { HlcClock } from '../domain/hlc';
import type { Category } from './catalog-data';

export type DemoSize = 'tiny' | 'small' | 'large';

export type Role = 'owner' | 'manager' | 'purchasing' | 'sales' | 'warehouse' | 'finance';

export interface Profile {
	readonly size: DemoSize;
	/** First business day (ISO); master data and opening balances are recorded the day before. */
	readonly start: string;
	readonly days: number;
	readonly branches: number;
	/** How many branches keep a back warehouse besides the shop floor (the first one always does). */
	readonly backWarehouses: number;
	readonly products: number;
	readonly suppliers: number;
	readonly customers: number;
	/** Mean counter sales per branch per ordinary day. */
	readonly counterPerDay: number;
	/** Mean wholesale sales orders per branch per office day. */
	readonly ordersPerDay: number;
	readonly posDevices: readonly [number, number];
	readonly closePeriods: boolean;
	/** Purchase / sales orders above these totals (fen) need a manager's approval. */
	readonly poApprovalAbove: number;
	readonly soApprovalAbove: number;
}

export interface Product {
	readonly idx: number;
	readonly id: string;
	readonly code: string;
	readonly name: string;
	readonly spec?: string;
	readonly model?: string;
	readonly category: Category;
	readonly categoryPath: string;
	readonly unit: string;
	readonly pack?: { readonly name: string; readonly factor: number };
	readonly barcodes: readonly string[];
	/** Prices in fen per base unit, tax included; they change over time (product.updated). */
	purchasePrice: number;
	retailPrice: number;
	wholesalePrice: number;
	memberPrice: number;
	readonly vat: number;
	readonly shelfLife?: number;
	readonly byWeight: boolean;
	readonly wholesale: boolean;
	readonly supplier: Supplier;
	/** Relative counter sales rate. */
	readonly pop: number;
	/** Day the product is introduced (the setup day for most). */
	readonly introducedOn: number;
	active: boolean;
	/** Last production date given to a batch, so batches of one product age in receipt order. */
	lastProduction: number;
	/** Version (formatted HLC) of the product record, for the `base` of updates. */
	version: string;
}

export interface Supplier {
	readonly idx: number;
	readonly id: string;
	readonly code: string;
	readonly name: string;
	readonly category: Category;
	readonly contact: string;
	readonly phone: string;
	readonly address: string;
	termsDays: number;
	readonly leadTimeDays: number;
	/** Weekdays (1 = Monday … 6 = Saturday) on which the buyer orders from it. */
	readonly orderDays: readonly number[];
	readonly bank: string;
	version: string;
}

export type Tier = 'retail' | 'wholesale' | 'member';

export interface Customer {
	readonly idx: number;
	readonly id: string;
	readonly code: string;
	readonly name: string;
	readonly contact: string;
	readonly phone: string;
	readonly address: string;
	readonly tier: Tier;
	readonly discountBp: number;
	creditLimit: number;
	readonly termsDays: number;
	readonly home: Branch;
	/** How the customer pays: days late on average (negative = early). */
	readonly lateness: number;
	nextPayCheck: number;
	introducedOn: number;
	version: string;
}

export interface Warehouse {
	readonly idx: number;
	readonly id: string;
	readonly code: string;
	readonly name: string;
	readonly branch: Branch;
	readonly kind: 'store' | 'back';
}

export interface Device {
	readonly code: string;
	readonly branch: Branch;
	readonly clock: HlcClock;
}

export interface User {
	readonly id: string;
	readonly name: string;
	roles: Role[];
	/** Empty: every branch. */
	readonly branches: string[];
}

export interface Account {
	readonly id: string;
	readonly code: string;
	readonly name: string;
	readonly kind: 'cash' | 'bank' | 'wechat' | 'alipay' | 'card';
}

export interface Branch {
	readonly idx: number;
	readonly id: string;
	readonly name: string;
	/** Traffic relative to an average branch. */
	readonly scale: number;
	readonly warehouses: Warehouse[];
	/** Shop floor: counter sales. */
	store: Warehouse;
	/** Where purchases arrive and wholesale orders ship from (the back warehouse, or the store). */
	stock: Warehouse;
	office: Device;
	pos: Device[];
	manager: User;
	warehouseClerk: User;
	salesRep: User;
	/** Cashier per POS device (index-aligned with `pos`). */
	cashiers: User[];
	cash: Account;
}

export interface Company {
	readonly name: string;
	readonly branches: Branch[];
	readonly warehouses: Warehouse[];
	readonly products: Product[];
	readonly suppliers: Supplier[];
	readonly customers: Customer[];
	readonly users: User[];
	readonly owner: User;
	readonly finance: User;
	readonly buyer: User;
	readonly devices: Device[];
	/** The relay's own clock, for the role events it writes. */
	readonly relay: Device;
	readonly bank: Account;
	readonly bank2: Account;
	readonly wechat: Account;
	readonly alipay: Account;
	readonly card: Account;
	readonly accounts: Account[];
	/** The head office device (branch 1's office), where master data and finance are recorded. */
	readonly hq: Device;
	/** The finance clerk's own PC at head office. */
	readonly financeDevice: Device;
}
