package io.maskflow.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the chart gives each service's container, turned into {@code podman run} settings, so that the containerised
 * system test (scripts/container-test.sh) starts the images exactly as the chart would: the environment (the
 * ConfigMap through envFrom, plain values, Secret keys), the container port, the probes, the memory limit and the
 * security context (user, read-only root file system, dropped capabilities, no privilege escalation, the emptyDir
 * mounts). A setting of the chart this class does not know how to carry over fails it, so chart and test cannot
 * drift apart silently.
 *
 * <p>Run: {@code mvn -o -q -pl helm test-compile exec:java -Dexec.mainClass=io.maskflow.deploy.ContainerSpecs
 * -Dexec.args="OUT_DIR key=value ..."}; writes per service {@code NAME.env} (for {@code --env-file}),
 * {@code NAME.args} (podman options, one a line), {@code NAME.image}, {@code NAME.probes} (kind, path, port) and
 * {@code store.env} (the store Secret's keys, for the S3 server's container).
 */
public final class ContainerSpecs {

    /**
     * The chart rendered for containers on one machine: CPU only, images from the local build; one store key for
     * every service (the S3 server in a container has one identity) and the broker without Strimzi's users (the
     * broker in a container is not Strimzi: the Maven tests check the login and the ACLs against the local stack);
     * the API tokens from a Secret this class makes.
     */
    static final Map<String, Object> VALUES = Map.of("gpu.enabled", false, "global.imageRegistry",
            "localhost/maskflow", "store.minio.serviceKeys", false, "kafka.strimzi.users", false,
            "auth.tokensSecret", "maskflow-api-tokens");

    /** Secrets the chart makes as pre-install hooks (templates/secret.yaml), which helm template does not show. */
    static final Set<String> HOOK_SECRETS = Set.of("maskflow-store", "maskflow-promotion");
    /** The API tokens Secret an operator would create: one admin token, made up here, its hash in the Secret. */
    static final String TOKENS_SECRET = "maskflow-api-tokens";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADMIN_TOKEN = "mf_" + randomAlphaNum(40);
    /** Where the files of Secret volumes are written for podman to mount (main sets it under its output). */
    private static Path secretFiles = Path.of("target/container-secrets");
    private static final Map<String, String> MADE_UP = new ConcurrentHashMap<>();

    private ContainerSpecs() {
    }

    /** One service's container as podman runs it. */
    record Spec(String name, String image, Map<String, String> env, List<String> args, List<String> probes) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ContainerSpecs OUT_DIR [key=value ...]");
        }
        Map<String, Object> values = new LinkedHashMap<>(VALUES);
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            values.put(kv[0], kv[1]);
        }
        List<HasMetadata> resources = Manifests.check(Manifests.template(values));
        Path out = Files.createDirectories(Path.of(args[0]));
        secretFiles = out.resolve("secrets").toAbsolutePath();
        List<Spec> specs = specs(resources);
        Files.writeString(out.resolve("admin.token"), ADMIN_TOKEN + "\n");
        Path tokens = Files.createDirectories(secretFiles.resolve(TOKENS_SECRET)).resolve("tokens");
        Files.writeString(tokens, "container-test-admin:" + sha256(ADMIN_TOKEN) + ":admin\n");
        Files.setPosixFilePermissions(tokens, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        for (Spec spec : specs) {
            StringBuilder env = new StringBuilder();
            spec.env().forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
            Files.writeString(out.resolve(spec.name() + ".env"), env);
            Files.write(out.resolve(spec.name() + ".args"), spec.args());
            Files.writeString(out.resolve(spec.name() + ".image"), spec.image() + "\n");
            Files.write(out.resolve(spec.name() + ".probes"), spec.probes());
        }
        // the S3 server accepts the credentials the services are given
        Map<String, String> env = specs.get(0).env();
        Files.writeString(out.resolve("store.env"), "S3_ACCESS_KEY=" + env.get("MASKFLOW_STORE_ACCESS_KEY") + "\n"
                + "S3_SECRET_KEY=" + env.get("MASKFLOW_STORE_SECRET_KEY") + "\n");
        System.out.println("container settings of " + specs.size() + " services in " + out);
    }

    /** The Maskflow services' Deployments (MinIO's is left out: the test runs its own S3 server). */
    static List<Spec> specs(List<HasMetadata> resources) {
        Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        List<Deployment> deployments = new ArrayList<>();
        for (HasMetadata r : resources) {
            if (r instanceof ConfigMap c) {
                configMaps.put(c.getMetadata().getName(), c);
            } else if (r instanceof Secret s) {
                secrets.put(s.getMetadata().getName(), s);
            } else if (r instanceof Deployment d
                    && !"minio".equals(d.getMetadata().getLabels().get("app.kubernetes.io/component"))) {
                deployments.add(d);
            }
        }
        List<Spec> specs = new ArrayList<>();
        for (Deployment d : deployments) {
            specs.add(spec(d, configMaps, secrets));
        }
        return specs;
    }

    private static Spec spec(Deployment deployment, Map<String, ConfigMap> configMaps, Map<String, Secret> secrets) {
        String name = deployment.getMetadata().getName();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        if (pod.getContainers().size() != 1 || pod.getInitContainers() != null && !pod.getInitContainers().isEmpty()) {
            throw new IllegalStateException(name + ": one container and no init containers expected");
        }
        Container container = pod.getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() == null || from.getPrefix() != null) {
                throw new IllegalStateException(name + ": only envFrom a ConfigMap without prefix is carried over");
            }
            ConfigMap map = configMaps.get(from.getConfigMapRef().getName());
            if (map == null) {
                throw new IllegalStateException(name + ": ConfigMap " + from.getConfigMapRef().getName()
                        + " is not in the chart");
            }
            env.putAll(map.getData());
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), envValue(name, var, secrets));
        }
        List<String> args = new ArrayList<>();
        args.add("--name=" + name);
        args.add("--hostname=" + name);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ContainerPort port : container.getPorts()) {
            ports.put(port.getName(), port.getContainerPort());
            args.add("--publish=127.0.0.1::" + port.getContainerPort());
        }
        args.addAll(security(name, pod.getSecurityContext(), container.getSecurityContext()));
        args.addAll(volumes(name, pod.getVolumes(), container.getVolumeMounts()));
        Map<String, Quantity> limits = container.getResources().getLimits();
        if (limits != null && limits.get("memory") != null) {
            long bytes = Quantity.getAmountInBytes(limits.get("memory")).longValueExact();
            args.add("--memory=" + bytes / (1024 * 1024) + "m");
        }
        List<String> probes = new ArrayList<>();
        probe(name, "startup", container.getStartupProbe(), ports, probes);
        probe(name, "liveness", container.getLivenessProbe(), ports, probes);
        probe(name, "readiness", container.getReadinessProbe(), ports, probes);
        return new Spec(name, container.getImage(), env, args, probes);
    }

    private static String envValue(String name, EnvVar var, Map<String, Secret> secrets) {
        if (var.getValueFrom() == null) {
            if (var.getValue() != null && var.getValue().contains("$(")) {
                throw new IllegalStateException(name + ": " + var.getName() + " refers to another variable");
            }
            return var.getValue() == null ? "" : var.getValue();
        }
        if (var.getValueFrom().getSecretKeyRef() == null) {
            throw new IllegalStateException(name + ": " + var.getName() + ": only secretKeyRef is carried over");
        }
        String secretName = var.getValueFrom().getSecretKeyRef().getName();
        String key = var.getValueFrom().getSecretKeyRef().getKey();
        Secret secret = secrets.get(secretName);
        if (secret != null) {
            return secretValue(secret, key);
        }
        if (!HOOK_SECRETS.contains(secretName)) {
            throw new IllegalStateException(name + ": " + var.getName() + " refers to the Secret " + secretName
                    + ", which the chart does not make");
        }
        // helm template leaves hooks out: make the value up once, as the hook would at install
        return MADE_UP.computeIfAbsent(secretName + "/" + key, k -> randomAlphaNum(24));
    }

    private static String secretValue(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        if (encoded == null) {
            throw new IllegalStateException("Secret " + secret.getMetadata().getName() + " has no key " + key);
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    /** The pod's and the container's security context as podman options. */
    static List<String> security(String name, PodSecurityContext pod, SecurityContext container) {
        List<String> args = new ArrayList<>();
        if (pod != null) {
            if (pod.getRunAsUser() != null) {
                args.add("--user=" + pod.getRunAsUser() + (pod.getRunAsGroup() != null ? ":" + pod.getRunAsGroup()
                        : ""));
            }
            if (pod.getFsGroup() != null) {
                args.add("--group-add=" + pod.getFsGroup());
            }
            if (pod.getSeccompProfile() != null && !"RuntimeDefault".equals(pod.getSeccompProfile().getType())) {
                throw new IllegalStateException(name + ": only the RuntimeDefault seccomp profile is carried over");
            }
            if (pod.getSupplementalGroups() != null && !pod.getSupplementalGroups().isEmpty()
                    || pod.getSysctls() != null && !pod.getSysctls().isEmpty()) {
                throw new IllegalStateException(name + ": supplemental groups and sysctls are not carried over");
            }
        }
        if (container != null) {
            if (Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
                args.add("--security-opt=no-new-privileges");
            }
            if (Boolean.TRUE.equals(container.getReadOnlyRootFilesystem())) {
                // only what the pod mounts is writable (podman would add tmpfs on /tmp, /run and /var/tmp)
                args.add("--read-only");
                args.add("--read-only-tmpfs=false");
            }
            if (Boolean.TRUE.equals(container.getPrivileged())) {
                throw new IllegalStateException(name + ": a privileged container is not carried over");
            }
            if (container.getCapabilities() != null) {
                for (String cap : nullToEmpty(container.getCapabilities().getDrop())) {
                    args.add("--cap-drop=" + cap);
                }
                for (String cap : nullToEmpty(container.getCapabilities().getAdd())) {
                    args.add("--cap-add=" + cap);
                }
            }
            if (container.getRunAsUser() != null || container.getRunAsGroup() != null) {
                throw new IllegalStateException(name + ": set the user in the pod's security context");
            }
        }
        return args;
    }

    /**
     * emptyDir mounts become fresh volumes (on disk like an emptyDir, writable by the pod's fsGroup); the API tokens
     * Secret becomes a read-only bind mount of the file main writes.
     */
    private static List<String> volumes(String name, List<Volume> volumes, List<VolumeMount> mounts) {
        List<String> args = new ArrayList<>();
        for (VolumeMount mount : nullToEmpty(mounts)) {
            Volume volume = nullToEmpty(volumes).stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + ": no volume " + mount.getName()));
            if (volume.getSecret() != null && TOKENS_SECRET.equals(volume.getSecret().getSecretName())) {
                if (!Boolean.TRUE.equals(mount.getReadOnly())) {
                    throw new IllegalStateException(name + ": the tokens Secret must be mounted read-only");
                }
                args.add("--mount=type=bind,source=" + secretFiles.resolve(TOKENS_SECRET) + ",destination="
                        + mount.getMountPath() + ",ro");
                continue;
            }
            if (volume.getEmptyDir() == null) {
                throw new IllegalStateException(name + ": only emptyDir volumes and the tokens Secret are carried "
                        + "over");
            }
            args.add("--mount=type=volume,source=" + name + "-" + mount.getName() + ",destination="
                    + mount.getMountPath() + (Boolean.TRUE.equals(mount.getReadOnly()) ? ",ro" : ""));
        }
        return args;
    }

    private static void probe(String name, String kind, Probe probe, Map<String, Integer> ports, List<String> out) {
        if (probe == null) {
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null) {
            throw new IllegalStateException(name + ": only HTTP GET probes are checked");
        }
        Integer port = get.getPort().getIntVal() != null ? get.getPort().getIntVal()
                : ports.get(get.getPort().getStrVal());
        if (port == null) {
            throw new IllegalStateException(name + ": the " + kind + " probe names port " + get.getPort().getStrVal()
                    + ", which the container does not have");
        }
        out.add(kind + " " + get.getPath() + " " + port);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomAlphaNum(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
