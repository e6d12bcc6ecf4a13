package io.maskflow.sdk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.dev.LocalSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {

    @Test
    void findsTheHolderOfAKnownTokenAndNobodyForAnyOther() {
        ApiTokens tokens = ApiTokens.parse("# comment\n\n" + ApiTokens.line("alice", "secret-a", Set.of("viewer"))
                + "\n" + ApiTokens.line("bob", "secret-b", Set.of("operator")) + "\n", "tokens");
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.find("secret-a")).hasValueSatisfying(h -> {
            assertThat(h.name()).isEqualTo("alice");
            assertThat(h.roles()).containsExactly("viewer");
        });
        assertThat(tokens.find("secret-b").map(ApiTokens.Holder::name)).hasValue("bob");
        assertThat(tokens.find("secret-c")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
        assertThat(ApiTokens.none().find("secret-a")).isEmpty();
    }

    @Test
    void theFileHoldsHashesNotTokens() {
        String line = ApiTokens.line("alice", "secret-a", Set.of("admin"));
        assertThat(line).doesNotContain("secret-a").matches("alice:[0-9a-f]{64}:admin");
    }

    @Test
    void aMalformedLineOrAnUnknownRoleIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> ApiTokens.parse("alice:abc:viewer", "f")).hasMessageContaining("f line 1");
        String hash = "a".repeat(64);
        assertThatThrownBy(() -> ApiTokens.parse("\nalice:" + hash + ":root", "f"))
                .hasMessageContaining("f line 2").hasMessageContaining("unknown role 'root'");
        assertThatThrownBy(() -> ApiTokens.parse(":" + hash + ":viewer", "f")).hasMessageContaining("line 1");
    }

    @Test
    void rolesIncludeTheOnesBelowThem() {
        assertThat(Roles.implied(Roles.ADMIN)).containsExactlyInAnyOrder("admin", "operator", "viewer");
        assertThat(Roles.implied(Roles.OPERATOR)).containsExactlyInAnyOrder("operator", "viewer");
        assertThat(Roles.implied(Roles.VIEWER)).containsExactly("viewer");
        assertThat(Roles.implied("auditor")).containsExactly("auditor");
    }

    @Test
    void theLocalStacksTokensFileIsReadByTheServicesAndOnlyItsOwnerMayReadIt(@TempDir Path dir) throws Exception {
        LocalSecrets local = LocalSecrets.localRun(dir);
        ApiTokens tokens = ApiTokens.read(local.tokensFile());
        assertThat(tokens.find(local.token("admin")).map(h -> h.roles())).hasValue(Set.of("admin"));
        assertThat(Files.readString(dir.resolve("token")).strip()).isEqualTo(local.token("admin"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token"))))
                .isEqualTo("rw-------");
        // a second start keeps the token
        assertThat(LocalSecrets.localRun(dir).token("admin")).isEqualTo(local.token("admin"));

        LocalSecrets test = LocalSecrets.forTests(dir.resolve("test"));
        ApiTokens testTokens = ApiTokens.read(test.tokensFile());
        for (String role : Roles.ALL) {
            assertThat(testTokens.find(test.token(role)).map(h -> h.roles())).hasValue(Set.of(role));
        }
    }
}
