/**
 * Raw material for the demo company's catalogue: product families a Chinese general store, hardware
 * counter and clothing corner really carry, with costs in fen per base unit (tax included). The
 * generator expands each family into SKUs (brand × spec, model × colour × size) and samples as many as
 * the size asks for.
 */

export type Category = '食品' | '五金' | '服装' | '日化';

export interface Variant {
	spec: string;
	/** Purchase cost in fen per base unit, tax included. */
	cost: number;
	/** The packing unit and how many base units it holds, e.g. ['箱', 24]. */
	pack?: readonly [string, number];
}

export interface Family {
	category: Category;
	/** Sub-category shown after the slash: 食品/饮料. */
	sub: string;
	names: readonly string[];
	variants: readonly Variant[];
	/** Clothing: one SKU per model × colour × size; the spec is "colour size". */
	models?: readonly string[];
	colors?: readonly string[];
	sizes?: readonly string[];
	unit: string;
	vat: 1300 | 900;
	/** Relative sales rate of one SKU of this family. */
	pop: number;
	/** Retail markup range over cost. */
	markup: readonly [number, number];
	/** Shelf life in days: the product is batch-tracked with expiry dates. */
	shelfLife?: number;
	/** Sold loose by weight (base unit kg, quantities like 1.235). */
	byWeight?: boolean;
	/** Typical wholesale buyers take it by the pack. */
	wholesale?: boolean;
}

const v = (spec: string, cost: number, pack?: readonly [string, number]): Variant =>
	pack ? { spec, cost, pack } : { spec, cost };

export const FAMILIES: readonly Family[] = [
	// ---- 食品 ----
	{
		category: '食品',
		sub: '饮料',
		names: ['可口可乐', '零度可口可乐', '雪碧', '芬达橙味', '百事可乐', '七喜'],
		variants: [
			v('330ml×24罐/箱', 160, ['箱', 24]),
			v('500ml×24瓶/箱', 210, ['箱', 24]),
			v('1.25L×12瓶/箱', 390, ['箱', 12]),
			v('2L×6瓶/箱', 560, ['箱', 6])
		],
		unit: '瓶',
		vat: 1300,
		pop: 9,
		markup: [1.45, 1.8],
		wholesale: true
	},
	{
		category: '食品',
		sub: '饮料',
		names: ['农夫山泉饮用天然水', '怡宝纯净水', '百岁山矿泉水', '康师傅矿物质水'],
		variants: [
			v('380ml×24瓶/箱', 90, ['箱', 24]),
			v('550ml×24瓶/箱', 105, ['箱', 24]),
			v('1.5L×12瓶/箱', 230, ['箱', 12]),
			v('4L×6桶/箱', 480, ['箱', 6])
		],
		unit: '瓶',
		vat: 1300,
		pop: 12,
		markup: [1.6, 2.0],
		wholesale: true
	},
	{
		category: '食品',
		sub: '饮料',
		names: [
			'康师傅冰红茶',
			'康师傅绿茶',
			'统一冰红茶',
			'统一绿茶',
			'东方树叶茉莉花茶',
			'王老吉凉茶',
			'加多宝凉茶'
		],
		variants: [v('500ml×15瓶/箱', 250, ['箱', 15]), v('310ml×24罐/箱', 240, ['箱', 24])],
		unit: '瓶',
		vat: 1300,
		pop: 6,
		markup: [1.4, 1.7],
		wholesale: true
	},
	{
		category: '食品',
		sub: '饮料',
		names: ['红牛维生素功能饮料', '东鹏特饮', '汇源100%橙汁', '汇源100%苹果汁'],
		variants: [v('250ml×24罐/箱', 420, ['箱', 24]), v('1L×6盒/箱', 960, ['箱', 6])],
		unit: '罐',
		vat: 1300,
		pop: 4,
		markup: [1.3, 1.6],
		wholesale: true
	},
	{
		category: '食品',
		sub: '酒水',
		names: ['青岛啤酒经典', '青岛啤酒纯生', '雪花勇闯天涯', '雪花纯生', '百威啤酒'],
		variants: [v('330ml×24罐/箱', 290, ['箱', 24]), v('500ml×12瓶/箱', 420, ['箱', 12])],
		unit: '瓶',
		vat: 1300,
		pop: 6,
		markup: [1.4, 1.7],
		wholesale: true
	},
	{
		category: '食品',
		sub: '酒水',
		names: ['牛栏山二锅头', '红星二锅头', '泸州老窖特曲', '洋河海之蓝'],
		variants: [v('100ml×40瓶/箱', 520, ['箱', 40]), v('500ml×12瓶/箱', 1650, ['箱', 12])],
		unit: '瓶',
		vat: 1300,
		pop: 2,
		markup: [1.25, 1.5],
		wholesale: true
	},
	{
		category: '食品',
		sub: '方便食品',
		names: [
			'康师傅红烧牛肉面',
			'康师傅香辣牛肉面',
			'康师傅鲜虾鱼板面',
			'统一老坛酸菜牛肉面',
			'统一来一桶',
			'今麦郎一菜一面',
			'白象汤好喝'
		],
		variants: [v('袋装105g×24袋/箱', 230, ['箱', 24]), v('桶装120g×12桶/箱', 390, ['箱', 12])],
		unit: '袋',
		vat: 1300,
		pop: 5,
		markup: [1.3, 1.6],
		wholesale: true,
		shelfLife: 180
	},
	{
		category: '食品',
		sub: '粮油',
		names: ['五常大米', '东北珍珠米', '泰国茉莉香米'],
		variants: [v('5kg/袋', 3900, ['件', 4]), v('10kg/袋', 7500, ['件', 2])],
		unit: '袋',
		vat: 900,
		pop: 3,
		markup: [1.2, 1.35],
		wholesale: true
	},
	{
		category: '食品',
		sub: '粮油',
		names: ['散装东北大米', '散装白砂糖', '散装绿豆', '散装小米', '土鸡蛋'],
		variants: [v('散装 按kg计', 520)],
		unit: 'kg',
		vat: 900,
		pop: 5,
		markup: [1.25, 1.45],
		byWeight: true
	},
	{
		category: '食品',
		sub: '粮油',
		names: ['金龙鱼调和油', '金龙鱼大豆油', '鲁花5S压榨花生油', '福临门葵花籽油'],
		variants: [v('1.8L/桶', 2500, ['箱', 6]), v('5L/桶', 6200, ['箱', 4])],
		unit: '桶',
		vat: 900,
		pop: 2,
		markup: [1.15, 1.3],
		wholesale: true
	},
	{
		category: '食品',
		sub: '粮油',
		names: ['香雪面粉', '金沙河挂面', '陈克明挂面'],
		variants: [v('1kg/袋', 720, ['箱', 10]), v('5kg/袋', 2900, ['件', 4])],
		unit: '袋',
		vat: 900,
		pop: 2,
		markup: [1.2, 1.4],
		wholesale: true,
		shelfLife: 365
	},
	{
		category: '食品',
		sub: '乳品',
		names: ['伊利纯牛奶', '蒙牛纯牛奶', '特仑苏纯牛奶', '安慕希希腊风味酸奶', '纯甄酸牛奶'],
		variants: [v('250ml×24盒/箱', 210, ['箱', 24]), v('205g×12盒/箱', 330, ['箱', 12])],
		unit: '盒',
		vat: 900,
		pop: 6,
		markup: [1.3, 1.5],
		wholesale: true,
		shelfLife: 180
	},
	{
		category: '食品',
		sub: '乳品',
		names: ['光明鲜牛奶', '每日鲜语鲜牛奶'],
		variants: [v('950ml/瓶', 1150, ['箱', 6])],
		unit: '瓶',
		vat: 900,
		pop: 3,
		markup: [1.25, 1.4],
		shelfLife: 7
	},
	{
		category: '食品',
		sub: '调味品',
		names: ['海天生抽', '海天老抽', '海天蚝油', '李锦记味极鲜', '恒顺香醋', '山西老陈醋'],
		variants: [v('500ml×12瓶/箱', 620, ['箱', 12]), v('1.9L×6瓶/箱', 1650, ['箱', 6])],
		unit: '瓶',
		vat: 1300,
		pop: 3,
		markup: [1.25, 1.45],
		wholesale: true,
		shelfLife: 540
	},
	{
		category: '食品',
		sub: '调味品',
		names: ['老干妈风味豆豉', '老干妈油辣椒', '太太乐鸡精', '中盐精制食盐'],
		variants: [v('280g×24瓶/箱', 820, ['箱', 24]), v('400g×40袋/箱', 230, ['箱', 40])],
		unit: '瓶',
		vat: 1300,
		pop: 3,
		markup: [1.3, 1.5],
		wholesale: true
	},
	{
		category: '食品',
		sub: '休闲零食',
		names: [
			'奥利奥原味夹心饼干',
			'奥利奥巧克力味夹心饼干',
			'德芙丝滑牛奶巧克力',
			'德芙榛仁巧克力',
			'旺旺雪饼',
			'旺旺仙贝',
			'乐事原味薯片',
			'乐事黄瓜味薯片',
			'乐事番茄味薯片',
			'好丽友巧克力派',
			'三只松鼠每日坚果',
			'三只松鼠夏威夷果',
			'卫龙大面筋辣条',
			'士力架花生夹心巧克力',
			'益达木糖醇口香糖'
		],
		variants: [v('小包装', 380, ['箱', 24]), v('家庭装', 1150, ['箱', 12])],
		unit: '包',
		vat: 1300,
		pop: 3,
		markup: [1.35, 1.7],
		shelfLife: 270
	},
	{
		category: '食品',
		sub: '冷冻冷藏',
		names: [
			'三全猪肉白菜水饺',
			'三全三鲜水饺',
			'思念猪肉玉米水饺',
			'湾仔码头荠菜水饺',
			'双汇王中王火腿肠',
			'桃李醇熟切片面包'
		],
		variants: [v('450g/袋', 1280, ['箱', 12]), v('1kg/袋', 2450, ['箱', 6])],
		unit: '袋',
		vat: 1300,
		pop: 3,
		markup: [1.25, 1.45],
		shelfLife: 120
	},

	// ---- 五金 ----
	{
		category: '五金',
		sub: '紧固件',
		names: ['镀锌十字盘头螺丝', '304不锈钢十字盘头螺丝', '镀锌自攻螺丝', '304不锈钢自攻螺丝'],
		variants: ['M3×10', 'M3×16', 'M4×10', 'M4×16', 'M4×20', 'M5×20', 'M5×30', 'M6×30', 'M6×40', 'M8×50'].map(
			(s, i) => v(s, 6 + i * 2, ['盒', 100])
		),
		unit: '个',
		vat: 1300,
		pop: 0.8,
		markup: [1.8, 2.5],
		wholesale: true
	},
	{
		category: '五金',
		sub: '紧固件',
		names: ['膨胀螺栓', '六角螺母', '平垫片'],
		variants: ['M6', 'M8', 'M10', 'M12'].map((s, i) => v(s, 12 + i * 10, ['盒', 50])),
		unit: '个',
		vat: 1300,
		pop: 0.8,
		markup: [1.8, 2.5],
		wholesale: true
	},
	{
		category: '五金',
		sub: '手动工具',
		names: ['世达活动扳手', '长城精工活动扳手', '得力活动扳手'],
		variants: [v('6寸', 1650), v('8寸', 2100), v('10寸', 2800), v('12寸', 3600)],
		models: ['HB-100'],
		unit: '把',
		vat: 1300,
		pop: 0.6,
		markup: [1.6, 2.1]
	},
	{
		category: '五金',
		sub: '手动工具',
		names: ['世达钢丝钳', '世达尖嘴钳', '世达斜口钳', '得力钢丝钳', '得力尖嘴钳', '得力斜口钳'],
		variants: [v('6寸', 1800), v('7寸', 2200), v('8寸', 2600)],
		unit: '把',
		vat: 1300,
		pop: 0.5,
		markup: [1.6, 2.1]
	},
	{
		category: '五金',
		sub: '手动工具',
		names: ['十字螺丝刀', '一字螺丝刀'],
		variants: ['PH0×75mm', 'PH1×100mm', 'PH2×100mm', 'PH2×150mm', 'PH3×150mm'].map((s, i) =>
			v(s, 450 + i * 120)
		),
		unit: '把',
		vat: 1300,
		pop: 0.6,
		markup: [1.8, 2.4]
	},
	{
		category: '五金',
		sub: '测量工具',
		names: ['得力钢卷尺', '长城精工钢卷尺', '史丹利钢卷尺'],
		variants: [v('3m×16mm', 650), v('5m×19mm', 980), v('7.5m×25mm', 1580), v('10m×25mm', 2150)],
		unit: '把',
		vat: 1300,
		pop: 0.6,
		markup: [1.7, 2.2]
	},
	{
		category: '五金',
		sub: '电工',
		names: ['公牛插座', '正泰插座'],
		variants: [
			v('3位 1.8m', 2100),
			v('4位 1.8m', 2600),
			v('5位 3m', 3400),
			v('6位 3m', 3900),
			v('8位 5m', 5600)
		],
		models: ['GN-B3', 'GN-H4'],
		unit: '个',
		vat: 1300,
		pop: 0.9,
		markup: [1.45, 1.8]
	},
	{
		category: '五金',
		sub: '照明',
		names: ['欧普LED球泡灯', '飞利浦LED球泡灯', '雷士LED球泡灯'],
		variants: ['3W', '5W', '7W', '9W', '12W', '15W', '18W', '24W'].map((s, i) =>
			v(`E27 ${s}`, 350 + i * 180, ['盒', 10])
		),
		colors: ['暖白光3000K', '正白光6500K'],
		unit: '个',
		vat: 1300,
		pop: 0.8,
		markup: [1.7, 2.3]
	},
	{
		category: '五金',
		sub: '电工',
		names: ['BV铜芯电线 红', 'BV铜芯电线 蓝', 'BV铜芯电线 黄绿'],
		variants: [v('1.5平方', 120, ['卷', 100]), v('2.5平方', 190, ['卷', 100]), v('4平方', 300, ['卷', 100])],
		unit: '米',
		vat: 1300,
		pop: 0.7,
		markup: [1.3, 1.6],
		wholesale: true
	},
	{
		category: '五金',
		sub: '电工',
		names: ['电工绝缘胶带 黑', '电工绝缘胶带 红', '电工绝缘胶带 黄', '电工绝缘胶带 蓝', '封箱透明胶带'],
		variants: [v('18mm×10m', 180, ['筒', 10]), v('48mm×100m', 650, ['筒', 6])],
		unit: '卷',
		vat: 1300,
		pop: 1,
		markup: [1.8, 2.5]
	},
	{
		category: '五金',
		sub: '水暖',
		names: ['PPR直接', 'PPR弯头', 'PPR三通', 'PPR内丝直接'],
		variants: [v('20mm', 80, ['袋', 50]), v('25mm', 120, ['袋', 50]), v('32mm', 210, ['袋', 25])],
		unit: '个',
		vat: 1300,
		pop: 0.6,
		markup: [1.8, 2.5],
		wholesale: true
	},
	{
		category: '五金',
		sub: '锁具',
		names: ['梅花挂锁', '叶片挂锁', '不锈钢合页'],
		variants: [v('30mm', 950), v('40mm', 1350), v('50mm', 1850), v('4寸', 680)],
		unit: '个',
		vat: 1300,
		pop: 0.5,
		markup: [1.7, 2.2]
	},
	{
		category: '五金',
		sub: '耗材',
		names: ['干磨砂纸', '水磨砂纸'],
		variants: [
			'80目',
			'120目',
			'180目',
			'240目',
			'400目',
			'600目',
			'800目',
			'1000目',
			'1500目',
			'2000目'
		].map((s) => v(s, 45, ['包', 50])),
		unit: '张',
		vat: 1300,
		pop: 0.4,
		markup: [2.0, 2.6]
	},
	{
		category: '五金',
		sub: '电动工具',
		names: ['博世冲击钻', '东成手电钻', '大有充电式电钻'],
		variants: [v('550W', 24900), v('710W', 31900), v('12V锂电', 19900)],
		models: ['GSB 550', 'Z1J-FF-10'],
		unit: '台',
		vat: 1300,
		pop: 0.2,
		markup: [1.25, 1.45]
	},
	{
		category: '五金',
		sub: '耗材',
		names: ['麻花钻头', '冲击钻头'],
		variants: ['3mm', '4mm', '5mm', '6mm', '8mm', '10mm', '12mm'].map((s, i) =>
			v(s, 180 + i * 70, ['盒', 10])
		),
		unit: '支',
		vat: 1300,
		pop: 0.4,
		markup: [1.9, 2.5]
	},

	// ---- 服装 ----
	{
		category: '服装',
		sub: '裤装',
		names: ['男士直筒牛仔裤', '男士修身牛仔裤'],
		variants: [v('', 8900)],
		models: ['LV-501', 'LV-505', 'LV-511'],
		colors: ['深蓝', '浅蓝', '黑色'],
		sizes: ['28码', '29码', '30码', '31码', '32码', '33码', '34码', '36码'],
		unit: '条',
		vat: 1300,
		pop: 0.25,
		markup: [2.2, 3.0]
	},
	{
		category: '服装',
		sub: '裤装',
		names: ['女士高腰牛仔裤', '运动休闲裤'],
		variants: [v('', 7200)],
		models: ['WL-201', 'YD-401'],
		colors: ['深蓝', '黑色', '灰色'],
		sizes: ['S', 'M', 'L', 'XL', 'XXL'],
		unit: '条',
		vat: 1300,
		pop: 0.25,
		markup: [2.2, 3.0]
	},
	{
		category: '服装',
		sub: '上装',
		names: ['纯棉圆领T恤', '纯棉V领T恤', '珠地棉POLO衫'],
		variants: [v('', 2600)],
		models: ['T-101', 'T-102', 'POLO-201'],
		colors: ['白色', '黑色', '灰色', '藏青', '红色'],
		sizes: ['S', 'M', 'L', 'XL', 'XXL'],
		unit: '件',
		vat: 1300,
		pop: 0.3,
		markup: [2.0, 2.8]
	},
	{
		category: '服装',
		sub: '上装',
		names: ['商务长袖衬衫', '休闲格子衬衫'],
		variants: [v('', 5200)],
		models: ['CS-301', 'CS-302'],
		colors: ['白色', '浅蓝', '条纹'],
		sizes: ['38', '39', '40', '41', '42', '43', '44'],
		unit: '件',
		vat: 1300,
		pop: 0.2,
		markup: [2.0, 2.8]
	},
	{
		category: '服装',
		sub: '上装',
		names: ['连帽卫衣', '轻薄羽绒服', '加厚羽绒服'],
		variants: [v('', 11900)],
		models: ['WY-601', 'YR-801', 'YR-802'],
		colors: ['黑色', '藏青', '红色', '卡其'],
		sizes: ['M', 'L', 'XL', 'XXL', '3XL'],
		unit: '件',
		vat: 1300,
		pop: 0.15,
		markup: [2.0, 2.6]
	},
	{
		category: '服装',
		sub: '鞋袜',
		names: ['男士休闲鞋', '女士运动鞋'],
		variants: [v('', 9800)],
		models: ['XX-88', 'PB-66'],
		colors: ['白色', '黑色'],
		sizes: ['36', '37', '38', '39', '40', '41', '42', '43', '44'],
		unit: '双',
		vat: 1300,
		pop: 0.15,
		markup: [1.9, 2.5]
	},
	{
		category: '服装',
		sub: '鞋袜',
		names: ['男士纯棉中筒袜', '女士隐形船袜', '运动毛巾底袜', '男士纯棉平角内裤', '女士莫代尔内裤'],
		variants: [v('均码 5双/盒', 650, ['盒', 5])],
		colors: ['黑色', '白色', '灰色', '混色'],
		unit: '双',
		vat: 1300,
		pop: 1,
		markup: [2.0, 2.8]
	},

	// ---- 日化 ----
	{
		category: '日化',
		sub: '洗护',
		names: [
			'海飞丝去屑洗发水',
			'海飞丝丝质柔滑洗发水',
			'潘婷乳液修护洗发水',
			'飘柔家庭护理洗发水',
			'清扬男士去屑洗发水',
			'沙宣修护水养洗发水',
			'潘婷护发素'
		],
		variants: [v('200ml', 1850, ['箱', 24]), v('400ml', 3200, ['箱', 12]), v('750ml', 5200, ['箱', 8])],
		unit: '瓶',
		vat: 1300,
		pop: 1.2,
		markup: [1.3, 1.55],
		wholesale: true
	},
	{
		category: '日化',
		sub: '洗护',
		names: ['六神清凉沐浴露', '舒肤佳纯白沐浴露', '舒肤佳柠檬沐浴露', '力士幽莲魅肤沐浴露'],
		variants: [v('400ml', 2350, ['箱', 12]), v('1L', 4200, ['箱', 6])],
		unit: '瓶',
		vat: 1300,
		pop: 1,
		markup: [1.3, 1.55],
		wholesale: true
	},
	{
		category: '日化',
		sub: '口腔',
		names: [
			'高露洁全面防蛀牙膏',
			'高露洁冰爽牙膏',
			'佳洁士美白牙膏',
			'佳洁士草本牙膏',
			'云南白药牙膏',
			'黑人双重薄荷牙膏',
			'中华健齿白牙膏'
		],
		variants: [v('90g', 650, ['箱', 72]), v('140g', 980, ['箱', 48]), v('180g', 1250, ['箱', 36])],
		unit: '支',
		vat: 1300,
		pop: 1.5,
		markup: [1.35, 1.6],
		wholesale: true,
		shelfLife: 1095
	},
	{
		category: '日化',
		sub: '口腔',
		names: ['高露洁软毛牙刷', '佳洁士中毛牙刷', '舒适达护龈牙刷'],
		variants: [v('单支装', 450, ['盒', 12]), v('三支装', 1150, ['盒', 12])],
		unit: '支',
		vat: 1300,
		pop: 1,
		markup: [1.5, 1.9]
	},
	{
		category: '日化',
		sub: '洗涤',
		names: [
			'蓝月亮深层洁净洗衣液',
			'蓝月亮薰衣草洗衣液',
			'立白超洁洗衣液',
			'汰渍全效洗衣液',
			'奥妙除菌洗衣液'
		],
		variants: [v('1kg', 1650, ['箱', 12]), v('2kg', 2900, ['箱', 6]), v('3kg', 3950, ['箱', 4])],
		unit: '瓶',
		vat: 1300,
		pop: 1.5,
		markup: [1.3, 1.55],
		wholesale: true
	},
	{
		category: '日化',
		sub: '洗涤',
		names: ['立白洗衣粉', '雕牌洗衣粉', '白猫洗洁精', '立白洗洁精', '雕牌洗洁精', '84消毒液', '滴露消毒液'],
		variants: [v('500g', 480, ['箱', 24]), v('1.5kg', 1180, ['箱', 8])],
		unit: '瓶',
		vat: 1300,
		pop: 1.5,
		markup: [1.35, 1.6],
		wholesale: true
	},
	{
		category: '日化',
		sub: '纸品',
		names: ['维达抽纸', '清风抽纸', '心相印抽纸', '维达卷纸', '清风卷纸', '心相印手帕纸'],
		variants: [v('3层100抽×6包/提', 1450, ['箱', 8]), v('4层140g×10卷/提', 2250, ['箱', 6])],
		unit: '提',
		vat: 1300,
		pop: 2.5,
		markup: [1.3, 1.5],
		wholesale: true
	},
	{
		category: '日化',
		sub: '洗护',
		names: ['舒肤佳香皂 纯白', '舒肤佳香皂 柠檬', '力士香皂', '六神花露水', '榄菊驱蚊液'],
		variants: [v('115g', 380, ['箱', 72]), v('195ml', 980, ['箱', 30])],
		unit: '块',
		vat: 1300,
		pop: 1,
		markup: [1.4, 1.7]
	},
	{
		category: '日化',
		sub: '个护',
		names: [
			'苏菲日用卫生巾',
			'苏菲夜用卫生巾',
			'护舒宝日用卫生巾',
			'七度空间护垫',
			'吉列威锋剃须刀',
			'大宝SOD蜜'
		],
		variants: [v('标准装', 1250, ['箱', 24])],
		unit: '包',
		vat: 1300,
		pop: 1.5,
		markup: [1.35, 1.6]
	},
	{
		category: '日化',
		sub: '家居',
		names: ['加厚垃圾袋 平口', '加厚垃圾袋 抽绳', '一次性保鲜袋', '保鲜膜'],
		variants: [
			v('小号 45×50cm', 450, ['箱', 50]),
			v('中号 50×60cm', 580, ['箱', 50]),
			v('大号 60×80cm', 750, ['箱', 40])
		],
		unit: '卷',
		vat: 1300,
		pop: 1.2,
		markup: [1.5, 2.0]
	}
];

/** Trade keywords for supplier names, per category. */
export const SUPPLIER_TRADES: Record<Category, readonly string[]> = {
	食品: ['食品', '粮油', '饮料', '副食品', '乳业', '酒业'],
	五金: ['五金', '机电', '建材', '工具', '电器'],
	服装: ['服饰', '制衣', '纺织', '鞋业'],
	日化: ['日化', '日用品', '洗涤用品', '百货']
};

export const CITIES = [
	'杭州',
	'广州',
	'深圳',
	'东莞',
	'佛山',
	'义乌',
	'温州',
	'宁波',
	'上海',
	'苏州',
	'无锡',
	'青岛',
	'郑州',
	'武汉',
	'长沙',
	'成都',
	'重庆',
	'天津',
	'合肥',
	'南京',
	'福州',
	'厦门',
	'泉州',
	'嘉兴',
	'绍兴'
] as const;

export const TRADE_NAMES = [
	'华润',
	'鑫达',
	'恒信',
	'金源',
	'宏发',
	'盛世',
	'万家',
	'永辉',
	'联华',
	'汇丰',
	'裕隆',
	'天成',
	'德顺',
	'广源',
	'瑞丰',
	'嘉禾',
	'兴业',
	'泰和',
	'富康',
	'佳美',
	'新世纪',
	'长江',
	'同德',
	'百川'
] as const;

export const COMPANY_SUFFIXES = [
	'商贸有限公司',
	'贸易有限公司',
	'批发部',
	'经营部',
	'实业有限公司',
	'供应链有限公司'
];

export const SURNAMES =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余'.split('');

export const GIVEN_NAMES = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'丽',
	'强',
	'磊',
	'军',
	'洋',
	'勇',
	'艳',
	'杰',
	'娟',
	'涛',
	'明',
	'超',
	'秀英',
	'霞',
	'平',
	'刚',
	'桂英',
	'建华',
	'志强',
	'海燕',
	'晓东',
	'丹',
	'鹏',
	'婷',
	'宇航',
	'子涵',
	'浩然',
	'雨萱',
	'俊杰',
	'欣怡'
];

/** Wholesale customers: the small shops, restaurants and contractors that buy from a distributor. */
export const SHOP_KINDS = [
	'便利店',
	'超市',
	'副食店',
	'小卖部',
	'五金店',
	'装饰工程部',
	'餐馆',
	'火锅店',
	'物业管理处',
	'幼儿园食堂',
	'建材店',
	'烟酒店'
];

export const SHOP_PREFIXES = [
	'幸福里',
	'阳光',
	'好邻居',
	'老张',
	'红星',
	'惠民',
	'家家乐',
	'百姓',
	'金桥',
	'东方',
	'友谊',
	'平安',
	'利民',
	'四季',
	'城南',
	'湖畔',
	'向阳',
	'福满多'
];

export const ROADS = [
	'文一路',
	'文三路',
	'天目山路',
	'莫干山路',
	'延安路',
	'解放路',
	'庆春路',
	'凤起路',
	'江南大道',
	'滨盛路',
	'学院路',
	'古墩路',
	'余杭塘路',
	'建国路',
	'秋涛路'
];

export const DISTRICTS = [
	'西湖区',
	'拱墅区',
	'上城区',
	'滨江区',
	'萧山区',
	'余杭区',
	'临平区',
	'钱塘区',
	'富阳区',
	'临安区'
];

export const BRANCH_NAMES = [
	'总店',
	'城东店',
	'滨江店',
	'萧山店',
	'余杭店',
	'临平店',
	'下沙店',
	'西溪店',
	'拱墅店',
	'富阳店',
	'临安店',
	'桐庐店'
];

export const CARRIERS = ['顺丰速运', '中通快递', '德邦物流', '自有车辆'];
