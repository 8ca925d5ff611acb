package dev.persona.local.servers;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Tells Jetty how many object references fill a cache line before a server starts. Unless told, Jetty's first queue
 * asks the platform MBean server whether references are compressed, and creating that server registers every
 * platform MBean: a quarter of a second of a stack's start. The answer is the same, read from the one MBean that
 * knows it. Both copies of Jetty are told: ours, and the one S3Proxy shades under its own package.
 */
public final class JettyMemoryLayout {

    static final String CACHE_LINE_BYTES = "org.eclipse.jetty.util.cacheLineBytes";
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    /** S3Proxy's Jetty reads its properties under the package it is shaded to. */
    static final String SHADED_PREFIX = "org.gaul.shaded.";
    private static final int DEFAULT_CACHE_LINE_BYTES = 64;
    private static boolean configured;

    private JettyMemoryLayout() {
    }

    /** Sets the property of each copy of Jetty, as Jetty would compute it, where nobody set it already. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        boolean compressed = compressedReferences();
        for (String prefix : new String[] {"", SHADED_PREFIX}) {
            if (System.getProperty(prefix + REFERENCES_PER_CACHE_LINE) == null) {
                System.setProperty(prefix + REFERENCES_PER_CACHE_LINE, String.valueOf(
                        referencesPerCacheLine(System.getProperty(prefix + CACHE_LINE_BYTES), compressed)));
            }
        }
    }

    /** Jetty's computation: the cache line's bytes (64 unless set) over the size of a reference. */
    static int referencesPerCacheLine(String cacheLineBytes, boolean compressedReferences) {
        int bytes = DEFAULT_CACHE_LINE_BYTES;
        if (cacheLineBytes != null) {
            try {
                bytes = Integer.parseInt(cacheLineBytes.trim());
            } catch (NumberFormatException e) {
                // Jetty ignores a value it cannot read as well.
            }
        }
        return Math.max(1, bytes / (compressedReferences ? Integer.BYTES : Long.BYTES));
    }

    private static boolean compressedReferences() {
        return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue());
    }
}
