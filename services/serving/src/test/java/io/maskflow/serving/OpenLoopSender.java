package io.maskflow.serving;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP/1.1 load generator: sends one fixed POST at a fixed rate whatever the answers do, and times
 * every answer from when its request was <em>due</em>, so a server that falls behind shows it in the tail instead
 * of slowing the sender down (what a closed-loop tool such as {@code wrk} hides). One thread, non-blocking sockets
 * and a request serialised once: a few microseconds of a core per request, so that on a machine it shares with the
 * server the sender keeps its rate (Java's {@code HttpClient}, used before, did not at 80 % of the peak on two
 * cores). A request goes out on an idle keep-alive connection, on a new one while there are fewer than
 * {@code maxConnections}, else it waits for the first connection to come free, its clock running.
 */
final class OpenLoopSender {

    /**
     * What one run saw: requests due, 2xx answers, the rest (other statuses, broken connections, no answer within
     * 30 s of the end), the 2xx answers' latencies in ms from when each was due, and how late the sender put each
     * request on the wire (ms after it was due; waiting for a free connection counts).
     */
    record Result(int due, int ok, int failed, double seconds, double[] okLatenciesMs, double[] sentLateMs,
            int connections) {

        double okPerSecond() {
            return ok / seconds;
        }

        double percentile(double q) {
            return percentile(okLatenciesMs, q);
        }

        static double percentile(double[] values, double q) {
            if (values.length == 0) {
                return Double.NaN;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
        }
    }

    /** A growing list of doubles. */
    private static final class Samples {
        private double[] values = new double[1024];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private static final long DRAIN_NANOS = 30_000_000_000L;

    private final InetSocketAddress address;
    private final byte[] request;
    private final int maxConnections;
    private final Selector selector;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final Deque<Long> backlog = new ArrayDeque<>();
    private int open;
    private int opened;
    private int ok;
    private int failed;
    private final Samples latencies = new Samples();
    private final Samples late = new Samples();

    private OpenLoopSender(URI uri, Map<String, String> headers, byte[] body, int maxConnections) throws IOException {
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        StringBuilder head = new StringBuilder("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        this.request = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        this.maxConnections = maxConnections;
        this.selector = Selector.open();
    }

    /** Sends {@code rate} requests a second for {@code seconds}, then waits up to 30 s for the last answers. */
    static Result run(URI uri, Map<String, String> headers, byte[] body, double rate, double seconds,
            int maxConnections) throws IOException {
        if (rate <= 0 || seconds <= 0 || maxConnections < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "rate %.1f/s, %.1f s, %d connections: all must be positive", rate, seconds, maxConnections));
        }
        OpenLoopSender sender = new OpenLoopSender(uri, headers, body, maxConnections);
        try {
            return sender.send(rate, seconds);
        } finally {
            sender.selector.close();
        }
    }

    private Result send(double rate, double seconds) throws IOException {
        long interval = Math.max(1, Math.round(1e9 / rate));
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long next = start;
        int due = 0;
        while (true) {
            long now = System.nanoTime();
            for (; next <= now && next < end; next += interval) {
                dispatch(next);
                due++;
            }
            boolean sending = next < end;
            if (!sending && open - idle.size() == 0 && backlog.isEmpty()) {
                break;
            }
            if (now > end + DRAIN_NANOS) {
                failed += backlog.size() + open - idle.size();
                break;
            }
            long wait = sending ? next - now : 50_000_000L;
            if (wait >= 1_000_000) {
                selector.select(wait / 1_000_000);
            } else if (selector.selectNow() == 0 && wait > 0) {
                LockSupport.parkNanos(wait);
            }
            for (SelectionKey key : selector.selectedKeys()) {
                handle(key);
            }
            selector.selectedKeys().clear();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        return new Result(due, ok, failed, elapsed, latencies.toArray(), late.toArray(), opened);
    }

    /** A request falls due: on an idle connection, a new one, or into the backlog. */
    private void dispatch(long dueNanos) throws IOException {
        Connection connection = idle.poll();
        if (connection != null) {
            try {
                connection.start(dueNanos);
            } catch (IOException e) {
                // the server closed it while it was idle: not this request's fault, try another
                connection.close();
                dispatch(dueNanos);
            }
        } else if (open < maxConnections) {
            SocketChannel channel = SocketChannel.open();
            connection = new Connection(channel);
            open++;
            opened++;
            connection.due = dueNanos;
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (channel.connect(address)) {
                    connection.start(dueNanos);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, connection);
                }
            } catch (IOException e) {
                connection.fail();
            }
        } else {
            backlog.add(dueNanos);
        }
    }

    private void handle(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isConnectable()) {
                if (connection.channel.finishConnect()) {
                    connection.start(connection.due);
                }
            } else if (key.isWritable()) {
                connection.write();
            } else if (key.isReadable()) {
                connection.read();
            }
        } catch (IOException | RuntimeException e) {
            // a broken connection, or an answer this parser cannot read (a malformed status line or length)
            connection.fail();
        }
    }

    /** One keep-alive connection: at most one request on it at a time. */
    private final class Connection {

        private final SocketChannel channel;
        private final ByteBuffer out = ByteBuffer.wrap(request);
        private byte[] in = new byte[8192];
        private int length;
        private long due;
        /** Whether an answer has come on this connection: a later close before any byte means it went stale. */
        private boolean served;
        /** How late the request on this connection went out, ms; counted once the request ends (NaN: none). */
        private double sentLate = Double.NaN;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void start(long dueNanos) throws IOException {
            due = dueNanos;
            out.clear();
            length = 0;
            write();
            sentLate = (System.nanoTime() - dueNanos) / 1e6;
        }

        void write() throws IOException {
            channel.write(out);
            channel.register(selector, out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ, this);
        }

        void read() throws IOException {
            if (length == in.length) {
                in = Arrays.copyOf(in, in.length * 2);
            }
            int n = channel.read(ByteBuffer.wrap(in, length, in.length - length));
            if (n < 0 && length == 0 && served) {
                // the server closed this keep-alive connection after its last answer, before reading this request
                // (an idle timeout, or no "Connection: close" said): not this request's fault, send it again
                long again = due;
                close();
                dispatch(again);
                return;
            }
            if (n < 0) {
                throw new IOException("the server closed the connection before answering");
            }
            length += n;
            int status = HttpAnswer.complete(in, length);
            if (status == 0) {
                return;
            }
            served = true;
            ended();
            if (status >= 200 && status < 300) {
                ok++;
                latencies.add((System.nanoTime() - due) / 1e6);
            } else {
                failed++;
            }
            if (HttpAnswer.closes(in, length)) {
                close();
            } else {
                free();
            }
        }

        /** Takes the next waiting request, else waits idle. */
        private void free() throws IOException {
            Long waiting = backlog.poll();
            if (waiting != null) {
                start(waiting);
            } else {
                channel.register(selector, 0, this);
                idle.add(this);
            }
        }

        void fail() {
            failed++;
            ended();
            close();
        }

        /** The request on this connection got its answer or failed: how late it went out joins the samples. */
        private void ended() {
            if (!Double.isNaN(sentLate)) {
                late.add(sentLate);
                sentLate = Double.NaN;
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
            open--;
            idle.remove(this);
            Long waiting = backlog.poll();
            if (waiting != null) {
                try {
                    dispatch(waiting);
                } catch (IOException e) {
                    failed++;
                }
            }
        }
    }

    /** Just enough of HTTP/1.1 answers to know when one is complete and how it ended. */
    static final class HttpAnswer {

        private HttpAnswer() {
        }

        /** The status code once the whole answer is in {@code bytes[0, length)}, 0 before that. */
        static int complete(byte[] bytes, int length) {
            int headEnd = indexOf(bytes, length, "\r\n\r\n", 0);
            if (headEnd < 0) {
                return 0;
            }
            String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            int bodyStart = headEnd + 4;
            String contentLength = header(head, "content-length");
            boolean done;
            if (contentLength != null) {
                done = length - bodyStart >= Long.parseLong(contentLength.trim());
            } else if ("chunked".equals(header(head, "transfer-encoding"))) {
                done = chunkedEnd(bytes, length, bodyStart);
            } else {
                done = true;
            }
            return done ? Integer.parseInt(head.substring(9, 12)) : 0;
        }

        /** Whether the server said it closes the connection after this answer. */
        static boolean closes(byte[] bytes, int length) {
            int headEnd = indexOf(bytes, length, "\r\n\r\n", 0);
            String head = new String(bytes, 0, Math.max(0, headEnd), StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
            return "close".equals(header(head, "connection"));
        }

        private static boolean chunkedEnd(byte[] bytes, int length, int from) {
            int at = from;
            while (true) {
                int lineEnd = indexOf(bytes, length, "\r\n", at);
                if (lineEnd < 0) {
                    return false;
                }
                String size = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = size.indexOf(';');
                long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (chunk == 0) {
                    return indexOf(bytes, length, "\r\n\r\n", lineEnd) >= 0;
                }
                at = (int) (lineEnd + 2 + chunk + 2);
                if (at > length) {
                    return false;
                }
            }
        }

        private static String header(String head, String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        private static int indexOf(byte[] bytes, int length, String pattern, int from) {
            byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
            outer:
            for (int i = from; i <= length - p.length; i++) {
                for (int j = 0; j < p.length; j++) {
                    if (bytes[i + j] != p[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
