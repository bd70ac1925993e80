package io.llmload.client;

import static io.llmload.client.ScriptedServer.DONE;
import static io.llmload.client.ScriptedServer.ROLE;
import static io.llmload.client.ScriptedServer.content;
import static io.llmload.client.ScriptedServer.sse;
import static io.llmload.client.ScriptedServer.usage;
import static io.llmload.client.ScriptedServer.writeSpaced;

import io.llmload.testkit.TestPki;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTPS chat server with a self-signed certificate ({@link TestPki}) for
 * 127.0.0.1; {@link #caPem()} is that certificate, to be trusted as a private CA. It streams a
 * one-token answer to every request.
 */
public final class SelfSignedHttps implements AutoCloseable {
    private final HttpServer server;
    private final Path caPem;

    private SelfSignedHttps(HttpServer server, Path caPem) {
        this.server = server;
        this.caPem = caPem;
    }

    public static SelfSignedHttps start(Vertx vertx, Path dir) throws Exception {
        TestPki.Issued issued = TestPki.issue(dir, "self-signed-https", "EC");
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(issued.p12().toString()).setPassword(TestPki.PASSWORD)));
        server.requestHandler(req -> req.body().onSuccess(b ->
                writeSpaced(vertx, sse(req), 2, ROLE, content("secure"), usage(3, 1), DONE)));
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new SelfSignedHttps(server, issued.cert());
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + server.actualPort() + "/v1";
    }

    public Path caPem() {
        return caPem;
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
