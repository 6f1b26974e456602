package org.journeyplatform.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a server, which a test can cut off and bring back on the same port: while it is down,
 * connections are refused and open ones are dropped, exactly as clients see a server that stopped. Frozen, it accepts
 * connections but passes no byte either way, as clients see a network that drops packets.
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private final Object frozenLock = new Object();
    private volatile boolean frozen;
    private volatile byte[] trapMarker;
    private volatile Cut trapCut;
    private final java.util.concurrent.atomic.AtomicInteger cuts = new java.util.concurrent.atomic.AtomicInteger();

    /** Where {@link #cutAtCommitOf} drops a connection. */
    public enum Cut {
        /** The COMMIT never reaches the server: it rolls the transaction back. */
        BEFORE_COMMIT,
        /** The COMMIT reaches the server, which commits; its answer never reaches the client. */
        AFTER_COMMIT
    }

    public TcpProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    public int port() {
        return port;
    }

    /** Passes no more bytes, either way, on any connection, until {@link #thaw()}; nothing is closed. */
    public void freeze() {
        frozen = true;
    }

    public void thaw() {
        synchronized (frozenLock) {
            frozen = false;
            frozenLock.notifyAll();
        }
    }

    private void awaitThawed() throws java.io.InterruptedIOException {
        synchronized (frozenLock) {
            while (frozen) {
                try {
                    frozenLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
        }
    }

    /**
     * Arms a trap for one transaction: the first connection that sends the marker to the server (a value bound to a
     * statement, such as an idempotency key or a date in an event) is dropped at its next COMMIT, at the given point.
     * The client then sees its connection lost during the commit, not knowing whether it was made. The COMMIT is
     * recognised by its text: the client must send it unencrypted and not as a server-prepared statement (with the
     * PostgreSQL driver: {@code sslmode=disable&prepareThreshold=0}).
     */
    public void cutAtCommitOf(String marker, Cut cut) {
        trapCut = cut;
        trapMarker = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** How many connections a trap of {@link #cutAtCommitOf} has dropped. */
    public int cuts() {
        return cuts.get();
    }

    private static final byte[] COMMIT = "COMMIT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean contains(byte[] buffer, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Accepts connections (again). */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Refuses new connections and drops every open one. */
    public synchronized void stop() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        server = null;
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(target);
                pump(client, target, true);
                pump(target, client, false);
            } catch (IOException e) {
                // closed: stopped
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toServer) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    boolean marked = false;
                    boolean leaveServerSide = false;
                    try {
                        // not closed by try-with-resources: closing a socket's stream closes the socket, and after a
                        // cut
                        // after the COMMIT the server's side stays open until the server has answered
                        InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream();
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            awaitThawed();
                            if (toServer) {
                                byte[] marker = trapMarker;
                                if (!marked && marker != null && contains(buffer, read, marker)) {
                                    synchronized (this) {
                                        marked = trapMarker == marker;
                                        if (marked) {
                                            trapMarker = null;
                                        }
                                    }
                                }
                                if (marked && contains(buffer, read, COMMIT)) {
                                    cuts.incrementAndGet();
                                    // the client's side first, so that no answer to the COMMIT can reach it
                                    from.close();
                                    if (trapCut == Cut.AFTER_COMMIT) {
                                        out.write(buffer, 0, read);
                                        out.flush();
                                        // the server reads the COMMIT, then the end of its input; its answer is dropped
                                        to.shutdownOutput();
                                        leaveServerSide = true;
                                    }
                                    break;
                                }
                            }
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side closed
                    } finally {
                        try {
                            from.close();
                            if (!leaveServerSide) {
                                to.close();
                            }
                        } catch (IOException ignored) {
                            // already closed
                        }
                        open.remove(from);
                        if (!leaveServerSide) {
                            open.remove(to);
                        }
                    }
                },
                "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        thaw();
        stop();
    }
}
