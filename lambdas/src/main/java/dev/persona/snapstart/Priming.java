package dev.persona.snapstart;

import java.util.concurrent.atomic.AtomicInteger;

import dev.persona.aws.PrimingClients;
import dev.persona.config.Environment;
import dev.persona.logging.StructuredLogger;
import dev.persona.metrics.BusinessMetrics;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.regions.Region;

/**
 * A function's SnapStart priming, registered with CRaC's global context by the function's composition root. Before
 * the snapshot ({@link #beforeCheckpoint}) it runs the function's own requests through a twin of the function built
 * on {@link PrimingClients}, so classes are loaded, static state is built and hot code is compiled, while no endpoint
 * is called and no credentials or connections exist to be captured. After a restore ({@link #afterRestore}) it runs
 * what must happen once per execution environment (the authorizer fetches its issuers' keys).
 *
 * <p>CRaC keeps only weak references to resources: the handler holds its {@code Priming} in a field, or it would be
 * collected before the snapshot. Outside SnapStart (on-demand init, the local runtime) neither hook runs.
 */
public final class Priming implements Resource {

    /**
     * Lambda sets this to {@code snap-start} for the init that ends in a snapshot (documented runtime variable
     * {@code AWS_LAMBDA_INITIALIZATION_TYPE}: on-demand, provisioned-concurrency or snap-start).
     */
    public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String REGION = "AWS_REGION";

    private static final StructuredLogger LOG = StructuredLogger.of(Priming.class);

    /** What a function runs before the snapshot, on clients that answer in this process. */
    @FunctionalInterface
    public interface Primer {
        void prime(PrimingClients clients) throws Exception;
    }

    /** What a function runs after each restore. */
    @FunctionalInterface
    public interface Restorer {
        void restore() throws Exception;
    }

    private final String function;
    private final Region region;
    private final Primer primer;
    private final Restorer restorer;
    private final AtomicInteger checkpoints = new AtomicInteger();
    private final AtomicInteger restores = new AtomicInteger();
    private volatile int sdkRequestsPrimed;

    private Priming(String function, Region region, Primer primer, Restorer restorer) {
        this.function = function;
        this.region = region;
        this.primer = primer;
        this.restorer = restorer;
    }

    /** Registers {@code primer} for the function's snapshot; nothing to do after a restore. */
    public static Priming register(String function, Environment environment, Primer primer) {
        return register(function, environment, primer, () -> { });
    }

    public static Priming register(String function, Environment environment, Primer primer, Restorer restorer) {
        Region region = Region.of(environment.optional(REGION).orElse(Region.US_EAST_1.id()));
        Priming priming = new Priming(function, region, primer, restorer);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** True during the init whose end Lambda snapshots: work that needs the network belongs after the restore. */
    public static boolean isSnapshotInit(Environment environment) {
        return environment.optional(INITIALIZATION_TYPE).filter("snap-start"::equals).isPresent();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        long started = System.nanoTime();
        try (PrimingClients clients = new PrimingClients(region)) {
            primer.prime(clients);
            sdkRequestsPrimed = clients.requestsAnswered();
        }
        // The primer's invocations have no Lambda context, so they write no metrics: the metrics' path is primed here.
        BusinessMetrics.standard().rehearse();
        checkpoints.incrementAndGet();
        LOG.info("primed before the snapshot", "function", function, "sdkRequests", sdkRequestsPrimed,
                "durationMs", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws Exception {
        long started = System.nanoTime();
        restorer.restore();
        restores.incrementAndGet();
        LOG.info("restored", "function", function, "durationMs", (System.nanoTime() - started) / 1_000_000);
    }

    public String function() {
        return function;
    }

    /** How many times {@link #beforeCheckpoint} completed. */
    public int checkpoints() {
        return checkpoints.get();
    }

    /** How many times {@link #afterRestore} completed. */
    public int restores() {
        return restores.get();
    }

    /** How many SDK requests the last priming sent through its clients. */
    public int sdkRequestsPrimed() {
        return sdkRequestsPrimed;
    }
}
