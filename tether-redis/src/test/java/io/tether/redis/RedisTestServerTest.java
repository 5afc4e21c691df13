package io.tether.redis;

import io.tether.testkit.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisTestServerTest {
    @Test
    void startsARealRedisThatAnswersPing() throws Exception {
        try (RedisTestServer redis = RedisTestServer.start(); Socket socket = new Socket("127.0.0.1", redis.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            assertThat(in.readNBytes(answer, 0, 7)).isEqualTo(7);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }
}
