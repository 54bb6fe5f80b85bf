package dev.hexsnap.api.ops;

import dev.hexsnap.api.error.ApiException;
import dev.hexsnap.api.rollout.Rollout;
import dev.hexsnap.api.rollout.RolloutRule;
import dev.hexsnap.api.source.GenerationPointers;
import dev.hexsnap.api.source.HotEntryCache;
import dev.hexsnap.api.source.SnapshotSource;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.page.Slot;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Operator endpoints. Registered only when {@code hexsnap.api.ops-token} is set; every call needs
 * the token ({@link OpsToken}). Changes go to Redis and take effect on every instance within
 * about {@code hexsnap.api.refresh-interval} (at once on this one).
 */
@RestController
@RequestMapping("/ops")
@Conditional(OpsTokenConfigured.class)
@Tag(name = "operations", description = "switches and roll-out; needs Authorization: Bearer <ops token>")
@SecurityRequirement(name = "ops-token")
class OpsController {

    /**
     * A roll-out rule as an operator sends it; absent fields take the default (on, 100%, no lists).
     */
    record RuleRequest(Boolean enabled, Double percent, Set<String> users, Set<String> cities, Set<String> stores) {
    }

    private final Rollout rollout;
    private final GenerationPointers pointers;
    private final SnapshotSource source;
    private final HotEntryCache cache;

    OpsController(Rollout rollout, GenerationPointers pointers, SnapshotSource source, HotEntryCache cache) {
        this.rollout = rollout;
        this.pointers = pointers;
        this.source = source;
        this.cache = cache;
    }

    @GetMapping("/rollout")
    @Operation(summary = "The switches and roll-out rules in force, per page kind")
    Map<String, RolloutRule> rules() {
        Map<String, RolloutRule> rules = new LinkedHashMap<>();
        rollout.rules().forEach((kind, rule) -> rules.put(kind.id(), rule));
        return rules;
    }

    @PutMapping("/rollout/{kind}")
    @Operation(summary = "Replace a page kind's rule (switch, percentage, allow-list, cities, stores)")
    Map<String, RolloutRule> replace(@PathVariable String kind, @RequestBody RuleRequest body) {
        PageKind pageKind = kind(kind);
        RolloutRule rule;
        try {
            rule = new RolloutRule(body.enabled() == null || body.enabled(),
                    body.percent() == null ? 100 : body.percent(), body.users(), body.cities(), body.stores());
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("body", e.getMessage());
        }
        rollout.replace(pageKind, rule);
        return rules();
    }

    @PostMapping("/rollout/{kind}/on")
    @Operation(summary = "Switch the fallback of a page kind on (its rule applies)")
    Map<String, RolloutRule> on(@PathVariable String kind) {
        rollout.switchTo(kind(kind), true);
        return rules();
    }

    @PostMapping("/rollout/{kind}/off")
    @Operation(summary = "Switch the fallback of a page kind off for everybody")
    Map<String, RolloutRule> off(@PathVariable String kind) {
        rollout.switchTo(kind(kind), false);
        return rules();
    }

    @GetMapping("/status")
    @Operation(summary = "What this instance serves: generations per slot, Redis, hot cache, corrupt entries")
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("redis", source.isConnected() ? "connected" : "unreachable: " + source.lastProblem());
        for (Slot slot : Slot.values()) {
            status.put(slot.id(), pointers.current().get(slot));
        }
        status.put("hotCacheEntries", cache.size());
        status.put("corruptEntries", source.corruptEntries());
        return status;
    }

    private static PageKind kind(String id) {
        try {
            return PageKind.fromId(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("kind", e.getMessage());
        }
    }
}
