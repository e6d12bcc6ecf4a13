package io.maskflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service is taken for started only on its own word: another process answering on its port (a service given the
 * same port) does not count.
 */
class ServiceProcessTest {

    private HttpServer other;
    private int port;
    private File log;

    /** Another process's health endpoint on the port, answering 200 as a started service would. */
    @BeforeEach
    void anotherServiceOnThePort() throws IOException {
        port = ServiceProcess.freePort();
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        other.createContext("/q/health/live", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        other.start();
        log = Files.createTempFile("service-", ".log").toFile();
    }

    @AfterEach
    void stop() {
        other.stop(0);
        log.delete();
    }

    @Test
    void aServiceThatCouldNotBindItsPortIsNotTakenForTheOneAnswering() throws Exception {
        Process losing = new ProcessBuilder("sh", "-c", "sleep 1; echo 'ERROR [io.quarkus.runtime.Application] "
                + "(main) Port " + port + " seems to be in use by another process.'; exit 1").redirectOutput(log)
                .start();
        ServiceProcess service = ServiceProcess.of("orchestrator", losing, port, log);

        assertThatThrownBy(() -> service.awaitStarted("/q/health/live", Duration.ofSeconds(20)))
                .isInstanceOf(ServiceProcess.PortTaken.class)
                .hasMessageContaining("orchestrator exited before it listened on port " + port)
                .hasMessageContaining("seems to be in use");
    }

    @Test
    void aServiceThatFailsForAnotherReasonIsNotTakenForAPortTaken() throws Exception {
        Process failing = new ProcessBuilder("sh", "-c", "echo 'ERROR no such bucket'; exit 1").redirectOutput(log)
                .start();

        assertThatThrownBy(() -> ServiceProcess.of("serving", failing, port, log)
                .awaitStarted("/q/health/live", Duration.ofSeconds(20)))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("no such bucket");
    }

    @Test
    void aServiceIsStartedOnceItsLogSaysItListensAndItsHealthAnswers() throws Exception {
        Process starting = new ProcessBuilder("sh", "-c", "sleep 1; echo 'INFO [io.quarkus] maskflow-serving "
                + "started in 2.1s. Listening on: http://0.0.0.0:" + port + "'; sleep 30").redirectOutput(log).start();
        try {
            ServiceProcess.of("serving", starting, port, log).awaitStarted("/q/health/live", Duration.ofSeconds(20));
            assertThat(Files.readString(log.toPath())).contains("Listening on");
        } finally {
            starting.destroyForcibly();
        }
    }

    @Test
    void aLogLineForAnotherPortIsNotTheServicesOwn() throws Exception {
        Process starting = new ProcessBuilder("sh", "-c", "echo 'Listening on: http://0.0.0.0:" + port
                + "1'; sleep 30").redirectOutput(log).start();
        try {
            assertThatThrownBy(() -> ServiceProcess.of("serving", starting, port, log)
                    .awaitStarted("/q/health/live", Duration.ofSeconds(2)))
                    .hasMessageContaining("did not say it listens on port " + port);
        } finally {
            starting.destroyForcibly();
        }
    }

    @Test
    void freePortsAreNeverHandedOutTwice() throws IOException {
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assertThat(given.add(ServiceProcess.freePort())).as("port handed out twice after %d", i).isTrue();
        }
        assertThat(List.copyOf(given)).hasSize(2000);
    }
}
