package dev.accountd.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a server (PostgreSQL) that a test can freeze: frozen connections stay open but carry nothing in
 * either direction, as a half-open connection behind a dead network path would. New connections are relayed.
 */
public final class FreezableProxy implements AutoCloseable {
    private final ServerSocket listening;
    private final String targetHost;
    private final int targetPort;
    private final List<Pipe> open = new CopyOnWriteArrayList<>();

    private static final class Pipe {
        final Socket client;
        final Socket server;
        volatile boolean frozen;

        Pipe(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }
    }

    public FreezableProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "freezable-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() { return listening.getLocalPort(); }

    /** Stops relaying on every connection open now; they stay open. */
    public void freezeOpenConnections() {
        for (Pipe p : open) p.frozen = true;
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(targetHost, targetPort);
                Pipe pipe = new Pipe(client, server);
                open.add(pipe);
                relay(pipe, client, server);
                relay(pipe, server, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void relay(Pipe pipe, Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    while (pipe.frozen) Thread.sleep(50); // hold what arrived: nothing passes any more
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            }
        }, "freezable-proxy-relay");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listening.close();
        for (Pipe p : open) {
            p.client.close();
            p.server.close();
        }
    }
}
