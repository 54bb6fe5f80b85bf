package dev.hexsnap.core.page;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The five channels of the app, each a page of its own and a kind of store.
 */
public enum Channel {
    SUPERMARKET("supermarket"),
    FRESH("fresh"),
    PHARMACY("pharmacy"),
    FLOWERS("flowers"),
    ELECTRONICS("electronics");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    /** The lowercase name used in JSON, keys and URLs. */
    public String id() {
        return id;
    }

    /**
     * The channel with this id.
     *
     * @throws IllegalArgumentException naming the valid ids when there is none
     */
    public static Channel fromId(String id) {
        for (Channel channel : values()) {
            if (channel.id.equals(id)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + id + "'; expected one of " + ids());
    }

    /** The valid ids, comma-separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Channel::id).collect(Collectors.joining(", "));
    }
}
