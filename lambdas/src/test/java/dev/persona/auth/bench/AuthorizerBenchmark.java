package dev.persona.auth.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import dev.persona.auth.AuthenticatedUser;
import dev.persona.auth.HttpJwkSetFetcher;
import dev.persona.auth.IdentityProvider;
import dev.persona.auth.JwtVerifier;
import dev.persona.auth.StagePolicy;
import dev.persona.auth.TrustedIssuer;
import dev.persona.api.testing.JwksServer;
import dev.persona.api.testing.TestTokens;

/**
 * The authorizer's two numbers (see the README): warm verifications per second on one thread, claim
 * checks and policy included; and the first response of a fresh JVM, measured in child JVMs that
 * construct the handler exactly as Lambda does (no-argument constructor, configuration from the
 * environment) against a local issuer whose key server counts fetches.
 *
 * <p>Not a test: run it by hand, ideally pinned to one core ({@code taskset -c 0}).
 */
public final class AuthorizerBenchmark {

    static final String AUDIENCE = "persona-bench";
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final int TOKENS = 1_000;
    private static final int COLD_STARTS = 5;

    private AuthorizerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        RSAKey key = TestTokens.rsaKey("bench-1");
        try (JwksServer jwks = new JwksServer(List.of(key.toPublicJWK()))) {
            String issuer = jwks.baseUri().toString();
            warmThroughput(key, jwks, issuer);
            coldStarts(key, jwks, issuer, List.of());
            coldStarts(key, jwks, issuer, List.of("-XX:TieredStopAtLevel=1"));
        }
    }

    private static void warmThroughput(RSAKey key, JwksServer jwks, String issuer) throws Exception {
        TrustedIssuer trusted = new TrustedIssuer(IdentityProvider.DEV, Set.of(issuer), jwks.jwksUri(), Set.of(AUDIENCE));
        JwtVerifier verifier = new JwtVerifier(List.of(trusted), Set.of(JWSAlgorithm.RS256), new HttpJwkSetFetcher(),
                Clock.systemUTC());
        verifier.warmUp();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            tokens.add(token(key, issuer, "user" + i));
        }
        String methodArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1/jobs";
        run(verifier, tokens, methodArn, WARM_UP);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long verified = run(verifier, tokens, methodArn, MEASURE);
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
        // Wall-clock throughput suffers from whatever else runs on the machine; per CPU second it does not.
        System.out.printf("warm: %,d verifications in %d s on one thread = %,.0f verifications/s wall clock,"
                        + " %,.0f verifications per CPU second (the thread ran %.1f s of the %d s)%n",
                verified, MEASURE.toSeconds(), verified / (double) MEASURE.toSeconds(), verified / cpuSeconds,
                cpuSeconds, MEASURE.toSeconds());
    }

    /** Verifies (signature, header and claim checks) and builds the policy, round-robin over the tokens. */
    private static long run(JwtVerifier verifier, List<String> tokens, String methodArn, Duration duration)
            throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        long count = 0;
        int blackhole = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                AuthenticatedUser user = verifier.verify(tokens.get((int) (count++ % tokens.size())));
                blackhole += StagePolicy.allow(user, methodArn).getPrincipalId().length();
            }
        }
        if (blackhole == 0) {
            throw new IllegalStateException("nothing verified");
        }
        return count;
    }

    private static void coldStarts(RSAKey key, JwksServer jwks, String issuer, List<String> jvmOptions)
            throws Exception {
        List<Long> constructions = new ArrayList<>();
        List<Long> firstRequests = new ArrayList<>();
        List<Long> processToResponse = new ArrayList<>();
        for (int run = 0; run < COLD_STARTS; run++) {
            int fetchesBefore = jwks.fetches();
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), AuthorizerColdStart.class.getName(),
                    token(key, issuer, "cold" + run)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEV_ISSUER_URL", issuer);
            builder.environment().put("DEV_ISSUER_AUDIENCES", AUDIENCE);
            Process child = builder.start();
            List<String> output = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(AuthorizerColdStart.RESULT)) {
                        String[] values = line.substring(AuthorizerColdStart.RESULT.length()).trim().split(" ");
                        constructions.add(Long.parseLong(values[0]));
                        firstRequests.add(Long.parseLong(values[1]));
                        processToResponse.add(Long.parseLong(values[2]));
                    } else {
                        output.add(line);
                    }
                }
            }
            if (child.waitFor() != 0) {
                throw new IllegalStateException("cold start run failed:\n" + String.join("\n", output));
            }
            int fetches = jwks.fetches() - fetchesBefore;
            if (fetches != 1) {
                throw new IllegalStateException("expected exactly the init fetch of the key set, saw " + fetches);
            }
        }
        System.out.printf("fresh JVM %s: median of %d runs: constructor %d ms (keys fetched: 1 per run, all during"
                        + " init), first request %d µs, process start to first response %d ms%n",
                jvmOptions.isEmpty() ? "(default JIT)" : String.join(" ", jvmOptions), COLD_STARTS,
                median(constructions) / 1000, median(firstRequests), median(processToResponse) / 1000);
    }

    private static String token(RSAKey key, String issuer, String subject) {
        Instant now = Instant.now();
        return TestTokens.sign(key, TestTokens.google(now, subject).issuer(issuer).audience(AUDIENCE).build());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
