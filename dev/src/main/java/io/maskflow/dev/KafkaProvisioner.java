package io.maskflow.dev;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Sets the broker up as the super user after each start: the SCRAM users of {@link KafkaUsers#SERVICES} with their
 * passwords, the contract topics (services may not create topics) and the ACLs. Every step is idempotent.
 */
final class KafkaProvisioner {

    private static final int SCRAM_ITERATIONS = 4096;

    private KafkaProvisioner() {
    }

    static void provision(Map<String, String> adminClient, Map<String, String> passwords) {
        Map<String, Object> config = new HashMap<>(adminClient);
        config.put("request.timeout.ms", "20000");
        config.put("default.api.timeout.ms", "60000");
        try (Admin admin = Admin.create(config)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (KafkaUsers.Access access : KafkaUsers.SERVICES) {
                users.add(new UserScramCredentialUpsertion(access.principal(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                        passwords.get(access.principal())));
            }
            admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
            for (var created : admin.createTopics(KafkaUsers.TOPICS.stream()
                    .map(t -> new NewTopic(t, Optional.empty(), Optional.empty())).toList()).values().values()) {
                try {
                    created.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            admin.createAcls(acls()).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set up the Kafka users, topics and ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The ACLs of {@link KafkaUsers#SERVICES}: read and write per topic, read per consumer group. */
    static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        for (KafkaUsers.Access access : KafkaUsers.SERVICES) {
            String user = "User:" + access.principal();
            access.reads().forEach(t -> acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, user,
                    AclOperation.READ)));
            access.writes().forEach(t -> acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, user,
                    AclOperation.WRITE)));
            access.groups().forEach(g -> acls.add(allow(ResourceType.GROUP, g, PatternType.LITERAL, user,
                    AclOperation.READ)));
            access.groupPrefixes().forEach(g -> acls.add(allow(ResourceType.GROUP, g, PatternType.PREFIXED, user,
                    AclOperation.READ)));
        }
        return acls;
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String user,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
    }
}
