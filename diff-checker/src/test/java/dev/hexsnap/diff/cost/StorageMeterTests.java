package dev.hexsnap.diff.cost;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorageMeterTests {

    @Test
    void locationKeysNameTheirResolutionAndStoreKeysNone() {
        assertThat(StorageMeter.resolutionOf("home:8:8831aa5031fffff")).isEqualTo(8);
        assertThat(StorageMeter.resolutionOf("channel:fresh:7:87309b3a4ffffff")).isEqualTo(7);
        assertThat(StorageMeter.resolutionOf("store:s-1:categories")).isEqualTo(-1);
        assertThat(StorageMeter.resolutionOf("home:x:1")).isEqualTo(-1);
    }
}
