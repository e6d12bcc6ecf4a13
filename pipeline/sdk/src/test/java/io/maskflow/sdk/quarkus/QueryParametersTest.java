package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @SuppressWarnings("unused")
    static final class Endpoints {

        public void list(@QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page) {
        }

        public void reactive(@RestQuery String key, @RestQuery("max-age") String maxAge) {
        }

        public void several(@QueryParam("maskTypes") List<String> types, @QueryParam("seed") long seed) {
        }

        public void none(String body) {
        }

        public void beans(@jakarta.ws.rs.BeanParam Object query) {
        }

        public void uri(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        }
    }

    private static java.lang.reflect.Method endpoint(String name) {
        return java.util.Arrays.stream(Endpoints.class.getMethods()).filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void theNamesAnEndpointReadsComeFromItsAnnotations() {
        assertThat(QueryParameters.taken(endpoint("list")).orElseThrow()).containsExactly("page", "status");
        assertThat(QueryParameters.taken(endpoint("none")).orElseThrow()).isEmpty();
    }

    @Test
    void aRestQueryWithoutANameIsReadByItsParameterName() {
        // the project compiles with -parameters (Quarkus needs it), so the name is the parameter's own
        assertThat(QueryParameters.taken(endpoint("reactive")).orElseThrow()).containsExactly("key", "max-age");
    }

    /** An endpoint that may read the query another way is not checked: its names cannot be known. */
    @Test
    void anEndpointReadingTheQueryAnotherWayIsNotChecked() {
        assertThat(QueryParameters.taken(endpoint("beans"))).isEmpty();
        assertThat(QueryParameters.taken(endpoint("uri"))).isEmpty();
    }

    @Test
    void namesTheUnknownParameterAndWhatTheEndpointTakes() {
        assertThat(QueryParameters.unknown(List.of("stauts"), Set.of("status", "page"), "GET /runs")).contains(
                "unknown query parameter 'stauts' on GET /runs; it takes page, status");
        assertThat(QueryParameters.unknown(List.of("model", "debug"), Set.of(), "POST /predict")).contains(
                "unknown query parameters 'debug', 'model' on POST /predict; it takes none");
    }

    @Test
    void knownParametersPass() {
        assertThat(QueryParameters.unknown(List.of("status", "page"), Set.of("status", "page"), "GET /runs")).isEmpty();
    }

    @Test
    void manyUnknownNamesAreCut() {
        List<String> many = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "p" + (100 + i)).toList();
        String message = QueryParameters.unknown(many, Set.of(), "GET /x").orElseThrow();
        assertThat(message).contains("'p100', 'p101', 'p102', 'p103', 'p104' and 35 more").hasSizeLessThan(200);
    }

    /** ?status=failed&status=running took the first value (and, for some endpoints, the last) without a word. */
    @Test
    void aParameterOfOneValueGivenTwiceIsRefusedOneOfSeveralIsNot() {
        Set<String> repeatable = QueryParameters.repeatable(endpoint("several"));
        assertThat(repeatable).containsExactly("maskTypes");
        assertThat(QueryParameters.repeated(java.util.Map.of("seed", List.of("1", "2")), repeatable,
                "GET /datasets/preview")).contains("query parameter 'seed' is given 2 times on GET /datasets/preview: "
                + "give it once");
        assertThat(QueryParameters.repeated(java.util.Map.of("maskTypes", List.of("n95", "cloth"), "seed",
                List.of("1")), repeatable, "GET /x")).isEmpty();
    }
}
