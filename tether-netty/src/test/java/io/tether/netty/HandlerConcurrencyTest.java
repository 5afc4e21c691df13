package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.Manager;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.SocketIoOptions;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Where and in what order handlers run: a handler that blocks holds up only its own socket, one socket's
 * events are handled one at a time in arrival order while different sockets' handlers run in parallel, on
 * virtual threads on Java 21+ (a pool on 17) by default, or on the Netty event loop with inline handlers.
 *
 * <p>CI runs this class on the default JDK (17) and again on JDK 25.
 */
class HandlerConcurrencyTest extends JavaClientTestSupport {
    private static final int SLOW_HANDLER_MILLIS = 2_000;
    private static final int ECHOES = 20;
    private static final long MAX_ECHO_MILLIS = 500;
    private static final int EVENTS = 200;

    /** An echo's answer and the time the client received it. */
    private record Answer(Object[] args, long atNanos) { }

    private static CompletableFuture<Answer> emitTimed(io.socket.client.Socket client, String event,
            Object... args) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        client.emit(event, args, reply -> answer.complete(new Answer(reply, System.nanoTime())));
        return answer;
    }

    /** Adds the "slow" (blocks two seconds, then acks) and "echo" handlers to the main namespace. */
    private void slowAndEchoHandlers(CompletableFuture<Void> slowStarted) {
        socketIo.onConnection(socket -> {
            socket.on("slow", (args, ack) -> {
                slowStarted.complete(null);
                Thread.sleep(SLOW_HANDLER_MILLIS); // a blocking call inside a handler, on purpose
                ack.send("slow done");
            });
            socket.on("echo", (args, ack) -> ack.send(args.toArray()));
        });
    }

    /** Echoes as many times as the test will, before it starts, so that the JIT has compiled the echo path. */
    private static void warmUp(io.socket.client.Socket client) {
        for (int i = 0; i < ECHOES; i++) {
            result(emitTimed(client, "echo", "warm-up"));
        }
    }

    /**
     * Sends {@link #ECHOES} echoes one after the other and checks each round trip; returns when the last
     * answer came.
     */
    private static long echoesEachAnsweredQuickly(io.socket.client.Socket client) {
        long lastAnswerAt = 0;
        long slowest = 0;
        for (int i = 0; i < ECHOES; i++) {
            long sentAt = System.nanoTime();
            Answer answer = result(emitTimed(client, "echo", i));
            long millis = TimeUnit.NANOSECONDS.toMillis(answer.atNanos() - sentAt);
            assertThat(answer.args()).containsExactly(i);
            assertThat(millis).as("round trip of echo %d in ms", i).isLessThan(MAX_ECHO_MILLIS);
            lastAnswerAt = answer.atNanos();
            slowest = Math.max(slowest, millis);
        }
        System.out.printf("%d echoes while a handler blocked, slowest round trip %d ms%n", ECHOES, slowest);
        return lastAnswerAt;
    }

    // ---- a blocking handler holds up only its own socket ----

    @Test
    void blockingHandlerOfOneSocketDoesNotDelayAnotherSocketsEchoes() {
        CompletableFuture<Void> slowStarted = new CompletableFuture<>();
        start(SocketIoOptions.defaults());
        slowAndEchoHandlers(slowStarted);
        listen();
        io.socket.client.Socket slow = connected(options("websocket"));
        io.socket.client.Socket fast = connected(options("websocket"));
        warmUp(fast);

        CompletableFuture<Answer> slowAnswer = emitTimed(slow, "slow");
        result(slowStarted);
        long lastEchoAt = echoesEachAnsweredQuickly(fast);

        Answer slowDone = result(slowAnswer);
        assertThat(slowDone.args()).containsExactly("slow done");
        assertThat(lastEchoAt).as("the last echo came before the slow handler's ack")
                .isLessThan(slowDone.atNanos());
    }

    @Test
    void blockingHandlerDoesNotDelayAnotherNamespaceOnTheSameConnection() {
        CompletableFuture<Void> slowStarted = new CompletableFuture<>();
        start(SocketIoOptions.defaults());
        slowAndEchoHandlers(slowStarted);
        socketIo.of("/other").onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.toArray())));
        listen();
        Manager manager = manager(options("websocket"));
        io.socket.client.Socket slow = connect(track(manager.socket("/")));
        io.socket.client.Socket fast = connect(track(manager.socket("/other")));
        warmUp(fast);

        CompletableFuture<Answer> slowAnswer = emitTimed(slow, "slow");
        result(slowStarted);
        long lastEchoAt = echoesEachAnsweredQuickly(fast);

        Answer slowDone = result(slowAnswer);
        assertThat(slowDone.args()).containsExactly("slow done");
        assertThat(lastEchoAt).isLessThan(slowDone.atNanos());
    }

    // ---- the default executor ----

    @Test
    void defaultExecutorRunsHandlersOnVirtualThreadsFromJava21AndPlatformThreadsBefore() throws Exception {
        CompletableFuture<Thread> handlerThread = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(socket -> socket.on("where", (args, ack) -> {
            handlerThread.complete(Thread.currentThread());
            ack.send();
        })));
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("where", new Object[0], args -> { });

        Thread thread = result(handlerThread);
        boolean virtual = isVirtual(thread);
        int feature = Runtime.version().feature();
        System.out.printf("Java %d: handlers run on %s (%s)%n", feature,
                virtual ? "virtual threads" : "platform threads", thread);
        assertThat(virtual).as("handler thread %s on Java %d is virtual", thread, feature).isEqualTo(feature >= 21);
        if (!virtual) {
            assertThat(thread.getName()).startsWith("tether-handler-");
        }
    }

    /** {@code Thread.isVirtual()}, by reflection: the tests compile at release 17, where it does not exist. */
    private static boolean isVirtual(Thread thread) throws Exception {
        Method isVirtual;
        try {
            isVirtual = Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException e) {
            return false;
        }
        return (Boolean) isVirtual.invoke(thread);
    }

    // ---- order within a socket, parallelism across sockets ----

    /** A handler for "n" that records the number, sometimes sleeping a little to provoke reordering. */
    private static void recordNumbers(io.tether.socketio.Socket socket, List<Integer> recorded,
            AtomicInteger running, AtomicInteger maxRunning) {
        socket.on("n", (args, ack) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (ThreadLocalRandom.current().nextInt(4) == 0) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                }
                recorded.add(args.get(0).asInt());
            } finally {
                running.decrementAndGet();
            }
        });
    }

    private static List<Integer> zeroTo(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static void sendNumbers(io.socket.client.Socket client) {
        for (int i = 0; i < EVENTS; i++) {
            client.emit("n", i);
        }
    }

    @Test
    void oneSocketsEventsAreHandledInArrivalOrder() {
        List<Integer> recorded = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.onConnection(socket -> recordNumbers(socket, recorded, new AtomicInteger(),
                new AtomicInteger())));
        io.socket.client.Socket client = connected(options("websocket"));

        sendNumbers(client);

        await().atMost(TIMEOUT).until(() -> recorded.size() >= EVENTS);
        assertThat(recorded).containsExactlyElementsOf(zeroTo(EVENTS));
    }

    @Test
    void oneSocketsEventsAreHandledInArrivalOrderOverPolling() {
        List<Integer> recorded = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.onConnection(socket -> recordNumbers(socket, recorded, new AtomicInteger(),
                new AtomicInteger())));
        io.socket.client.Socket client = connected(options("polling"));

        sendNumbers(client);

        await().atMost(TIMEOUT).until(() -> recorded.size() >= EVENTS);
        assertThat(recorded).containsExactlyElementsOf(zeroTo(EVENTS));
    }

    @Test
    void oneSocketsHandlersNeverOverlap() {
        List<Integer> recorded = new CopyOnWriteArrayList<>();
        AtomicInteger maxRunning = new AtomicInteger();
        startDefault(sio -> sio.onConnection(socket -> recordNumbers(socket, recorded, new AtomicInteger(),
                maxRunning)));
        io.socket.client.Socket client = connected(options("websocket"));

        sendNumbers(client);

        await().atMost(TIMEOUT).until(() -> recorded.size() >= EVENTS);
        assertThat(maxRunning).hasValue(1);
    }

    @Test
    void differentSocketsHandlersRunAtTheSameTime() {
        CountDownLatch bothInside = new CountDownLatch(2);
        startDefault(sio -> sio.onConnection(socket -> socket.on("meet", (args, ack) -> {
            bothInside.countDown();
            // true only if the other socket's handler is running at the same time
            ack.send(bothInside.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        })));
        io.socket.client.Socket first = connected(options("websocket"));
        io.socket.client.Socket second = connected(options("websocket"));

        CompletableFuture<Answer> firstMet = emitTimed(first, "meet");
        CompletableFuture<Answer> secondMet = emitTimed(second, "meet");

        assertThat(result(firstMet).args()).containsExactly(true);
        assertThat(result(secondMet).args()).containsExactly(true);
    }

    // ---- inline handlers ----

    @Test
    void inlineHandlersRunOnANettyEventLoopThread() {
        CompletableFuture<Thread> handlerThread = new CompletableFuture<>();
        start(SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
        socketIo.onConnection(socket -> socket.on("where", (args, ack) -> {
            handlerThread.complete(Thread.currentThread());
            ack.send(Thread.currentThread().getName());
        }));
        listen();
        io.socket.client.Socket client = connected(options("websocket"));

        Answer answer = result(emitTimed(client, "where"));

        Thread thread = result(handlerThread);
        // TetherServer uses Netty's epoll transport when available, NIO otherwise; their default thread names
        assertThat(thread.getName()).matches("(epoll|nio)EventLoopGroup-\\d+-\\d+");
        assertThat(thread).isInstanceOf(io.netty.util.concurrent.FastThreadLocalThread.class);
        assertThat(answer.args()).containsExactly(thread.getName());
    }

    @Test
    void inlineHandlersKeepOneSocketsEventsInArrivalOrder() {
        List<Integer> recorded = new CopyOnWriteArrayList<>();
        start(SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
        socketIo.onConnection(socket -> socket.on("n", (args, ack) -> recorded.add(args.get(0).asInt())));
        listen();
        io.socket.client.Socket client = connected(options("websocket"));

        sendNumbers(client);

        await().atMost(TIMEOUT).until(() -> recorded.size() >= EVENTS);
        assertThat(recorded).containsExactlyElementsOf(zeroTo(EVENTS));
    }

    // ---- a custom executor ----

    @Test
    void customHandlerExecutorRunsHandlersInArrivalOrder() {
        List<Integer> recorded = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger counter = new AtomicInteger();
        // idle threads time out by themselves, so the pool needs no shutdown after the server has stopped
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 1,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "custom-handler-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        start(SocketIoOptions.builder().handlerExecution(HandlerExecution.executor(pool)).build());
        socketIo.onConnection(socket -> socket.on("n", (args, ack) -> {
            threads.add(Thread.currentThread().getName());
            recorded.add(args.get(0).asInt());
        }));
        listen();
        io.socket.client.Socket client = connected(options("websocket"));

        sendNumbers(client);

        await().atMost(TIMEOUT).until(() -> recorded.size() >= EVENTS);
        assertThat(recorded).containsExactlyElementsOf(zeroTo(EVENTS));
        assertThat(new ArrayList<>(threads)).allSatisfy(name -> assertThat(name).startsWith("custom-handler-"));
    }
}
