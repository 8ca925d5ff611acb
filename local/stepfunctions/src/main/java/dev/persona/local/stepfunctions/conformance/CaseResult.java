package dev.persona.local.stepfunctions.conformance;

/** The result of one conformance case: passed, or the first difference from what AWS recorded. */
public record CaseResult(String name, boolean passed, String difference) {

    static CaseResult pass(String name) {
        return new CaseResult(name, true, null);
    }

    static CaseResult fail(String name, String difference) {
        return new CaseResult(name, false, difference);
    }
}
