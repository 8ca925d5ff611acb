package dev.persona.contracts;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrpcErrorCodeTest {

    @Test
    void numbersAndStatusesAreTrpcs() {
        assertThat(TrpcErrorCode.values()).hasSize(21);
        assertThat(TrpcErrorCode.BAD_REQUEST.jsonRpcCode()).isEqualTo(-32600);
        assertThat(TrpcErrorCode.UNAUTHORIZED.jsonRpcCode()).isEqualTo(-32001);
        assertThat(TrpcErrorCode.NOT_FOUND.jsonRpcCode()).isEqualTo(-32004);
        assertThat(TrpcErrorCode.METHOD_NOT_SUPPORTED.jsonRpcCode()).isEqualTo(-32005);
        assertThat(TrpcErrorCode.PAYLOAD_TOO_LARGE.jsonRpcCode()).isEqualTo(-32013);
        assertThat(TrpcErrorCode.SERVICE_UNAVAILABLE.jsonRpcCode()).isEqualTo(-32603);
        assertThat(TrpcErrorCode.SERVICE_UNAVAILABLE.httpStatus()).isEqualTo(503);
    }

    @Test
    void aStatusIsNamedAsTrpcNamesIt() {
        Map<Integer, TrpcErrorCode> expected = Map.ofEntries(Map.entry(400, TrpcErrorCode.BAD_REQUEST),
                Map.entry(401, TrpcErrorCode.UNAUTHORIZED), Map.entry(403, TrpcErrorCode.FORBIDDEN),
                Map.entry(404, TrpcErrorCode.NOT_FOUND), Map.entry(405, TrpcErrorCode.METHOD_NOT_SUPPORTED),
                Map.entry(413, TrpcErrorCode.PAYLOAD_TOO_LARGE), Map.entry(415, TrpcErrorCode.UNSUPPORTED_MEDIA_TYPE),
                Map.entry(429, TrpcErrorCode.TOO_MANY_REQUESTS), Map.entry(500, TrpcErrorCode.INTERNAL_SERVER_ERROR),
                Map.entry(503, TrpcErrorCode.SERVICE_UNAVAILABLE), Map.entry(504, TrpcErrorCode.GATEWAY_TIMEOUT));
        expected.forEach((status, code) -> assertThat(TrpcErrorCode.forHttpStatus(status)).as("%d", status)
                .isEqualTo(code));
        assertThat(TrpcErrorCode.forHttpStatus(418)).as("a status tRPC has no name for")
                .isEqualTo(TrpcErrorCode.INTERNAL_SERVER_ERROR);
        for (TrpcErrorCode code : TrpcErrorCode.values()) {
            if (code != TrpcErrorCode.PARSE_ERROR) {
                assertThat(TrpcErrorCode.forHttpStatus(code.httpStatus())).isEqualTo(code);
            }
        }
    }

    @Test
    void everyGatewayProblemAlsoCarriesItsRefusalAsATrpcError() {
        for (GatewayResponses.Entry entry : GatewayResponses.ALL) {
            TrpcErrorCode trpc = TrpcErrorCode.forHttpStatus(entry.status());
            assertThat(trpc.httpStatus()).as(entry.gatewayType()).isEqualTo(entry.status());
            assertThat(entry.bodyTemplate()).contains(",\"error\":{\"message\":\"" + entry.detail() + "\",\"code\":"
                    + trpc.jsonRpcCode() + ",\"data\":{\"code\":\"" + trpc.name() + "\",\"httpStatus\":"
                    + entry.status() + ",\"problemCode\":\"" + entry.code() + "\",\"requestId\":\""
                    + GatewayResponses.REQUEST_ID_VARIABLE + "\"}}}");
        }
    }
}
