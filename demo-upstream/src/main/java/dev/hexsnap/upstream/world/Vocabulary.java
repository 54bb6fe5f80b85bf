package dev.hexsnap.upstream.world;

import dev.hexsnap.core.page.Channel;

import java.util.List;
import java.util.Map;

/**
 * The words the world is made of: store brands, streets, category trees, product brands,
 * variants, specs and tags per channel. Names are combined from these with the world's
 * hashes, which gives pages the variety (and so the compressibility) of real ones rather than
 * repeated filler.
 */
final class Vocabulary {

    private Vocabulary() {
    }

    /** A top-level category: its name, its sub-categories, and when it is on the menu. */
    record Top(String name, List<String> subs, Menu menu) {
    }

    /** When a category is shown. */
    enum Menu {
        ALWAYS, DAY_ONLY, NIGHT_ONLY
    }

    static final Map<Channel, List<String>> STORE_BRANDS = Map.of(
            Channel.SUPERMARKET, List.of("永辉超市", "华润万家", "物美", "联华超市", "家乐福", "大润发", "美宜佳", "全家",
                    "罗森", "7-Eleven", "便利蜂", "好德便利", "世纪联华", "苏果超市", "步步高", "人人乐", "天虹超市",
                    "盒马鲜生", "沃尔玛", "麦德龙", "易捷便利", "快客便利", "十足便利", "喜士多"),
            Channel.FRESH, List.of("钱大妈", "百果园", "叮咚鲜仓", "生鲜传奇", "鲜丰水果", "果多美", "谊品生鲜",
                    "奥乐齐", "见福生鲜", "洪九果品", "每日鲜", "菜大全", "地利生鲜", "绿叶水果", "鲜多多", "本来生活"),
            Channel.PHARMACY, List.of("老百姓大药房", "益丰大药房", "大参林", "一心堂", "海王星辰", "国大药房",
                    "同仁堂", "叮当快药", "漱玉平民", "健之佳", "好药师", "九州通大药房", "华润堂", "桐君阁"),
            Channel.FLOWERS, List.of("花点时间", "野兽派", "花加", "爱尚花艺", "花满楼", "花间集", "一束花坊",
                    "鲜花小镇", "花语轩", "蔓生花艺", "花递", "花样年华", "小雏菊花店", "半亩花田"),
            Channel.ELECTRONICS, List.of("苏宁易购", "国美电器", "京东电器", "小米之家", "华为授权体验店", "迪信通",
                    "数码港", "顺电", "OPPO专卖", "vivo专卖", "荣耀授权店", "联想专卖", "戴尔专卖", "倍思数码"));

    static final List<String> STREETS = List.of("人民", "中山", "解放", "建设", "长江", "淮海", "和平", "文化",
            "新华", "胜利", "青年", "东风", "光明", "幸福", "朝阳", "滨江", "学院", "科技", "创业", "南京", "北京",
            "复兴", "延安", "金桥", "世纪", "华山", "天山", "黄河", "珠江", "春晖", "银河", "锦绣", "花园", "湖滨",
            "体育", "工业", "振兴", "友谊", "红旗", "育才", "迎宾", "长安", "海天", "新村", "万达", "汇金", "星光");

    static final List<String> STREET_KINDS = List.of("路", "东路", "西路", "南路", "北路", "大道", "街", "中路");

    static final Map<Channel, List<Top>> TOPS = Map.of(
            Channel.SUPERMARKET, List.of(
                    top("休闲零食", "膨化食品", "饼干糕点", "坚果炒货", "糖果巧克力", "肉干肉脯", "果干蜜饯", "海味零食", "辣条豆干"),
                    top("酒水饮料", "饮用水", "碳酸饮料", "果汁", "茶饮料", "咖啡", "功能饮料", "啤酒", "白酒", "葡萄酒", "乳酸菌"),
                    top("粮油调味", "大米", "面粉", "食用油", "酱油醋", "调味料", "挂面", "杂粮", "火锅底料"),
                    top("乳品烘焙", "纯牛奶", "酸奶", "奶酪", "面包", "蛋糕", "黄油"),
                    top("冷冻速食", "速冻水饺", "汤圆", "方便面", "自热火锅", "冷冻肉丸", "冰淇淋"),
                    top("日用百货", "纸巾", "洗衣液", "清洁剂", "垃圾袋", "厨房用品", "收纳用品"),
                    top("个人护理", "洗发水", "沐浴露", "牙膏", "牙刷", "护肤品", "卫生巾"),
                    top("母婴用品", "奶粉", "纸尿裤", "婴儿辅食", "湿巾"),
                    top("宠物用品", "猫粮", "狗粮", "猫砂", "宠物零食"),
                    new Top("早餐面点", List.of("包子", "馒头", "油条", "豆浆", "三明治"), Menu.DAY_ONLY),
                    new Top("夜宵速食", List.of("泡面", "卤味", "关东煮", "炸鸡", "下酒小食"), Menu.NIGHT_ONLY)),
            Channel.FRESH, List.of(
                    top("新鲜水果", "苹果", "香蕉", "柑橘", "葡萄", "草莓", "西瓜", "芒果", "榴莲", "车厘子", "猕猴桃"),
                    top("时令蔬菜", "叶菜", "根茎", "菌菇", "豆制品", "葱姜蒜", "瓜果"),
                    top("肉禽蛋品", "猪肉", "牛肉", "羊肉", "鸡肉", "鸡蛋", "鸭肉"),
                    top("海鲜水产", "鱼类", "虾类", "蟹类", "贝类", "冻品海鲜"),
                    top("熟食卤味", "卤肉", "凉菜", "烤鸭", "熏酱"),
                    top("粮油干货", "大米", "杂粮", "干货", "食用油"),
                    new Top("现切果盘", List.of("果切", "果盒", "沙拉"), Menu.DAY_ONLY),
                    new Top("深夜食堂", List.of("小龙虾", "烧烤", "卤味拼盘"), Menu.NIGHT_ONLY)),
            Channel.PHARMACY, List.of(
                    top("感冒发烧", "退烧药", "感冒药", "止咳化痰", "咽喉用药"),
                    top("肠胃用药", "止泻药", "胃药", "助消化", "通便药"),
                    top("慢病用药", "降压药", "降糖药", "心脑血管", "降脂药"),
                    top("皮肤用药", "皮炎湿疹", "抗真菌", "烫伤药", "祛痘"),
                    top("滋补保健", "维生素", "钙片", "蛋白粉", "鱼油", "益生菌"),
                    top("医疗器械", "血压计", "体温计", "血糖仪", "口罩", "创可贴"),
                    top("眼耳鼻喉", "滴眼液", "鼻炎用药", "口腔溃疡"),
                    top("儿童用药", "儿童感冒", "儿童退烧", "驱虫药"),
                    new Top("夜间急送", List.of("急救包", "退烧贴", "止痛药"), Menu.NIGHT_ONLY)),
            Channel.FLOWERS, List.of(
                    top("鲜花花束", "玫瑰", "百合", "康乃馨", "向日葵", "郁金香", "满天星", "混搭花束"),
                    top("盆栽绿植", "多肉", "绿萝", "发财树", "兰花", "桌面盆栽"),
                    top("花篮花盒", "开业花篮", "祝寿花篮", "花盒", "永生花"),
                    top("节日礼品", "生日", "纪念日", "探病", "商务"),
                    new Top("当日鲜切", List.of("鲜切玫瑰", "鲜切百合", "鲜切雏菊"), Menu.DAY_ONLY),
                    top("蛋糕组合", "鲜花蛋糕", "巧克力组合")),
            Channel.ELECTRONICS, List.of(
                    top("手机通讯", "手机", "手机壳", "充电器", "数据线", "移动电源", "耳机"),
                    top("电脑办公", "笔记本", "平板", "键盘", "鼠标", "显示器", "打印耗材", "U盘"),
                    top("家用电器", "电饭煲", "电水壶", "空气炸锅", "吹风机", "剃须刀", "电风扇", "取暖器"),
                    top("影音娱乐", "蓝牙音箱", "头戴耳机", "游戏手柄", "智能手表"),
                    top("智能家居", "智能插座", "摄像头", "扫地机器人", "智能灯"),
                    top("电池配件", "电池", "插排", "灯泡", "转接头")));

    /** Leaf modifiers for three-level trees (large stores). */
    static final List<String> LEAF_MODIFIERS = List.of("进口", "国产", "热销", "新品", "特价", "家庭装", "小包装",
            "有机", "网红", "经典", "礼盒", "组合装", "低糖", "大牌", "本地", "精选");

    static final Map<Channel, List<String>> PRODUCT_BRANDS = Map.of(
            Channel.SUPERMARKET, List.of("康师傅", "统一", "农夫山泉", "怡宝", "可口可乐", "百事", "伊利", "蒙牛",
                    "三只松鼠", "良品铺子", "百草味", "奥利奥", "乐事", "旺旺", "金龙鱼", "福临门", "海天", "李锦记",
                    "老干妈", "维达", "清风", "心相印", "蓝月亮", "立白", "舒肤佳", "海飞丝", "高露洁", "云南白药",
                    "青岛", "雪花", "百威", "元气森林", "好丽友", "达利园", "卫龙", "徐福记", "德芙", "思念", "三全",
                    "湾仔码头", "光明", "君乐宝", "娃哈哈", "王老吉", "加多宝", "雀巢", "桂格", "五粮液", "洋河"),
            Channel.FRESH, List.of("佳沛", "都乐", "褚橙", "盒马", "京觅", "正大", "圣农", "双汇", "雨润", "恒都",
                    "科尔沁", "獐子岛", "国联", "盒马工坊", "阳澄湖", "本地农场", "崇明", "寿光", "烟台", "赣南",
                    "阿克苏", "云南高原", "海南", "智利", "泰国", "新西兰", "澳洲", "内蒙古"),
            Channel.PHARMACY, List.of("999", "同仁堂", "云南白药", "修正", "仁和", "白云山", "以岭", "汤臣倍健",
                    "善存", "钙尔奇", "拜耳", "辉瑞", "强生", "欧姆龙", "鱼跃", "可孚", "江中", "葵花", "哈药",
                    "扬子江", "东阿阿胶", "片仔癀", "达喜", "必理通", "芬必得", "曼秀雷敦"),
            Channel.FLOWERS, List.of("昆明直发", "斗南", "云南", "荷兰", "厄瓜多尔", "肯尼亚", "花艺师", "精品",
                    "森系", "法式", "韩式", "田园", "复古", "ins风", "小清新"),
            Channel.ELECTRONICS, List.of("华为", "小米", "苹果", "OPPO", "vivo", "荣耀", "联想", "戴尔", "惠普",
                    "罗技", "倍思", "绿联", "安克", "美的", "格力", "九阳", "苏泊尔", "飞利浦", "戴森", "索尼",
                    "JBL", "漫步者", "公牛", "南孚", "TP-LINK", "海尔", "松下", "博朗"));

    static final Map<Channel, List<String>> VARIANTS = Map.of(
            Channel.SUPERMARKET, List.of("原味", "香辣味", "番茄味", "海盐味", "麻辣味", "芝士味", "草莓味", "经典款",
                    "升级款", "低脂", "无糖", "加量装", "限定款", "清香型", "浓香型", "柠檬味", "原汁", "黑糖"),
            Channel.FRESH, List.of("精选", "特级", "一级", "当季", "有机", "散装", "冰鲜", "现杀", "礼盒装", "家庭装",
                    "小份", "大果", "中果", "整只", "切块", "去骨"),
            Channel.PHARMACY, List.of("片剂", "胶囊", "颗粒", "口服液", "软膏", "喷剂", "滴剂", "缓释片", "儿童装",
                    "成人装", "家庭装", "便携装"),
            Channel.FLOWERS, List.of("11枝", "19枝", "33枝", "52枝", "99枝", "粉色", "红色", "白色", "香槟色", "混色",
                    "大号", "中号", "小号", "礼盒款"),
            Channel.ELECTRONICS, List.of("黑色", "白色", "蓝色", "银色", "128GB", "256GB", "512GB", "Pro", "Max",
                    "标准版", "旗舰版", "青春版", "2代", "3代", "无线款", "快充版"));

    /** Units by channel: fish sold by the litre would give the demo away. */
    static final Map<Channel, List<String>> UNITS = Map.of(
            Channel.SUPERMARKET, List.of("g", "ml", "g", "ml", "kg", "L", "袋", "瓶", "盒", "包"),
            Channel.FRESH, List.of("g", "g", "kg", "份", "盒", "只", "斤"),
            Channel.PHARMACY, List.of("片", "粒", "袋", "支"),
            Channel.FLOWERS, List.of("枝", "束"),
            Channel.ELECTRONICS, List.of("个", "台"));

    static final int[] AMOUNTS = {5, 10, 12, 20, 24, 30, 50, 60, 80, 100, 120, 150, 180, 200, 250, 300, 330, 380,
            400, 450, 500, 550, 600, 750, 800, 900, 1000, 1500, 2000, 2500, 5000};

    static final List<String> PRODUCT_TAGS = List.of("满29减5", "满49减10", "新人特价", "限时折扣", "第二件半价",
            "热销", "新品", "买一送一", "进口", "有机", "产地直采", "会员价", "爆款", "今日特价", "30分钟达",
            "品牌直供", "买二赠一", "满59包邮", "限购2件", "冰镇", "当日鲜", "正品保障", "次日退换", "企业采购");

    static final List<String> STORE_TAGS = List.of("免配送费", "满30减8", "新店开业", "品质好店", "30分钟送达",
            "夜间营业", "会员折扣", "准时宝", "支持自提", "老字号", "连锁品牌", "好评如潮", "满减叠加", "极速退款");

    private static Top top(String name, String... subs) {
        return new Top(name, List.of(subs), Menu.ALWAYS);
    }
}
