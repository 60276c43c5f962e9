package dev.preflight.sandbox;

import dev.preflight.cli.Console;
import dev.preflight.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLStreamHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs command lines with every way out to the network refused and recorded; prints the attempts
 * (none expected) and exits with the commands' exit codes. Started in a JVM of its own by
 * {@link NoSideEffectsTest}, with its temporary directory, home and working directory empty.
 */
public final class NoSideEffectsMain {

    static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    private NoSideEffectsMain() {
    }

    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws IOException {
        Socket.setSocketImplFactory(() -> {
            ATTEMPTS.add("socket");
            throw new IllegalStateException("network refused in this test: socket");
        });
        ServerSocket.setSocketFactory(() -> {
            ATTEMPTS.add("server socket");
            throw new IllegalStateException("network refused in this test: server socket");
        });
        DatagramSocket.setDatagramSocketImplFactory(() -> {
            ATTEMPTS.add("datagram socket");
            throw new IllegalStateException("network refused in this test: datagram socket");
        });
        URL.setURLStreamHandlerFactory(protocol -> switch (protocol) {
            case "http", "https", "ftp", "ldap", "ldaps", "mailto" -> new URLStreamHandler() {
                @Override
                protected java.net.URLConnection openConnection(URL u) throws IOException {
                    ATTEMPTS.add("URL " + u);
                    throw new IOException("network refused in this test: " + u);
                }
            };
            default -> null;
        });
        StringBuilder codes = new StringBuilder();
        // Each argument is one command line, words separated by '|'.
        for (String command : args) {
            if (command.equals("probe-network")) {
                probe(); // shows that the guards catch an attempt: the test would fail if one were made
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err), Map.of(), false);
            int code = Main.run(console, command.split("\\|"));
            codes.append(code).append(' ');
            if (err.size() > 0) {
                System.err.print(err);
            }
        }
        System.out.println("exit codes: " + codes.toString().strip());
        System.out.println("network attempts: " + ATTEMPTS);
    }

    private static void probe() {
        try (Socket s = new Socket("127.0.0.1", 9)) {
            s.getInputStream();
        } catch (IOException | RuntimeException e) {
            // refused, as it should be
        }
        try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open()) {
            c.isOpen();
        } catch (IOException | RuntimeException e) {
            // refused
        }
        try {
            new URL("https://login.microsoftonline.com/").openConnection().connect();
        } catch (IOException | RuntimeException e) {
            // refused
        }
    }
}
