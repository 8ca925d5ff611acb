package dev.persona.local.servers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JettyMemoryLayoutTest {

    @Test
    void countsReferencesPerCacheLineAsJettyDoes() {
        assertThat(JettyMemoryLayout.referencesPerCacheLine(null, true)).isEqualTo(16);
        assertThat(JettyMemoryLayout.referencesPerCacheLine(null, false)).isEqualTo(8);
        assertThat(JettyMemoryLayout.referencesPerCacheLine("128", true)).isEqualTo(32);
        assertThat(JettyMemoryLayout.referencesPerCacheLine("not a number", false)).isEqualTo(8);
        assertThat(JettyMemoryLayout.referencesPerCacheLine("2", false)).isEqualTo(1);
    }

    @Test
    void tellsBothCopiesOfJettyOnceConfigured() {
        JettyMemoryLayout.configure();

        assertThat(System.getProperty(JettyMemoryLayout.REFERENCES_PER_CACHE_LINE)).matches("\\d+");
        assertThat(System.getProperty(JettyMemoryLayout.SHADED_PREFIX + JettyMemoryLayout.REFERENCES_PER_CACHE_LINE))
                .matches("\\d+");
    }
}
