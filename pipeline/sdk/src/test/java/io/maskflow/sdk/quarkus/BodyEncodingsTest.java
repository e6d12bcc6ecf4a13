package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A compressed body, or a JSON body in another charset than UTF-8, is refused with what to send instead. */
class BodyEncodingsTest {

    @Test
    void aContentEncodingIsRefusedButIdentity() {
        for (String encoding : new String[] {"gzip", "br", " deflate ", "gzip, br"}) {
            assertThat(BodyEncodings.check("application/json", encoding)).as(encoding).hasValueSatisfying(
                    reason -> assertThat(reason).contains("Content-Encoding '" + encoding.strip() + "' is not taken"));
        }
        assertThat(BodyEncodings.check("image/jpeg", "gzip")).isPresent();
        assertThat(BodyEncodings.check("application/json", "identity")).isEmpty();
        assertThat(BodyEncodings.check("application/json", "IDENTITY")).isEmpty();
        assertThat(BodyEncodings.check("application/json", null)).isEmpty();
        assertThat(BodyEncodings.check("application/json", "")).isEmpty();
    }

    @Test
    void aJsonBodyIsReadAsUtf8AndAnotherCharsetIsRefused() {
        for (String type : new String[] {"application/json; charset=iso-8859-1", "application/json;charset=UTF-16",
                "application/problem+json; charset=windows-1252", "application/json; charset=bogus",
                "application/json; charset="}) {
            assertThat(BodyEncodings.check(type, null)).as(type).hasValueSatisfying(
                    reason -> assertThat(reason).startsWith("a JSON body is read as UTF-8; the charset '"));
        }
        for (String type : new String[] {"application/json", "application/json; charset=utf-8",
                "application/json; charset=\"UTF-8\"", "Application/JSON; Charset=utf8",
                "text/csv; charset=iso-8859-1", "multipart/form-data; boundary=x"}) {
            assertThat(BodyEncodings.check(type, null)).as(type).isEmpty();
        }
    }
}
