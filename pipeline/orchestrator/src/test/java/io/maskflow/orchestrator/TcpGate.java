package io.maskflow.orchestrator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder on a local port in front of a server, which a test shuts (every connection through it cut, new
 * ones refused) and opens again on the same port: a dependency taken away from a service for a while, as a store
 * outage does, without stopping the server other tests share.
 */
final class TcpGate implements AutoCloseable {

    private final InetSocketAddress target;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-gate");
        thread.setDaemon(true);
        return thread;
    });
    private final int port;
    private ServerSocket listening;

    private TcpGate(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listening = bind(0);
        this.port = listening.getLocalPort();
        accept(listening);
    }

    /** Opens a gate to {@code host:port}. */
    static TcpGate to(String host, int port) throws IOException {
        return new TcpGate(new InetSocketAddress(host, port));
    }

    /** The local port clients connect to. */
    int port() {
        return port;
    }

    /** Refuses new connections and cuts the open ones. */
    synchronized void shut() throws IOException {
        if (listening != null) {
            listening.close();
            listening = null;
        }
        for (Socket socket : connections) {
            socket.close();
        }
        connections.clear();
    }

    /** Takes connections again, on the same port. */
    synchronized void open() throws IOException {
        if (listening == null) {
            listening = bind(port);
            accept(listening);
        }
    }

    @Override
    public void close() throws IOException {
        shut();
        threads.shutdownNow();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return server;
    }

    private void accept(ServerSocket server) {
        threads.submit(() -> {
            while (!server.isClosed()) {
                Socket client;
                Socket upstream;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    continue; // shut: the loop ends
                }
                try {
                    upstream = new Socket(target.getAddress(), target.getPort());
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                connections.add(client);
                connections.add(upstream);
                threads.submit(() -> pump(client, upstream));
                threads.submit(() -> pump(upstream, client));
            }
        });
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // cut by shut() or by either end
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        connections.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
