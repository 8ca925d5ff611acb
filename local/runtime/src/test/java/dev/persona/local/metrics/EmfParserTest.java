package dev.persona.local.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines read as CloudWatch reads embedded metric format documents. */
class EmfParserTest {

    /** As Powertools writes a job's outcome: two dimension sets, so two metrics. */
    private static final String OUTCOME = """
            {"_aws":{"Timestamp":1767225600000,"CloudWatchMetrics":[{"Namespace":"PersonaPipeline",\
            "Dimensions":[["OutcomeClass"],["OutcomeClass","Code"]],"Metrics":[{"Name":"JobOutcomes","Unit":"Count"}]}]},\
            "OutcomeClass":"user","Code":"UnsupportedFormat","JobOutcomes":1.0,"function_request_id":"r-1"}""";

    private static EmfParser.Document document(String line) {
        EmfParser.Result result = EmfParser.parse(line);
        assertThat(result).isInstanceOf(EmfParser.Document.class);
        return (EmfParser.Document) result;
    }

    private static String malformed(String line) {
        EmfParser.Result result = EmfParser.parse(line);
        assertThat(result).as(line).isInstanceOf(EmfParser.Malformed.class);
        return ((EmfParser.Malformed) result).reason();
    }

    /** A document with one directive of namespace N over {@code members}, metric definitions {@code metrics}. */
    private static String doc(String directive, String members) {
        return "{\"_aws\":{\"Timestamp\":1767225600000,\"CloudWatchMetrics\":[" + directive + "]}" + members + "}";
    }

    @Test
    void everyDimensionSetOfADocumentMakesAMetricOfItsOwn() {
        EmfParser.Document document = document(OUTCOME);

        assertThat(document.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(document.samples()).containsExactly(
                new EmfParser.Sample("PersonaPipeline", "JobOutcomes", "Count", new java.util.TreeMap<>(
                        Map.of("OutcomeClass", "user")), List.of(1.0)),
                new EmfParser.Sample("PersonaPipeline", "JobOutcomes", "Count", new java.util.TreeMap<>(
                        Map.of("OutcomeClass", "user", "Code", "UnsupportedFormat")), List.of(1.0)));
    }

    @Test
    void anArrayHoldsOneSampleInEachElementAndEveryDirectiveAndMetricCounts() {
        EmfParser.Document document = document(doc("""
                {"Namespace":"A","Dimensions":[[]],"Metrics":[{"Name":"ApiLatency","Unit":"Milliseconds"},\
                {"Name":"ApiRequests"}]},{"Namespace":"B","Dimensions":[["Route"]],"Metrics":[{"Name":"ApiRequests",\
                "Unit":"Count","StorageResolution":1}]}""",
                ",\"ApiLatency\":[12,7.5,300],\"ApiRequests\":3,\"Route\":\"GET /v1/jobs\""));

        assertThat(document.samples()).extracting(s -> s.namespace() + " " + s.metric() + " " + s.unit() + " "
                + s.dimensions() + " " + s.values()).containsExactly(
                "A ApiLatency Milliseconds {} [12.0, 7.5, 300.0]",
                "A ApiRequests None {} [3.0]",
                "B ApiRequests Count {Route=GET /v1/jobs} [3.0]");
    }

    @Test
    void aDocumentWithoutDirectivesIsValidAndDeclaresNothing() {
        assertThat(document("{\"_aws\":{\"Timestamp\":0,\"CloudWatchMetrics\":[]}}").samples()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "plain text from a function", "[1,2,3]", "{\"level\":\"INFO\",\"message\":\"hi\"}",
            "{\"message\":\"_aws without quotes\"", "2026-01-01T00:00:00Z INFO {\"_aws\": 1}", "{not json at all"})
    void linesThatAreNoEmfDocumentsAreSaidToBeNone(String line) {
        assertThat(EmfParser.parse(line)).isInstanceOf(EmfParser.NotEmf.class);
    }

    @Test
    void aTruncatedDocumentOrOneWithTrailingDataIsMalformed() {
        assertThat(malformed(OUTCOME.substring(0, OUTCOME.length() - 20))).startsWith("not one JSON object");
        assertThat(malformed(OUTCOME + " {}")).startsWith("not one JSON object");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"_aws":"metrics"}                                                        | _aws is not an object
            {"_aws":{"CloudWatchMetrics":[]}}                                         | _aws.Timestamp is missing
            {"_aws":{"Timestamp":1.5,"CloudWatchMetrics":[]}}                         | _aws.Timestamp is not a whole number
            {"_aws":{"Timestamp":"1767225600000","CloudWatchMetrics":[]}}             | _aws.Timestamp is not a whole number
            {"_aws":{"Timestamp":-1,"CloudWatchMetrics":[]}}                          | _aws.Timestamp is not a whole number
            {"_aws":{"Timestamp":1}}                                                  | _aws.CloudWatchMetrics is missing
            {"_aws":{"Timestamp":1,"CloudWatchMetrics":{}}}                           | _aws.CloudWatchMetrics is not an array
            {"_aws":{"Timestamp":1,"CloudWatchMetrics":[1]}}                          | _aws.CloudWatchMetrics[0] is not an object
            """)
    void aBrokenMetadataObjectIsMalformed(String line, String reason) {
        assertThat(malformed(line)).startsWith(reason);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"Dimensions":[[]],"Metrics":[{"Name":"M"}]}                          | ,"M":1             | .Namespace is missing
            {"Namespace":"","Dimensions":[[]],"Metrics":[{"Name":"M"}]}           | ,"M":1             | .Namespace must be 1 to 255 characters
            {"Namespace":7,"Dimensions":[[]],"Metrics":[{"Name":"M"}]}            | ,"M":1             | .Namespace is not a string
            {"Namespace":"N","Metrics":[{"Name":"M"}]}                            | ,"M":1             | .Dimensions is missing
            {"Namespace":"N","Dimensions":[],"Metrics":[{"Name":"M"}]}            | ,"M":1             | .Dimensions is not an array of dimension sets
            {"Namespace":"N","Dimensions":["Step"],"Metrics":[{"Name":"M"}]}      | ,"M":1,"Step":"s"  | .Dimensions[0] is not an array of dimension names
            {"Namespace":"N","Dimensions":[["Step"]],"Metrics":[{"Name":"M"}]}    | ,"M":1             | dimension Step (_aws.CloudWatchMetrics[0].Dimensions[0]) is not a member
            {"Namespace":"N","Dimensions":[["Step"]],"Metrics":[{"Name":"M"}]}    | ,"M":1,"Step":3    | dimension Step is not a string
            {"Namespace":"N","Dimensions":[[]]}                                   | ,"M":1             | .Metrics is missing
            {"Namespace":"N","Dimensions":[[]],"Metrics":[{"Unit":"Count"}]}      | ,"M":1             | .Metrics[0].Name is missing
            {"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"M"}]}          | ,"X":1             | metric M is not a member
            {"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"M"}]}          | ,"M":"12"          | metric M is neither a number nor an array
            {"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"M"}]}          | ,"M":[1,"2"]       | metric M holds a value that is not a number
            {"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"M"}]}          | ,"M":null          | metric M is neither a number nor an array
            {"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"M","Unit":"ms"}]} | ,"M":1          | .Metrics[0].Unit is not a CloudWatch unit
            {"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"M","StorageResolution":5}]} | ,"M":1 | .Metrics[0].StorageResolution is not 1 or 60
            """)
    void aDirectiveThatBreaksTheSpecificationIsMalformed(String directive, String members, String reason) {
        assertThat(malformed(doc(directive, members))).contains(reason);
    }

    @Test
    void theSpecificationsLimitsAreEnforced() {
        StringBuilder dimensions = new StringBuilder();
        StringBuilder members = new StringBuilder(",\"M\":1");
        for (int i = 0; i <= EmfParser.MAX_DIMENSIONS_PER_SET; i++) {
            dimensions.append(i == 0 ? "" : ",").append("\"D").append(i).append('"');
            members.append(",\"D").append(i).append("\":\"v\"");
        }
        assertThat(malformed(doc("{\"Namespace\":\"N\",\"Dimensions\":[[" + dimensions + "]],\"Metrics\":[{\"Name\":"
                + "\"M\"}]}", members.toString()))).contains("names 31 dimensions, more than 30");

        String values = "[" + "1,".repeat(EmfParser.MAX_VALUES_PER_METRIC) + "1]";
        assertThat(malformed(doc("{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"M\"}]}",
                ",\"M\":" + values))).contains("holds 101 values, more than 100");

        StringBuilder definitions = new StringBuilder();
        for (int i = 0; i <= EmfParser.MAX_METRICS_PER_DIRECTIVE; i++) {
            definitions.append(i == 0 ? "" : ",").append("{\"Name\":\"M\"}");
        }
        assertThat(malformed(doc("{\"Namespace\":\"N\",\"Dimensions\":[[]],\"Metrics\":[" + definitions + "]}",
                ",\"M\":1"))).contains("holds 101 definitions, more than 100");
    }
}
