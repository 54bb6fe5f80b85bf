package dev.hexsnap.upstream.pages;

import dev.hexsnap.core.page.Channel;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gateway API's own channel ids, different from v1's on purpose: a real company names its
 * channels its own way, and hexsnap must take them from the contract, never from its enum.
 */
public final class GatewayChannels {

    private GatewayChannels() {
    }

    /** The gateway's id of a channel (v1 {@code supermarket} is {@code shangchao}, ...). */
    public static String code(Channel channel) {
        return switch (channel) {
            case SUPERMARKET -> "shangchao";
            case FRESH -> "shengxian";
            case PHARMACY -> "yiyao";
            case FLOWERS -> "xianhua";
            case ELECTRONICS -> "shuma";
        };
    }

    /** The channel a gateway id names, if any. */
    public static Optional<Channel> fromCode(String code) {
        for (Channel channel : Channel.values()) {
            if (code(channel).equals(code)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }

    /** The gateway's channel ids, comma-separated, for messages. */
    public static String codes() {
        return Arrays.stream(Channel.values()).map(GatewayChannels::code).collect(Collectors.joining(", "));
    }
}
