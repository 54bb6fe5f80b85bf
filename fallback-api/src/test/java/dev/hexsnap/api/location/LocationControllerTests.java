package dev.hexsnap.api.location;

import dev.hexsnap.api.config.ApiSettings;
import dev.hexsnap.api.error.ApiException;
import dev.hexsnap.api.negotiation.SnapshotServing;
import dev.hexsnap.api.rollout.RolloutSubject;
import dev.hexsnap.core.page.PageKind;
import dev.hexsnap.core.redis.RedisUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP shape of the location endpoints: parameters checked before any lookup, every
 * error a JSON body with the right status and headers. The serving chain itself is replaced:
 * its behaviour is covered against real Redis.
 */
@WebMvcTest(LocationController.class)
@Import(LocationControllerTests.Settings.class)
class LocationControllerTests {

    @TestConfiguration
    @EnableConfigurationProperties(ApiSettings.class)
    static class Settings {
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SnapshotServing serving;

    @MockitoBean
    CellLocator locator;

    @Test
    void badCoordinatesAreRefusedBeforeAnyLookup() throws Exception {
        mvc.perform(get("/v1/snapshots/home").param("lat", "NaN").param("lng", "121.4"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$.error").value("bad-request"))
                .andExpect(jsonPath("$.parameter").value("lat"))
                .andExpect(jsonPath("$.path").value("/v1/snapshots/home"));
        verifyNoInteractions(serving);
    }

    @Test
    void anUnknownChannelNamesTheValidOnes() throws Exception {
        mvc.perform(get("/v1/snapshots/channel/toys").param("lat", "31.2").param("lng", "121.4"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("channel"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("supermarket")));
    }

    @Test
    void theUserAndCityComeFromHeadersWhenNotInTheQuery() throws Exception {
        mvc.perform(get("/v1/snapshots/home").param("lat", "31.2").param("lng", "121.4")
                        .header("X-User-Id", "u-7").header("X-City", "Shanghai"))
                .andExpect(status().isOk());

        verify(serving).serve(eq(PageKind.HOME), eq(new RolloutSubject("u-7", "shanghai", null)), any(), any(), any());
    }

    @Test
    void aRolledOutOffRequestIsA409WithTheReasonInBodyAndHeader() throws Exception {
        doThrow(ApiException.disabled("switch-off", "off")).when(serving).serve(any(), any(), any(), any(), any());

        mvc.perform(get("/v1/snapshots/home").param("lat", "31.2").param("lng", "121.4"))
                .andExpect(status().isConflict())
                .andExpect(header().string("X-Fallback-Disabled", "switch-off"))
                .andExpect(jsonPath("$.error").value("fallback-disabled"))
                .andExpect(jsonPath("$.reason").value("switch-off"));
    }

    @Test
    void redisDownIsA503WithRetryAfterEvenForAnHtmlClient() throws Exception {
        doThrow(new RedisUnavailableException("down", null)).when(serving).serve(any(), any(), any(), any(), any());

        mvc.perform(get("/v1/snapshots/home").param("lat", "31.2").param("lng", "121.4").accept("text/html"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$.reason").value("redis-unavailable"));
    }

    @Test
    void unknownPathsAndMethodsAreJsonToo() throws Exception {
        mvc.perform(get("/v1/snapshots/elsewhere"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
        mvc.perform(post("/v1/snapshots/home"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.status").value(405));
    }
}
