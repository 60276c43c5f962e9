package dev.preflight.sandbox;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;

/** A selector provider (set with -Djava.nio.channels.spi.SelectorProvider) that records and refuses every channel. */
public final class RefusingSelectorProvider extends SelectorProvider {

    private static IOException refused(String what) {
        NoSideEffectsMain.ATTEMPTS.add("NIO " + what);
        return new IOException("network refused in this test: " + what);
    }

    @Override
    public DatagramChannel openDatagramChannel() throws IOException {
        throw refused("datagram channel");
    }

    @Override
    public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
        throw refused("datagram channel");
    }

    @Override
    public Pipe openPipe() throws IOException {
        throw refused("pipe");
    }

    @Override
    public AbstractSelector openSelector() throws IOException {
        throw refused("selector");
    }

    @Override
    public ServerSocketChannel openServerSocketChannel() throws IOException {
        throw refused("server socket channel");
    }

    @Override
    public SocketChannel openSocketChannel() throws IOException {
        throw refused("socket channel");
    }
}
