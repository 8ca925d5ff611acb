package dev.persona.trpc;

/** tRPC's two kinds of call over HTTP, and the method each must arrive with. */
public enum ProcedureType {
    /** Reads; sent as {@code GET /trpc/{path}?input=…}. */
    QUERY("query", "GET"),
    /** Changes something; sent as {@code POST /trpc/{path}} with the input as the body. */
    MUTATION("mutation", "POST");

    private final String wireName;
    private final String httpMethod;

    ProcedureType(String wireName, String httpMethod) {
        this.wireName = wireName;
        this.httpMethod = httpMethod;
    }

    /** {@code query} or {@code mutation}, as tRPC names the type in messages and types. */
    public String wireName() {
        return wireName;
    }

    public String httpMethod() {
        return httpMethod;
    }
}
