package io.tether.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.tether.socketio.annotation.OnConnect;
import io.tether.socketio.annotation.OnDisconnect;
import io.tether.socketio.annotation.OnEvent;
import io.tether.socketio.annotation.SocketNamespace;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a handler class's {@link OnConnect}, {@link OnDisconnect} and {@link OnEvent} methods once, and binds them
 * to every socket of its {@link SocketNamespace}: what {@link SocketIoServer#register} does. The rules users see
 * are documented on the {@code io.tether.socketio.annotation} package.
 */
final class AnnotatedHandlers {
    private static final Logger log = LoggerFactory.getLogger(AnnotatedHandlers.class);

    private static final MethodType INVOKER_TYPE = MethodType.methodType(Object.class, Object[].class);

    private AnnotatedHandlers() {}

    /** A handler object read for registration: its namespace, and what to do with every socket that joins it. */
    record Binding(String namespace, Consumer<Socket> onConnection) { }

    /**
     * Reads the handler's annotated methods into a binding for its namespace.
     *
     * @param mapper binds the events' arguments to the methods' parameters
     * @throws IllegalArgumentException if the handler's class has no annotated method or one that cannot be
     *         called as the annotation package describes; the message names the method
     */
    static Binding bind(Object handler, ObjectMapper mapper) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(mapper, "mapper");
        Plan plan = Plan.of(handler, mapper);
        return new Binding(plan.namespace(), plan::attach);
    }

    // ---- what registration finds in a class ----

    /** One way a parameter gets its value. */
    @FunctionalInterface
    private interface Arg {
        Object value(Socket socket, EventArgs args, Ack ack, DisconnectReason reason) throws BindingException;
    }

    /** A method ready to call: its handle takes the arguments as an {@code Object[]} and returns an Object. */
    private record HandlerMethod(String description, MethodHandle invoker, Arg[] args) {
        Object call(Socket socket, EventArgs eventArgs, Ack ack, DisconnectReason reason) throws Throwable {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].value(socket, eventArgs, ack, reason);
            }
            return (Object) invoker.invokeExact(values);
        }
    }

    private record EventMethod(String event, HandlerMethod method, boolean takesAck, boolean returnsValue) {}

    private record Plan(String namespace, List<HandlerMethod> connects, List<HandlerMethod> disconnects,
            List<EventMethod> events) {

        static Plan of(Object handler, ObjectMapper mapper) {
            Class<?> type = handler.getClass();
            SocketNamespace nsp = type.getAnnotation(SocketNamespace.class);
            String namespace = nsp == null ? "/" : nsp.value();
            List<HandlerMethod> connects = new ArrayList<>();
            List<HandlerMethod> disconnects = new ArrayList<>();
            Map<String, EventMethod> events = new LinkedHashMap<>();
            for (Method method : annotatedMethods(type)) {
                if (method.isAnnotationPresent(OnConnect.class)) {
                    connects.add(handlerMethod(handler, method, lifecycleArgs(method, false)));
                } else if (method.isAnnotationPresent(OnDisconnect.class)) {
                    disconnects.add(handlerMethod(handler, method, lifecycleArgs(method, true)));
                } else {
                    EventMethod em = eventMethod(handler, method, mapper);
                    EventMethod previous = events.putIfAbsent(em.event(), em);
                    if (previous != null) {
                        throw new IllegalArgumentException("@OnEvent(\"" + em.event() + "\") is on two methods: "
                                + previous.method().description() + " and " + describe(method));
                    }
                }
            }
            if (connects.isEmpty() && disconnects.isEmpty() && events.isEmpty()) {
                throw new IllegalArgumentException(type.getName()
                        + " has no method annotated with @OnConnect, @OnDisconnect or @OnEvent");
            }
            return new Plan(namespace, List.copyOf(connects), List.copyOf(disconnects),
                    List.copyOf(events.values()));
        }

        /** Binds the events and disconnect methods to a socket that just joined, then calls the connect ones. */
        void attach(Socket socket) {
            for (EventMethod em : events) {
                socket.on(em.event(), (args, ack) -> onEvent(socket, em, args, ack));
            }
            if (!disconnects.isEmpty()) {
                socket.onDisconnect(reason -> {
                    for (HandlerMethod c : disconnects) {
                        callLifecycle(c, socket, reason, "@OnDisconnect");
                    }
                });
            }
            for (HandlerMethod c : connects) {
                callLifecycle(c, socket, null, "@OnConnect");
            }
        }

        private void callLifecycle(HandlerMethod c, Socket socket, DisconnectReason reason, String kind) {
            try {
                c.call(socket, null, null, reason);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                log.error("socket {} ({}): {} method {} failed", socket.id(), namespace, kind, c.description(), t);
            }
        }

        private void onEvent(Socket socket, EventMethod em, EventArgs args, Ack ack) {
            TrackedAck tracked = new TrackedAck(ack);
            HandlerMethod c = em.method();
            Object[] values = new Object[c.args().length];
            try {
                for (int i = 0; i < values.length; i++) {
                    values[i] = c.args()[i].value(socket, args, tracked, null);
                }
            } catch (BindingException e) {
                String message = "invalid arguments for event \"" + em.event() + "\": " + e.getMessage();
                log.warn("socket {} ({}): {}", socket.id(), namespace, message);
                if (ack.requested()) {
                    ack.send(Map.of("error", message));
                }
                return;
            }
            Object result;
            try {
                result = (Object) c.invoker().invokeExact(values);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                log.error("socket {} ({}): {} failed on event \"{}\"", socket.id(), namespace, c.description(),
                        em.event(), t);
                if (ack.requested() && !tracked.sent()) {
                    ack.send(Map.of("error", "internal error"));
                }
                return;
            }
            if (em.returnsValue() && !em.takesAck() && ack.requested()) {
                ack.send(new Object[] {result});
            }
        }
    }

    /** Remembers whether the method answered, so that a failure after an answer does not answer again. */
    private static final class TrackedAck implements Ack {
        private final Ack delegate;
        private final AtomicBoolean sent = new AtomicBoolean();

        TrackedAck(Ack delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(Object... args) {
            sent.set(true);
            delegate.send(args);
        }

        @Override
        public boolean requested() {
            return delegate.requested();
        }

        boolean sent() {
            return sent.get();
        }
    }

    /** An argument that does not fit its parameter; the message is sent to the client. */
    private static final class BindingException extends Exception {
        BindingException(String message) {
            super(message, null, false, false);
        }
    }

    // ---- reading a class ----

    /**
     * The annotated methods of a class and its superclasses, whatever their visibility, in a stable order
     * (superclasses first, then by name; private and static ones last). A method overridden by an annotated one is left out; one overridden
     * by a method without annotations keeps its annotations, and calls dispatch to the override.
     */
    private static List<Method> annotatedMethods(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        Map<String, Method> bySignature = new LinkedHashMap<>();
        List<Method> privateOrStatic = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, Comparator.comparing(Method::getName).thenComparing(Method::toString));
            for (Method m : declared) {
                if (m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                int count = (m.isAnnotationPresent(OnConnect.class) ? 1 : 0)
                        + (m.isAnnotationPresent(OnDisconnect.class) ? 1 : 0)
                        + (m.isAnnotationPresent(OnEvent.class) ? 1 : 0);
                if (count > 1) {
                    throw new IllegalArgumentException(describe(m)
                            + " has more than one of @OnConnect, @OnDisconnect and @OnEvent");
                }
                if (Modifier.isPrivate(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
                    if (count == 1) {
                        privateOrStatic.add(m);
                    }
                    continue;
                }
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                if (count == 1) {
                    bySignature.put(signature, m); // an annotated override replaces the overridden method
                }
            }
        }
        List<Method> result = new ArrayList<>(bySignature.values());
        result.addAll(privateOrStatic);
        return result;
    }

    private static HandlerMethod handlerMethod(Object handler, Method method, Arg[] args) {
        return new HandlerMethod(describe(method), invoker(handler, method), args);
    }

    private static MethodHandle invoker(Object handler, Method method) {
        try {
            method.setAccessible(true);
        } catch (InaccessibleObjectException | SecurityException e) {
            throw new IllegalArgumentException(describe(method) + " is not accessible (open its package to"
                    + " Tether's module): " + e.getMessage(), e);
        }
        MethodHandle handle;
        try {
            handle = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(describe(method) + " is not accessible: " + e.getMessage(), e);
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            handle = handle.bindTo(handler);
        }
        return handle.asSpreader(Object[].class, method.getParameterCount()).asType(INVOKER_TYPE);
    }

    /**
     * The parameters of an {@code @OnConnect} (Socket) or {@code @OnDisconnect} (Socket, the reason as a
     * DisconnectReason or its wire name) method.
     */
    private static Arg[] lifecycleArgs(Method method, boolean disconnect) {
        String kind = disconnect ? "@OnDisconnect" : "@OnConnect";
        Parameter[] params = method.getParameters();
        Arg[] args = new Arg[params.length];
        Map<Class<?>, Integer> seen = new HashMap<>();
        for (int i = 0; i < params.length; i++) {
            Class<?> type = params[i].getType();
            if (type == Socket.class) {
                args[i] = (socket, eventArgs, ack, reason) -> socket;
            } else if (disconnect && type == DisconnectReason.class) {
                args[i] = (socket, eventArgs, ack, reason) -> reason;
            } else if (disconnect && type == String.class) {
                args[i] = (socket, eventArgs, ack, reason) -> reason.wireName();
            } else {
                throw new IllegalArgumentException(kind + " method " + describe(method) + ": parameter "
                        + describeParameter(params[i], i) + " is not supported; " + kind + " methods may take "
                        + (disconnect ? "the Socket and the reason (a DisconnectReason or a String)" : "the Socket"));
            }
            checkOnce(method, params[i], i, seen);
        }
        return args;
    }

    private static EventMethod eventMethod(Object handler, Method method, ObjectMapper mapper) {
        String event = method.getAnnotation(OnEvent.class).value();
        if (event == null || event.isEmpty()) {
            throw new IllegalArgumentException("@OnEvent method " + describe(method) + ": the event name is empty");
        }
        if (EventPackets.isReserved(event)) {
            throw new IllegalArgumentException("@OnEvent method " + describe(method) + ": \"" + event
                    + "\" is a reserved event name that clients cannot send; use @OnConnect or @OnDisconnect");
        }
        Parameter[] params = method.getParameters();
        Type[] genericTypes = method.getGenericParameterTypes();
        Arg[] args = new Arg[params.length];
        Map<Class<?>, Integer> seen = new HashMap<>();
        boolean takesAck = false;
        int payloadIndex = 0;
        for (int i = 0; i < params.length; i++) {
            Class<?> type = params[i].getType();
            if (type == Socket.class) {
                args[i] = (socket, eventArgs, ack, reason) -> socket;
                checkOnce(method, params[i], i, seen);
            } else if (type == Ack.class) {
                args[i] = (socket, eventArgs, ack, reason) -> ack;
                takesAck = true;
                checkOnce(method, params[i], i, seen);
            } else if (type == EventArgs.class) {
                args[i] = (socket, eventArgs, ack, reason) -> eventArgs;
                checkOnce(method, params[i], i, seen);
            } else {
                Type generic = i < genericTypes.length ? genericTypes[i] : type;
                args[i] = payloadArg(method, params[i], i, generic, payloadIndex++, mapper);
            }
        }
        boolean returnsValue = method.getReturnType() != void.class;
        return new EventMethod(event, handlerMethod(handler, method, args), takesAck, returnsValue);
    }

    private static void checkOnce(Method method, Parameter param, int index, Map<Class<?>, Integer> seen) {
        Integer previous = seen.putIfAbsent(param.getType(), index);
        if (previous != null) {
            throw new IllegalArgumentException(describe(method) + ": parameters " + (previous + 1) + " and "
                    + (index + 1) + " are both " + param.getType().getSimpleName() + "; declare it once");
        }
    }

    /** A payload parameter: bound from the event's argument at {@code argIndex}. */
    private static Arg payloadArg(Method method, Parameter param, int paramIndex, Type generic, int argIndex,
            ObjectMapper mapper) {
        Class<?> raw = param.getType();
        if (generic instanceof TypeVariable<?> || generic instanceof WildcardType) {
            throw unsupported(method, param, paramIndex, "a type variable cannot be bound from JSON");
        }
        String pkg = raw.getPackageName();
        if (pkg.equals("io.tether.socketio") || pkg.equals("io.tether.engine")) {
            throw unsupported(method, param, paramIndex, "only Socket, Ack and EventArgs are injected");
        }
        String typeName = raw.getSimpleName();
        if (raw == byte[].class) {
            return (socket, args, ack, reason) -> {
                if (argIndex >= args.size() || args.get(argIndex).isNull()) {
                    return null;
                }
                try {
                    return args.bytes(argIndex);
                } catch (IllegalArgumentException e) {
                    throw new BindingException(e.getMessage());
                }
            };
        }
        if (raw == JsonNode.class) {
            return (socket, args, ack, reason) -> argIndex < args.size() ? args.get(argIndex) : null;
        }
        JavaType javaType;
        try {
            javaType = mapper.constructType(generic);
        } catch (IllegalArgumentException e) {
            throw unsupported(method, param, paramIndex, e.getMessage());
        }
        checkDeserializable(method, param, paramIndex, javaType, mapper);
        boolean primitive = raw.isPrimitive();
        boolean parameterized = !(generic instanceof Class<?>);
        return (socket, args, ack, reason) -> {
            if (argIndex >= args.size()) {
                if (primitive) {
                    throw new BindingException("argument " + argIndex + " is missing (" + article(typeName)
                            + " is required)");
                }
                return null;
            }
            Object value;
            if (parameterized) {
                try {
                    value = mapper.treeToValue(args.get(argIndex), javaType);
                } catch (JsonProcessingException e) {
                    throw new BindingException("argument " + argIndex + " is not " + article(typeName) + ": "
                            + e.getOriginalMessage());
                } catch (IllegalArgumentException e) {
                    throw new BindingException("argument " + argIndex + " is not " + article(typeName) + ": "
                            + e.getMessage());
                }
            } else {
                try {
                    value = args.get(argIndex, raw);
                } catch (IllegalArgumentException e) {
                    throw new BindingException(e.getMessage());
                }
            }
            if (value == null && primitive) {
                throw new BindingException("argument " + argIndex + " is null (" + article(typeName)
                        + " is required)");
            }
            return value;
        };
    }

    /** Fails registration for types Jackson cannot build, such as interfaces without type information. */
    private static void checkDeserializable(Method method, Parameter param, int index, JavaType type,
            ObjectMapper mapper) {
        if (!(mapper.getDeserializationContext() instanceof DefaultDeserializationContext context)) {
            return;
        }
        JsonDeserializer<Object> deserializer;
        try {
            deserializer = context.createDummyInstance(mapper.getDeserializationConfig())
                    .findRootValueDeserializer(type);
        } catch (Exception e) {
            throw unsupported(method, param, index, "the ObjectMapper cannot bind it: " + e.getMessage());
        }
        if (deserializer instanceof AbstractDeserializer) {
            throw unsupported(method, param, index, "the ObjectMapper cannot bind an abstract type"
                    + " without type information");
        }
    }

    private static IllegalArgumentException unsupported(Method method, Parameter param, int index, String why) {
        return new IllegalArgumentException("@OnEvent method " + describe(method) + ": parameter "
                + describeParameter(param, index) + " is not supported (" + why + ")");
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ")) + ")";
    }

    private static String describeParameter(Parameter param, int index) {
        String type = param.getParameterizedType().getTypeName().replaceAll("\\b[a-z][\\w]*\\.", "");
        return (param.isNamePresent() ? param.getName() : String.valueOf(index + 1)) + " of type " + type;
    }

    private static String article(String typeName) {
        return ("aeiouAEIOU".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }
}
