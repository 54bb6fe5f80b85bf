package dev.hexsnap.core.upstream.contract;

import dev.hexsnap.core.page.PageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every way a contract is refused at start: one line naming the file, the line and the field.
 * Each test breaks one thing of the shipped {@code hexsnap-v1}, which itself is accepted.
 */
class ContractRefusalTests {

    @TempDir
    Path dir;

    private static String v1() throws IOException {
        try (var in = ContractRefusalTests.class.getClassLoader()
                .getResourceAsStream("dev/hexsnap/core/upstream/contracts/hexsnap-v1.yaml")) {
            return new String(in.readAllBytes());
        }
    }

    private ContractException refusal(String yaml) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, yaml);
        try {
            UpstreamContract.load(file.toString(), Map.of());
        } catch (ContractException e) {
            assertThat(e.getMessage()).startsWith("contract " + file + ":").doesNotContain("\n");
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void theShippedContractIsAccepted() {
        UpstreamContract v1 = UpstreamContract.load("hexsnap-v1", Map.of());
        assertThat(v1.name()).isEqualTo("hexsnap-v1");
        assertThat(v1.supportsMoment()).isTrue();
        assertThat(v1.channels()).containsExactly("supermarket", "fresh", "pharmacy", "flowers", "electronics");
        assertThat(v1.volatilePaths(PageKind.HOME)).containsExactly("/lat", "/lng", "/generatedAt");
    }

    @Test
    void anUnknownVariableIsRefusedWithItsLineAndField() throws IOException {
        ContractException e = refusal(v1().replace("lat: \"{lat}\", lng: \"{lng}\", account", "lat: \"{latitude}\", lng: \"{lng}\", account"));
        assertThat(e.line()).isEqualTo(20);
        assertThat(e.field()).isEqualTo("pages.home.request.query.lat");
        assertThat(e.getMessage()).contains("unknown variable {latitude}").contains("{lat} {lng} {account} {at}");
    }

    @Test
    void aVariableOfAnotherPageKindIsRefused() throws IOException {
        ContractException e = refusal(v1().replace("url: /v1/pages/home", "url: /v1/pages/home/{storeId}"));
        assertThat(e.field()).isEqualTo("pages.home.request.url");
        assertThat(e.getMessage()).contains("{storeId}");
    }

    @Test
    void aPathThatCannotMatchIsRefused() throws IOException {
        ContractException e = refusal(v1().replace("each: \"/floors/*/stores/*\"", "each: \"/floors/**/stores\""));
        assertThat(e.field()).isEqualTo("pages.home.extract.stores.each");
        assertThat(e.getMessage()).contains("'**' is neither '*' nor '*[field=value]'");
    }

    @Test
    void aSingleValuePathWithAWildcardIsRefused() throws IOException {
        ContractException e = refusal(v1().replace("total-pages: /totalPages", "total-pages: \"/pages/*\""));
        assertThat(e.field()).isEqualTo("pages.store-products.extract.pagination.total-pages");
        assertThat(e.getMessage()).contains("cannot contain '*'");
    }

    @Test
    void aMissingRequiredPartIsRefused() throws IOException {
        String yaml = v1();
        int start = yaml.indexOf("  store-products:");
        ContractException e = refusal(yaml.substring(0, start));
        assertThat(e.field()).isEqualTo("pages");
        assertThat(e.getMessage()).contains("missing required field 'store-products'");
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanIgnored() throws IOException {
        ContractException e = refusal(v1().replace("      url: /v1/pages/home\n", "      url: /v1/pages/home\n      methd: POST\n"));
        assertThat(e.field()).isEqualTo("pages.home.request.methd");
        assertThat(e.getMessage()).endsWith("unknown field");
    }

    @Test
    void badYamlIsRefusedWithItsLine() throws IOException {
        ContractException e = refusal(v1().replace("supports-moment: true", "supports-moment: [true"));
        assertThat(e.line()).isPositive();
        assertThat(e.getMessage()).contains("bad YAML");
    }

    @Test
    void anEnvironmentValueThatIsNotSetIsRefused() throws IOException {
        ContractException e = refusal(v1().replace("  Accept: application/json", "  Authorization: \"Bearer ${UPSTREAM_TOKEN}\""));
        assertThat(e.field()).isEqualTo("headers.Authorization");
        assertThat(e.getMessage()).contains("environment variable UPSTREAM_TOKEN is not set");
    }

    @Test
    void askingForAMomentIsRefusedWhenTheServicesCannotComputeOne() throws IOException {
        ContractException e = refusal(v1().replace("supports-moment: true", "supports-moment: false"));
        assertThat(e.field()).isEqualTo("pages.home.request.query.at");
        assertThat(e.getMessage()).contains("{at} needs supports-moment: true");
    }

    @Test
    void aMissingFileIsRefused() {
        assertThatThrownBy(() -> UpstreamContract.load(dir.resolve("nope.yaml").toString(), Map.of()))
                .isInstanceOf(ContractException.class).hasMessageContaining("no such file");
    }
}
