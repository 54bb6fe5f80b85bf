package dev.hexsnap.upstream.web;

import dev.hexsnap.upstream.config.UpstreamTokens;
import dev.hexsnap.upstream.config.UpstreamSettings;
import dev.hexsnap.upstream.faults.Faults;
import dev.hexsnap.upstream.pages.PageJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The web layer's own pieces: JSON writing, the drill gate, the operator and gateway guards. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final UpstreamTokens tokens;
    private final JsonResponses json = new JsonResponses(new PageJson());

    WebConfiguration(UpstreamTokens tokens) {
        this.tokens = tokens;
    }

    @Bean
    JsonResponses jsonResponses() {
        return json;
    }

    @Bean
    FaultGate faultGate(Faults faults, UpstreamSettings settings, JsonResponses json) {
        return new FaultGate(faults, settings.timeoutHang(), json);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new OpsAuthInterceptor(tokens.ops(), json)).addPathPatterns("/ops/**");
        registry.addInterceptor(new GatewayAuthInterceptor(tokens.gateway(), json)).addPathPatterns("/gw/**");
    }
}
