package dev.hexsnap.upstream.contract;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.upstream.ContractCheck;
import dev.hexsnap.core.upstream.UpstreamSettings;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.upstream.DemoUpstream;
import dev.hexsnap.upstream.faults.FaultSettings;
import dev.hexsnap.upstream.faults.FaultTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./hexsnap upstream check} against the demo upstream, through both shipped contracts. */
class ContractCheckIntegrationTests {

    private static final String TOKEN = "check-test-token";
    private static final LatLng SHANGHAI = new LatLng(31.2304, 121.4737);
    private static final Instant NOON = Instant.parse("2026-11-23T04:00:00Z");

    private static DemoUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = DemoUpstream.start(DemoUpstream.options().cities(2).homePageBytes(20_000).channelPageBytes(12_000).gatewayToken(TOKEN));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    private record Checked(int exit, String out) {
    }

    private Checked check(UpstreamContract contract) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = new ContractCheck(contract, URI.create(upstream.baseUrl()), new UpstreamSettings("hexsnap-v1", "generic", 20),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(SHANGHAI, null, NOON);
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        return new Checked(exit, out);
    }

    @Test
    void everyPageOfBothShippedContractsPasses() throws InterruptedException {
        for (UpstreamContract contract : new UpstreamContract[]{UpstreamContract.load("hexsnap-v1", Map.of()),
                UpstreamContract.load("demo-gateway", Map.of("HEXSNAP_UPSTREAM_GATEWAY_TOKEN", TOKEN))}) {
            Checked checked = check(contract);

            assertThat(checked.exit()).as(checked.out()).isZero();
            assertThat(checked.out()).contains("ok      home", "ok      channel", "ok      store-categories", "ok      store-products",
                    "every page passed every rule").containsPattern("serviceable true, \\d+ store cards").doesNotContain(TOKEN);
        }
    }

    @Test
    void aRefusedTokenAndAnEmptyAnswerAreFailedVerdicts() throws InterruptedException {
        Checked refused = check(UpstreamContract.load("demo-gateway", Map.of("HEXSNAP_UPSTREAM_GATEWAY_TOKEN", "wrong-token")));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("FAILED  home").contains("HTTP 401").doesNotContain("wrong-token");

        upstream.faults().set(FaultTarget.ALL, new FaultSettings(0, 0, 0, 1.0, false));
        try {
            Checked empty = check(UpstreamContract.load("hexsnap-v1", Map.of()));
            assertThat(empty.exit()).isEqualTo(1);
            assertThat(empty.out()).contains("FAILED  home").contains("empty page");
        } finally {
            upstream.faults().reset();
        }
    }
}
