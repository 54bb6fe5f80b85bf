package dev.hexsnap.demo.stage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Picks loopback ports for the programs the demo starts: the usual one when it is free, so
 * the URLs a newcomer reads are the documented ones, else any free port.
 */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** {@code preferred} when nothing listens there, else any free port. */
    public static int freeOr(int preferred) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", preferred), 200);
        } catch (IOException nothingThere) {
            return preferred;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on this machine", e);
        }
    }
}
