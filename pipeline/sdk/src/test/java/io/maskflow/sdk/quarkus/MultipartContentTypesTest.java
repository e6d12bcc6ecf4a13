package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Multipart Content-Types the form parser cannot read are refused before the body is read (the parser answered them
 * with a 500, a 503 or a 413); those it reads, and every other media type, pass.
 */
class MultipartContentTypesTest {

    private static Optional<Integer> status(String contentType) {
        return MultipartContentTypes.check(contentType).map(MultipartContentTypes.Refusal::status);
    }

    @Test
    void refusesWhatTheFormParserCannotRead() {
        assertThat(status("multipart/form-data")).contains(400);
        assertThat(status("multipart/form-data; boundary=")).contains(400);
        assertThat(status("multipart/form-data; boundary=\"\"")).contains(400);
        assertThat(status("multipart/form-data; boundary=" + "x".repeat(201))).contains(400);
        assertThat(status("multipart/form-data; boundary=a\u0001b")).contains(400);
        assertThat(status("multipart/form-data; boundary=XyZ; charset=")).contains(415);
        assertThat(status("multipart/form-data; charset=; boundary=XyZ")).contains(415);
        assertThat(status("multipart/form-data; boundary=XyZ; charset=\"\"")).contains(415);
        assertThat(status("multipart/form-data; boundary=XyZ; charset=bogus")).contains(415);
        assertThat(status("Multipart/Form-Data; boundary=XyZ; charset=UTF-16")).contains(415);
        assertThat(MultipartContentTypes.check("multipart/form-data; boundary=XyZ; charset=bogus").orElseThrow()
                .error()).contains("the charset 'bogus' is not one");
    }

    @Test
    void passesWhatTheFormParserReadsAndOtherTypes() {
        assertThat(status("multipart/form-data; boundary=------------------------d74496d66958873e")).isEmpty();
        assertThat(status("multipart/form-data; boundary=\"with space\"; charset=UTF-8")).isEmpty();
        assertThat(status("multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW")).isEmpty();
        assertThat(status("multipart/form-data; charset=iso-8859-1; boundary=abc")).isEmpty();
        assertThat(status("multipart/form-data; charset=utf8; boundary=abc")).isEmpty();
        assertThat(status("multipart/form-data; charset=windows-1252; boundary=abc")).isEmpty();
        assertThat(status("multipart/form-data; boundary=" + "y".repeat(100))).isEmpty();
        assertThat(status("application/json; charset=bogus")).isEmpty();
        assertThat(status(null)).isEmpty();
        assertThat(MultipartContentTypes.parameters("multipart/mixed; a; boundary=\"q;x\"; boundary=second"))
                .isEqualTo(Map.of("boundary", "q;x"));
    }
}
