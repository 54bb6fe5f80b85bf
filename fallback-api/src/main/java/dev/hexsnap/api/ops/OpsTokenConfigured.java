package dev.hexsnap.api.ops;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code hexsnap.api.ops-token} is set. The token is read as a plain property, never
 * evaluated: any character may appear in it (a SpEL condition would break on a quote).
 */
class OpsTokenConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String token = context.getEnvironment().getProperty("hexsnap.api.ops-token");
        return token != null && !token.isBlank();
    }
}
