package dev.hexsnap.upstream.pages;

import dev.hexsnap.core.page.Channel;

import java.util.List;
import java.util.Map;

/** The words of the pages' own furniture: channel entries, floor titles, banner titles. */
final class Names {

    private Names() {
    }

    private static final Map<Channel, String> CHANNEL_TITLES = Map.of(
            Channel.SUPERMARKET, "超市便利", Channel.FRESH, "生鲜果蔬", Channel.PHARMACY, "买药",
            Channel.FLOWERS, "鲜花绿植", Channel.ELECTRONICS, "数码家电");

    private static final List<String> FLOOR_TITLES = List.of("限时秒杀", "热销榜单", "新品尝鲜", "今日特价",
            "品质好店推荐", "附近人都在买", "品牌特卖", "爆款直降", "常买清单", "凑单专区", "超值套餐",
            "每周必囤", "口碑好物", "当季鲜品", "会员专享");

    private static final List<String> NIGHT_FLOOR_TITLES = List.of("夜宵推荐", "深夜急送", "24小时营业", "夜猫子专享",
            "深夜食堂", "午夜特价");

    private static final List<String> BANNER_TITLES = List.of("周末狂欢 满99减30", "新人专享 首单立减15", "会员日 全场95折",
            "品牌周 低至5折", "开学季 文具数码直降", "春日鲜花节", "水果季 产地直采", "家电焕新 以旧换新",
            "健康节 药品满减", "囤货节 满199减50", "下午茶 第二杯半价", "城市限定 免配送费");

    private static final List<String> NIGHT_BANNER_TITLES = List.of("夜宵节 第二件半价", "深夜送药 30分钟达",
            "午夜狂欢 满49减10", "啤酒烧烤 夜宵专场", "24小时便利 随叫随到", "熬夜加班 咖啡补给");

    static String channelTitle(Channel channel) {
        return CHANNEL_TITLES.get(channel);
    }

    static String feedTitle() {
        return "猜你喜欢";
    }

    static List<String> floorTitles() {
        return FLOOR_TITLES;
    }

    static List<String> nightFloorTitles() {
        return NIGHT_FLOOR_TITLES;
    }

    static List<String> bannerTitles() {
        return BANNER_TITLES;
    }

    static List<String> nightBannerTitles() {
        return NIGHT_BANNER_TITLES;
    }
}
