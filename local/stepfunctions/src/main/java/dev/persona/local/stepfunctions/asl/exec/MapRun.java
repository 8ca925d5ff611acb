package dev.persona.local.stepfunctions.asl.exec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Map Run: the child executions a distributed Map state started, one per item (or per batch of items), with the
 * outcome of each. DescribeMapRun, ListMapRuns and ResultWriter read it; a redrive of the parent execution reruns
 * the children that did not succeed.
 */
public final class MapRun {

    /** The status of a Map Run as DescribeMapRun reports it. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED, ABORTED
    }

    /** How one child execution ended. */
    public record Child(int index, String name, String executionArn, ExecutionStatus status, JsonNode input,
                        JsonNode output, String error, String cause, Instant startDate, Instant stopDate,
                        int itemCount) {
    }

    private final String arn;
    private final String executionArn;
    private final String stateMachineArn;
    private final String executionType;
    private final Instant startDate;
    private final long maxConcurrency;
    private final long toleratedFailureCount;
    private final BigDecimal toleratedFailurePercentage;
    private final AtomicReferenceArray<Child> children;
    private final int[] itemsPerChild;
    private final AtomicInteger running = new AtomicInteger();
    private volatile int resultsWritten;
    private volatile Status status = Status.RUNNING;
    private volatile Instant stopDate;
    private volatile int redriveCount;
    private volatile Instant redriveDate;

    public MapRun(String arn, String executionArn, String stateMachineArn, String executionType, Instant startDate,
                  long maxConcurrency, long toleratedFailureCount, BigDecimal toleratedFailurePercentage,
                  int[] itemsPerChild) {
        this.arn = arn;
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
        this.executionType = executionType;
        this.startDate = startDate;
        this.maxConcurrency = maxConcurrency;
        this.toleratedFailureCount = toleratedFailureCount;
        this.toleratedFailurePercentage = toleratedFailurePercentage;
        this.itemsPerChild = itemsPerChild.clone();
        this.children = new AtomicReferenceArray<>(itemsPerChild.length);
    }

    public String arn() {
        return arn;
    }

    /** The parent execution. */
    public String executionArn() {
        return executionArn;
    }

    /** The ARN the child executions run under: the parent state machine's, then {@code /} and the label. */
    public String stateMachineArn() {
        return stateMachineArn;
    }

    /** STANDARD or EXPRESS: the ProcessorConfig's ExecutionType. */
    public String executionType() {
        return executionType;
    }

    public Instant startDate() {
        return startDate;
    }

    public long maxConcurrency() {
        return maxConcurrency;
    }

    public long toleratedFailureCount() {
        return toleratedFailureCount;
    }

    public BigDecimal toleratedFailurePercentage() {
        return toleratedFailurePercentage;
    }

    public int size() {
        return children.length();
    }

    /** How many items child {@code index} processes (1 without ItemBatcher). */
    public int itemsOf(int index) {
        return itemsPerChild[index];
    }

    /** The outcome of child {@code index}, or null while it has not ended. */
    public Child child(int index) {
        return children.get(index);
    }

    /** A child execution started. */
    public void started() {
        running.incrementAndGet();
    }

    /** A child execution ended; its outcome is kept. */
    public void record(Child child) {
        children.set(child.index(), child);
    }

    /** A child execution that {@link #started()} is no longer running. */
    public void stoppedRunning() {
        running.decrementAndGet();
    }

    /** How many child executions are running. */
    public int running() {
        return running.get();
    }

    /** How many child executions' results a ResultWriter exported. */
    public int resultsWritten() {
        return resultsWritten;
    }

    public void resultsWritten(int count) {
        resultsWritten = count;
    }

    /** Forgets the outcome of every child that did not succeed, for a redrive. */
    public void forgetUnsuccessful(Instant redriven) {
        for (int i = 0; i < children.length(); i++) {
            Child child = children.get(i);
            if (child != null && child.status() != ExecutionStatus.SUCCEEDED) {
                children.set(i, null);
            }
        }
        redriveCount++;
        redriveDate = redriven;
        status = Status.RUNNING;
        stopDate = null;
    }

    public List<Child> ended() {
        List<Child> ended = new ArrayList<>();
        for (int i = 0; i < children.length(); i++) {
            Child child = children.get(i);
            if (child != null) {
                ended.add(child);
            }
        }
        return ended;
    }

    public Status status() {
        return status;
    }

    public Instant stopDate() {
        return stopDate;
    }

    public void finish(Status finalStatus, Instant stopped) {
        status = finalStatus;
        stopDate = stopped;
    }

    public int redriveCount() {
        return redriveCount;
    }

    public Instant redriveDate() {
        return redriveDate;
    }

    /** Restores the redrive counters read back from a journal. */
    public void restoreRedrives(int count, Instant lastRedrive) {
        redriveCount = count;
        redriveDate = lastRedrive;
    }
}
